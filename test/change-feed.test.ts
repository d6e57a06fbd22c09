import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { compactChanges } from '../src/modules/change';
import { RegisterRecordType } from '../src/modules/change/change.type';
import { recordTypeNamed, recordTypeNames } from '../src/write/records';
import '../src/modules/record-types';
import { testDatabaseKind } from './helpers/database';
import { makeKey } from './helpers/keys';
import { createProtocol as protocol, Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * The change feed (issue 17): every committed change to the public register, in commit order,
 * with a cursor that never skips nor repeats one, readable by anyone and without the audit
 * log's private parts; compacted after its retention, with a clear error for older cursors.
 */
let api: TestServer;
let editor: Key;
const { mutate } = writeHarness(() => api, ['agreement']);
const TEHRAN = toGlobalId('Municipality', SEED.municipality.tehran);
const MOSCOW = toGlobalId('Municipality', SEED.municipality.moscow);
const SAINT_PETERSBURG = toGlobalId('Municipality', SEED.municipality.saintPetersburg);
const CHANGE = 'cursor recordId recordType action recordVersion fields municipalityIds changedAt';

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Feed editor');
});
afterAll(() => api.stop());

async function changes(args: string, variables: Record<string, unknown> = {}) {
  const response = await api.query(
    `query ($after: String) { changes(after: $after, ${args}) { nodes { ${CHANGE} } pageInfo { endCursor hasNextPage } } }`,
    variables,
  );
  return response;
}

/** The feed's end, as a client starting to follow it now takes it. */
async function head(): Promise<string> {
  const response = await changes('first: 0');
  expect(response.errors).toBeUndefined();
  return response.data!.changes.pageInfo.endCursor;
}

async function after(cursor: string, args = 'first: 100') {
  const response = await changes(args, { after: cursor });
  expect(response.errors).toBeUndefined();
  return response.data!.changes;
}

const createProtocol = (title: string, partyIds = [TEHRAN, MOSCOW]) => protocol(mutate, editor, title, partyIds);

describe('what a change says', () => {
  test('a creation, an update, a link and a deletion, each with its record, version, fields and cities', async () => {
    const start = await head();
    const made = await createProtocol('Feed test protocol');
    const renamed = await mutate(
      'updateAgreement',
      'agreement { version }',
      { id: made.id, version: made.version, summary: 'On buses.' },
      editor,
    );
    expect(renamed.result.userErrors).toEqual([]);
    const linked = await mutate(
      'addAgreementParties',
      'agreement { version }',
      { id: made.id, version: renamed.result.agreement.version, municipalityIds: [SAINT_PETERSBURG] },
      editor,
    );
    expect(linked.result.userErrors).toEqual([]);
    const deleted = await mutate(
      'deleteAgreement',
      'agreement { id }',
      { id: made.id, version: linked.result.agreement.version },
      editor,
    );
    expect(deleted.result.userErrors).toEqual([]);

    const page = await after(start);
    const mine = page.nodes.filter((change: { recordId: string }) => change.recordId === made.id);
    const cities = (...ids: string[]) => [...ids].sort();
    expect(
      mine.map(({ action, recordType, recordVersion, fields, municipalityIds }: Record<string, any>) => ({
        action,
        recordType,
        recordVersion,
        fields,
        municipalityIds: [...municipalityIds].sort(),
      })),
    ).toEqual([
      {
        action: 'CREATE',
        recordType: 'AGREEMENT',
        recordVersion: made.version,
        fields: expect.arrayContaining(['kind', 'titles', 'parties', 'separateInstrument']),
        municipalityIds: cities(TEHRAN, MOSCOW),
      },
      {
        action: 'UPDATE',
        recordType: 'AGREEMENT',
        recordVersion: renamed.result.agreement.version,
        fields: ['summary'],
        municipalityIds: cities(TEHRAN, MOSCOW),
      },
      {
        action: 'LINK',
        recordType: 'AGREEMENT',
        recordVersion: linked.result.agreement.version,
        fields: ['parties'],
        municipalityIds: cities(TEHRAN, MOSCOW, SAINT_PETERSBURG),
      },
      // The parties are gone with the agreement; the feed still names who took part.
      {
        action: 'DELETE',
        recordType: 'AGREEMENT',
        recordVersion: linked.result.agreement.version,
        fields: [],
        municipalityIds: cities(TEHRAN, MOSCOW, SAINT_PETERSBURG),
      },
    ]);
    // A creation lists the fields it set, never the empty ones.
    expect(mine[0].fields).not.toContain('validUntil');
  });

  test('the feed shows no key, account or mutation: the audit log keeps those', async () => {
    const response = await api.query(`{ __type(name: "RegisterChange") { fields { name } } }`);
    expect(response.data!.__type.fields.map((field: { name: string }) => field.name).sort()).toEqual(
      ['action', 'changedAt', 'cursor', 'fields', 'municipalityIds', 'recordId', 'recordType', 'recordVersion'].sort(),
    );
  });

  test('anyone may read it, without a key', async () => {
    const start = await head();
    await createProtocol('Feed test anonymous read');
    const response = await api.query(`query ($after: String) { changes(after: $after) { nodes { action } } }`, {
      after: start,
    });
    expect(response.data!.changes.nodes).toEqual([{ action: 'CREATE' }]);
  });

  test('changes to API keys stay out of the feed', async () => {
    const start = await head();
    const admin = await makeKey(api.database.dataSource, ApiKeyRole.ADMIN, 'Feed admin');
    const created = await api.query(
      'mutation { createApiKey(input: { name: "Feed dashboard", role: READER }) { key userErrors { code } } }',
      {},
      admin.headers,
    );
    expect(created.data!.createApiKey.userErrors).toEqual([]);
    expect((await after(start)).nodes).toEqual([]);
  });

  test('RegisterRecordType names every public record type of the registry', () => {
    const publicTypes = recordTypeNames().filter((name) => recordTypeNamed(name).node);
    expect(Object.values(RegisterRecordType).sort()).toEqual(publicTypes.sort());
  });
});

