import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Dormancy (issue 16): the last dated activity of every agreement and pair of partners, kept
 * by triggers, and the ties gone quiet. The tests run in order on one register: the seed,
 * then a Moscow–Saint Petersburg protocol whose activity is written, moved and taken back
 * through the API. In the seed every tie's last activity is the IRNA and Sputnik reports of
 * November 2015 (month precision), so each is dormant since 2015-12-01.
 */
const id = toGlobalId;
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const PETERSBURG = id('Municipality', SEED.municipality.saintPetersburg);
const MOSCOW_DELEGATION = id('Delegation', SEED.delegation.moscowMunicipality);
const COUNCIL = id('Organization', SEED.organization.tehranCityCouncil);
const SEED_QUIET = { lastActivity: { on: '2015-11', kind: 'REPORT' }, dormantSince: '2015-12-01' };

let api: TestServer;
let editor: Key;
const { mutate, query, node, sql } = writeHarness(() => api, []);

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
});
afterAll(() => api.stop());

/** Sends a mutation that must succeed and returns its record's id and version. */
async function write(field: string, record: string, input: Record<string, unknown>) {
  const { response, result } = await mutate(field, `${record} { id version }`, input, editor);
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  return result[record] as { id: string; version: number };
}

const PAIR = 'municipalities { slug } lastActivity { on kind } dormantSince';

async function dormant(args: string) {
  const data = await query(`{ dormant(${args}) { totalCount nodes { ${PAIR} } pageInfo { hasNextPage endCursor } } }`);
  return data.dormant;
}

/** Moscow's partners, by slug, with their pair's activity. */
async function moscowPartners(orderBy = '') {
  const data = await query(`{ municipality(slug: "moscow") { partners${orderBy} {
    municipality { slug } lastActivity { on kind } dormantSince } } }`);
  return data.municipality.partners;
}

const pair = (one: string, other: string, activity: object) => ({
  municipalities: [{ slug: one }, { slug: other }],
  ...activity,
});

let protocol: { id: string; version: number };
let visit: { id: string; version: number };

describe('the seed', () => {
  it("answers the README's dormancy example exactly", async () => {
    const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Dormancy'),
      readme.indexOf('\n## ', readme.indexOf('## Dormancy') + 1),
    );
    const [, example, answer] = /```graphql\n([\s\S]*?)```\s*```json\n([\s\S]*?)```/.exec(section)!;
    expect(await query(example)).toEqual(JSON.parse(answer));
  });

  it('gives every agreement and tie its last activity: the reports of November 2015', async () => {
    const data = await query(`{ agreements(first: 5, orderBy: { field: TITLE }) {
      nodes { kind lastActivity { on fa: on(calendar: PERSIAN) kind } dormantSince } } }`);
    const last = {
      lastActivity: { on: '2015-11', fa: '1394-08-10/1394-09-09', kind: 'REPORT' },
      dormantSince: '2015-12-01',
    };
    expect(data.agreements.nodes).toEqual([
      { kind: 'MEMORANDUM_OF_UNDERSTANDING', ...last },
      { kind: 'SISTER_CITY', ...last },
      { kind: 'COOPERATION_AGREEMENT', ...last },
    ]);
    expect(await moscowPartners()).toEqual([{ municipality: { slug: 'tehran' }, ...SEED_QUIET }]);
  });
});

