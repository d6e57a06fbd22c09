import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { testDatabaseKind } from './helpers/database';
import { makeKey } from './helpers/keys';
import { eventually, liveClient, subscribe } from './helpers/live-client';
import { Key, writeHarness } from './helpers/mutations';
import { startPeerServer, startTestServer, TestServer } from './helpers/server';

/**
 * Read replicas with read-your-writes (issue 18), on real streaming replicas of the test
 * cluster: scripts/replica.sh builds them with pg_basebackup on ports 5433 and 5434 (CI runs
 * it too). Pausing a replica's replay (pg_wal_replay_pause) makes it as stale as a test needs.
 * Server PostgreSQL only: the embedded database is one process with no replicas.
 */
const REPLICA_PORTS = [5433, 5434];
const replicated = testDatabaseKind() === 'server' ? describe : describe.skip;

const TEHRAN = toGlobalId('Municipality', SEED.municipality.tehran);
const MOSCOW = toGlobalId('Municipality', SEED.municipality.moscow);
const NODE = 'query Node($id: ID!) { node(id: $id) { id } }';

interface Answer {
  status: number;
  body: { data?: any; errors?: Array<{ message: string; extensions?: Record<string, unknown> }>; extensions?: any };
  headers: Headers;
}

async function post(api: TestServer, query: string, variables: object, headers: Record<string, string> = {}) {
  const response = await fetch(api.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json(), headers: response.headers } as Answer;
}

