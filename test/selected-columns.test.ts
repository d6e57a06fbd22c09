import { buildSchema, execute, GraphQLResolveInfo, parse } from 'graphql';
import { getMetadataStorage } from 'type-graphql';
import { ReadWaves } from '../src/database/read-waves';
import { buildApiSchema } from '../src/schema';
import { selectedColumns, subfields } from '../src/database/selected-columns';
import { MUNICIPALITY_RESOLVED_COLUMNS } from '../src/modules/municipality/municipality.columns';
import { Municipality } from '../src/modules/municipality/municipality.entity';
import { startTestServer, TestServer } from './helpers/server';

/**
 * A network reads only the columns of its municipalities that the query shows, and answers
 * exactly what it answers when it reads them all.
 */
let api: TestServer;
beforeAll(async () => (api = await startTestServer()));
afterAll(() => api.stop());

/** The resolve info of field `network` in `document`, taken from a real execution. */
function infoOf(document: string): GraphQLResolveInfo {
  const schema = buildSchema(`type Query { network: [Entry] }
    type Entry { municipality: City via: City distance: Int }
    type City { id: ID slug: String name(lang: String): String countryCode: String population: Pop mayors: [Term] latitude: Float }
    type Pop { value: Float } type Term { since: String }`);
  let captured: GraphQLResolveInfo | undefined;
  // The default resolver calls a root value's function with (args, context, info).
  const network = (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
    captured = info;
    return [];
  };
  execute({ schema, document: parse(document), rootValue: { network } });
  return captured!;
}

describe('columns a selection needs', () => {
  const columnsFor = (document: string) => {
    const info = infoOf(document);
    const fields = [...subfields(info, ['municipality']), ...subfields(info, ['via'])];
    return selectedColumns(api.database.dataSource.manager, Municipality, fields, MUNICIPALITY_RESOLVED_COLUMNS);
  };

  it('maps plain fields to their columns and resolved fields to what they read, the id always', () => {
    expect(columnsFor('{ network { municipality { slug } distance } }')).toEqual(['id', 'slug']);
    expect(columnsFor('{ network { municipality { __typename name(lang: "fa") } via { countryCode } } }')).toEqual([
      'country_code',
      'id',
      'names',
      'slug',
    ]);
    expect(columnsFor('{ network { municipality { population { value } latitude } } }')).toEqual([
      'id',
      'latitude',
      'population',
      'population_is_lower_bound',
      'population_year',
    ]);
  });

  it('opens fragments and merges every occurrence of a field', () => {
    expect(
      columnsFor(`{ network { municipality { ...F } } network { municipality { ... on City { id } } } }
      fragment F on City { countryCode }`),
    ).toEqual(['country_code', 'id']);
  });

  it('selects everything when a field needs more than columns can tell', () => {
    expect(columnsFor('{ network { municipality { slug mayors { since } } } }')).toBeNull();
  });
});

describe('a network through the API', () => {
  const NARROW = `{ municipality(slug: "moscow") { network(depth: 2) { distance municipality { slug } via { name(lang: "fa") } } } }`;
  const WIDE = `{ municipality(slug: "moscow") { network(depth: 2) { distance municipality { slug countryCode latitude population { value year }
    mayors { person { name } } } via { name(lang: "fa") } } } }`;

  it('asks PostgreSQL for the columns shown only, and answers as when it reads them all', async () => {
    const sent: string[] = [];
    const original = ReadWaves.prototype.query;
    const spy = jest.spyOn(ReadWaves.prototype, 'query').mockImplementation(function (
      this: ReadWaves,
      sql: string,
      params: unknown[],
    ) {
      sent.push(sql);
      return original.call(this, sql, params) as Promise<never[]>;
    });
    try {
      const narrow = await api.query(NARROW);
      const wide = await api.query(WIDE);
      expect(narrow.errors).toBeUndefined();
      expect(wide.errors).toBeUndefined();
      const network = (response: typeof narrow) =>
        response.data!.municipality.network.map((entry: any) => ({
          distance: entry.distance,
          slug: entry.municipality.slug,
          via: entry.via,
        }));
      expect(network(narrow)).toEqual([
        { distance: 1, slug: 'tehran', via: null },
        { distance: 2, slug: 'saint-petersburg', via: { name: 'تهران' } },
      ]);
      expect(network(wide)).toEqual(network(narrow));
      expect(wide.data!.municipality.network[0].municipality).toMatchObject({ countryCode: 'IR', latitude: 35.7 });
      const networkSql = sent.filter((sql) => sql.includes('WITH RECURSIVE level'));
      expect(networkSql.map((sql) => /SELECT (m\.[^\n]*?), l\.start_id/.exec(sql)?.[1])).toEqual([
        'm.id, m.names, m.slug',
        'm.*',
      ]);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the resolved fields list', () => {
  it('names every Municipality field resolver whose name is also a column property', () => {
    // A resolver named like a column may read other columns than its namesake; selectedColumns
    // would then select only the namesake. Such a resolver must be listed.
    buildApiSchema();
    const columns = api.database.dataSource.getMetadata(Municipality).columns.map((column) => column.propertyName);
    const resolvers = getMetadataStorage()
      .fieldResolvers.filter((resolver) => resolver.getObjectType?.() === Municipality)
      .map((resolver) => resolver.schemaName);
    expect(resolvers.length).toBeGreaterThan(10);
    const namedLikeColumns = resolvers.filter((name) => columns.includes(name));
    expect(namedLikeColumns.sort()).toEqual(['names', 'population']);
    for (const name of namedLikeColumns) expect(MUNICIPALITY_RESOLVED_COLUMNS[name]).toBeDefined();
  });
});