describe('a Moscow–Saint Petersburg protocol', () => {
  it('with no dated activity is dormant since any day: null dates, first in the list', async () => {
    protocol = await write('createAgreement', 'agreement', {
      kind: 'PROTOCOL',
      titles: [{ lang: 'en', value: 'Dormancy test protocol' }],
      partyIds: [MOSCOW, PETERSBURG],
    });
    expect(await node(protocol.id, '... on Agreement { lastActivity { on kind } dormantSince }')).toEqual({
      lastActivity: null,
      dormantSince: null,
    });
    expect((await dormant('since: "1900"')).nodes).toEqual([
      pair('moscow', 'saint-petersburg', { lastActivity: null, dormantSince: null }),
    ]);
  });

  it('moves on with a dated status change', async () => {
    protocol = await write('setAgreementStatus', 'agreement', { ...protocol, status: 'SIGNED', on: '2020-03-01' });
    const quiet = { lastActivity: { on: '2020-03-01', kind: 'STATUS_CHANGE' }, dormantSince: '2020-03-02' };
    expect(await node(protocol.id, '... on Agreement { lastActivity { on kind } dormantSince }')).toEqual(quiet);
    expect(await moscowPartners()).toEqual([
      { municipality: { slug: 'saint-petersburg' }, ...quiet },
      { municipality: { slug: 'tehran' }, ...SEED_QUIET },
    ]);
  });

  it('with a visit in 2021 is not dormant since 2019, and is since 2022', async () => {
    visit = await write('recordVisit', 'visit', {
      delegationId: MOSCOW_DELEGATION,
      hostMunicipalityId: PETERSBURG,
      startsOn: '2021-05-10',
      endsOn: '2021-05-12',
      status: 'COMPLETED',
    });
    const visited = pair('moscow', 'saint-petersburg', {
      lastActivity: { on: '2021-05-12', kind: 'VISIT' },
      dormantSince: '2021-05-13',
    });
    expect((await dormant('since: "2019"')).nodes).toEqual([
      pair('moscow', 'tehran', SEED_QUIET),
      pair('saint-petersburg', 'tehran', SEED_QUIET),
    ]);
    expect((await dormant('since: "2022"')).nodes).toEqual([
      pair('moscow', 'tehran', SEED_QUIET),
      pair('saint-petersburg', 'tehran', SEED_QUIET),
      visited,
    ]);
    // Dormant since a day means nothing on or after it: the day after the visit, not its last day.
    expect((await dormant('since: "2021-05-12"')).totalCount).toBe(2);
    expect((await dormant('since: "2021-05-13"')).totalCount).toBe(3);
    // The visit was not signed on: the protocol's own activity is still the status change.
    expect(await node(protocol.id, '... on Agreement { lastActivity { kind } }')).toEqual({
      lastActivity: { kind: 'STATUS_CHANGE' },
    });
  });

  it('orders a city partners by last activity on request, by name by default', async () => {
    const slugs = async (orderBy?: string) =>
      (await moscowPartners(orderBy)).map((partner: { municipality: { slug: string } }) => partner.municipality.slug);
    expect(await slugs()).toEqual(['saint-petersburg', 'tehran']);
    expect(await slugs('(orderBy: { field: LAST_ACTIVITY })')).toEqual(['tehran', 'saint-petersburg']);
    expect(await slugs('(orderBy: { field: LAST_ACTIVITY, direction: DESC })')).toEqual(['saint-petersburg', 'tehran']);
    expect(await slugs('(orderBy: { field: NAME, direction: DESC })')).toEqual(['tehran', 'saint-petersburg']);
  });

  it('goes back to the status change when the visit is cancelled, and when it is deleted', async () => {
    const back = { lastActivity: { on: '2020-03-01', kind: 'STATUS_CHANGE' }, dormantSince: '2020-03-02' };
    visit = await write('updateVisit', 'visit', { ...visit, status: 'CANCELLED' });
    expect((await moscowPartners())[0]).toEqual({ municipality: { slug: 'saint-petersburg' }, ...back });
    await write('updateVisit', 'visit', { ...visit, status: 'COMPLETED' });
    expect((await moscowPartners())[0].lastActivity).toEqual({ on: '2021-05-12', kind: 'VISIT' });
    const { response, result } = await mutate(
      'deleteVisit',
      '__typename',
      { ...visit, version: visit.version + 1 },
      editor,
    );
    expect([response.errors, result.userErrors]).toEqual([undefined, []]);
    expect((await moscowPartners())[0]).toEqual({ municipality: { slug: 'saint-petersburg' }, ...back });
    expect((await dormant('since: "2021"')).totalCount).toBe(3);
  });

  it('moves on with a source that reports it, and back when the source is re-dated', async () => {
    const source = await write('createSource', 'source', {
      kind: 'NEWS_REPORT',
      publisher: 'Dormancy Daily',
      title: 'Protocol still alive',
      language: 'en',
      publishedOn: '2024-06',
    });
    protocol = await write('addAgreementSources', 'agreement', { ...protocol, sourceIds: [source.id] });
    const reported = { lastActivity: { on: '2024-06', kind: 'REPORT' }, dormantSince: '2024-07-01' };
    expect(await node(protocol.id, '... on Agreement { lastActivity { on kind } dormantSince }')).toEqual(reported);
    expect((await moscowPartners())[0]).toEqual({ municipality: { slug: 'saint-petersburg' }, ...reported });
    await write('updateSource', 'source', { ...source, publishedOn: '2019-01-01' });
    expect(await node(protocol.id, '... on Agreement { lastActivity { on kind } }')).toEqual({
      lastActivity: { on: '2020-03-01', kind: 'STATUS_CHANGE' },
    });
  });
});

