import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, loadConfig } from '../src/config';
import { readOperationTabs } from '../src/graphiql/operations';

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
