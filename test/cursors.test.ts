import { decodeCursor, encodeCursor } from '../src/common/cursors';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { insertAgreements, insertMunicipalities } from './helpers/factories';
import { GraphQLResponse, startTestServer, TestServer } from './helpers/server';

/**
 * Cursors are validated against their list's sort type before any SQL, and their sort
 * values round-trip exactly: undated rows (sorted as -infinity) and instants to the
 * microsecond page like any other.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  const dataSource = api.database.dataSource;
  const towns = await insertMunicipalities(dataSource, 12);
  // 24 more agreements, every third undated, several signed on one day (ties broken by id).
  await insertAgreements(
    dataSource,
    Array.from({ length: 24 }, (_, n) => ({
      parties: [towns[n % 12], towns[(n + 1) % 12]],
      signedOn: n % 3 === 0 ? undefined : `2016-0${1 + (n % 4)}-01`,
    })),
  );
  // Delegations that made no visit: sorted as -infinity, after the seed's dated one.
  await dataSource.query(`INSERT INTO delegation (sender_municipality_id) SELECT unnest($1::uuid[])`, [
    towns.slice(0, 7),
  ]);
  // Citations a microsecond apart, two to each instant: a cursor rounded to milliseconds repeats them.
  await dataSource.query(
    `INSERT INTO citation (source_id, municipality_id, created_at)
     SELECT $1, id, timestamptz '2030-01-01 00:00:00+00' + (n / 2) * interval '1 microsecond' FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [SEED.source.irna, towns],
  );
  // A name too long for a cursor to carry (1,400 bytes): its position is its id.
  await dataSource.query(
    `INSERT INTO municipality (slug, names, sort_name, country_code) VALUES ('long', jsonb_build_object('fa', $1::text), $1, 'IR')`,
    [`Town ${'\u0628'.repeat(700)}`],
  );
});
afterAll(() => api.stop());

const cursor = (...parts: unknown[]) => Buffer.from(JSON.stringify(parts), 'utf8').toString('base64url');
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
const ID = SEED.agreement.moscowMemorandum;
const PAGE = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { node { id } }';
const ARGS = 'first: $first, after: $after, last: $last, before: $before';
const VARS = '$first: Int, $after: String, $last: Int, $before: String';

interface Connection {
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Array<{ node: { id: string } }>;
}

/** Every id of a list, paging `size` at a time forwards (or backwards from the end). */
async function walk(list: string, size: number, backwards: boolean): Promise<string[]> {
  const seen: string[] = [];
  let position: string | null = null;
  for (let page = 0; page < 100; page++) {
    const variables: Record<string, unknown> = backwards
      ? { last: size, before: position }
      : { first: size, after: position };
    const response: GraphQLResponse = await api.query(
      `query(${VARS}) { ${list.replace('ARGS', ARGS).replace('PAGE', PAGE)} }`,
      variables,
    );
    expect(response.errors).toBeUndefined();
    const connection: Connection = response.data!.node?.list ?? response.data!.list;
    const ids = connection.edges.map((edge) => uuidOf(edge.node.id));
    if (backwards) seen.unshift(...ids);
    else seen.push(...ids);
    if (!(backwards ? connection.pageInfo.hasPreviousPage : connection.pageInfo.hasNextPage)) return seen;
    position = backwards ? connection.pageInfo.startCursor : connection.pageInfo.endCursor;
  }
  throw new Error(`${list} did not end within 100 pages`);
}

async function ids(sql: string, params: unknown[] = []): Promise<string[]> {
  return (await api.database.dataSource.query(sql, params)).map((row: { id: string }) => row.id);
}

