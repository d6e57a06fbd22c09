import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Dates as reports give them (issue 16, item 6): "late February 2018" is the span 20 to 28
 * February, written EARLIEST/LATEST in either calendar, stored as its earliest and latest days
 * with precision RANGE. It sorts by its earliest day among exact dates, matches a date filter
 * it overlaps, and the status as of a day counts the signing from its earliest day.
 */
const TEHRAN = toGlobalId('Municipality', SEED.municipality.tehran);
const MOSCOW = toGlobalId('Municipality', SEED.municipality.moscow);
const DELEGATION = toGlobalId('Delegation', SEED.delegation.tehranMunicipality);

let api: TestServer;
let editor: Key;
const { mutate, node, query, refused } = writeHarness(() => api, ['agreement', 'agreement_status_change', 'visit']);

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Range editor');
});
afterAll(() => api.stop());

/** Creates a signed protocol between Tehran and Moscow titled "<prefix> <name>"; returns its id. */
async function signed(name: string, signedOn: string, calendar = 'GREGORIAN', prefix = 'Range test'): Promise<string> {
  const { response, result } = await mutate(
    'createAgreement',
    'agreement { id }',
    {
      kind: 'PROTOCOL',
      status: 'SIGNED',
      titles: [{ lang: 'en', value: `${prefix} ${name}` }],
      partyIds: [TEHRAN, MOSCOW],
      signedOn,
      calendar,
      // Protocols signed on one day (or span) are separate instruments here, not duplicates.
      separateInstrument: true,
    },
    editor,
  );
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  return result.agreement.id;
}

const ids: Record<string, string> = {};
beforeAll(async () => {
  ids.feb15 = await signed('15 February', '2018-02-15');
  ids.late = await signed('late February', '2018-02-20/2018-02-28');
  ids.mar1 = await signed('1 March', '2018-03-01');
  ids.feb20 = await signed('20 February', '2018-02-20');
});

type Page = { agreements: { nodes: Array<{ id: string }>; pageInfo: { endCursor: string; hasNextPage: boolean } } };

/** The test's agreements a filter lists, by name, in the order asked. */
async function listed(filter: Record<string, unknown>, order = 'ASC'): Promise<string[]> {
  const data = await query(
    `query ($filter: AgreementFilter) { agreements(first: 50, filter: $filter, orderBy: { field: SIGNED_ON, direction: ${order} }) { nodes { id } } }`,
    { filter: { text: 'Range test', ...filter } },
  );
  const names = Object.fromEntries(Object.entries(ids).map(([name, id]) => [id, name]));
  return data.agreements.nodes.map((agreement: { id: string }) => names[agreement.id] ?? agreement.id);
}