/** Runs `sql` on replica `n` (1 or 2), in its `postgres` database: replay control is per server. */
async function onReplica(n: number, sql: string): Promise<Array<Record<string, unknown>>> {
  const client = new Client({ host: '127.0.0.1', port: REPLICA_PORTS[n - 1], user: 'postgres', database: 'postgres' });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

async function pauseReplay(n: number): Promise<void> {
  await onReplica(n, 'SELECT pg_wal_replay_pause()');
  await eventually(
    async () => (await onReplica(n, 'SELECT pg_get_wal_replay_pause_state() AS state'))[0].state === 'paused',
    `replica ${n} paused`,
  );
}

const resumeReplay = (n: number) => onReplica(n, 'SELECT pg_wal_replay_resume()');

function replicaScript(action: 'start' | 'stop', n: number): void {
  execFileSync('bash', [path.resolve(__dirname, '../scripts/replica.sh'), action, String(n)], { stdio: 'pipe' });
}

replicated('read replicas', () => {
  /** Lenient about lag, so that paused replicas keep serving stale reads. */
  let api: TestServer;
  /** The same database with REPLICA_MAX_LAG_MS 300: a paused replica is soon skipped. */
  let strict: TestServer;
  let editor: Key;
  const { mutate } = writeHarness(() => api, ['agreement']);

  beforeAll(async () => {
    replicaScript('start', 1);
    replicaScript('start', 2);
    api = await startTestServer({
      seeded: true,
      replicaPorts: REPLICA_PORTS,
      env: { REPLICA_MAX_LAG_MS: '600000', REPLICA_CHECK_INTERVAL_MS: '100', RESPONSE_CACHE_MB: '16' },
    });
    editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Replica editor');
    strict = await startPeerServer(api, { REPLICA_MAX_LAG_MS: '300', REPLICA_CHECK_INTERVAL_MS: '100' }, REPLICA_PORTS);
    for (const server of [api, strict]) {
      await eventually(
        () => server.server.services.reads.stats().replicas.every((replica) => replica.up),
        'both replicas up',
      );
    }
  }, 60_000);

  afterAll(async () => {
    for (const n of [1, 2]) {
      replicaScript('start', n);
      await resumeReplay(n).catch(() => undefined);
    }
    await strict?.stop();
    await api?.stop();
  });

  /** A protocol written over HTTP: its global id, and the consistency token its answer carried. */
  const writeProtocol = async (title: string) => {
    const written = await post(
      api,
      `mutation { createAgreement(input: { kind: PROTOCOL, titles: [{ lang: "en", value: "${title}" }], partyIds: ["${TEHRAN}", "${MOSCOW}"], separateInstrument: true }) { agreement { id } } }`,
      {},
      editor.headers,
    );
    return {
      id: written.body.data.createAgreement.agreement.id as string,
      token: written.headers.get('x-consistency-token')!,
    };
  };

  const createProtocol = async (title: string) => {
    const { response, result } = await mutate(
      'createAgreement',
      'agreement { id }',
      {
        kind: 'PROTOCOL',
        titles: [{ lang: 'en', value: title }],
        partyIds: [TEHRAN, MOSCOW],
        separateInstrument: true,
      },
      editor,
    );
    expect([response.errors, result.userErrors]).toEqual([undefined, []]);
    return result.agreement.id as string;
  };

  test('queries take turns on the replicas; a mutation, and what it reads, uses the primary and returns its token', async () => {
    const sources: string[] = [];
    for (let i = 0; i < 4; i++) {
      const answer = await post(api, NODE, { id: TEHRAN });
      expect(answer.body).toEqual({ data: { node: { id: TEHRAN } }, extensions: expect.any(Object) });
      sources.push(answer.headers.get('x-read-source')!);
    }
    expect(new Set(sources)).toEqual(new Set(['replica-1', 'replica-2']));
    expect(sources[0]).not.toBe(sources[1]);
    expect(sources[0]).toBe(sources[2]);

    const written = await post(
      api,
      `mutation { createAgreement(input: { kind: PROTOCOL, titles: [{ lang: "en", value: "Token" }], partyIds: ["${TEHRAN}", "${MOSCOW}"], separateInstrument: true }) { agreement { id parties { id } } userErrors { message } } }`,
      {},
      editor.headers,
    );
    expect(written.body.data.createAgreement.userErrors).toEqual([]);
    expect(written.body.data.createAgreement.agreement.parties).toHaveLength(2);
    expect(written.headers.get('x-read-source')).toBe('primary');
    const token = written.body.extensions.consistency.token;
    expect(token).toMatch(/^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/);
    expect(written.headers.get('x-consistency-token')).toBe(token);

    const metrics = await (await fetch(api.server.url.replace(/graphql$/, 'metrics'))).text();
    expect(metrics).toMatch(/^db_replica_up\{replica="replica-1"\} 1$/m);
    expect(metrics).toMatch(/^db_replica_up\{replica="replica-2"\} 1$/m);
    const routed = Number(/^db_reads_routed_total\{source="replica-1"\} (\d+)$/m.exec(metrics)?.[1]);
    expect(routed).toBeGreaterThanOrEqual(2);
  });

  test('with replay paused, a read with the token sees the write (the primary answers); without it a replica answers, stale but without error', async () => {
    await pauseReplay(1);
    await pauseReplay(2);
    try {
      const { id, token } = await writeProtocol('Paused');

      const withToken = await post(api, NODE, { id }, { 'x-consistency-token': token });
      expect([withToken.status, withToken.body.data, withToken.body.errors]).toEqual([
        200,
        { node: { id } },
        undefined,
      ]);
      expect(withToken.headers.get('x-read-source')).toBe('primary');

      for (let i = 0; i < 2; i++) {
        const without = await post(api, NODE, { id });
        expect([without.status, without.body.data, without.body.errors]).toEqual([200, { node: null }, undefined]);
        expect(without.headers.get('x-read-source')).toMatch(/^replica-[12]$/);
      }

      // An anonymous GET the response cache keeps: read at the version it is kept under, so
      // from the primary while the replicas are behind, never a stale answer cached as new.
      const search = new URLSearchParams({ query: NODE, variables: JSON.stringify({ id }) });
      const cached = await fetch(`${api.server.url}?${search}`, { headers: { 'apollo-require-preflight': 'true' } });
      expect([cached.headers.get('x-read-source'), cached.headers.get('x-response-cache')]).toEqual([
        'primary',
        'miss',
      ]);
      expect(((await cached.json()) as Answer['body']).data).toEqual({ node: { id } });
    } finally {
      await resumeReplay(1);
      await resumeReplay(2);
    }
  });

  test('once replay resumes, a read with the token is served by a replica', async () => {
    const { id, token } = await writeProtocol('Resumed');
    let last: Answer | undefined;
    await eventually(async () => {
      last = await post(api, NODE, { id }, { 'x-consistency-token': token });
      return last.headers.get('x-read-source') !== 'primary';
    }, 'a replica that has replayed the token');
    expect(last!.body.data).toEqual({ node: { id } });
  });

  test('a lagging replica is skipped, and takes reads again once it catches up', async () => {
    await pauseReplay(1);
    try {
      await createProtocol('Lag');
      await eventually(
        () => strict.server.services.reads.stats().replicas[0].lagMs > 300,
        'replica-1 seen lagging by the strict server',
      );
      // Replica-2 never gets a read while replica-1 lags; on a busy cluster replica-2 may lag
      // for a moment too (replaying another test's CREATE DATABASE), and then the primary answers.
      const sources = new Set<string>();
      for (let i = 0; i < 6; i++) {
        const answer = await post(strict, NODE, { id: TEHRAN });
        expect(answer.body.errors).toBeUndefined();
        sources.add(answer.headers.get('x-read-source')!);
      }
      expect(sources.has('replica-1')).toBe(false);
      expect([...sources].filter((source) => source !== 'primary' && source !== 'replica-2')).toEqual([]);
    } finally {
      await resumeReplay(1);
    }
    await eventually(async () => {
      const answer = await post(strict, NODE, { id: TEHRAN });
      return answer.headers.get('x-read-source') === 'replica-1';
    }, 'replica-1 taking reads again');
  });

  test('a replica that goes down moves reads to the others, without a failed read, and back when it returns', async () => {
    replicaScript('stop', 2);
    try {
      for (let i = 0; i < 6; i++) {
        const answer = await post(api, NODE, { id: TEHRAN });
        expect([answer.status, answer.body.data, answer.body.errors]).toEqual([
          200,
          { node: { id: TEHRAN } },
          undefined,
        ]);
      }
      await eventually(() => !api.server.services.reads.stats().replicas[1].up, 'replica-2 seen down');
      const sources = new Set<string>();
      for (let i = 0; i < 4; i++) sources.add((await post(api, NODE, { id: TEHRAN })).headers.get('x-read-source')!);
      expect([...sources]).toEqual(['replica-1']);
    } finally {
      replicaScript('start', 2);
    }
    await eventually(() => api.server.services.reads.stats().replicas[1].up, 'replica-2 back up');
    const sources = new Set<string>();
    for (let i = 0; i < 4; i++) sources.add((await post(api, NODE, { id: TEHRAN })).headers.get('x-read-source')!);
    expect(sources).toEqual(new Set(['replica-1', 'replica-2']));
  });

  test("a live query's runs read at the change's version: paused replicas never hide a change from it", async () => {
    const client = liveClient(api);
    try {
      const live = subscribe(
        client,
        `subscription { live { agreements(first: 50, filter: { kinds: [PROTOCOL] }) { totalCount } } }`,
      );
      const [first] = await live.received(1);
      const before = first.data.live.agreements.totalCount;
      await pauseReplay(1);
      await pauseReplay(2);
      try {
        const primaryReads = api.server.services.reads.stats().primaryReads;
        await createProtocol('Live on replicas');
        const [, second] = await live.received(2);
        expect(second).toEqual({ data: { live: { agreements: { totalCount: before + 1 } } } });
        expect(api.server.services.reads.stats().primaryReads).toBeGreaterThan(primaryReads);
      } finally {
        await resumeReplay(1);
        await resumeReplay(2);
      }
      live.end();
    } finally {
      await client.dispose();
    }
  });

  test('a consistency token that is not one is refused, naming the header; one from the future goes to the primary', async () => {
    for (const token of ['nonsense', '1/2/3', 'G/0', `${'F'.repeat(9)}/0`, 'x'.repeat(5000), "0/0'; DROP TABLE x"]) {
      const answer = await post(api, NODE, { id: TEHRAN }, { 'x-consistency-token': token });
      expect([answer.status, answer.body.errors?.[0].extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
      expect(answer.body.errors?.[0].message).toMatch(/^x-consistency-token: /);
    }
    const future = await post(api, NODE, { id: TEHRAN }, { 'x-consistency-token': 'FFFFFFFF/FFFFFFFF' });
    expect([future.status, future.body.data, future.headers.get('x-read-source')]).toEqual([
      200,
      { node: { id: TEHRAN } },
      'primary',
    ]);
  });
});

describe('consistency tokens on any database', () => {
  let api: TestServer;
  let editor: Key;
  beforeAll(async () => {
    api = await startTestServer({ seeded: true });
    editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Token editor');
  });
  afterAll(() => api.stop());

  test('every mutation returns the position of its commit, later for a later commit; queries read the primary', async () => {
    const create = (title: string) =>
      post(
        api,
        `mutation { createAgreement(input: { kind: PROTOCOL, titles: [{ lang: "en", value: "${title}" }], partyIds: ["${TEHRAN}", "${MOSCOW}"], separateInstrument: true }) { userErrors { message } } }`,
        {},
        editor.headers,
      );
    const [first, second] = [await create('First token'), await create('Second token')];
    const tokens = [first, second].map((answer) => answer.body.extensions.consistency.token as string);
    expect(tokens.map((token) => /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/.test(token))).toEqual([true, true]);
    expect([first, second].map((answer) => answer.headers.get('x-consistency-token'))).toEqual(tokens);
    const position = (token: string) => token.split('/').reduce((high, low) => high * 2 ** 32 + parseInt(low, 16), 0);
    expect(position(tokens[1])).toBeGreaterThan(position(tokens[0]));

    const read = await post(api, NODE, { id: TEHRAN }, { 'x-consistency-token': tokens[1] });
    expect([read.status, read.body.data, read.headers.get('x-read-source')]).toEqual([
      200,
      { node: { id: TEHRAN } },
      'primary',
    ]);
    expect(read.body.extensions.consistency).toBeUndefined();
    const refused = await post(api, NODE, { id: TEHRAN }, { 'x-consistency-token': 'yesterday' });
    expect([refused.status, refused.body.errors?.[0].extensions?.field]).toEqual([400, 'x-consistency-token']);
  });
});