describe('the cursor', () => {
  test('paging one by one gives every change once, in order, and the end cursor follows on', async () => {
    const start = await head();
    const made = [
      await createProtocol('Feed page 1'),
      await createProtocol('Feed page 2'),
      await createProtocol('Feed page 3'),
    ];
    const seen: string[] = [];
    let cursor = start;
    for (let step = 0; step < 10; step++) {
      const page = await after(cursor, 'first: 1');
      seen.push(...page.nodes.map((change: { recordId: string }) => change.recordId));
      cursor = page.pageInfo.endCursor;
      if (!page.pageInfo.hasNextPage) break;
    }
    expect(seen).toEqual(made.map((agreement) => agreement.id));
    expect((await after(cursor)).nodes).toEqual([]);
    const next = await createProtocol('Feed page 4');
    expect((await after(cursor)).nodes.map((change: { recordId: string }) => change.recordId)).toEqual([next.id]);
  });

  test('filters by type and by municipality, and the end cursor skips what they leave out', async () => {
    const start = await head();
    const withPetersburg = await createProtocol('Feed filter Petersburg', [MOSCOW, SAINT_PETERSBURG]);
    await createProtocol('Feed filter Tehran', [TEHRAN, MOSCOW]);
    const petersburg = await after(start, 'first: 10, municipalities: ["saint-petersburg"]');
    expect(petersburg.nodes.map((change: { recordId: string }) => change.recordId)).toEqual([withPetersburg.id]);
    expect(petersburg.pageInfo.hasNextPage).toBe(false);
    expect((await after(petersburg.pageInfo.endCursor, 'first: 10')).nodes).toEqual([]);
    expect((await after(start, 'first: 10, types: [VISIT]')).nodes).toEqual([]);
    expect((await after(start, 'first: 10, types: [AGREEMENT]')).nodes).toHaveLength(2);
  });

  test('a cursor the feed did not make, and a page too large, are refused by name', async () => {
    const forged = await changes('first: 1', { after: Buffer.from('99999999999999999999.1').toString('base64url') });
    expect(forged.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', 'after: is not a cursor of the change feed'],
    ]);
    const large = await changes('first: 101');
    expect(large.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['BAD_USER_INPUT', 'first: must be from 0 to 100 (got 101)'],
    ]);
  });

  test('replayed against the audit log: every public entry once, in commit order', async () => {
    const feed: Array<{ seq: string; version: string }> = await api.database.dataSource.query(
      `SELECT audit_seq::text AS seq, commit_version::text AS version FROM register_change ORDER BY commit_version, audit_seq`,
    );
    const audited: Array<{ seq: string }> = await api.database.dataSource.query(
      `SELECT seq::text AS seq FROM audit_log WHERE record_type <> 'ApiKey' ORDER BY seq`,
    );
    expect(feed.map((row) => row.seq).sort()).toEqual(audited.map((row) => row.seq).sort());
    expect(feed.every((row) => row.version !== null)).toBe(true);
  });
});

