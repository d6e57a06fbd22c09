import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { ChangeNotice } from '../src/database/change-notices';
import { SEED } from '../src/database/seed';
import { FEED_START, readChanges } from '../src/modules/change';
import { ChangeStream } from '../src/modules/change/change-stream';
import { testDatabaseKind } from './helpers/database';
import { makeKey } from './helpers/keys';
import { createProtocol as protocol, Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * The register's commits as each process hears them (issue 17): one NOTIFY per writing
 * transaction, from the version trigger, naming what it changed; a stream of the feed that
 * wakes on them, catches up from a cursor without loss, and ends when its subscriber leaves.
 */
let api: TestServer;
let editor: Key;
const { mutate } = writeHarness(() => api, ['agreement']);
const TEHRAN = toGlobalId('Municipality', SEED.municipality.tehran);
const MOSCOW = toGlobalId('Municipality', SEED.municipality.moscow);
const heard: ChangeNotice[] = [];
let resumptions = 0;

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Notice editor');
  const notices = api.server.services.changeNotices;
  // createServer starts it; starting again must be harmless (tests before that wiring, too).
  if (!notices.listening) await notices.start();
  notices.on({ notice: (notice) => heard.push(notice), resumed: () => resumptions++ });
});
afterAll(() => api.stop());

/** Waits until `check` holds, polling; fails with what was last seen after 10 s. */
async function until<T>(read: () => T, check: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last seen ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const createProtocol = async (title: string) => (await protocol(mutate, editor, title, [TEHRAN, MOSCOW])).id;

async function registerVersion(): Promise<number> {
  const [{ version }] = await api.database.dataSource.query('SELECT version FROM register_version');
  return Number(version);
}

test('a mutation notifies once at commit, naming its types and municipalities and the version it moved to', async () => {
  const count = heard.length;
  await createProtocol('Notice test');
  const [notice] = await until(
    () => heard.slice(count),
    (list) => list.length >= 1,
  );
  expect(notice).toEqual({
    version: await registerVersion(),
    types: ['Agreement'],
    municipalities: [SEED.municipality.tehran, SEED.municipality.moscow].sort(),
  });
  expect(api.server.services.changeNotices.latestVersion).toBe(notice.version);
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(heard.length - count).toBe(1);
});

test('a write outside the mutations (an import, raw SQL) notifies too, saying "anything"', async () => {
  const count = heard.length;
  await api.database.dataSource.query(`UPDATE municipality SET region = region WHERE slug = 'tehran'`);
  const [notice] = await until(
    () => heard.slice(count),
    (list) => list.length >= 1,
  );
  expect(notice).toEqual({ version: await registerVersion(), types: null, municipalities: null });
});

test('a rolled-back write notifies nothing', async () => {
  const count = heard.length;
  const refused = await mutate(
    'createAgreement',
    'agreement { id }',
    { kind: 'PROTOCOL', titles: [{ lang: 'en', value: 'Rolled back' }], partyIds: [TEHRAN, TEHRAN] },
    editor,
  );
  expect(refused.result.userErrors.length).toBeGreaterThan(0);
  await createProtocol('Notice after rollback');
  const list = await until(
    () => heard.slice(count),
    (seen) => seen.length >= 1,
  );
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(heard.slice(count)).toEqual([list[0]]);
  expect(list[0].types).toEqual(['Agreement']);
});

describe('the stream of the feed', () => {
  const services = () => api.server.services;

  test('from now: wakes on the next commit and hands out exactly its change', async () => {
    const head = (await readChanges(services().manager, FEED_START, 0, {})).end;
    const stream = new ChangeStream(services().manager, head, {}, services().changeNotices);
    const next = stream.next();
    const id = await createProtocol('Stream test now');
    const { value } = await next;
    expect([value!.recordId, value!.action]).toEqual([id, 'CREATE']);
    await stream.return();
  });

  test('resuming from a cursor gives exactly the changes missed, then waits', async () => {
    const head = (await readChanges(services().manager, FEED_START, 0, {})).end;
    const missed = [await createProtocol('Stream missed 1'), await createProtocol('Stream missed 2')];
    const stream = new ChangeStream(services().manager, head, {}, services().changeNotices);
    const first = await stream.next();
    const second = await stream.next();
    expect([first.value!.recordId, second.value!.recordId]).toEqual(missed);
    let settled = false;
    const third = stream.next().then((result) => {
      settled = true;
      return result;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(settled).toBe(false);
    // Leaving ends a stream that is waiting for a commit, at once.
    await stream.return();
    expect(await third).toEqual({ value: undefined, done: true });
  });

  test('a filtered stream wakes only for what concerns it', async () => {
    const head = (await readChanges(services().manager, FEED_START, 0, {})).end;
    const visits = new ChangeStream(services().manager, head, { types: ['Visit'] }, services().changeNotices);
    let woke = false;
    const next = visits.next().then((result) => {
      woke = true;
      return result;
    });
    await createProtocol('Stream filter agreement');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(woke).toBe(false);
    await visits.return();
    expect((await next).done).toBe(true);
  });
});

// The embedded database has no LISTEN connection of its own to lose: it hears its pool's.
const serverOnly = testDatabaseKind() === 'server' ? test : test.skip;

serverOnly('a dropped LISTEN connection comes back, tells its listeners, and hears the next commit', async () => {
  const notices = api.server.services.changeNotices;
  const before = resumptions;
  notices.dropConnection();
  await until(
    () => resumptions,
    (count) => count > before,
  );
  expect(notices.listening).toBe(true);
  const count = heard.length;
  await createProtocol('Notice after reconnect');
  const list = await until(
    () => heard.slice(count),
    (seen) => seen.length >= 1,
  );
  expect(list[0].types).toEqual(['Agreement']);
});

serverOnly(
  'the LISTEN connection goes to DATABASE_DIRECT_URL when set, not to the pool (a pooler cannot LISTEN)',
  async () => {
    const { ChangeNotices } = await import('../src/database/change-notices');
    // The same database under an application name of its own: the LISTEN connection shows up under it.
    const url = new URL(api.database.url);
    url.searchParams.set('application_name', 'listen-url-probe');
    const notices = new ChangeNotices(api.database.dataSource, 'server', undefined, url.toString());
    await notices.start();
    try {
      const [{ connections }] = await api.database.dataSource.query(
        "SELECT count(*)::int AS connections FROM pg_stat_activity WHERE application_name = 'listen-url-probe'",
      );
      expect(connections).toBe(1);
      const count = heard.length;
      let probed = 0;
      notices.on({ notice: () => probed++, resumed: () => {} });
      await createProtocol('Notice by the listen URL');
      await until(
        () => [heard.length - count, probed],
        ([all, mine]) => all >= 1 && mine === 1,
      );
    } finally {
      await notices.close();
    }
  },
);
