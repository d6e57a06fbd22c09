import net from 'node:net';
import { Client } from 'pg';
import { startTestServer, TestServer } from './helpers/server';

/** Graceful shutdown: stop accepting, let requests in flight finish, cut them at the deadline. */
let api: TestServer;
afterEach(async () => {
  await api?.stop();
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
