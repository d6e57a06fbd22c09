import { Client } from 'graphql-ws';
import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { testDatabaseKind } from './helpers/database';
import { makeKey } from './helpers/keys';
import { liveClient, subscribe } from './helpers/live-client';
import { createProtocol as protocol, Key, writeHarness } from './helpers/mutations';
import { startPeerServer, startTestServer, TestServer } from './helpers/server';

/**
 * The live register end to end (issue 17), with nothing but real writes: a commit's own NOTIFY
 * brings live queries their new answer and streams of the feed their changes; a subscriber
 * that comes back with its last cursor gets exactly what it missed; a write through one
 * process reaches the subscribers of another.
 */
let api: TestServer;
let client: Client;
let editor: Key;
const { mutate } = writeHarness(() => api, ['agreement']);
const TEHRAN = toGlobalId('Municipality', SEED.municipality.tehran);
const MOSCOW = toGlobalId('Municipality', SEED.municipality.moscow);

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Live register editor');
  client = liveClient(api);
});
afterAll(async () => {
  await client.dispose();
  await api.stop();
});

const createProtocol = async (title: string) => (await protocol(mutate, editor, title, [TEHRAN, MOSCOW])).id;

const PROTOCOLS = `subscription Protocols { live { agreements(first: 50, filter: { kinds: [PROTOCOL] }) { totalCount } } }`;
const FEED = `subscription Feed($after: String) { registerChanged(after: $after, types: [AGREEMENT]) { cursor recordId action } }`;

test("a live query's new answer comes from the commit's own NOTIFY", async () => {
  const live = subscribe(client, PROTOCOLS);
  const [first] = await live.received(1);
  const before = first.data.live.agreements.totalCount;
  await createProtocol('Live register protocol');
  const [, second] = await live.received(2);
  expect(second).toEqual({ data: { live: { agreements: { totalCount: before + 1 } } } });
  live.end();
});

test('registerChanged streams each committed change; coming back with the last cursor gives exactly the ones missed', async () => {
  const [{ endCursor: start }] = [
    (await api.query('{ changes(first: 0) { pageInfo { endCursor } } }')).data!.changes.pageInfo,
  ];
  const stream = subscribe(client, FEED, { after: start });
  const first = [await createProtocol('Feed stream 1'), await createProtocol('Feed stream 2')];
  const received = await stream.received(2);
  expect(
    received.map((message) => [message.data.registerChanged.recordId, message.data.registerChanged.action]),
  ).toEqual(first.map((id) => [id, 'CREATE']));
  const last = received[1].data.registerChanged.cursor;
  stream.end();

  const missed = [await createProtocol('Feed stream missed 1'), await createProtocol('Feed stream missed 2')];
  const again = subscribe(client, FEED, { after: last });
  const resumed = await again.received(2);
  expect(resumed.map((message) => message.data.registerChanged.recordId)).toEqual(missed);
  const next = await createProtocol('Feed stream after resuming');
  const [, , third] = await again.received(3);
  expect(third.data.registerChanged.recordId).toBe(next);
  // Nothing twice: the stream holds exactly the three.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(again.messages).toHaveLength(3);
  again.end();
});

test('a stream from a cursor older than the feed keeps is refused with CURSOR_EXPIRED', async () => {
  await api.database.dataSource.query(
    `UPDATE register_change_horizon SET compacted_version = 9000000000000000000, compacted_seq = 0`,
  );
  try {
    const cursor = Buffer.from('1.1').toString('base64url');
    const stream = subscribe(client, FEED, { after: cursor });
    // Refused as graphql-js answers a failed subscribe: one message with the errors, then complete.
    const [refusal] = await stream.received(1);
    expect(refusal.errors?.map((error) => error.extensions?.code)).toEqual(['CURSOR_EXPIRED']);
    expect(refusal.data).toBeUndefined();
  } finally {
    await api.database.dataSource.query(`UPDATE register_change_horizon SET compacted_version = 0, compacted_seq = 0`);
  }
});

// A second process over the same database needs server PostgreSQL (the embedded one is one process).
const twoProcesses = testDatabaseKind() === 'server' ? test : test.skip;

twoProcesses("a write through one process reaches another process's subscribers", async () => {
  const peer = await startPeerServer(api);
  const peerClient = liveClient(peer);
  try {
    const live = subscribe(peerClient, PROTOCOLS);
    const stream = subscribe(peerClient, FEED);
    const [first] = await live.received(1);
    // registerChanged from now: wait until its subscription is in place before writing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const id = await createProtocol('Written through the first process');
    const [, second] = await live.received(2);
    expect(second.data.live.agreements.totalCount).toBe(first.data.live.agreements.totalCount + 1);
    const [change] = await stream.received(1);
    expect(change.data.registerChanged).toMatchObject({ recordId: id, action: 'CREATE' });
    live.end();
    stream.end();
  } finally {
    await peerClient.dispose();
    await peer.stop();
  }
});

describe('hostile arguments of registerChanged, refused by name before anything is read', () => {
  const refusal = async (variables: Record<string, unknown>, document = FEED) =>
    (await subscribe(client, document, variables).refused()).map((error) => [error.extensions?.code, error.message]);

  test('21 types, 21 municipalities, a NUL, an overlong cursor', async () => {
    const types = `subscription ($types: [RegisterRecordType!]) { registerChanged(types: $types) { cursor } }`;
    expect(await refusal({ types: Array(21).fill('AGREEMENT') }, types)).toEqual([
      ['BAD_USER_INPUT', 'registerChanged(types): takes at most 20 items (got 21)'],
    ]);
    const places = `subscription ($m: [String!]) { registerChanged(municipalities: $m) { cursor } }`;
    expect(await refusal({ m: Array(21).fill('tehran') }, places)).toEqual([
      ['BAD_USER_INPUT', 'registerChanged(municipalities): takes at most 20 items (got 21)'],
    ]);
    const [[code, message]] = await refusal({ m: ['teh\u0000ran'] }, places);
    expect([code, message]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/must not contain NUL/)]);
    const [[longCode, longMessage]] = await refusal({ after: 'x'.repeat(2000) });
    expect([longCode, longMessage]).toEqual(['BAD_USER_INPUT', expect.stringMatching(/at most 1024 characters/)]);
  });

  test('a cursor the feed did not make', async () => {
    const stream = subscribe(client, FEED, { after: Buffer.from('1e308.x').toString('base64url') });
    const [answer] = await stream.received(1);
    expect(answer.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', 'after: is not a cursor of the change feed'],
    ]);
  });
});
