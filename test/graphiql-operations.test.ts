import { parse, validate } from 'graphql';
import { Client } from 'graphql-ws';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { ConfigError, loadConfig } from '../src/config';
import { SEED } from '../src/database/seed';
import { readExampleTabs, readOperationTabs } from '../src/graphiql/operations';
import { graphiqlSourceDirectory } from '../src/graphiql/paths';
import { buildApiSchema } from '../src/schema';
import { makeKey } from './helpers/keys';
import { liveClient, subscribe } from './helpers/live-client';
import { startTestServer, TestServer } from './helpers/server';

const copies = path.resolve(__dirname, '../src/graphiql/operations');
const contract = path.resolve(__dirname, '../../shared/contract');

describe('the contract operations GraphiQL opens with', () => {
  // The repository carries its own copies so the page builds without ../shared; this keeps
  // them honest wherever the clients' folder is beside the repository (here and in CI).
  (existsSync(contract) ? test : test.skip)('are exact copies of ../shared/contract', () => {
    const graphql = (directory: string) =>
      readdirSync(directory)
        .filter((file) => file.endsWith('.graphql'))
        .sort();
    expect(graphql(copies)).toEqual(graphql(contract));
    for (const file of graphql(contract)) {
      expect({ file, text: readFileSync(path.join(copies, file), 'utf8') }).toEqual({
        file,
        text: readFileSync(path.join(contract, file), 'utf8'),
      });
    }
  });

  test('become one tab each, in file order, named by operation, with required variables left to fill', () => {
    const tabs = readOperationTabs(copies);
    expect(tabs.map((tab) => tab.name)).toEqual([
      'CityPartners',
      'MoscowVisit',
      'AgreementsByArea',
      'MayorOnADay',
      'Search',
      'NetworkAndPath',
      'DashboardStats',
      'NodeAndEvidence',
      'Timeline',
    ]);
    expect(tabs[0].query).toBe(readFileSync(path.join(copies, '01-city-partners.graphql'), 'utf8'));
    // CityPartners' $slug has a default; NodeAndEvidence's $id does not.
    expect(tabs[0].variables).toBeNull();
    expect(JSON.parse(tabs[7].variables ?? '')).toEqual({ id: null });
  });
});

describe('the subscription tabs GraphiQL adds after them', () => {
  const tabs = readExampleTabs(graphiqlSourceDirectory());
  const subscriptions = tabs.slice(-2);
  const tab = (name: string) => tabs.find((candidate) => candidate.name === name)!.query;
  let api: TestServer;
  let client: Client;

  // A seeded server can take long to start on a loaded machine: a generous bound, not a timing.
  beforeAll(async () => {
    api = await startTestServer({ seeded: true });
    client = liveClient(api);
  }, 120_000);
  afterAll(async () => {
    await client?.dispose();
    await api?.stop();
  });

  test('come last, named by operation, and are valid subscriptions of the schema', () => {
    expect(tabs.map((candidate) => candidate.name)).toEqual([
      ...readOperationTabs(copies).map((candidate) => candidate.name),
      'TehranPartnersLive',
      'RegisterChanged',
    ]);
    const schema = buildApiSchema();
    for (const { name, query, variables } of subscriptions) {
      expect({ name, errors: validate(schema, parse(query)).map((error) => error.message) }).toEqual({
        name,
        errors: [],
      });
      expect(query).toMatch(/^subscription /m);
      expect(variables).toBeNull();
    }
  });

  test("the live tab answers Tehran's partners on the seed at once, as its comment says", async () => {
    const live = subscribe(client, tab('TehranPartnersLive'));
    const [first] = await live.received(1);
    live.end();
    const agreement = (id: string, kind: string, title: string) => ({
      id: toGlobalId('Agreement', id),
      kind,
      title,
      signedOn: kind === 'MEMORANDUM_OF_UNDERSTANDING' ? '2015-11-18' : null,
      version: 1,
    });
    expect(first).toEqual({
      data: {
        live: {
          municipality: {
            name: 'Tehran',
            partners: [
              {
                municipality: { slug: 'moscow' },
                agreements: [
                  agreement(SEED.agreement.sisterCityPact, 'SISTER_CITY', 'Tehran–Moscow sister-city pact'),
                  agreement(
                    SEED.agreement.moscowMemorandum,
                    'MEMORANDUM_OF_UNDERSTANDING',
                    'Memorandum of understanding between the municipalities of Tehran and Moscow',
                  ),
                ],
              },
              {
                municipality: { slug: 'saint-petersburg' },
                agreements: [
                  agreement(
                    SEED.agreement.saintPetersburgCooperation,
                    'COOPERATION_AGREEMENT',
                    'Tehran–Saint Petersburg cooperation document',
                  ),
                ],
              },
            ],
          },
        },
      },
    });
  });

  test('the registerChanged tab says nothing at first, then streams a committed change to an agreement', async () => {
    const stream = subscribe(client, tab('RegisterChanged'));
    const editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'GraphiQL tab test');
    const agreementId = toGlobalId('Agreement', SEED.agreement.moscowMemorandum);
    // Without `after` the stream starts from the moment the server has set it up, which the
    // client is not told: write until a change arrives, then expect every write from there on.
    let version = 1;
    while (stream.messages.length === 0) {
      const changed = await api.query(
        `mutation ($input: UpdateAgreementInput!) { updateAgreement(input: $input) { userErrors { message } } }`,
        { input: { id: agreementId, version, signedAtVenue: `Moscow City Hall, hall ${version}` } },
        editor.headers,
      );
      expect(changed.data!.updateAgreement.userErrors).toEqual([]);
      version += 1;
      await stream.received(1, 2_000).catch(() => undefined);
    }
    const firstVersion = stream.messages[0].data!.registerChanged.recordVersion as number;
    const events = await stream.received(version - firstVersion + 1);
    stream.end();
    expect(events.map((message) => message.data!.registerChanged.recordVersion)).toEqual(
      Array.from({ length: version - firstVersion + 1 }, (_, index) => firstVersion + index),
    );
    const event = events[events.length - 1];
    const { cursor, changedAt, municipalityIds, ...change } = event.data!.registerChanged;
    expect(change).toEqual({
      recordId: agreementId,
      recordType: 'AGREEMENT',
      action: 'UPDATE',
      recordVersion: version,
      fields: ['signedAtVenue'],
    });
    expect([typeof cursor, typeof changedAt]).toEqual(['string', 'string']);
    expect([...municipalityIds].sort()).toEqual(
      [SEED.municipality.tehran, SEED.municipality.moscow].map((id) => toGlobalId('Municipality', id)).sort(),
    );
  });
});

describe('GRAPHIQL configuration', () => {
  test('is on by default in development and test, off in production unless asked for', () => {
    expect(loadConfig({}).graphiql).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).graphiql).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production' }).graphiql).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', GRAPHIQL: 'true' }).graphiql).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', GRAPHIQL: 'false' }).graphiql).toBe(false);
  });

  test('refuses a value that is not a boolean, naming the variable', () => {
    expect(() => loadConfig({ GRAPHIQL: 'sometimes' })).toThrow(ConfigError);
    expect(() => loadConfig({ GRAPHIQL: 'sometimes' })).toThrow('GRAPHIQL: must be true or false (got "sometimes")');
  });
});
