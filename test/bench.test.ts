import { generatePlaces } from '../bench/data/places';
import { Register } from '../bench/data/register';
import { generateTrips } from '../bench/data/trips';
import { apiSettings, configurations, parseProcessCounts, parseSharedBudget } from '../bench/lib/cluster';
import { backendTicksSpent, clusterTicks, cpuSpent, msPerRequest, parseStat, processesTicks } from '../bench/lib/cpu';
import { connectionTargets } from '../bench/lib/load';
import { cpuTable, throughputTable, totals } from '../bench/lib/scale-report';
import { Random } from '../bench/lib/random';
import { verdicts } from '../bench/lib/report';
import { MIX, nestingDepth, SEARCH } from '../bench/mix';

function register(seed: number): Register {
  const random = new Random(seed);
  const made = new Register(random, [{ id: '00000000-0000-4000-8000-000000000001', slug: 'culture' }], '2026-06-30');
  made.sourceIds.push('00000000-0000-4000-8000-000000000002');
  return made;
}

describe('benchmark data', () => {
  it('is the same for the same seed and differs for another', () => {
    const first = generatePlaces(register(7), 200).municipalities.rows;
    const again = generatePlaces(register(7), 200).municipalities.rows;
    const other = generatePlaces(register(8), 200).municipalities.rows;
    expect(again).toEqual(first);
    expect(other[0][0]).not.toEqual(first[0][0]);
    expect(new Set(first.map((row) => row[1])).size).toBe(200);
  });

  it("keeps each city's mayors one at a time, and sends delegations of 2 to 20 people", () => {
    const made = register(3);
    const { mayoralTerms } = generatePlaces(made, 300);
    for (const terms of made.terms.values()) {
      for (let i = 1; i < terms.length; i++) expect(terms[i - 1].until! < terms[i].since).toBe(true);
    }
    expect(mayoralTerms.rows.length).toBeGreaterThan(0);
    made.rank();
    const { tables } = generateTrips(made, 500);
    const members = tables.find((table) => table.table === 'delegation_member')!.rows;
    const sizes = new Map<unknown, number>();
    for (const row of members) sizes.set(row[0], (sizes.get(row[0]) ?? 0) + 1);
    expect(Math.min(...sizes.values())).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual(20);
  });

  it('draws hubs far more often than the tail (a power law of partners)', () => {
    const made = register(5);
    generatePlaces(made, 1000);
    made.rank();
    const hits = new Map<string, number>();
    for (let i = 0; i < 20000; i++) {
      const place = made.draw();
      hits.set(place.id, (hits.get(place.id) ?? 0) + 1);
    }
    const counts = [...hits.values()].sort((a, b) => b - a);
    expect(counts[0]).toBeGreaterThan(20 * counts[Math.floor(counts.length / 2)]);
  });
});

describe('statement bound of the mix', () => {
  it('counts every level of fields with selections, fragments inlined', () => {
    expect(nestingDepth('{ a { b { c } } d }')).toBe(2);
    expect(
      nestingDepth('query { node(id: "x") { ... on A { s { p } } ...F } } fragment F on B { t { u { v } } }'),
    ).toBe(3);
    expect(Object.fromEntries(MIX.map((query) => [query.name, nestingDepth(query.api)]))).toEqual({
      'city card': 3,
      'agreements page': 5,
      'agreements next page': 5,
      "host's visits in a year": 5,
      'dashboard stats': 1,
      'network depth 2': 3,
      'node lookup': 2,
    });
    expect(nestingDepth(SEARCH.api)).toBe(1);
  });
});

