import { auditServer } from 'graphql-http';
import { startTestServer, TestServer } from './helpers/server';

/**
 * The GraphQL-over-HTTP specification's audits (graphql-http's auditServer) against the
 * running server: every one, MUST, SHOULD and MAY alike, must pass.
 */
let api: TestServer;
beforeAll(async () => {
  api = await startTestServer({ seeded: false });
});
afterAll(async () => {
  await api?.stop();
});

test('every GraphQL-over-HTTP audit is ok: 61 of 61', async () => {
  const results = await auditServer({ url: api.server.url });
  const counts = ['ok', 'warn', 'notice', 'error'].map(
    (status) => `${results.filter((result) => result.status === status).length} ${status}`,
  );
  process.stdout.write(`GraphQL-over-HTTP audits: ${counts.join(', ')}\n`);
  const notOk = results
    .filter((result) => result.status !== 'ok')
    .map((result) => `${result.id} ${result.status} ${result.name}: ${'reason' in result ? result.reason : ''}`);
  expect(notOk).toEqual([]);
  expect(results.length).toBe(61);
});
