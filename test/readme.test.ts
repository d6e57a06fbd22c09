import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startTestServer, TestServer } from './helpers/server';

/**
 * The README's "For analysts" section is documentation clients copy: each ```graphql block
 * there is run on the seed data and must answer exactly the ```json block that follows it.
 */
const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
const section = readme.slice(
  readme.indexOf('## For analysts'),
  readme.indexOf('\n## ', readme.indexOf('## For analysts') + 1),
);
const examples = [...section.matchAll(/\*\*(.+?)\*\*[\s\S]*?```graphql\n([\s\S]*?)```\s*```json\n([\s\S]*?)```/g)].map(
  (match) => ({ question: match[1], query: match[2], answer: match[3] }),
);

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: true });
});
afterAll(async () => {
  await api?.stop();
});

test("the section holds the analysts' questions", () => {
  expect(examples.length).toBe(7);
});

test.each(examples)('README: $question', async ({ query, answer }) => {
  const result = await api.query(query);
  expect(result.errors).toBeUndefined();
  expect(result.data).toEqual(JSON.parse(answer));
});
