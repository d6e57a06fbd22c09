import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Expiry (issue 16, item 3): an agreement's status follows its dates, as of today or a day
 * asked, and a fixed term that ended shows in its history as a computed entry; the statuses
 * filter and the stats by status read the same status as of today. Today is after 2026 and
 * before 2090 whenever this runs.
 */
const TEHRAN = toGlobalId('Municipality', SEED.municipality.tehran);
const MOSCOW = toGlobalId('Municipality', SEED.municipality.moscow);
const LAPSE = { status: 'EXPIRED', note: 'the fixed term ended', recorded: false };

let api: TestServer;
let editor: Key;
const { mutate, node, query } = writeHarness(() => api, ['agreement', 'agreement_status_change']);

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
});
afterAll(() => api.stop());

/** Creates a protocol between Tehran and Moscow titled "Expiry test <name>"; returns its id and version. */
async function agreement(name: string, input: Record<string, unknown>): Promise<{ id: string; version: number }> {
  const { response, result } = await mutate(
    'createAgreement',
    'agreement { id version }',
    {
      kind: 'PROTOCOL',
      titles: [{ lang: 'en', value: `Expiry test ${name}` }],
      partyIds: [TEHRAN, MOSCOW],
      // Protocols signed on one day here are separate instruments, not duplicates.
      separateInstrument: true,
      ...input,
    },
    editor,
  );
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  return result.agreement;
}

async function setStatus(target: { id: string; version: number }, input: Record<string, unknown>): Promise<void> {
  const { response, result } = await mutate(
    'setAgreementStatus',
    'agreement { version }',
    { id: target.id, version: target.version, ...input },
    editor,
  );
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  target.version = result.agreement.version;
}

const HISTORY = 'statusHistory { status on fa: on(calendar: PERSIAN) note recorded }';

describe('a term that ended', () => {
  it('reads EXPIRED after a day term, and shows the lapse on the day after it', async () => {
    const { id } = await agreement('day', { status: 'SIGNED', signedOn: '2015-11-18', validUntil: '2019-06-30' });
    expect(
      await node(
        id,
        `... on Agreement { status validUntil
          lastDay: status(on: "2019-06-30") dayAfter: status(on: "2019-07-01") beforeSigning: status(on: "2015-11-17")
          ${HISTORY} then: statusHistory(on: "2019-01-01") { status on recorded } }`,
      ),
    ).toEqual({
      status: 'EXPIRED',
      validUntil: '2019-06-30',
      lastDay: 'SIGNED',
      dayAfter: 'EXPIRED',
      beforeSigning: 'PROPOSED',
      statusHistory: [
        { status: 'SIGNED', on: '2015-11-18', fa: '1394-08-27', note: null, recorded: true },
        { ...LAPSE, on: '2019-07-01', fa: '1398-04-10' },
      ],
      then: [{ status: 'SIGNED', on: '2015-11-18', recorded: true }],
    });
  });

  it('ends a month term on the last day of the month, a year term on the last day of the year', async () => {
    const month = await agreement('month', { status: 'SIGNED', signedOn: '2016-03', validUntil: '2019-02' });
    expect(
      await node(
        month.id,
        `... on Agreement { status lastDay: status(on: "2019-02-28") next: status(on: "2019-03") ${HISTORY} }`,
      ),
    ).toEqual({
      status: 'EXPIRED',
      lastDay: 'SIGNED',
      next: 'EXPIRED',
      statusHistory: [
        { status: 'SIGNED', on: '2016-03', fa: '1394-12-11/1395-01-12', note: null, recorded: true },
        { ...LAPSE, on: '2019-03-01', fa: '1397-12-10' },
      ],
    });
    const year = await agreement('year', { status: 'SIGNED', signedOn: '2016', validUntil: '2019' });
    expect(
      await node(
        year.id,
        `... on Agreement { lastDay: status(on: "2019-12-31") next: status(on: "2020") during: status(on: "2016-06")
          statusHistory { status on recorded } }`,
      ),
    ).toEqual({
      lastDay: 'SIGNED',
      next: 'EXPIRED',
      during: 'SIGNED',
      statusHistory: [
        { status: 'SIGNED', on: '2016', recorded: true },
        { status: 'EXPIRED', on: '2020-01-01', recorded: false },
      ],
    });
  });

  it('reads and writes the dates in the Persian calendar', async () => {
    const { id } = await agreement('persian', {
      status: 'SIGNED',
      signedOn: '1394-08-27',
      validUntil: '1398-12-29',
      calendar: 'PERSIAN',
    });
    expect(
      await node(
        id,
        `... on Agreement { validUntil fa: validUntil(calendar: PERSIAN)
          lastDay: status(on: "1398-12-29", calendar: PERSIAN) newYear: status(on: "1399-01-01", calendar: PERSIAN)
          ${HISTORY} }`,
      ),
    ).toEqual({
      validUntil: '2020-03-19',
      fa: '1398-12-29',
      lastDay: 'SIGNED',
      newYear: 'EXPIRED',
      statusHistory: [
        { status: 'SIGNED', on: '2015-11-18', fa: '1394-08-27', note: null, recorded: true },
        { ...LAPSE, on: '2020-03-20', fa: '1399-01-01' },
      ],
    });
  });

  it('reads an undated IN_FORCE entry as PROPOSED before the signing date', async () => {
    const { id } = await agreement('in force', {
      status: 'IN_FORCE',
      signedOn: '2016-05-10',
      validUntil: '2018-12-31',
    });
    expect(
      await node(
        id,
        `... on Agreement { status before: status(on: "2016-05-09") signed: status(on: "2016-05-10")
          statusHistory { status on recorded } }`,
      ),
    ).toEqual({
      status: 'EXPIRED',
      before: 'PROPOSED',
      signed: 'IN_FORCE',
      statusHistory: [
        { status: 'IN_FORCE', on: null, recorded: true },
        { status: 'EXPIRED', on: '2019-01-01', recorded: false },
      ],
    });
  });
});