describe('the verdict', () => {
  const measured = (statements: { min: number; max: number }) => ({
    requests: 10,
    requestsPerSecond: 100,
    latencyMs: { p50: 5, p95: 8, p99: 9, max: 10 },
    statements,
    errors: 0,
    firstError: null,
    peakRssBytes: 2 ** 27,
  });
  const query = (max: number) => ({
    name: 'city card',
    contract: '01',
    depth: 3,
    statementBound: 4,
    results: { api: measured({ min: 2, max }), floor: measured({ min: 1, max: 1 }) },
    floorCheck: { compared: 5, equal: 5, firstDifference: null },
  });

  it('fails on statements above depth + 1 and passes at the bound', () => {
    expect(verdicts([query(4)]).failures).toEqual([]);
    expect(verdicts([query(5)]).failures).toEqual(['city card: 5 SQL statements per request, above depth 3 + 1 = 4']);
  });
});

describe('scale-out options', () => {
  it('reads --processes as distinct counts and names the option when it is wrong', () => {
    expect(parseProcessCounts('1,2,3')).toEqual([1, 2, 3]);
    expect(parseProcessCounts(' 3 , 1 ')).toEqual([3, 1]);
    for (const bad of ['0', '1.5', 'two', '', '17', '1,,2'])
      expect(() => parseProcessCounts(bad)).toThrow(
        `--processes must be a list of whole numbers from 1 to 16, like 1,2,3 (got "${bad}")`,
      );
    expect(() => parseProcessCounts('1,2,1')).toThrow('--processes lists a number twice (got "1,2,1")');
    expect(parseSharedBudget('redis')).toBe('redis');
    expect(() => parseSharedBudget('memcached')).toThrow('--shared-budget must be "none" or "redis" (got "memcached")');
  });

  it('runs each count on the primary, then the largest with the replica, each process told where to read', () => {
    const replica = 'postgres://postgres@127.0.0.1:5433/bench';
    const sets = configurations([1, 2, 3], replica);
    expect(sets.map((set) => [set.label, set.processes, set.replicaUrls])).toEqual([
      ['1 process', 1, []],
      ['2 processes', 2, []],
      ['3 processes', 3, []],
      ['3 processes + 1 replica', 3, [replica]],
    ]);
    expect(configurations([2], null).map((set) => set.label)).toEqual(['2 processes']);
    expect(apiSettings(sets[0], 'none')).toEqual({});
    expect(apiSettings(sets[3], 'redis')).toEqual({
      DATABASE_REPLICA_URLS: replica,
      REDIS_URL: 'redis://127.0.0.1:6379',
      RATE_BUDGET_STORE: 'redis',
    });
  });

  it('spreads connections round-robin over the processes', () => {
    expect(connectionTargets(['a', 'b', 'c'], 8)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b']);
    expect(connectionTargets(['a', 'b', 'c'], 18).filter((url) => url === 'c')).toHaveLength(6);
    expect(() => connectionTargets([], 4)).toThrow('connectionTargets: no server to drive');
  });
});

describe('CPU accounting', () => {
  // Fields 14 to 17 (utime stime cutime cstime) are 120 30 900 100; the name holds ") (".
  const line = (pid: number, ppid: number, name: string, times: string) =>
    `${pid} (${name}) S ${ppid} 5 5 0 -1 4194368 2622 0 0 0 ${times} 20 0 1 0 4087 222994432 36329`;

  it('reads ppid and CPU from /proc/<pid>/stat whatever the command name holds', () => {
    expect(parseStat(line(2222, 2221, 'postgres: 15/main: a) (b', '120 30 900 100'))).toEqual({
      pid: 2222,
      ppid: 2221,
      ownTicks: 150,
      reapedChildrenTicks: 1000,
    });
    expect(() => parseStat('garbage')).toThrow('not a /proc/<pid>/stat line: garbage');
  });

  it("charges a cluster its postmaster, its live children and the children it reaped, nothing else's", () => {
    const stats = [
      parseStat(line(10, 1, 'postgres', '5 5 400 100')),
      parseStat(line(11, 10, 'postgres: checkpointer', '7 3 0 0')),
      parseStat(line(12, 10, 'postgres: bench', '60 20 0 0')),
      parseStat(line(20, 1, 'postgres', '1000 1000 1000 1000')),
      parseStat(line(21, 20, 'postgres: startup', '50 50 0 0')),
      parseStat(line(30, 1, 'node', '300 100 0 0')),
    ];
    expect(clusterTicks(10, stats)).toBe(10 + 500 + 10 + 80);
    expect(processesTicks([30, 12, 99], stats)).toBe(400 + 80);
  });

  it('counts what backends spent between readings, a new one from zero, and per request in ms', () => {
    const reading = (api: number, cluster: number, backends: Array<[number, number]>) => ({
      api,
      primary: { cluster, backends: new Map(backends) },
      replicas: [{ cluster: cluster * 2, backends: new Map(backends) }],
    });
    expect(
      backendTicksSpent(
        new Map([[12, 80]]),
        new Map([
          [12, 95],
          [13, 4],
        ]),
      ),
    ).toBe(15 + 4);
    const before = reading(400, 1000, [
      [12, 80],
      [14, 7],
    ]);
    const after = reading(700, 1300, [
      [12, 180],
      [15, 20],
    ]);
    expect(cpuSpent(before, after)).toEqual({
      api: 300,
      primary: 300,
      primaryBackends: 120,
      replicas: 600,
      replicaBackends: 120,
    });
    expect(cpuSpent({ ...before, primary: null, replicas: [] }, { ...after, primary: null, replicas: [] })).toEqual({
      api: 300,
      primary: null,
      primaryBackends: null,
      replicas: null,
      replicaBackends: null,
    });
    expect(msPerRequest(300, 100, 600)).toBe(5);
    expect(msPerRequest(null, 100, 600)).toBeNull();
    expect(msPerRequest(300, 100, 0)).toBeNull();
  });
});

describe('the scale-out tables', () => {
  const row = (configuration: string, requests: number, p99: number, api: number, replicas: number | null) => ({
    configuration,
    processes: 3,
    replicas: replicas === null ? 0 : 1,
    query: 'node lookup',
    load: {
      requests,
      requestsPerSecond: requests / 10,
      latencyMs: { p50: 5, p95: 8, p99, max: 30 },
      statements: { min: 2, max: 2 },
      errors: 0,
      firstError: null,
    },
    ticks: { api, primary: 300, primaryBackends: 200, replicas, replicaBackends: replicas && 0 },
    answers: { compared: 15, equal: 15, firstDifference: null },
  });

  it('puts each configuration side by side and charges CPU per request', () => {
    const rows = [row('3 processes', 10000, 12.34, 500, null), row('3 processes + 1 replica', 8000, 20, 400, 40)];
    expect(throughputTable(rows).split('\n')).toEqual([
      '| query | 3 processes: req/s | p99 ms | 3 processes + 1 replica: req/s | p99 ms |',
      '|---|---:|---:|---:|---:|',
      '| node lookup | 1000 | 12.3 | 800 | 20.0 |',
    ]);
    expect(cpuTable(rows, 100).split('\n').slice(2)).toEqual([
      '| 3 processes | node lookup | 10000 | 0 | 15/15 | 0.50 | 0.20 | 0.30 | — | — |',
      '| 3 processes | **all queries** | 10000 | 0 |  | 0.50 | 0.20 | 0.30 | — | — |',
      '| 3 processes + 1 replica | node lookup | 8000 | 0 | 15/15 | 0.50 | 0.25 | 0.38 | 0.00 | 0.05 |',
      '| 3 processes + 1 replica | **all queries** | 8000 | 0 |  | 0.50 | 0.25 | 0.38 | 0.00 | 0.05 |',
    ]);
    expect(totals([rows[0], rows[0]])).toEqual({
      requests: 20000,
      ticks: { api: 1000, primary: 600, primaryBackends: 400, replicas: null, replicaBackends: null },
    });
  });
});