describe('a span a report gives', () => {
  it('reads back in both calendars, and stores its earliest and latest days', async () => {
    expect(await node(ids.late, '... on Agreement { signedOn fa: signedOn(calendar: PERSIAN) }')).toEqual({
      signedOn: '2018-02-20/2018-02-28',
      fa: '1396-12-01/1396-12-09',
    });
    const [row] = await api.database.dataSource.query(
      `SELECT signed_on::text AS earliest, signed_on_latest::text AS latest, signed_on_precision AS precision FROM agreement WHERE id = $1`,
      [Buffer.from(ids.late, 'base64url').toString('utf8').split(':')[1]],
    );
    expect(row).toEqual({ earliest: '2018-02-20', latest: '2018-02-28', precision: 'RANGE' });
  });

  it('is given in the Solar Hijri calendar as well, and round-trips', async () => {
    const id = await signed('Esfand days', '۱۳۹۶-۱۲-۰۱/۱۳۹۶-۱۲-۰۹', 'PERSIAN', 'Other span');
    expect(await node(id, '... on Agreement { signedOn fa: signedOn(calendar: PERSIAN) }')).toEqual({
      signedOn: '2018-02-20/2018-02-28',
      fa: '1396-12-01/1396-12-09',
    });
    // A Persian month, which alone cannot be stored, can be given as its span of days.
    const esfand = await signed('Esfand', '1396-12/1396-12', 'PERSIAN', 'Other span');
    expect(await node(esfand, '... on Agreement { signedOn fa: signedOn(calendar: PERSIAN) }')).toEqual({
      signedOn: '2018-02-20/2018-03-20',
      fa: '1396-12-01/1396-12-29',
    });
  });

  it('keeps one form for each span: a whole day, month or year is that; "early 2015" is a span of months', async () => {
    const cases = [
      ['2015-11-18/2015-11-18', '2015-11-18', '1394-08-27'],
      ['2015-11-01/2015-11-30', '2015-11', '1394-08-10/1394-09-09'],
      ['2015-11/2015-11', '2015-11', '1394-08-10/1394-09-09'],
      ['2015/2015', '2015', '1393-10-11/1394-10-10'],
      ['2015-01/2015-04', '2015-01-01/2015-04-30', '1393-10-11/1394-02-10'],
    ];
    for (const [given, gregorian, persian] of cases) {
      const id = await signed(`form ${given}`, given, 'GREGORIAN', 'Other span');
      expect(await node(id, '... on Agreement { signedOn fa: signedOn(calendar: PERSIAN) }')).toEqual({
        signedOn: gregorian,
        fa: persian,
      });
    }
  });

  it('sorts by its earliest day: between 15 February and 1 March, in both directions and across pages', async () => {
    const februaryToMarch = { signedFrom: '2018-02-01', signedTo: '2018-03-31' };
    const ascending = await listed(februaryToMarch);
    // 20 February and the span that starts on it tie on the earliest day; their ids decide.
    expect([ascending[0], ascending.slice(1, 3).sort(), ascending[3]]).toEqual(['feb15', ['feb20', 'late'], 'mar1']);
    expect(await listed(februaryToMarch, 'DESC')).toEqual([...ascending].reverse());
    const paged: string[] = [];
    let after: string | null = null;
    do {
      const data = (await query(
        `query ($after: String) { agreements(first: 1, after: $after, filter: { text: "Range test", signedFrom: "2018-02", signedTo: "2018-03" },
            orderBy: { field: SIGNED_ON, direction: ASC }) { nodes { id } pageInfo { endCursor hasNextPage } } }`,
        { after },
      )) as Page;
      paged.push(...data.agreements.nodes.map((agreement) => agreement.id));
      after = data.agreements.pageInfo.hasNextPage ? data.agreements.pageInfo.endCursor : null;
    } while (after);
    expect(paged).toEqual(ascending.map((name) => ids[name]));
  });

  it('matches a date filter it overlaps', async () => {
    const sorted = async (filter: Record<string, unknown>) => (await listed(filter)).sort();
    expect(await sorted({ signedFrom: '2018-02-25', signedTo: '2018-02-26' })).toEqual(['late']);
    expect(await sorted({ signedFrom: '2018-02-27', signedTo: '2018-03-01' })).toEqual(['late', 'mar1']);
    expect(await sorted({ signedFrom: '2018-02-21', signedTo: '2018-02-21' })).toEqual(['late']);
    expect(await sorted({ signedFrom: '2018-02-01', signedTo: '2018-02-19' })).toEqual(['feb15']);
    expect(await sorted({ signedFrom: '2018-02-28', signedTo: '2018-02-28' })).toEqual(['late']);
    expect(await sorted({ signedFrom: '2018-03-01', signedTo: '2018-03-31' })).toEqual(['mar1']);
    expect(await sorted({ signedFrom: '1396-12-09', signedTo: '1396-12-09', calendar: 'PERSIAN' })).toEqual(['late']);
  });

  it('reads SIGNED as of its earliest day, and dates its first history entry by the month holding it', async () => {
    expect(
      await node(
        ids.late,
        `... on Agreement { before: status(on: "2018-02-19") first: status(on: "2018-02-20") status
          statusHistory { status on recorded } }`,
      ),
    ).toEqual({
      before: 'PROPOSED',
      first: 'SIGNED',
      status: 'SIGNED',
      statusHistory: [{ status: 'SIGNED', on: '2018-02', recorded: true }],
    });
  });

  it('is refused, naming the field and changing nothing, when it runs backwards or a day does not exist', async () => {
    const input = (signedOn: string, extra: Record<string, unknown> = {}) => ({
      kind: 'PROTOCOL',
      status: 'SIGNED',
      titles: [{ lang: 'en', value: 'Range test refused' }],
      partyIds: [TEHRAN, MOSCOW],
      signedOn,
      ...extra,
    });
    expect((await refused('createAgreement', input('2018-02-28/2018-02-20'), editor)).userErrors).toEqual([
      {
        field: ['input', 'signedOn'],
        code: 'INVALID_DATE',
        message: '"2018-02-28/2018-02-20" runs backwards: its latest day 2018-02-20 is before its earliest 2018-02-28',
      },
    ]);
    expect((await refused('createAgreement', input('2018-02-20/2018-02-30'), editor)).userErrors).toEqual([
      {
        field: ['input', 'signedOn'],
        code: 'INVALID_DATE',
        message: '2018-02-30 does not exist (month 02 has 28 days in 2018)',
      },
    ]);
    // A fixed term's end stays a day, month or year.
    const term = await refused('createAgreement', input('2018-02-20', { validUntil: '2019-02-20/2019-02-28' }), editor);
    expect(term.userErrors).toEqual([
      {
        field: ['input', 'validUntil'],
        code: 'INVALID_DATE',
        message: '"2019-02-20/2019-02-28" is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD',
      },
    ]);
    const shape = await refused('createAgreement', input('2018-02-20/2018-02-24/2018-02-28'), editor);
    expect(shape.codes).toEqual(['BAD_USER_INPUT']);
  });

  it('is held together by the database: latest after earliest for a RANGE, no RANGE where there is no latest day', async () => {
    const sql = (text: string) => api.database.dataSource.query(text);
    await expect(
      sql(`UPDATE agreement SET signed_on_latest = signed_on WHERE signed_on_precision = 'RANGE'`),
    ).rejects.toThrow(/agreement_signed_on_range/);
    await expect(
      sql(`UPDATE agreement SET signed_on_latest = NULL WHERE signed_on_precision = 'RANGE'`),
    ).rejects.toThrow(/agreement_signed_on_range/);
    await expect(
      sql(
        `UPDATE agreement SET valid_until = '2030-01-01', valid_until_precision = 'RANGE' WHERE signed_on_precision = 'RANGE'`,
      ),
    ).rejects.toThrow(/agreement_valid_until_no_range/);
    // A day, month or year has its latest day derived, whatever a writer sends.
    await sql(`UPDATE agreement SET signed_on = '2018-03-01', signed_on_precision = 'MONTH', signed_on_latest = '2018-03-05'
      WHERE titles->>'en' = 'Range test 1 March'`);
    expect(await node(ids.mar1, '... on Agreement { signedOn }')).toEqual({ signedOn: '2018-03' });
    const [row] = await sql(
      `SELECT signed_on_latest::text AS latest FROM agreement WHERE titles->>'en' = 'Range test 1 March'`,
    );
    expect(row).toEqual({ latest: '2018-03-31' });
    await sql(
      `UPDATE agreement SET signed_on = '2018-03-01', signed_on_precision = 'DAY' WHERE titles->>'en' = 'Range test 1 March'`,
    );
  });
});