describe('paging lists whose sort values are -infinity or microseconds', () => {
  const AGREEMENT_SORT = `COALESCE(signed_on, '-infinity'::date)`;
  const FIRST_VISIT = `COALESCE((SELECT min(v.starts_on) FROM visit v WHERE v.delegation_id = d.id), '-infinity'::date)`;
  it.each([
    [
      'agreements by signing, newest first',
      'list: agreements(ARGS) { PAGE }',
      `SELECT id FROM agreement ORDER BY ${AGREEMENT_SORT} DESC, id DESC`,
    ],
    [
      'agreements by signing, oldest first',
      'list: agreements(ARGS, orderBy: { field: SIGNED_ON, direction: ASC }) { PAGE }',
      `SELECT id FROM agreement ORDER BY ${AGREEMENT_SORT}, id`,
    ],
    // A page of one: every row's cursor is used, the long name's too.
    [
      'municipalities by name, one too long for a cursor',
      'list: municipalities(ARGS) { PAGE }',
      'SELECT id FROM municipality ORDER BY sort_name, id',
      1,
    ],
    [
      'delegations by first visit',
      'list: delegations(ARGS) { PAGE }',
      `SELECT id FROM delegation d ORDER BY ${FIRST_VISIT} DESC, id DESC`,
    ],
    [
      'the records a source supports, by citation time',
      `node(id: "${toGlobalId('Source', SEED.source.irna)}") { ... on Source { list: supports(ARGS) { PAGE } } }`,
      `SELECT COALESCE(agreement_id, visit_id, delegation_id, municipality_id, person_id, mayoral_term_id, organization_id, committee_id) AS id
         FROM citation c WHERE source_id = '${SEED.source.irna}' ORDER BY c.created_at, c.id`,
    ],
  ] as Array<[string, string, string, number?]>)(
    'gets every row of %s exactly once, in order, both ways',
    async (_name, list, sql, size = 3) => {
      const expected = await ids(sql);
      expect(expected.length).toBeGreaterThan(8);
      expect(await walk(list, size, false)).toEqual(expected);
      expect(await walk(list, size, true)).toEqual(expected);
    },
  );

  it('writes an undated agreement\'s position as "-infinity" and pages on from it', async () => {
    const first = await api.query(
      `{ agreements(first: 1, orderBy: { field: SIGNED_ON, direction: ASC }) { edges { cursor node { id } } } }`,
    );
    const [edge] = first.data!.agreements.edges;
    expect(JSON.parse(Buffer.from(edge.cursor, 'base64url').toString('utf8'))).toEqual([
      'Agreement:SIGNED_ON:ASC',
      '-infinity',
      uuidOf(edge.node.id),
    ]);
  });
});