describe('a city body', () => {
  it("moves its city's ties: the Tehran City Council's visit to Moscow is Tehran's", async () => {
    const delegation = await write('createDelegation', 'delegation', {
      names: [{ lang: 'en', value: 'Tehran City Council delegation' }],
      senderOrganizationId: COUNCIL,
    });
    await write('recordVisit', 'visit', {
      delegationId: delegation.id,
      hostMunicipalityId: MOSCOW,
      startsOn: '2019-05-14',
      status: 'COMPLETED',
    });
    expect(await moscowPartners('(orderBy: { field: LAST_ACTIVITY, direction: DESC })')).toEqual([
      {
        municipality: { slug: 'saint-petersburg' },
        lastActivity: { on: '2020-03-01', kind: 'STATUS_CHANGE' },
        dormantSince: '2020-03-02',
      },
      {
        municipality: { slug: 'tehran' },
        lastActivity: { on: '2019-05-14', kind: 'VISIT' },
        dormantSince: '2019-05-15',
      },
    ]);
  });
});

describe('the dormant list', () => {
  it('pages with cursors, the longest quiet first, or last with DESC', async () => {
    const first = await dormant('since: "2030", first: 2');
    expect(first).toEqual({
      totalCount: 3,
      nodes: [
        pair('saint-petersburg', 'tehran', SEED_QUIET),
        pair('moscow', 'tehran', { lastActivity: { on: '2019-05-14', kind: 'VISIT' }, dormantSince: '2019-05-15' }),
      ],
      pageInfo: { hasNextPage: true, endCursor: expect.any(String) },
    });
    const second = await dormant(`since: "2030", first: 2, after: "${first.pageInfo.endCursor}"`);
    expect(second.nodes.map((node: { municipalities: object }) => node.municipalities)).toEqual([
      [{ slug: 'moscow' }, { slug: 'saint-petersburg' }],
    ]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const latest = await dormant('since: "2030", first: 1, orderBy: { field: LAST_ACTIVITY, direction: DESC }');
    expect(latest.nodes[0].dormantSince).toBe('2020-03-02');
    const next = await dormant(
      `since: "2030", first: 5, after: "${latest.pageInfo.endCursor}", orderBy: { field: LAST_ACTIVITY, direction: DESC }`,
    );
    expect(next.nodes.map((node: { dormantSince: string }) => node.dormantSince)).toEqual(['2019-05-15', '2015-12-01']);
  });

  it('reads since in the Persian calendar and lists the agreements of each pair', async () => {
    // 1398-02-25 is 2019-05-15: the council's visit of the day before is over by then.
    const data = await query(`{ dormant(since: "1398-02-25", calendar: PERSIAN) {
      nodes { municipalities { slug } agreements { kind } } } }`);
    expect(data.dormant.nodes).toEqual([
      {
        municipalities: [{ slug: 'saint-petersburg' }, { slug: 'tehran' }],
        agreements: [{ kind: 'COOPERATION_AGREEMENT' }],
      },
      {
        municipalities: [{ slug: 'moscow' }, { slug: 'tehran' }],
        agreements: [{ kind: 'SISTER_CITY' }, { kind: 'MEMORANDUM_OF_UNDERSTANDING' }],
      },
    ]);
  });

  it('counts dormant agreements in the stats and filters them in the list', async () => {
    const data = await query(`{
      quiet2016: agreementStats(groupBy: KIND, filter: { dormantSince: "2016" }) { key count }
      quiet2020: agreementStats(groupBy: KIND, filter: { dormantSince: "2020-03-02" }) { key count }
      before: agreementStats(groupBy: KIND, filter: { dormantSince: "2020-03-01" }) { key count }
      list: agreements(filter: { dormantSince: "2015-12-01" }) { totalCount } }`);
    const seed = [
      { key: 'COOPERATION_AGREEMENT', count: 1 },
      { key: 'MEMORANDUM_OF_UNDERSTANDING', count: 1 },
      { key: 'SISTER_CITY', count: 1 },
    ];
    expect(data).toEqual({
      quiet2016: seed,
      quiet2020: [...seed.slice(0, 2), { key: 'PROTOCOL', count: 1 }, seed[2]],
      before: seed,
      list: { totalCount: 3 },
    });
  });

  it('costs the same statements for one pair as for three, and partners no more for their activity', async () => {
    const statements = async (first: number) =>
      (
        await api.query(`{ dormant(since: "2030", first: ${first}) { totalCount nodes { municipalities { slug }
          lastActivity { kind } agreements { lastActivity { kind } dormantSince } } } }`)
      ).statements;
    expect(await statements(1)).toBe(await statements(3));
    const partners = async (selection: string) =>
      (await api.query(`{ municipality(slug: "moscow") { partners { ${selection} } } }`)).statements;
    expect(await partners('municipality { slug } lastActivity { on } dormantSince')).toBe(
      await partners('municipality { slug }'),
    );
  });

  it('is what a rebuild from the register computes: the triggers left nothing stale', async () => {
    const snapshot = () =>
      sql(`SELECT (SELECT jsonb_agg(p ORDER BY p.pair_id) FROM partner_activity p) AS pairs,
                  (SELECT jsonb_agg(a ORDER BY a.agreement_id) FROM agreement_activity a) AS agreements`);
    const kept = await snapshot();
    await sql('SELECT activity_rebuild()');
    expect(await snapshot()).toEqual(kept);
    expect(kept[0].pairs).toHaveLength(3);
    expect(kept[0].agreements).toHaveLength(4);
  });
});

describe('bad arguments', () => {
  it('refuses an impossible since, a page too large and a cursor of another list, naming the argument', async () => {
    const refusal = async (args: string) => {
      const response = await api.query(`{ dormant(${args}) { totalCount } }`);
      return [response.errors?.[0]?.extensions?.code, response.errors?.[0]?.message];
    };
    expect(await refusal('since: "2019-02-30"')).toEqual(['BAD_USER_INPUT', expect.stringContaining('since')]);
    expect(await refusal('since: "soon"')).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
      expect.stringContaining('PartialDate'),
    ]);
    expect(await refusal('since: "2019", first: 101')).toEqual(['BAD_USER_INPUT', expect.stringContaining('first')]);
    const { agreements } = await query('{ agreements(first: 1) { pageInfo { endCursor } } }');
    expect(await refusal(`since: "2019", after: "${agreements.pageInfo.endCursor}"`)).toEqual([
      'BAD_USER_INPUT',
      expect.stringContaining('after'),
    ]);
    const ascending = await dormant('since: "2030", first: 1');
    expect(
      await refusal(
        `since: "2030", after: "${ascending.pageInfo.endCursor}", orderBy: { field: LAST_ACTIVITY, direction: DESC }`,
      ),
    ).toEqual(['BAD_USER_INPUT', expect.stringContaining('another list or ordering')]);
  });
});

describe('a span a report gives', () => {
  it('counts until its latest day: a signing in "late February 2031" is quiet from 1 March', async () => {
    const declaration = await write('createAgreement', 'agreement', {
      kind: 'DECLARATION',
      status: 'SIGNED',
      titles: [{ lang: 'en', value: 'Declaration of late February' }],
      partyIds: [MOSCOW, PETERSBURG],
      signedOn: '2031-02-20/2031-02-28',
    });
    // A span counts by its latest day, as a visit by its last: the signing, not the status entry
    // of that month (2031-02, which ends on the same day and ranks after a signing).
    const activity = {
      lastActivity: { on: '2031-02-28', kind: 'AGREEMENT_SIGNED' },
      dormantSince: '2031-03-01',
    };
    expect(await node(declaration.id, '... on Agreement { lastActivity { on kind } dormantSince }')).toEqual(activity);
    const partners = await moscowPartners();
    expect(
      partners.find((one: { municipality: { slug: string } }) => one.municipality.slug === 'saint-petersburg'),
    ).toEqual({
      municipality: { slug: 'saint-petersburg' },
      ...activity,
    });
  });
});
