import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApiKeyRole } from '../src/auth/api-key';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * The README's worked example of a portal's sync (issue 16): each step's ```graphql block is
 * sent in order, with a key scoped to Tehran of the account tehran.ir and `$since` the moment
 * before the first step, and must answer exactly the ```json block that follows it.
 */
const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
const start = readme.indexOf("### A portal's sync, worked through");
const section = readme.slice(start, readme.indexOf('\n## ', start));
const steps = [...section.matchAll(/\*\*(.+?)\*\*[\s\S]*?```graphql\n([\s\S]*?)```\s*```json\n([\s\S]*?)```/g)].map(
  (match) => ({ step: match[1], query: match[2], answer: match[3] }),
);

let api: TestServer;
let portal: Key;
let since: string;
beforeAll(async () => {
  api = await startTestServer();
  portal = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran portal', [SEED.municipality.tehran]);
  const [{ now }] = await api.database.dataSource.query(`SELECT to_json(clock_timestamp())#>>'{}' AS now`);
  since = new Date(now).toISOString();
});
afterAll(() => api.stop());

test('the example has its three steps', () => {
  expect(steps.map((step) => step.step)).toEqual([
    '1. Upsert by its own id.',
    '2. The same push again',
    '3. What changed since the last sync',
  ]);
});

test('every step answers what the README says, in order', async () => {
  for (const { step, query, answer } of steps) {
    const result = await api.query(query, { since }, portal.headers);
    expect([step, result.errors]).toEqual([step, undefined]);
    expect([step, result.data]).toEqual([step, JSON.parse(answer)]);
  }
});
