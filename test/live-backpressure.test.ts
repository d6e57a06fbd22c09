import { connect } from 'node:net';
import { eventually, notify } from './helpers/live-client';
import { initSocket, openEventStream } from './helpers/live-socket';
import { startTestServer, TestServer } from './helpers/server';

/*
 * A subscriber that does not read is cut off at SUBSCRIBER_BUFFER_BYTES instead of having its
 * answers pile up in the server's memory; and stop() (SIGTERM) closes sockets with 1001.
 */

let api: TestServer;

beforeAll(async () => {
  api = await startTestServer({
    seeded: true,
    env: { LIVE_THROTTLE_MS: '0', SUBSCRIBER_BUFFER_BYTES: '65536', MAX_QUERY_ALIASES: '200' },
  });
});

afterAll(async () => {
  await api?.stop();
});

const stats = () => api.server.live.stats();

/** 200 copies of one 4,000-character note: an answer of about 800 kB that changes with the note. */
const BIG = `subscription { live { ${Array.from({ length: 200 }, (_, index) => `m${index}: municipality(slug: "tehran") { governanceNote }`).join(' ')} } }`;

async function changeTheNote(round: number) {
  await api.database.dataSource.query(`UPDATE municipality SET governance_note = $1 WHERE slug = 'tehran'`, [
    `${round}`.padEnd(4000, '.'),
  ]);
  await notify(api, ['Municipality'], round);
}

test('a subscriber that stops reading is cut off with 1008 and the reason, not buffered', async () => {
  const slow = await initSocket(api);
  slow.send({ id: 'big', type: 'subscribe', payload: { query: BIG } });
  await slow.message((message) => message.id === 'big');
  (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket.pause();
  let round = 0;
  await eventually(
    async () => {
      if (stats().cutOff > 0) return true;
      await changeTheNote(++round);
      return false;
    },
    'the slow subscriber to be cut off',
    60_000,
  );
  expect(stats().cutOff).toBe(1);
  (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
  expect(await slow.closed).toEqual({
    code: 1008,
    reason: 'subscriber too slow: more than 65536 bytes unread (SUBSCRIBER_BUFFER_BYTES)',
  });
  // Its cohort ended with it; the server goes on serving others.
  await eventually(() => stats().cohorts === 0, 'the cohort to end');
});

test('an event-stream reader that stops reading is cut off too: its response is dropped', async () => {
  const { port } = new URL(api.server.url);
  const socket = connect(Number(port), '127.0.0.1');
  await new Promise((resolve) => socket.once('connect', resolve));
  const body = JSON.stringify({ query: BIG });
  let received = '';
  socket.on('data', (chunk) => (received += chunk.toString('latin1')));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.write(
    `POST /graphql HTTP/1.1\r\nhost: localhost\r\naccept: text/event-stream\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  await eventually(() => received.includes('event: next'), 'the first event');
  socket.pause();
  const before = stats().cutOff;
  let round = 1000;
  await eventually(
    async () => {
      if (stats().cutOff > before) return true;
      await changeTheNote(++round);
      return false;
    },
    'the slow reader to be cut off',
    60_000,
  );
  expect(stats().cutOff).toBe(before + 1);
  socket.resume();
  await closed;
  // Cut off, not completed: the stream never got its complete event.
  expect(received).not.toContain('event: complete');
  await eventually(() => stats().connections.sse === 0 && stats().cohorts === 0, 'the stream and its cohort to end');
});

test('stop() closes WebSockets with 1001 and ends event streams with their complete event', async () => {
  const socket = await initSocket(api);
  socket.send({
    id: 'live',
    type: 'subscribe',
    payload: { query: 'subscription { live { municipality(slug: "tehran") { slug } } }' },
  });
  await socket.message((message) => message.id === 'live');
  const stream = await openEventStream(api, 'subscription { live { municipality(slug: "moscow") { slug } } }');
  await eventually(() => stream.events.length >= 1, 'the SSE answer');
  const stopping = api.server.stop();
  expect(await socket.closed).toEqual({ code: 1001, reason: 'the server is shutting down' });
  await stream.finished;
  expect(stream.events.map((event) => event.event)).toEqual(['next', 'complete']);
  await stopping;
  expect(stats()).toMatchObject({ connections: { websocket: 0, sse: 0 }, subscriptions: 0, cohorts: 0 });
});
