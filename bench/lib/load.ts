/** The part of autocannon's programmatic API used here (the package ships no types). */
interface Autocannon extends PromiseLike<{ errors: number; timeouts: number }> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, responseTime: number) => void): void;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as (options: Record<string, unknown>) => Autocannon;

export interface LoadResult {
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** SQL statements per request as the server reported them (x-sql-statements): min and max seen. */
  statements: { min: number; max: number } | null;
  errors: number;
  firstError: string | null;
}

function percentile(sorted: Float64Array, fraction: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

/** A POST body as a GET path: `/graphql?query=…&variables=…&operationName=…`. */
function asGetPath(url: string, body: string): string {
  const { query, variables, operationName } = JSON.parse(body) as {
    query: string;
    variables?: unknown;
    operationName?: string;
  };
  const search = new URLSearchParams({
    query,
    variables: JSON.stringify(variables ?? {}),
    ...(operationName ? { operationName } : {}),
  });
  return `${new URL(url).pathname}?${search}`;
}

/**
 * The server each of `connections` connections is opened to: round-robin over `urls`, so N
 * processes get connections/N each (the first ones one more when it does not divide).
 * autocannon binds client i to url[i % length]; given this list, connection i goes where it says.
 * Spreading on the client rather than through a load balancer measures the API processes,
 * not the balancer's own cost and queueing on a machine whose two cores they already share.
 */
export function connectionTargets(urls: readonly string[], connections: number): string[] {
  if (urls.length === 0) throw new Error('connectionTargets: no server to drive');
  return Array.from({ length: connections }, (_, i) => urls[i % urls.length]);
}

/**
 * Drives `target` (one URL, or several servers with the connections spread round-robin) with
 * autocannon: `connections` clients, each sending the next of `bodies`
 * (POST, JSON; or the same as GET requests, which the API's response cache answers) for
 * `seconds`. Latencies are taken per response, so p95 is exact. An error is a non-2xx
 * answer, a GraphQL `errors` entry, or a failed or timed-out request.
 */
export async function drive(
  target: string | readonly string[],
  bodies: readonly string[],
  connections: number,
  seconds: number,
  method: 'POST' | 'GET' = 'POST',
): Promise<LoadResult> {
  const urls = typeof target === 'string' ? [target] : target;
  const url = urls[0];
  // GET paths are made once, not per request: the load generator shares the two cores.
  const requests = method === 'POST' ? bodies : bodies.map((body) => asGetPath(url, body));
  let next = 0;
  let errors = 0;
  let firstError: string | null = null;
  let statements: { min: number; max: number } | null = null;
  const latencies: number[] = [];
  const instance = autocannon({
    url: urls.length === 1 ? url : connectionTargets(urls, connections),
    connections,
    duration: seconds,
    timeout: 10,
    requests: [
      {
        method,
        // A GET needs a header that CSRF prevention accepts (no browser sends it cross-site).
        headers:
          method === 'POST'
            ? { 'content-type': 'application/json', accept: 'application/json' }
            : { accept: 'application/json', 'apollo-require-preflight': 'true' },
        setupRequest: (request: Record<string, unknown>) => {
          const sent = requests[next++ % requests.length];
          return method === 'POST' ? { ...request, body: sent } : { ...request, path: sent };
        },
        onResponse: (status: number, body: string, _context: unknown, headers: Record<string, string>) => {
          const failed = status < 200 || status >= 300 || body.includes('"errors":[');
          if (failed) {
            errors += 1;
            firstError ??= `HTTP ${status}: ${body.slice(0, 300)}`;
          }
          const count = headers?.['x-sql-statements'];
          if (count !== undefined) {
            const value = Number(count);
            statements = statements
              ? { min: Math.min(statements.min, value), max: Math.max(statements.max, value) }
              : { min: value, max: value };
          }
        },
      },
    ],
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await instance;
  const sorted = Float64Array.from(latencies).sort();
  return {
    requests: latencies.length,
    requestsPerSecond: latencies.length / seconds,
    latencyMs: {
      p50: percentile(sorted, 0.5),
      p95: percentile(sorted, 0.95),
      p99: percentile(sorted, 0.99),
      max: percentile(sorted, 1),
    },
    statements,
    errors: errors + result.errors + result.timeouts,
    firstError:
      firstError ??
      (result.errors + result.timeouts > 0 ? `${result.errors} connection errors, ${result.timeouts} timeouts` : null),
  };
}
