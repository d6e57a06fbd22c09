import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { insertAgreements, insertMunicipalities } from './helpers/factories';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Filters compile to SQL whose shape does not depend on the length of their lists (one
 * `= ANY($n)` or array operator each), and text filters match texts, never the JSON that
 * holds them.
 */
let api: TestServer;
let quoted: string;
beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  // A title whose JSON text differs from the text: quotes and a backslash are escaped there.
  const towns = await insertMunicipalities(api.database.dataSource, 2);
  [quoted] = await insertAgreements(api.database.dataSource, [{ parties: towns }]);
  await api.database.dataSource.query(`UPDATE agreement SET titles = $2 WHERE id = $1`, [
    quoted,
    { en: 'Qom "Holy"\\Shrine pact', fa: 'قم' },
  ]);
});
afterAll(() => api.stop());

const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString('utf8').split(':')[1];
const A = SEED.agreement;
const slugs = (count: number) => ['tehran', 'moscow', ...Array.from({ length: count - 2 }, (_, n) => `nowhere-${n}`)];
const codes = (count: number) => ['IR', 'RU', 'FR', 'DE', 'CN', 'TR', 'IN', 'BR', 'JP', 'EG'].slice(0, count);
const persons = (count: number) =>
  [SEED.person.ghalibaf, ...Array.from({ length: count - 1 }, () => randomUUID())].map((id) =>
    toGlobalId('Person', id),
  );

/** The statements a request sent, as TypeORM's logger saw them, and the number of parameters of each. */
async function statementsOf(query: string, variables: Record<string, unknown>): Promise<Array<[string, number]>> {
  const spy = jest.spyOn(api.database.dataSource.logger, 'logQuery');
  try {
    const response = await api.query(query, variables);
    expect(response.errors).toBeUndefined();
    return spy.mock.calls.map(([sql, params]) => [sql, params?.length ?? 0]);
  } finally {
    spy.mockRestore();
  }
}

describe('the SQL of a set-membership filter', () => {
  const cases: Array<[string, string, (count: number) => unknown[]]> = [
    ['agreements by parties', 'agreements(first: 5, filter: { parties: $list }) { totalCount nodes { id } }', slugs],
    [
      'agreements by party countries',
      'agreements(first: 5, filter: { partyCountries: $list }) { totalCount nodes { id } }',
      codes,
    ],
    ['agreement stats by parties', 'agreementStats(groupBy: KIND, filter: { parties: $list }) { key count }', slugs],
    [
      "a city's agreements by parties",
      'municipality(slug: "tehran") { agreements(first: 5, filter: { parties: $list }) { totalCount } }',
      slugs,
    ],
    ['visits by host', 'visits(first: 5, filter: { host: $list }) { totalCount }', slugs],
    ['visits by sender', 'visits(first: 5, filter: { sender: $list }) { totalCount }', slugs],
    ['visits by person', 'visits(first: 5, filter: { person: $list }) { totalCount }', persons],
    ['delegations by sender', 'delegations(first: 5, filter: { sender: $list }) { totalCount }', slugs],
    ['delegations by host', 'delegations(first: 5, filter: { host: $list }) { totalCount }', slugs],
    ['delegations by person', 'delegations(first: 5, filter: { person: $list }) { totalCount }', persons],
    ['persons by mayoralty', 'persons(first: 5, filter: { mayorOf: $list }) { totalCount }', slugs],
    ['municipalities by country', 'municipalities(first: 5, filter: { countries: $list }) { totalCount }', codes],
  ];
  it.each(cases)('of %s is the same for 10 items as for 2', async (_name, field, items) => {
    const type = field.includes('person:') ? '[ID!]' : '[String!]';
    const query = `query($list: ${type}) { ${field} }`;
    const two = await statementsOf(query, { list: items(2) });
    const ten = await statementsOf(query, { list: items(10) });
    expect(two.length).toBeGreaterThan(0);
    expect(ten).toEqual(two);
  });

  it('compares the parties asked for, deduplicated, in one subquery', async () => {
    const [[sql]] = await statementsOf(
      'query($list: [String!]) { agreements(first: 5, filter: { parties: $list }) { nodes { id } } }',
      { list: slugs(10) },
    );
    expect(sql.match(/agreement_party/g)).toHaveLength(1);
    expect(sql).toContain('fm.slug = ANY($1::text[])');
    expect(sql).toContain('count(DISTINCT fm.slug) = $2::int');
  });
});

