import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { contractOperation, startTestServer, TestServer } from './helpers/server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

const MOSCOW_VISIT = toGlobalId('Visit', SEED.visit.moscow);
const PETERSBURG_VISIT = toGlobalId('Visit', SEED.visit.saintPetersburg);

/** Ids of the visits a filter selects, in the default order (latest first day first, then id descending). */
async function visitIds(filter: string, extra = ''): Promise<string[]> {
  const { data, errors } = await api.query(`{ visits(filter: ${filter} ${extra}) { totalCount nodes { id } } }`);
  expect(errors).toBeUndefined();
  expect(data!.visits.totalCount).toBe(data!.visits.nodes.length);
  return data!.visits.nodes.map((visit: { id: string }) => visit.id);
}

describe('contract 02: the Tehran delegation in Moscow', () => {
  it('returns the one visit, field by field', async () => {
    const { data, errors } = await api.query(contractOperation('02-moscow-visit.graphql'));
    expect(errors).toBeUndefined();
    expect(data!.visits.totalCount).toBe(1);
    expect(data!.visits.nodes).toHaveLength(1);
    const visit = data!.visits.nodes[0];
    expect(visit.id).toBe(MOSCOW_VISIT);
    expect([visit.startsOn, visit.endsOn, visit.persianStart, visit.persianEnd]).toEqual([
      '2015-11-18',
      '2015-11-21',
      '1394-08-27',
      '1394-08-30',
    ]);
    expect(visit.status).toBe('COMPLETED');
    expect(visit.host).toEqual({ slug: 'moscow' });
    expect(visit.delegation).toEqual({
      sender: { slug: 'tehran' },
      head: { name: 'Mohammad Bagher Ghalibaf', fa: 'محمدباقر قالیباف' },
      members: [
        { person: { name: 'Mohammad Bagher Ghalibaf' }, title: 'Mayor of Tehran' },
        {
          person: { name: 'Gashtasb Mozaffari' },
          title: 'Deputy for International Relations and Cooperation of Tehran Municipality',
        },
      ],
      visits: [{ host: { slug: 'moscow' } }, { host: { slug: 'saint-petersburg' } }],
    });
    expect(visit.counterparts).toEqual([{ name: 'Sergey Sobyanin' }]);
    expect(visit.agreementsSigned).toEqual([{ kind: 'MEMORANDUM_OF_UNDERSTANDING' }]);
    expect(visit.sources).toEqual([
      {
        publisher: 'IRNA',
        title: 'با سفر قالیباف تهران و مسکو خواهرخوانده می شوند',
        language: 'fa',
        reference: 'news code 465317',
      },
      {
        publisher: 'Sputnik',
        title:
          "Interview with Gashtasb Mozaffari, Tehran Municipality's Deputy for International Relations and Cooperation, on the Tehran–Moscow talks (as quoted by IRNA)",
        language: 'fa',
        reference: 'quoted in IRNA, news code 465317',
      },
    ]);
  });

  it('gives the host city’s mayor on the first day of each visit', async () => {
    const { data, errors } = await api.query(`{ visits(orderBy: { field: STARTS_ON, direction: ASC }) {
      nodes { host { slug } hostMayor { person { name } since selection municipality { slug } } } } }`);
    expect(errors).toBeUndefined();
    expect(data!.visits.nodes).toEqual([
      {
        host: { slug: 'moscow' },
        hostMayor: {
          person: { name: 'Sergey Sobyanin' },
          since: '2010-10-21',
          selection: 'APPOINTED',
          municipality: { slug: 'moscow' },
        },
      },
      // No mayor of Saint Petersburg is on record.
      { host: { slug: 'saint-petersburg' }, hostMayor: null },
    ]);
  });

  it('serves the visit as a node with its evidence (contract 08)', async () => {
    const { data, errors } = await api.query(contractOperation('08-node-and-evidence.graphql'), { id: MOSCOW_VISIT });
    expect(errors).toBeUndefined();
    expect(data!.node).toEqual({
      id: MOSCOW_VISIT,
      __typename: 'Visit',
      startsOn: '2015-11-18',
      sources: [{ publisher: 'IRNA' }, { publisher: 'Sputnik' }],
    });
  });
});