describe('what the record says wins over the computation', () => {
  it('keeps a term in the future SIGNED, and shows its lapse as of a day after it', async () => {
    const { id } = await agreement('future', { status: 'SIGNED', signedOn: '2020-01-15', validUntil: '2090' });
    expect(
      await node(
        id,
        `... on Agreement { status later: status(on: "2091") statusHistory { status on recorded }
          then: statusHistory(on: "2091-01-01") { status on recorded } }`,
      ),
    ).toEqual({
      status: 'SIGNED',
      later: 'EXPIRED',
      statusHistory: [{ status: 'SIGNED', on: '2020-01-15', recorded: true }],
      then: [
        { status: 'SIGNED', on: '2020-01-15', recorded: true },
        { status: 'EXPIRED', on: '2091-01-01', recorded: false },
      ],
    });
  });

  it('adds no lapse after a recorded end, nor to an agreement never signed', async () => {
    const ended = await agreement('terminated', { status: 'SIGNED', signedOn: '2015-02-01', validUntil: '2019' });
    await setStatus(ended, { status: 'TERMINATED', on: '2018-04-02', note: 'Ended by Moscow' });
    const proposed = await agreement('proposed', { status: 'PROPOSED', validUntil: '2019' });
    const selection =
      '... on Agreement { status earlier: status(on: "2018-04-01") statusHistory { status on recorded } }';
    expect([await node(ended.id, selection), await node(proposed.id, selection)]).toEqual([
      {
        status: 'TERMINATED',
        earlier: 'SIGNED',
        statusHistory: [
          { status: 'SIGNED', on: '2015-02-01', recorded: true },
          { status: 'TERMINATED', on: '2018-04-02', recorded: true },
        ],
      },
      { status: 'PROPOSED', earlier: 'PROPOSED', statusHistory: [{ status: 'PROPOSED', on: null, recorded: true }] },
    ]);
  });

  it('reads an entry dated after the term as in force, and a day before that entry as expired', async () => {
    const renewed = await agreement('renewed', { status: 'SIGNED', signedOn: '2015-03-01', validUntil: '2019' });
    await setStatus(renewed, { status: 'IN_FORCE', on: '2021-05', note: 'Carried on past its term' });
    expect(
      await node(
        renewed.id,
        `... on Agreement { status gap: status(on: "2020-06-01") statusHistory { status on recorded }
          then: statusHistory(on: "2020-06-01") { status on recorded } }`,
      ),
    ).toEqual({
      status: 'IN_FORCE',
      gap: 'EXPIRED',
      statusHistory: [
        { status: 'SIGNED', on: '2015-03-01', recorded: true },
        { status: 'IN_FORCE', on: '2021-05', recorded: true },
      ],
      then: [
        { status: 'SIGNED', on: '2015-03-01', recorded: true },
        { status: 'EXPIRED', on: '2020-01-01', recorded: false },
      ],
    });
  });
});

describe('lists and counts as of today', () => {
  it('filters and counts by the status the dates give, in as many statements as before', async () => {
    const byStatus = (status: string) =>
      query(`{ agreements(filter: { text: "Expiry test", statuses: [${status}] }, orderBy: { field: TITLE }, first: 20) {
        nodes { title status then: status(on: "2019-06-01") } } }`);
    const expired = { day: 'SIGNED', 'in force': 'EXPIRED', month: 'EXPIRED', persian: 'SIGNED', year: 'SIGNED' };
    expect((await byStatus('EXPIRED')).agreements.nodes).toEqual(
      Object.entries(expired).map(([name, then]) => ({ title: `Expiry test ${name}`, status: 'EXPIRED', then })),
    );
    expect((await byStatus('SIGNED')).agreements.nodes).toEqual([
      { title: 'Expiry test future', status: 'SIGNED', then: 'PROPOSED' },
    ]);
    expect(
      await query(`{ agreementStats(groupBy: STATUS, filter: { text: "Expiry test" }) { key label count } }`),
    ).toEqual({
      agreementStats: [
        { key: 'EXPIRED', label: 'Expired', count: 5 },
        { key: 'IN_FORCE', label: 'In force', count: 1 },
        { key: 'PROPOSED', label: 'Proposed', count: 1 },
        { key: 'SIGNED', label: 'Signed', count: 1 },
        { key: 'TERMINATED', label: 'Terminated', count: 1 },
      ],
    });
    const page = await api.query(`{ agreements(filter: { statuses: [EXPIRED, SIGNED] }, first: 5) { nodes { id } } }`);
    const stats = await api.query(
      `{ a: agreementStats(groupBy: STATUS) { count } b: agreementStats(groupBy: KIND, filter: { statuses: [EXPIRED] }) { count } }`,
    );
    expect([page.statements, stats.statements]).toEqual([1, 1]);
  });
});