describe('set-membership filters on the seed', () => {
  const agreements = async (filter: string) => {
    const response = await api.query(`{ agreements(filter: ${filter}) { totalCount nodes { id } } }`);
    expect(response.errors).toBeUndefined();
    return response.data!.agreements.nodes.map((node: { id: string }) => uuidOf(node.id));
  };
  it('finds the agreements that all the parties asked for are party to', async () => {
    expect(await agreements('{ parties: ["tehran", "moscow"] }')).toEqual([A.moscowMemorandum, A.sisterCityPact]);
    expect(await agreements('{ parties: ["moscow", "tehran", "moscow"] }')).toEqual([
      A.moscowMemorandum,
      A.sisterCityPact,
    ]);
    expect(await agreements('{ parties: ["tehran"] }')).toEqual([
      A.moscowMemorandum,
      A.saintPetersburgCooperation,
      A.sisterCityPact,
    ]);
    expect(await agreements('{ parties: ["moscow", "saint-petersburg"] }')).toEqual([]);
    expect(await agreements('{ parties: ["tehran", "moscow", "nowhere"] }')).toEqual([]);
  });

  it('finds the agreements with a party in every country asked for', async () => {
    expect(await agreements('{ partyCountries: ["IR", "RU"] }')).toEqual([
      A.moscowMemorandum,
      A.saintPetersburgCooperation,
      A.sisterCityPact,
    ]);
    expect(await agreements('{ partyCountries: ["ru", "IR", "RU"] }')).toEqual([
      A.moscowMemorandum,
      A.saintPetersburgCooperation,
      A.sisterCityPact,
    ]);
    expect(await agreements('{ partyCountries: ["IR", "CN"] }')).toEqual([]);
    expect(await agreements('{ parties: ["saint-petersburg"], partyCountries: ["IR", "RU"] }')).toEqual([
      A.saintPetersburgCooperation,
    ]);
  });

  it('counts the same agreements in agreementStats', async () => {
    const response = await api.query(
      '{ agreementStats(groupBy: KIND, filter: { parties: ["tehran", "moscow"], partyCountries: ["IR", "RU"] }) { key count } }',
    );
    expect(response.data!.agreementStats).toEqual([
      { key: 'MEMORANDUM_OF_UNDERSTANDING', count: 1 },
      { key: 'SISTER_CITY', count: 1 },
    ]);
  });
});

describe('text filters match texts, not the JSON holding them', () => {
  const slugsOf = async (filter: string) => {
    const response = await api.query(`{ municipalities(filter: ${filter}) { nodes { slug } } }`);
    expect(response.errors).toBeUndefined();
    return response.data!.municipalities.nodes.map((node: { slug: string }) => node.slug);
  };
  const titled = async (text: string) => {
    const response = await api.query('query($text: String) { agreements(filter: { text: $text }) { nodes { id } } }', {
      text,
    });
    expect(response.errors).toBeUndefined();
    return response.data!.agreements.nodes.map((node: { id: string }) => uuidOf(node.id));
  };

  it.each(['en', 'fa', ': ', '"', '{', '"en": "', 'ru'])('finds no municipality named %j', async (text) => {
    expect(await slugsOf(JSON.stringify({ name: text }).replace(/"name"/, 'name'))).toEqual([]);
  });

  it('finds municipalities by a part of a name in any language, wildcards taken literally', async () => {
    expect(await slugsOf('{ name: "tEHr" }')).toEqual(['tehran']);
    expect(await slugsOf('{ name: "Моск" }')).toEqual(['moscow']);
    expect(await slugsOf('{ name: "پترز" }')).toEqual(['saint-petersburg']);
    expect(await slugsOf('{ name: "%" }')).toEqual([]);
    expect(await slugsOf('{ name: "T_hran" }')).toEqual([]);
  });

  it('finds agreements by words of a title, not by language tags or JSON syntax', async () => {
    expect(await titled('en')).toEqual([A.moscowMemorandum, A.saintPetersburgCooperation]);
    expect(await titled('fa')).toEqual([]);
    expect(await titled('": "')).toEqual([]);
    expect(await titled(', "')).toEqual([]);
    expect(await titled('مسکو')).toEqual([A.moscowMemorandum, A.sisterCityPact]);
    expect(await titled('sister-city')).toEqual([A.sisterCityPact]);
  });

  it('finds a title by text holding quotes and backslashes, as written, not as JSON escapes them', async () => {
    for (const text of ['"Holy"', 'y"\\Sh', 'Holy', 'qom "HOLY', 'shrine pact'])
      expect(await titled(text)).toEqual([quoted]);
    for (const text of ['\\"Holy', 'y\\\\Sh', '"en"']) expect(await titled(text)).toEqual([]);
  });

  it('finds no person by JSON syntax in a name or a position', async () => {
    const response = await api.query(
      '{ a: persons(filter: { name: "\\": \\"" }) { totalCount } b: persons(filter: { position: "en\\":" }) { totalCount } c: persons(filter: { name: "ghalib" }) { nodes { id } } }',
    );
    expect(response.data).toEqual({
      a: { totalCount: 0 },
      b: { totalCount: 0 },
      c: { nodes: [{ id: toGlobalId('Person', SEED.person.ghalibaf) }] },
    });
  });
});
