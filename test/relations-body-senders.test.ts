import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Delegations sent by a city's bodies (issue 16, item 5): "sent by Tehran" is sent by Tehran
 * itself or by an organization whose municipality is Tehran (its council), in every city-level
 * read, as the scope rule already counts it; an outside organization (an embassy) belongs to
 * no city. The records are written through the API, the reads are exact lists.
 */
const id = toGlobalId;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const COUNCIL = id('Organization', SEED.organization.tehranCityCouncil);
const TEHRAN_DELEGATION = id('Delegation', SEED.delegation.tehranMunicipality);
const MOSCOW_DELEGATION = id('Delegation', SEED.delegation.moscowMunicipality);
const MOSCOW_VISIT = id('Visit', SEED.visit.moscow);
const PETERSBURG_VISIT = id('Visit', SEED.visit.saintPetersburg);

let api: TestServer;
let editor: Key;
let tehranEditor: Key;
const { mutate, query } = writeHarness(() => api, []);

/** Sends a mutation that must succeed and returns the global id of its record. */
async function created(field: string, record: string, input: Record<string, unknown>, key: Key): Promise<string> {
  const { response, result } = await mutate(field, `${record} { id }`, input, key);
  expect(response.errors).toBeUndefined();
  expect(result.userErrors).toEqual([]);
  return result[record].id;
}

let councilDelegation: string;
let councilVisit: string;
let embassy: string;
let embassyDelegation: string;
let embassyVisit: string;

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
  tehranEditor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran city portal', [
    SEED.municipality.tehran,
  ]);
  // The Tehran portal may record its council's trip: the scope rule counts the council as Tehran's.
  councilDelegation = await created(
    'createDelegation',
    'delegation',
    { names: [{ lang: 'en', value: 'Tehran City Council delegation' }], senderOrganizationId: COUNCIL },
    tehranEditor,
  );
  councilVisit = await created(
    'recordVisit',
    'visit',
    { delegationId: councilDelegation, hostMunicipalityId: MOSCOW, startsOn: '2019-05-14', status: 'COMPLETED' },
    tehranEditor,
  );
  embassy = await created(
    'createOrganization',
    'organization',
    {
      slug: 'embassy-of-russia-in-tehran',
      kind: 'EMBASSY',
      countryCode: 'RU',
      names: [{ lang: 'en', value: 'Embassy of Russia in Tehran' }],
    },
    editor,
  );
  embassyDelegation = await created('createDelegation', 'delegation', { senderOrganizationId: embassy }, editor);
  embassyVisit = await created(
    'recordVisit',
    'visit',
    { delegationId: embassyDelegation, hostMunicipalityId: TEHRAN, startsOn: '2019-06-02', status: 'COMPLETED' },
    editor,
  );
});
afterAll(() => api.stop());

const ids = (connection: { totalCount: number; nodes: Array<{ id: string }> }) => {
  expect(connection.totalCount).toBe(connection.nodes.length);
  return connection.nodes.map((node) => node.id);
};

async function cityLists(slug: string) {
  const { municipality } = await query(
    `query ($slug: String) { municipality(slug: $slug) {
      visitsMade(first: 50) { totalCount nodes { id } }
      delegationsSent(first: 50) { totalCount nodes { id } }
      visitsHosted(first: 50) { totalCount nodes { id } } } }`,
    { slug },
  );
  return {
    visitsMade: ids(municipality.visitsMade),
    delegationsSent: ids(municipality.delegationsSent),
    visitsHosted: ids(municipality.visitsHosted),
  };
}

async function sentBy(sender: string[], host?: string[]) {
  const data = await query(
    `query ($sender: [String!], $host: [String!]) {
      visits(filter: { sender: $sender, host: $host }, first: 50) { totalCount nodes { id } }
      delegations(filter: { sender: $sender, host: $host }, first: 50) { totalCount nodes { id } } }`,
    { sender, host },
  );
  return { visits: ids(data.visits), delegations: ids(data.delegations) };
}

describe('a city council sends a delegation', () => {
  it("is in Tehran's visitsMade and delegationsSent, latest first, with Tehran's own", async () => {
    expect(await cityLists('tehran')).toEqual({
      visitsMade: [councilVisit, PETERSBURG_VISIT, MOSCOW_VISIT],
      delegationsSent: [councilDelegation, TEHRAN_DELEGATION],
      visitsHosted: [embassyVisit],
    });
  });

  it('is matched by the sender filter with the city slug, alone with the council slug', async () => {
    expect(await sentBy(['tehran'])).toEqual({
      visits: [councilVisit, PETERSBURG_VISIT, MOSCOW_VISIT],
      delegations: [councilDelegation, TEHRAN_DELEGATION],
    });
    expect(await sentBy(['tehran'], ['moscow'])).toEqual({
      visits: [councilVisit, MOSCOW_VISIT],
      delegations: [councilDelegation, TEHRAN_DELEGATION],
    });
    expect(await sentBy(['tehran-city-council'])).toEqual({
      visits: [councilVisit],
      delegations: [councilDelegation],
    });
    expect(await sentBy(['moscow', 'saint-petersburg'])).toEqual({ visits: [], delegations: [MOSCOW_DELEGATION] });
  });

  it("stays the council's own in Organization.delegationsSent and shows in Tehran's timeline", async () => {
    const data = await query(
      `{ organization(slug: "tehran-city-council") { delegationsSent { totalCount nodes { id } } }
         municipality(slug: "tehran") { timeline(from: "2019-01-01") { event subject { id } } } }`,
    );
    expect(ids(data.organization.delegationsSent)).toEqual([councilDelegation]);
    expect(data.municipality.timeline).toEqual([
      { event: 'VISIT', subject: { id: councilVisit } },
      { event: 'VISIT', subject: { id: embassyVisit } },
    ]);
  });
});

describe('an outside organization sends a delegation', () => {
  it('is made by no city: only its host has the visit', async () => {
    expect(await cityLists('moscow')).toEqual({
      visitsMade: [],
      delegationsSent: [MOSCOW_DELEGATION],
      visitsHosted: [councilVisit, MOSCOW_VISIT],
    });
    expect(await cityLists('saint-petersburg')).toEqual({
      visitsMade: [],
      delegationsSent: [],
      visitsHosted: [PETERSBURG_VISIT],
    });
    expect(await sentBy(['tehran', 'moscow', 'saint-petersburg'])).toEqual({
      visits: [councilVisit, PETERSBURG_VISIT, MOSCOW_VISIT],
      delegations: [councilDelegation, TEHRAN_DELEGATION, MOSCOW_DELEGATION],
    });
  });

  it('is matched by its own slug', async () => {
    expect(await sentBy(['embassy-of-russia-in-tehran'])).toEqual({
      visits: [embassyVisit],
      delegations: [embassyDelegation],
    });
  });
});

describe('SQL statements', () => {
  it('stay one per level for the nested city lists', async () => {
    const { errors, statements } = await api.query(`{ municipalities(first: 10) { nodes { slug
      visitsMade(first: 5) { totalCount nodes { id delegation { sender { slug } senderOrganization { slug } } } }
      delegationsSent(first: 5, filter: { sender: ["tehran"] }) { totalCount nodes { id } } } } }`);
    expect(errors).toBeUndefined();
    expect(statements).toBe(STATEMENTS);
  });
});

const STATEMENTS = 4;
