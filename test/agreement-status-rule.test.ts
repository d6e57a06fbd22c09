import { ApiKeyRole } from '../src/auth/api-key';
import { fromGlobalId, toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { agreementStatusOnSql } from '../src/modules/agreement';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * The status as of a day has readings that must agree: from the agreement row when the latest
 * entry is in effect (in the resolver, in agreement_status_on's fast branch, and in the inlined
 * expression the filters and stats use), and from the history otherwise. Here each agreement with a
 * history of its own is read as of days before, between and after its entries and its term,
 * through the API and through SQL, and compared with the history's reading forced.
 */
const TEHRAN = toGlobalId('Municipality', SEED.municipality.tehran);
const MOSCOW = toGlobalId('Municipality', SEED.municipality.moscow);
const DAYS = [
  '2010-01-01',
  '2015-11-17',
  '2015-11-18',
  '2017-06-30',
  '2019-02-28',
  '2019-03-01',
  '2020-12-31',
  '2030-01-01',
];

let api: TestServer;
let editor: Key;
const { mutate, sql, query } = writeHarness(() => api, ['agreement']);

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
});
afterAll(() => api.stop());

async function agreement(name: string, input: Record<string, unknown>, changes: Record<string, unknown>[] = []) {
  const created = await mutate(
    'createAgreement',
    'agreement { id version }',
    {
      kind: 'PROTOCOL',
      titles: [{ lang: 'en', value: `Rule test ${name}` }],
      partyIds: [TEHRAN, MOSCOW],
      // Several protocols between the same cities on one day: separate instruments, not duplicates.
      separateInstrument: true,
      ...input,
    },
    editor,
  );
  expect([created.response.errors, created.result.userErrors]).toEqual([undefined, []]);
  const { id } = created.result.agreement as { id: string };
  let { version } = created.result.agreement as { version: number };
  for (const change of changes) {
    const { result } = await mutate('setAgreementStatus', 'agreement { version }', { id, version, ...change }, editor);
    expect(result.userErrors).toEqual([]);
    version = result.agreement.version;
  }
  return id;
}

it('reads the same status from the row as from the history, on every day', async () => {
  const ids = [
    await agreement('signed, day term', { status: 'SIGNED', signedOn: '2015-11-18', validUntil: '2019-02-28' }),
    await agreement('signed, month term', { status: 'SIGNED', signedOn: '2015-11', validUntil: '2019-02' }),
    await agreement('proposed', { status: 'PROPOSED' }),
    await agreement('in force, undated', { status: 'IN_FORCE', signedOn: '2015-11-18' }),
    await agreement('suspended later', { status: 'SIGNED', signedOn: '2015-11-18' }, [
      { status: 'IN_FORCE', on: '2017-06-30' },
      { status: 'SUSPENDED', on: '2020-12-31', note: 'paused' },
    ]),
    await agreement('renewed after its term', { status: 'SIGNED', signedOn: '2015-11-18', validUntil: '2017' }, [
      { status: 'IN_FORCE', on: '2019-03-01' },
    ]),
    await agreement('latest entry in the future', { status: 'SIGNED', signedOn: '2015-11-18' }, [
      { status: 'TERMINATED', on: '2090-01-01' },
    ]),
  ];
  const aliases = DAYS.map((day, i) => `d${i}: status(on: "${day}")`).join(' ');
  const { nodes } = await query(
    `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Agreement { status ${aliases} } } }`,
    {
      ids,
    },
  );
  const byHistory: { id: string; day: string; forced: string; fast: string; inline: string }[] = await sql(
    `SELECT a.id, to_char(d.day, 'YYYY-MM-DD') AS day, agreement_status_on(a, d.day) AS fast,
            ${agreementStatusOnSql('a', 'd.day')} AS inline,
            agreement_status_rule(recorded.status, recorded.changed_on, a.signed_on, a.valid_until,
              a.valid_until_precision, d.day) AS forced
       FROM agreement a CROSS JOIN unnest($2::date[]) AS d(day)
       LEFT JOIN LATERAL (
         SELECT s.status, s.changed_on FROM agreement_status_change s
          WHERE s.agreement_id = a.id AND (s.changed_on IS NULL OR s.changed_on <= d.day)
          ORDER BY s.seq DESC LIMIT 1) recorded ON true
      WHERE a.id = ANY($1::uuid[])`,
    [ids.map((id) => fromGlobalId(id)!.id), DAYS],
  );
  const forced = (id: string, day: string) =>
    byHistory.find((row) => row.id === fromGlobalId(id)!.id && row.day === day)!;
  ids.forEach((id, i) =>
    DAYS.forEach((day, d) => {
      const { forced: expected, fast, inline } = forced(id, day);
      expect([id, day, nodes[i][`d${d}`], fast, inline]).toEqual([id, day, expected, expected, expected]);
    }),
  );
  // The readings cover every branch of the rule, so agreement is not a coincidence of one.
  expect(new Set(byHistory.map((row) => row.forced))).toEqual(
    new Set(['PROPOSED', 'SIGNED', 'IN_FORCE', 'SUSPENDED', 'EXPIRED']),
  );
  expect(nodes.map((node: { status: string }) => node.status)).toEqual([
    'EXPIRED',
    'EXPIRED',
    'PROPOSED',
    'IN_FORCE',
    'SUSPENDED',
    'IN_FORCE',
    'SIGNED',
  ]);
  // Only the agreement whose latest entry is not yet in effect needs its history for today.
  const fromRow: { status_from: string | null }[] = await sql(
    `SELECT to_char(status_from, 'YYYY-MM-DD') AS status_from FROM agreement WHERE id = $1`,
    [fromGlobalId(ids[6])!.id],
  );
  expect(fromRow).toEqual([{ status_from: '2090-01-01' }]);
});
