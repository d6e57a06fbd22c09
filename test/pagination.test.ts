import { insertAgreements, insertMunicipalities } from './helpers/factories';
import { GraphQLResponse, startTestServer, TestServer } from './helpers/server';

interface AgreementPage {
  agreements: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    edges: Array<{ cursor: string; node: { id: string } }>;
  };
}

let api: TestServer;
let expectedOrder: string[];

beforeAll(async () => {
  api = await startTestServer({ seeded: false });
  const towns = await insertMunicipalities(api.database.dataSource, 40);
  // 1,000 agreements, many sharing a signing day, so the id tie-breaker is exercised.
  await insertAgreements(
    api.database.dataSource,
    Array.from({ length: 1000 }, (_, n) => ({
      parties: [towns[n % 40], towns[(n * 7 + 1) % 40 === n % 40 ? (n + 1) % 40 : (n * 7 + 1) % 40]],
      signedOn: `20${10 + (n % 10)}-0${1 + (n % 9)}-1${n % 10}`,
    })),
  );
  const rows: Array<{ id: string }> = await api.database.dataSource.query(
    `SELECT id FROM agreement ORDER BY signed_on ASC, id ASC`,
  );
  expectedOrder = rows.map((row) => row.id);
});
afterAll(() => api.stop());

const PAGE = `query($first: Int, $after: String, $last: Int, $before: String) {
  agreements(first: $first, after: $after, last: $last, before: $before, orderBy: { field: SIGNED_ON, direction: ASC }) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { id } }
  }
}`;

function uuidOf(globalId: string): string {
  return Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
}

describe('keyset pagination over 1,000 agreements', () => {
  it('visits every agreement exactly once, in order, 25 at a time forwards', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 41; page++) {
      const response: GraphQLResponse<AgreementPage> = await api.query<AgreementPage>(PAGE, { first: 25, after });
      expect(response.errors).toBeUndefined();
      const connection: AgreementPage['agreements'] = response.data!.agreements;
      expect(connection.totalCount).toBe(1000);
      seen.push(...connection.edges.map((edge) => uuidOf(edge.node.id)));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(seen).toEqual(expectedOrder);
  });

  it('visits every agreement exactly once, in order, 25 at a time backwards', async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (let page = 0; page < 41; page++) {
      const response: GraphQLResponse<AgreementPage> = await api.query<AgreementPage>(PAGE, { last: 25, before });
      const connection: AgreementPage['agreements'] = response.data!.agreements;
      seen.unshift(...connection.edges.map((edge) => uuidOf(edge.node.id)));
      if (!connection.pageInfo.hasPreviousPage) break;
      before = connection.pageInfo.startCursor;
    }
    expect(seen).toEqual(expectedOrder);
  });

  it('costs the same statements on page 40 as on page 1 (no OFFSET: the cursor is a position)', async () => {
    const first = await api.query(PAGE, { first: 25 });
    let after = first.data!.agreements.pageInfo.endCursor;
    let last = first;
    for (let page = 1; page < 39; page++) {
      last = await api.query(PAGE, { first: 25, after });
      after = last.data!.agreements.pageInfo.endCursor;
    }
    expect(last.statements).toBe(first.statements);
    expect(last.data!.agreements.edges[0].node.id).toBeDefined();
  });

  it('refuses page sizes over 100, both first and last, and negative sizes', async () => {
    const big = await api.query(PAGE, { first: 101 });
    expect(big.errors?.[0].message).toBe('first: must be from 0 to 100 (got 101)');
    expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const both = await api.query(PAGE, { first: 5, last: 5 });
    expect(both.errors?.[0].message).toBe('first: give first or last, not both');
    const negative = await api.query(PAGE, { last: -1 });
    expect(negative.errors?.[0].message).toBe('last: must be from 0 to 100 (got -1)');
  });

  it('refuses a malformed cursor and a cursor of another list or ordering', async () => {
    const malformed = await api.query(PAGE, { first: 5, after: 'garbage!' });
    expect(malformed.errors?.[0].message).toBe('after: is not a cursor this API made');
    const titleOrder = await api.query(
      '{ agreements(first: 1, orderBy: { field: TITLE, direction: ASC }) { pageInfo { endCursor } } }',
    );
    const foreign = await api.query(PAGE, { first: 5, after: titleOrder.data!.agreements.pageInfo.endCursor });
    expect(foreign.errors?.[0].message).toBe(
      'after: is a cursor of another list or ordering (Agreement:TITLE:ASC), not of Agreement:SIGNED_ON:ASC',
    );
    const towns = await api.query('{ municipalities(first: 1) { pageInfo { endCursor } } }');
    const otherList = await api.query(PAGE, { first: 5, before: towns.data!.municipalities.pageInfo.endCursor });
    expect(otherList.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(otherList.errors?.[0].message).toMatch(
      /^before: is a cursor of another list or ordering \(Municipality:NAME:ASC\)/,
    );
  });
});
