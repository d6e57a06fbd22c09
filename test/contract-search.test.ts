import { contractOperation, startTestServer, TestServer } from './helpers/server';

/**
 * Multilingual search over the seeded founding story, through the HTTP API: the contract
 * operation as clients send it, then the folding rules, ranking, filters and bad input.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

const HIT = `__typename ... on Municipality { slug } ... on Person { name(lang: "en") }
  ... on Agreement { title(lang: "en") } ... on CooperationArea { slug } ... on Source { publisher }`;

async function search(query: string, extra = ''): Promise<unknown[]> {
  const { data, errors } = await api.query(`query ($q: String!) { search(query: $q${extra}) { ${HIT} } }`, {
    q: query,
  });
  expect(errors).toBeUndefined();
  return data!.search;
}

const TEHRAN = { __typename: 'Municipality', slug: 'tehran' };
const GHALIBAF = { __typename: 'Person', name: 'Mohammad Bagher Ghalibaf' };
const PACT = { __typename: 'Agreement', title: 'Tehran–Moscow sister-city pact' };
const MOU = {
  __typename: 'Agreement',
  title: 'Memorandum of understanding between the municipalities of Tehran and Moscow',
};
const PETERSBURG_DOCUMENT = { __typename: 'Agreement', title: 'Tehran–Saint Petersburg cooperation document' };

describe('contract 05: multilingual search', () => {
  it('finds Ghalibaf from the Arabic yeh, and Tehran first from Russian and from a prefix', async () => {
    const { data, errors, statements } = await api.query(contractOperation('05-search.graphql'));
    expect(errors).toBeUndefined();
    // The IRNA headline has «قالیباف» as a word too; the person's name has it as a whole word nearer its end.
    expect(data!.arabicForm).toEqual([
      { __typename: 'Person', name: 'Mohammad Bagher Ghalibaf' },
      { __typename: 'Source' },
    ]);
    // Then the Russian titles with «Тегерана», «Тегераном»: shorter titles first.
    expect(data!.russian).toEqual([
      { __typename: 'Municipality', slug: 'tehran' },
      { __typename: 'Agreement', title: 'Tehran–Moscow sister-city pact' },
      { __typename: 'Agreement', title: 'Tehran–Saint Petersburg cooperation document' },
      { __typename: 'Agreement', title: 'Memorandum of understanding between the municipalities of Tehran and Moscow' },
    ]);
    expect(data!.prefix).toEqual([
      { __typename: 'Municipality', slug: 'tehran' },
      { __typename: 'Agreement', title: 'Tehran–Moscow sister-city pact' },
      { __typename: 'Agreement', title: 'Tehran–Saint Petersburg cooperation document' },
      { __typename: 'Agreement', title: 'Memorandum of understanding between the municipalities of Tehran and Moscow' },
      { __typename: 'Source' },
    ]);
    // One statement per search field, the records found (of every kind) read in the same one.
    expect(statements).toBe(3);
  });
});

describe('search: what is folded', () => {
  it('finds Ghalibaf from English, Russian, a misspelling and Persian with a zero-width non-joiner', async () => {
    expect(await search('ghalibaf')).toEqual([GHALIBAF]);
    expect(await search('ГАЛИБАФ')).toEqual([GHALIBAF]);
    expect(await search('Ghalibav', ', types: [PERSON]')).toEqual([GHALIBAF]);
    expect(await search('محمد\u200cباقر')).toEqual([GHALIBAF]);
  });

  it('finds Tehran from Persian with Arabic letters, tatweel, diacritics and its Wikidata id', async () => {
    expect((await search('تهران'))[0]).toEqual(TEHRAN);
    expect(await search('تـهران', ', types: [MUNICIPALITY]')).toEqual([TEHRAN]);
    expect(await search('TÉHRÂN', ', first: 1')).toEqual([TEHRAN]);
    expect(await search('q3616')).toEqual([TEHRAN]);
    expect(await search('مسكو', ', types: [MUNICIPALITY]')).toEqual([{ __typename: 'Municipality', slug: 'moscow' }]);
  });

  it('reads Persian digits as digits: the news code finds both sources that cite it', async () => {
    expect(await search('۴۶۵۳۱۷')).toEqual([
      { __typename: 'Source', publisher: 'IRNA' },
      { __typename: 'Source', publisher: 'Sputnik' },
    ]);
  });

  it('searches cooperation areas by their labels in every language, sub-areas after the exact one', async () => {
    expect(await search('transport', ', types: [COOPERATION_AREA]')).toEqual([
      { __typename: 'CooperationArea', slug: 'transport' },
      { __typename: 'CooperationArea', slug: 'public-transport' },
    ]);
    expect(await search('حمل و نقل', ', types: [COOPERATION_AREA]')).toEqual([
      { __typename: 'CooperationArea', slug: 'transport' },
      { __typename: 'CooperationArea', slug: 'public-transport' },
    ]);
  });
});

describe('search: ranking and limits', () => {
  it('ranks an exact name above names that contain it, and keeps to the types and count asked', async () => {
    expect(await search('moscow', ', types: [MUNICIPALITY, AGREEMENT], first: 3')).toEqual([
      { __typename: 'Municipality', slug: 'moscow' },
      PACT,
      MOU,
    ]);
    expect(await search('tehr', ', types: [AGREEMENT]')).toEqual([PACT, PETERSBURG_DOCUMENT, MOU]);
    // A misspelt word ranks after every name that starts with the query.
    expect(await search('tehrn', ', types: [MUNICIPALITY]')).toEqual([TEHRAN]);
    expect(await search('mosco', ', types: [MUNICIPALITY], first: 2')).toEqual([
      { __typename: 'Municipality', slug: 'moscow' },
    ]);
  });

  it('finds nothing for a name nobody has', async () => {
    expect(await search('Zanzibar')).toEqual([]);
  });

  it('keeps the index in step with the records: a renamed city is found by its new name only', async () => {
    await api.database.dataSource.query(
      `UPDATE municipality SET names = names || '{"en": "Zanzibar Town"}' WHERE slug = 'tehran'`,
    );
    expect(await search('zanzibar')).toEqual([TEHRAN]);
    expect(await search('tehran', ', types: [MUNICIPALITY]')).toEqual([TEHRAN]); // still its slug
    await api.database.dataSource.query(
      `UPDATE municipality SET names = names || '{"en": "Tehran"}' WHERE slug = 'tehran'`,
    );
    expect(await search('zanzibar')).toEqual([]);
  });

  it('indexes records added several at a time, and forgets deleted ones', async () => {
    const db = api.database.dataSource;
    await db.query(`INSERT INTO municipality (slug, names, sort_name, country_code) VALUES
      ('isfahan', '{"en": "Isfahan", "fa": "اصفهان"}', 'Isfahan', 'IR'),
      ('yazd', '{"en": "Yazd", "fa": "یزد"}', 'Yazd', 'IR')`);
    expect(await search('اصفهان')).toEqual([{ __typename: 'Municipality', slug: 'isfahan' }]);
    expect(await search('يزد')).toEqual([{ __typename: 'Municipality', slug: 'yazd' }]);
    await db.query(`DELETE FROM municipality WHERE slug IN ('isfahan', 'yazd')`);
    expect(await search('isfahan')).toEqual([]);
    expect(await db.query(`SELECT count(*)::int AS left FROM search_entry WHERE term IN ('isfahan', 'yazd')`)).toEqual([
      { left: 0 },
    ]);
  });

  it('refuses bad arguments, naming them', async () => {
    const cases: Array<[string, string, string]> = [
      ['search(query: " -- ")', 'query', 'query: give at least one letter or digit'],
      // Refused before execution by the bound every argument has (src/limits/argument-limits.ts).
      [`search(query: "${'a'.repeat(201)}")`, 'query', 'search(query): must be at most 200 characters (got 201)'],
      ['search(query: "tehran", first: 0)', 'first', 'first: give a number from 1 to 100'],
      ['search(query: "tehran", first: 101)', 'first', 'first: give a number from 1 to 100'],
      [
        'search(query: "tehran", types: [])',
        'types',
        'types: give at least one type, or leave it out to search every type',
      ],
    ];
    for (const [call, field, message] of cases) {
      const { errors } = await api.query(`{ ${call} { __typename } }`);
      expect(errors?.[0]).toMatchObject({ message, extensions: { code: 'BAD_USER_INPUT', field } });
    }
  });
});
