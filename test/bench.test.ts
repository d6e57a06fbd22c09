import { generatePlaces } from '../bench/data/places';
import { Register } from '../bench/data/register';
import { generateTrips } from '../bench/data/trips';
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