// Two transactions at once need server PostgreSQL: the embedded database runs one session,
// where one transaction waits for the other to end, so they cannot commit out of order.
const concurrent = testDatabaseKind() === 'server' ? test : test.skip;

concurrent('a transaction that started first but commits last is not skipped by a cursor taken between', async () => {
  const { dataSource } = api.database;
  const start = await head();
  const early = dataSource.createQueryRunner();
  const late = dataSource.createQueryRunner();
  await early.connect();
  await late.connect();
  const write = async (runner: typeof early, slug: string) => {
    const [{ seq }] = await runner.query(
      `INSERT INTO audit_log (mutation, action, record_type, record_id, before, after)
       SELECT 'test', 'UPDATE', 'Municipality', id, '{}', '{}' FROM municipality WHERE slug = $1 RETURNING seq::text`,
      [slug],
    );
    await runner.query(
      `INSERT INTO register_change (audit_seq, changed_at, action, record_type, record_id, fields, municipality_ids)
       SELECT $1, now(), 'UPDATE', 'Municipality', id, '{region}', ARRAY[id] FROM municipality WHERE slug = $2`,
      [seq, slug],
    );
    await runner.query(`UPDATE municipality SET version = version + 1 WHERE slug = $1`, [slug]);
    return seq;
  };
  try {
    await early.startTransaction();
    const earlySeq = await write(early, 'tehran');
    await late.startTransaction();
    const lateSeq = await write(late, 'moscow');
    expect(BigInt(earlySeq)).toBeLessThan(BigInt(lateSeq));
    await late.commitTransaction();
    const between = await after(start);
    expect(between.nodes.map((change: { recordId: string }) => change.recordId)).toEqual([MOSCOW]);
    await early.commitTransaction();
    const then = await after(between.pageInfo.endCursor);
    expect(then.nodes.map((change: { recordId: string }) => change.recordId)).toEqual([TEHRAN]);
  } finally {
    await early.release();
    await late.release();
  }
});

describe('retention', () => {
  test('compaction deletes whole old commits, and a cursor before them must resync', async () => {
    const before = await head();
    const old = await createProtocol('Feed retention old');
    const kept = await createProtocol('Feed retention kept');
    const oldCursor = (await after(before)).nodes[0].cursor;
    await api.database.dataSource.query(
      `UPDATE register_change SET changed_at = now() - interval '40 days'
        WHERE commit_version <= (SELECT commit_version FROM register_change WHERE record_id = $1 AND action = 'CREATE')`,
      [decodeId(old.id)],
    );
    expect(await compactChanges(api.database.dataSource.manager, 30)).toBeGreaterThan(0);
    const expired = await changes('first: 1', { after: before });
    expect(expired.errors?.map((error) => error.extensions?.code)).toEqual(['CURSOR_EXPIRED']);
    expect(expired.errors?.[0].message).toMatch(
      /^after: this cursor is older than the changes the feed still keeps .*resync/,
    );
    // The cursor of the last change compacted is the horizon itself: nothing after it is lost.
    expect((await after(oldCursor)).nodes.map((change: { recordId: string }) => change.recordId)).toEqual([kept.id]);
    expect(await compactChanges(api.database.dataSource.manager, 30)).toBe(0);
  });
});

function decodeId(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
}
