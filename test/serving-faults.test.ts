import { startTestServer, TestServer } from './helpers/server';

/**
 * PostgreSQL going away under traffic, through a TCP proxy the test cuts and restores: requests
 * fail fast with DATABASE_UNAVAILABLE (503), readiness turns false, and the same process serves
 * again once the database is back; no write acknowledged in between is lost.
 */
let api: TestServer;
let base: string;
beforeAll(async () => {
  api = await startTestServer({ seeded: false, viaProxy: true, env: { DATABASE_CONNECT_TIMEOUT_MS: '1000' } });
  base = api.server.url.replace(/\/graphql$/, '');
  // A probe table of this test's own database, written through the server's pool (via the proxy).
  await api.database.dataSource.query('CREATE TABLE fault_probe (id integer PRIMARY KEY)');
});
let stopWriting = () => {};
afterEach(() => stopWriting());
afterAll(async () => {
  await api?.stop();
});

const query = '{ municipalities(first: 5) { totalCount nodes { slug } } }';

async function ask() {
  const response = await fetch(api.server.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as {
    data?: unknown;
    errors?: Array<{ message: string; extensions: { code: string } }>;
  };
  return { status: response.status, codes: (body.errors ?? []).map((error) => error.extensions.code), body };
}

async function readiness() {
  const response = await fetch(`${base}/readyz`);
  return { status: response.status, body: await response.json() };
}

/** Writes through the server's pool, one transaction each; returns the ids whose commit was acknowledged. */
async function writeWhile(running: () => boolean, from: number): Promise<{ acknowledged: number[]; failed: number }> {
  const acknowledged: number[] = [];
  let failed = 0;
  for (let id = from; running(); id += 1) {
    try {
      await api.server.services.dataSource.transaction((manager) =>
        manager.query('INSERT INTO fault_probe (id) VALUES ($1)', [id]),
      );
      acknowledged.push(id);
    } catch {
      failed += 1;
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { acknowledged, failed };
}

test('database cut under traffic: 503 DATABASE_UNAVAILABLE, not ready, then serving again by itself', async () => {
  expect((await ask()).status).toBe(200);
  expect((await readiness()).status).toBe(200);

  let writing = true;
  const writes = writeWhile(() => writing, 1);
  // A failed expectation below must not leave the writer looping (it would hold the pool).
  stopWriting = () => (writing = false);
  const traffic = Promise.all(Array.from({ length: 8 }, () => ask()));
  await new Promise((resolve) => setTimeout(resolve, 50));
  await api.proxy!.cut();
  const duringCut = await Promise.all(Array.from({ length: 8 }, () => ask()));
  await traffic;

  for (const answer of duringCut) {
    expect(answer.status).toBe(503);
    expect(answer.codes).toEqual(['DATABASE_UNAVAILABLE']);
    expect(JSON.stringify(answer.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack/);
  }
  const asked = Date.now();
  const notReady = await readiness();
  expect(notReady).toEqual({
    status: 503,
    body: { ready: false, database: false, migrations: false, stopping: false, reason: 'database unreachable' },
  });
  // Well inside a probe's timeout (Kubernetes waits 1 s by default).
  expect(Date.now() - asked).toBeLessThan(800);

  await api.proxy!.restore();
  let answer = await ask();
  for (let attempt = 0; attempt < 20 && answer.status !== 200; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    answer = await ask();
  }
  expect(answer).toMatchObject({
    status: 200,
    codes: [],
    body: { data: { municipalities: { totalCount: 0, nodes: [] } } },
  });
  expect(await readiness()).toEqual({
    status: 200,
    body: { ready: true, database: true, migrations: true, stopping: false },
  });

  writing = false;
  const { acknowledged, failed } = await writes;
  // Writes after the restore went through; those during the cut failed, none hung.
  expect(acknowledged.length).toBeGreaterThan(0);
  expect(failed).toBeGreaterThan(0);
  const stored = (await api.database.dataSource.query('SELECT id FROM fault_probe ORDER BY id')).map(
    (row: { id: number }) => row.id,
  );
  expect(stored).toEqual(expect.arrayContaining(acknowledged));
});

test('the pool recovers after repeated cuts', async () => {
  for (let round = 0; round < 3; round += 1) {
    await api.proxy!.cut();
    expect((await ask()).status).toBe(503);
    await api.proxy!.restore();
    let answer = await ask();
    for (let attempt = 0; attempt < 20 && answer.status !== 200; attempt += 1) answer = await ask();
    expect(answer.status).toBe(200);
  }
});

test('every connection busy: 503 SERVER_BUSY after the wait, not DATABASE_UNAVAILABLE, then serving again', async () => {
  // Hold every connection of the server's pool in an open transaction.
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const pool = api.server.services.dataSource;
  const size = (pool.driver as unknown as { master: { options: { max: number } } }).master.options.max;
  const holders = Array.from({ length: size }, () =>
    pool.transaction(async (manager) => {
      await manager.query('SELECT 1');
      await released;
    }),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  const busy = await ask();
  expect(busy.status).toBe(503);
  expect(busy.codes).toEqual(['SERVER_BUSY']);
  expect(JSON.stringify(busy.body)).toMatch(/the server is busy/);
  // Readiness waits less than a probe would (and less than the pool's 1000 ms): not ready, and why.
  expect(await readiness()).toEqual({
    status: 503,
    body: {
      ready: false,
      database: false,
      migrations: false,
      stopping: false,
      reason: 'database did not answer within 800 ms',
    },
  });
  release();
  await Promise.all(holders);
  expect((await ask()).status).toBe(200);
});