describe('visit filters', () => {
  it('filters by sender, municipality or organization', async () => {
    expect(await visitIds('{ sender: ["tehran"] }')).toEqual([PETERSBURG_VISIT, MOSCOW_VISIT]);
    expect(await visitIds('{ sender: ["moscow"] }')).toEqual([]);
    expect(await visitIds('{ sender: ["tehran-city-council"] }')).toEqual([]);
  });

  it('filters by status and host', async () => {
    expect(await visitIds('{ statuses: [PLANNED] }')).toEqual([PETERSBURG_VISIT]);
    expect(await visitIds('{ statuses: [COMPLETED, CANCELLED] }')).toEqual([MOSCOW_VISIT]);
    expect(await visitIds('{ host: ["saint-petersburg", "tehran"] }')).toEqual([PETERSBURG_VISIT]);
    expect(await visitIds('{ host: ["nowhere"] }')).toEqual([]);
  });

  it('filters by a person taking part, as member or counterpart', async () => {
    const sobyanin = toGlobalId('Person', SEED.person.sobyanin);
    const mozaffari = toGlobalId('Person', SEED.person.mozaffari);
    expect(await visitIds(`{ person: ["${sobyanin}"] }`)).toEqual([MOSCOW_VISIT]);
    expect(await visitIds(`{ person: ["${mozaffari}"] }`)).toEqual([PETERSBURG_VISIT, MOSCOW_VISIT]);
  });

  it('keeps the visits whose days overlap a Gregorian range', async () => {
    expect(await visitIds('{ from: "2015", to: "2015" }')).toEqual([PETERSBURG_VISIT, MOSCOW_VISIT]);
    expect(await visitIds('{ from: "2015-11-21" }')).toEqual([PETERSBURG_VISIT, MOSCOW_VISIT]);
    expect(await visitIds('{ to: "2015-11-18" }')).toEqual([PETERSBURG_VISIT, MOSCOW_VISIT]);
    expect(await visitIds('{ from: "2015-11-22" }')).toEqual([]);
    expect(await visitIds('{ to: "2015-11-17" }')).toEqual([]);
  });

  it('reads the range in the Persian calendar when asked', async () => {
    expect(await visitIds('{ from: "1394-08-30", to: "1394-08-30", calendar: PERSIAN }')).toEqual([
      PETERSBURG_VISIT,
      MOSCOW_VISIT,
    ]);
    expect(await visitIds('{ from: "۱۳۹۴-۰۸-۰۱", to: "۱۳۹۴-۰۸-۲۶", calendar: PERSIAN }')).toEqual([]);
    expect(await visitIds('{ from: "1394-09-01", calendar: PERSIAN }')).toEqual([]);
  });

  it('refuses a range that runs backwards and an id that is not a person’s, naming the field', async () => {
    const backwards = await api.query('{ visits(filter: { from: "2015-12-01", to: "2015-11-01" }) { totalCount } }');
    expect(backwards.errors?.[0].message).toBe(
      'filter.to: 2015-11-01 is before filter.from 2015-12-01; the range runs backwards',
    );
    expect(backwards.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
    const notAPerson = await api.query(`{ visits(filter: { person: ["${MOSCOW_VISIT}"] }) { totalCount } }`);
    expect(notAPerson.errors?.[0].message).toBe('filter.person: the id names a Visit, not a Person');
    const badDay = await api.query('{ visits(filter: { from: "1394-12-30", calendar: PERSIAN }) { totalCount } }');
    expect(badDay.errors?.[0].message).toBe(
      'filter.from: 1394-12-30 does not exist in the Persian calendar (1394 is not a leap year)',
    );
  });

  it('orders by first or last day in either direction, ties broken by id', async () => {
    expect(await visitIds('{}', ', orderBy: { field: STARTS_ON, direction: ASC }')).toEqual([
      MOSCOW_VISIT,
      PETERSBURG_VISIT,
    ]);
    expect(await visitIds('{}', ', orderBy: { field: ENDS_ON }')).toEqual([MOSCOW_VISIT, PETERSBURG_VISIT]);
    expect(await visitIds('{}', ', orderBy: { field: ENDS_ON, direction: DESC }')).toEqual([
      PETERSBURG_VISIT,
      MOSCOW_VISIT,
    ]);
  });
});

describe('visit paging', () => {
  const page = (args: string) =>
    api.query(`{ visits(${args}) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`);

  it('pages forward with first/after', async () => {
    const first = await page('first: 1');
    expect(first.data!.visits.edges.map((edge: any) => edge.node.id)).toEqual([PETERSBURG_VISIT]);
    expect(first.data!.visits.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const second = await page(`first: 1, after: "${first.data!.visits.pageInfo.endCursor}"`);
    expect(second.data!.visits.edges.map((edge: any) => edge.node.id)).toEqual([MOSCOW_VISIT]);
    expect(second.data!.visits.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
  });

  it('pages backward with last/before', async () => {
    const last = await page('last: 1');
    expect(last.errors).toBeUndefined();
    expect(last.data!.visits.totalCount).toBe(2);
    expect(last.data!.visits.edges.map((edge: any) => edge.node.id)).toEqual([MOSCOW_VISIT]);
    expect(last.data!.visits.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const before = await page(`last: 1, before: "${last.data!.visits.pageInfo.startCursor}"`);
    expect(before.data!.visits.edges.map((edge: any) => edge.node.id)).toEqual([PETERSBURG_VISIT]);
    expect(before.data!.visits.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    const both = await page(`last: 5, before: "${last.data!.visits.pageInfo.startCursor}"`);
    expect(both.data!.visits.edges.map((edge: any) => edge.node.id)).toEqual([PETERSBURG_VISIT]);
  });

  it('refuses a cursor of another list or ordering, a malformed one, and pages over 100', async () => {
    const persons = await api.query('{ persons(first: 1) { pageInfo { endCursor } } }');
    const foreign = await page(`first: 1, after: "${persons.data!.persons.pageInfo.endCursor}"`);
    expect(foreign.errors?.[0].message).toBe(
      'after: is a cursor of another list or ordering (Person:NAME:ASC), not of Visit:STARTS_ON:DESC',
    );
    expect(foreign.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const otherOrder = await api.query('{ visits(first: 1, orderBy: { field: ENDS_ON }) { pageInfo { endCursor } } }');
    const reordered = await page(`first: 1, after: "${otherOrder.data!.visits.pageInfo.endCursor}"`);
    expect(reordered.errors?.[0].message).toMatch(
      /^after: is a cursor of another list or ordering \(Visit:ENDS_ON:ASC\)/,
    );
    const malformed = await page('first: 1, before: "not-a-cursor"');
    expect(malformed.errors?.[0].message).toBe('before: is not a cursor this API made');
    const tooMany = await page('first: 101');
    expect(tooMany.errors?.[0].message).toBe('first: must be from 0 to 100 (got 101)');
  });
});
