import net from 'node:net';
import { Client } from 'pg';
import { loadConfig } from '../src/config';
import { LISTEN_APPLICATION_NAME } from '../src/database/change-notices';
import { testDatabaseKind } from './helpers/database';
import { startTestServer, TestServer } from './helpers/server';

/** Graceful shutdown: stop accepting, let requests in flight finish, cut them at the deadline. */
let api: TestServer | undefined;
afterEach(async () => {
  const running = api;
  api = undefined;
  await running?.stop();
});

test('a request in flight when stop() is called still gets its answer; new connections are refused', async () => {
  api = await startTestServer({ seeded: true, env: { SHUTDOWN_TIMEOUT_MS: '30000' } });
  // Hold the municipality table, so that the request below is in flight until we let go.
  const holder = new Client(api.database.url);
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE municipality IN ACCESS EXCLUSIVE MODE');
    const inFlight = api.query('{ municipality(slug: "tehran") { slug } }');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopped = api.server.stop();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(fetch(api.server.url.replace(/\/graphql$/, '/healthz'))).rejects.toThrow();
    await holder.query('COMMIT');
    expect(await inFlight).toMatchObject({ status: 200, data: { municipality: { slug: 'tehran' } } });
    await stopped;
  } finally {
    await holder.end();
  }
});

test('at the deadline, requests still running are cut and stop() returns', async () => {
  api = await startTestServer({ seeded: false, env: { SHUTDOWN_TIMEOUT_MS: '300' } });
  const { port } = new URL(api.server.url);
  // A client that sends half a request and then nothing: it would hold a naive shutdown forever.
  const socket = net.connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.write(
    'POST /graphql HTTP/1.1\r\nhost: localhost\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"query":',
  );
  const closed = new Promise((resolve) => socket.once('close', resolve));
  await new Promise((resolve) => setTimeout(resolve, 100));
  await api.server.stop();
  await closed;
  expect(socket.destroyed).toBe(true);
});

/** Who holds the change notices' LISTEN connection on this database, by pg_stat_activity. */
async function listenConnections(api: TestServer): Promise<number> {
  const [{ count }] = await api.database.dataSource.query(
    'SELECT count(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1',
    [LISTEN_APPLICATION_NAME],
  );
  return count;
}

const serverOnly = testDatabaseKind() === 'server' ? test : test.skip;

test('stop() (main.ts runs it on SIGTERM) fails /readyz first and serves on through the drain delay, then refuses new connections', async () => {
  api = await startTestServer({ seeded: true, env: { SHUTDOWN_DRAIN_DELAY_MS: '1500' } });
  const base = api.server.url.replace(/\/graphql$/, '');
  expect((await fetch(`${base}/readyz`)).status).toBe(200);
  const startedAt = Date.now();
  const stopped = api.server.stop().then(() => Date.now() - startedAt);
  await new Promise((resolve) => setTimeout(resolve, 100));
  const readiness = await fetch(`${base}/readyz`);
  expect(readiness.status).toBe(503);
  expect(await readiness.json()).toEqual({
    ready: false,
    database: true,
    migrations: true,
    stopping: true,
    reason: 'shutting down',
  });
  // Still serving, on a new connection too: the load balancer has not seen the check yet.
  expect(await api.query('{ municipality(slug: "tehran") { slug } }')).toMatchObject({
    status: 200,
    data: { municipality: { slug: 'tehran' } },
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(await api.get('{ municipality(slug: "moscow") { slug } }')).toMatchObject({
    status: 200,
    data: { municipality: { slug: 'moscow' } },
  });
  // The drain delay is a floor (the load balancer must see the failed check); no upper bound is
  // asserted, since a loaded machine stretches it (the keep-alive connections above are closed
  // once idle, which serving.ts does, rather than held to the keep-alive timeout).
  const stopMs = await stopped;
  expect(stopMs).toBeGreaterThanOrEqual(1500);
  await expect(fetch(`${base}/healthz`)).rejects.toThrow();
});

test('no drain delay unless set outside production; 5 s in production', () => {
  expect(loadConfig({}).serving.shutdownDrainDelayMs).toBe(0);
  expect(loadConfig({ NODE_ENV: 'production' }).serving.shutdownDrainDelayMs).toBe(5000);
  expect(loadConfig({ NODE_ENV: 'production', SHUTDOWN_DRAIN_DELAY_MS: '0' }).serving.shutdownDrainDelayMs).toBe(0);
  expect(() => loadConfig({ SHUTDOWN_DRAIN_DELAY_MS: '5s' })).toThrow(
    'SHUTDOWN_DRAIN_DELAY_MS: must be a whole number from 0 to 600000 (got "5s")',
  );
});

serverOnly('stop() closes the LISTEN connection: it is gone from pg_stat_activity', async () => {
  api = await startTestServer({ seeded: false });
  expect(await listenConnections(api)).toBe(1);
  await api.server.stop();
  // The backend ends a moment after the client's Terminate message.
  for (let wait = 0; wait < 20 && (await listenConnections(api)) > 0; wait++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(await listenConnections(api)).toBe(0);
});
