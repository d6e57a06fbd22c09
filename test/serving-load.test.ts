import autocannon from 'autocannon';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ApiKeyRole } from '../src/auth/api-key';
import { makeKey } from './helpers/keys';
import { contractOperation, startTestServer, TestServer } from './helpers/server';

/**
 * A short load run over the contract's read operations mixed with writes (one new municipality
 * per six requests, through the API with an editor key); LOAD_SECONDS, default 5; CI runs 60.
 * Asserts facts, never speeds: no failed or non-2xx answer, no GraphQL or user error, every
 * acknowledged write readable afterwards, the same SQL statement count for each read as when
 * it runs alone, and heap after the run within 20% of heap after warm-up.
 */
const seconds = Number(process.env.LOAD_SECONDS ?? 5);
const connections = Number(process.env.LOAD_CONNECTIONS ?? 20);
const operations = [
  '01-city-partners.graphql',
  '02-moscow-visit.graphql',
  '04-mayor-on-a-day.graphql',
  '07-dashboard-stats.graphql',
  '09-timeline.graphql',
];

let api: TestServer;
beforeAll(async () => {
  // The whole run comes from one address: give it a budget that is never the limiting factor.
  api = await startTestServer({
    seeded: true,
    env: { RATE_LIMIT_CAPACITY: '100000000', RATE_LIMIT_RESTORE_RATE: '100000000' },
  });
});
afterAll(async () => {
  await api?.stop();
});

const WRITE = `mutation LoadWrite($input: CreateMunicipalityInput!) {
  createMunicipality(input: $input) { municipality { id slug } userErrors { field message code } } }`;

/** A request body creating a municipality no other request creates. */
function writeBody(n: number): string {
  const input = { slug: `load-town-${n}`, countryCode: 'IR', names: [{ lang: 'en', value: `Load Town ${n}` }] };
  return JSON.stringify({ query: WRITE, variables: { input } });
}

/** Reads the acknowledged municipalities back through the API, 100 ids a request. */
async function readBack(ids: string[], headers: Record<string, string>): Promise<string[]> {
  const found: string[] = [];
  for (let i = 0; i < ids.length; i += 100) {
    const result = await api.query<{ nodes: ({ slug: string } | null)[] }>(
      'query ReadBack($ids: [ID!]!) { nodes(ids: $ids) { ... on Municipality { slug } } }',
      { ids: ids.slice(i, i + 100) },
      headers,
    );
    expect(result.errors).toBeUndefined();
    found.push(...result.data!.nodes.flatMap((node) => (node ? [node.slug] : [])));
  }
  return found;
}

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

async function statementSums(): Promise<Map<string, { sum: number; count: number }>> {
  const text = await (await fetch(api.server.url.replace(/\/graphql$/, '/metrics'))).text();
  const sums = new Map<string, { sum: number; count: number }>();
  for (const match of text.matchAll(/^graphql_sql_statements_(sum|count)\{operation="([^"]+)"\} (\d+)$/gm)) {
    const entry = sums.get(match[2]) ?? { sum: 0, count: 0 };
    entry[match[1] as 'sum' | 'count'] = Number(match[3]);
    sums.set(match[2], entry);
  }
  return sums;
}

test(
  `${seconds} s at ${connections} connections, contract reads and new municipalities: no errors, every write readable, constant SQL per read, steady heap`,
  async () => {
    const bodies = operations.map((file) => JSON.stringify({ query: contractOperation(file) }));
    // Every request sends the key, so the statement counts alone include its lookup too.
    const editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'load suite');
    const headers = { 'content-type': 'application/json', ...editor.headers };
    const alone = new Map<string, number>();
    for (const body of bodies) {
      const response = await fetch(api.server.url, { method: 'POST', headers, body });
      const result = (await response.json()) as { errors?: unknown[] };
      expect(result.errors).toBeUndefined();
      alone.set(JSON.parse(body).query.match(/query (\w+)/)[1], Number(response.headers.get('x-sql-statements')));
    }
    const before = await statementSums();
    collectGarbage();
    const heapAfterWarmUp = process.memoryUsage().heapUsed;

    let graphqlErrors = 0;
    const firstErrors: string[] = [];
    const noteError = (status: number, body: string) => {
      if (status === 200 && !body.includes('"errors"')) return;
      graphqlErrors += 1;
      if (firstErrors.length < 3) firstErrors.push(`${status} ${body.slice(0, 300)}`);
    };
    const refused: string[] = [];
    let writesSent = 0;
    const acknowledged: { id: string; slug: string }[] = [];
    const reads = bodies.map((body) => ({
      method: 'POST' as const,
      headers,
      body,
      onResponse: noteError,
    }));
    const write = {
      method: 'POST' as const,
      headers,
      setupRequest: (request: Record<string, unknown>) => ({ ...request, body: writeBody(writesSent++) }),
      onResponse: (status: number, responseBody: string) => {
        noteError(status, responseBody);
        if (status !== 200) return;
        const payload = JSON.parse(responseBody).data?.createMunicipality;
        if (payload?.userErrors.length) refused.push(JSON.stringify(payload.userErrors));
        else if (payload?.municipality) acknowledged.push(payload.municipality);
      },
    };
    // Each connection cycles through the list: a write first, so even a short run on a busy
    // machine writes.
    const result = await autocannon({
      url: api.server.url,
      connections,
      duration: seconds,
      requests: [write, ...reads],
    });
    collectGarbage();
    const heapAtEnd = process.memoryUsage().heapUsed;

    process.stdout.write(
      `load: ${result.requests.total} requests in ${seconds} s at ${connections} connections, ` +
        `${result.requests.average}/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, ` +
        `writes ${writesSent} sent, ${acknowledged.length} acknowledged, ` +
        `heap ${(heapAfterWarmUp / 2 ** 20).toFixed(1)} -> ${(heapAtEnd / 2 ** 20).toFixed(1)} MiB\n`,
    );
    expect(result.requests.total).toBeGreaterThan(operations.length);
    expect({
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      graphqlErrors,
      firstErrors,
      refused,
    }).toEqual({ non2xx: 0, errors: 0, timeouts: 0, graphqlErrors: 0, firstErrors: [], refused: [] });
    expect(acknowledged.length).toBeGreaterThan(0);
    const readable = await readBack(
      acknowledged.map((written) => written.id),
      headers,
    );
    expect(readable.sort()).toEqual(acknowledged.map((written) => written.slug).sort());

    const after = await statementSums();
    for (const [operation, statements] of alone) {
      const served = after.get(operation)!.count - (before.get(operation)?.count ?? 0);
      const sum = after.get(operation)!.sum - (before.get(operation)?.sum ?? 0);
      expect({ operation, sum }).toEqual({ operation, sum: served * statements });
    }
    expect(heapAtEnd).toBeLessThan(heapAfterWarmUp * 1.2);
  },
  (seconds + 60) * 1000,
);