describe('a visit in "the week of 18 November"', () => {
  let visit: string;
  beforeAll(async () => {
    const { response, result } = await mutate(
      'recordVisit',
      'visit { id }',
      {
        delegationId: DELEGATION,
        hostMunicipalityId: MOSCOW,
        status: 'COMPLETED',
        startsOn: '2016-11-14/2016-11-20',
        endsOn: '2016-11-20/2016-11-27',
      },
      editor,
    );
    expect([response.errors, result.userErrors]).toEqual([undefined, []]);
    visit = result.visit.id;
  });

  it('reads its start and end spans back in both calendars', async () => {
    expect(
      await node(
        visit,
        '... on Visit { startsOn endsOn faStart: startsOn(calendar: PERSIAN) faEnd: endsOn(calendar: PERSIAN) }',
      ),
    ).toEqual({
      startsOn: '2016-11-14/2016-11-20',
      endsOn: '2016-11-20/2016-11-27',
      faStart: '1395-08-24/1395-08-30',
      faEnd: '1395-08-30/1395-09-07',
    });
  });

  it('matches visit date filters it overlaps, up to the latest day of its end', async () => {
    const found = async (from: string, to: string) => {
      const data = await query(
        'query ($from: PartialDate, $to: PartialDate) { visits(first: 50, filter: { from: $from, to: $to }) { nodes { id } } }',
        { from, to },
      );
      return data.visits.nodes.some((one: { id: string }) => one.id === visit);
    };
    expect(await found('2016-11-27', '2016-12-31')).toBe(true);
    expect(await found('2016-11-28', '2016-12-31')).toBe(false);
    expect(await found('2016-11-01', '2016-11-14')).toBe(true);
    expect(await found('2016-11-01', '2016-11-13')).toBe(false);
  });

  it('refuses an end whose latest day comes before the start', async () => {
    const answer = await refused(
      'recordVisit',
      {
        delegationId: DELEGATION,
        hostMunicipalityId: MOSCOW,
        status: 'COMPLETED',
        startsOn: '2016-11-14/2016-11-20',
        endsOn: '2016-11-01/2016-11-13',
      },
      editor,
    );
    expect(answer.userErrors).toEqual([
      { field: ['input', 'endsOn'], code: 'DATES_OUT_OF_ORDER', message: 'must not be before startsOn' },
    ]);
  });
});