describe('forged cursors', () => {
  const DESC = 'Agreement:SIGNED_ON:DESC';
  const BY_POPULATION = 'municipalities(ARGS, orderBy: { field: POPULATION, direction: ASC })';
  const BY_TITLE = 'agreements(ARGS, orderBy: { field: TITLE, direction: ASC })';
  const refusals: Array<[string, string, string]> = [
    ['an impossible date', 'agreements(ARGS)', cursor(DESC, '2015-02-30', ID)],
    ['a date with a time', 'agreements(ARGS)', cursor(DESC, '2015-11-18 00:00', ID)],
    ['year 0', 'agreements(ARGS)', cursor(DESC, '0000-01-01', ID)],
    ['1e308', 'agreements(ARGS)', cursor(DESC, 1e308, ID)],
    ['an object', 'agreements(ARGS)', cursor(DESC, { '>': 0 }, ID)],
    ['a non-UUID id', 'agreements(ARGS)', cursor(DESC, '2015-11-18', 'not-a-uuid')],
    ['an id in capitals', 'agreements(ARGS)', cursor(DESC, '2015-11-18', ID.toUpperCase())],
    ['a fourth part', 'agreements(ARGS)', cursor(DESC, '2015-11-18', ID, 'x')],
    ['two parts', 'agreements(ARGS)', cursor(DESC, ID)],
    ['an object instead of a list', 'agreements(ARGS)', cursor({ kind: DESC })],
    ['a kind that is not text', 'agreements(ARGS)', cursor(7, '2015-11-18', ID)],
    ['text against a numeric sort', BY_POPULATION, cursor('Municipality:POPULATION:ASC', 'abc', ID)],
    ['a population beyond int8', BY_POPULATION, cursor('Municipality:POPULATION:ASC', '9223372036854775808', ID)],
    ['a JSON number for a bigint sort', BY_POPULATION, cursor('Municipality:POPULATION:ASC', 12, ID)],
    ['a null date', 'agreements(ARGS)', cursor(DESC, null, ID)],
    ['a title holding NUL', BY_TITLE, cursor('Agreement:TITLE:ASC', 'a\u0000', ID)],
  ];
  it.each(refusals)('refuses %s before any SQL, naming the field', async (_name, list, forged) => {
    for (const field of ['after', 'before']) {
      const response = await api.query(
        `query($cursor: String) { ${list.replace('ARGS', `first: 2, ${field}: $cursor`)} { totalCount } }`,
        { cursor: forged },
      );
      expect(response.errors?.map((error) => [error.message, error.extensions?.code, error.extensions?.field])).toEqual(
        [[`${field}: invalid cursor`, 'BAD_USER_INPUT', field]],
      );
      expect(response.statements).toBe(0);
    }
  });

  it('refuses cursors longer than any it makes, before decoding them', async () => {
    for (const forged of [cursor(DESC, 'x'.repeat(700_000), ID), cursor('Agreement:TITLE:ASC', 'x'.repeat(760), ID)]) {
      const response = await api.query(
        'query($cursor: String) { agreements(first: 2, after: $cursor) { totalCount } }',
        { cursor: forged },
      );
      expect(
        response.errors?.map((error) => [error.extensions?.code, error.extensions?.field, error.extensions?.limit]),
      ).toEqual([['BAD_USER_INPUT', 'after', 1024]]);
      expect(response.statements).toBe(0);
    }
    // The same bound holds for any other caller of the pagination code.
    expect(() => decodeCursor(DESC, 'date', 'A'.repeat(1025), 'before')).toThrow('before: invalid cursor');
  });

  it("makes no cursor longer than it reads: a long text key gives way to the row's id", () => {
    const id = SEED.municipality.tehran;
    const fits = encodeCursor('Municipality:NAME:ASC', ['x'.repeat(700), id]);
    expect(fits.length).toBe(1023);
    expect(decodeCursor('Municipality:NAME:ASC', 'text', fits, 'after')).toEqual(['x'.repeat(700), id]);
    expect(encodeCursor('Municipality:NAME:ASC', ['\u0628'.repeat(400), id])).toBe(
      cursor('Municipality:NAME:ASC', null, id),
    );
    expect(decodeCursor('Municipality:NAME:ASC', 'text', cursor('Municipality:NAME:ASC', null, id), 'after')).toEqual([
      null,
      id,
    ]);
  });

  it('refuses a forged instant of the records a source supports', async () => {
    const forged = cursor('Citation', '2030-13-01T00:00:00.000000Z', ID);
    const response = await api.query(
      `{ node(id: "${toGlobalId('Source', SEED.source.irna)}") { ... on Source { supports(after: "${forged}") { totalCount } } } }`,
    );
    expect(response.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
      ['after: invalid cursor', 'BAD_USER_INPUT'],
    ]);
  });

  it('takes well-formed positions at the edges of their types', async () => {
    const first = async (list: string, position: string) => {
      const response = await api.query(
        `{ list: ${list.replace('ARGS', `first: 1, after: "${position}"`)} { nodes { id } } }`,
      );
      expect(response.errors).toBeUndefined();
      return response.data!.list.nodes.map((node: { id: string }) => uuidOf(node.id));
    };
    const [newest] = await ids(
      `SELECT id FROM agreement ORDER BY COALESCE(signed_on, '-infinity'::date) DESC, id DESC LIMIT 1`,
    );
    expect(await first('agreements(ARGS)', cursor(DESC, 'infinity', ID))).toEqual([newest]);
    expect(await first('agreements(ARGS)', cursor(DESC, '-infinity', ID))).toEqual([SEED.agreement.sisterCityPact]);
    expect(await first('agreements(ARGS)', cursor(DESC, '2016-02-29', ID))).toEqual(
      await ids(`SELECT id FROM agreement WHERE signed_on < '2016-02-29' ORDER BY signed_on DESC, id DESC LIMIT 1`),
    );
    expect(await first(BY_TITLE, cursor('Agreement:TITLE:ASC', 'x'.repeat(600), ID))).toEqual([]);
    // A text key left out stands for the row's own: after the memorandum comes the next title.
    const [next] = await ids(
      `SELECT id FROM agreement WHERE (sort_name, id) > (SELECT sort_name, id FROM agreement WHERE id = $1) ORDER BY sort_name, id LIMIT 1`,
      [ID],
    );
    expect(await first(BY_TITLE, cursor('Agreement:TITLE:ASC', null, ID))).toEqual([next]);
    expect(await first(BY_POPULATION, cursor('Municipality:POPULATION:ASC', '9223372036854775807', ID))).toEqual([]);
  });

  it('keeps the messages for garbage and for a cursor of another list', async () => {
    const garbage = await api.query('{ agreements(first: 1, after: "!!!") { totalCount } }');
    expect(garbage.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
      ['after: is not a cursor this API made', 'BAD_USER_INPUT'],
    ]);
    const foreign = await api.query(
      `{ agreements(first: 1, before: "${cursor('Person:NAME:ASC', 'Ghalibaf', ID)}") { totalCount } }`,
    );
    expect(foreign.errors?.map((error) => [error.message, error.extensions?.code])).toEqual([
      [
        'before: is a cursor of another list or ordering (Person:NAME:ASC), not of Agreement:SIGNED_ON:DESC',
        'BAD_USER_INPUT',
      ],
    ]);
  });
});
