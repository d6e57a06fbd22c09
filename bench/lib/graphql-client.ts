/** A GraphQL request over HTTP (fetch), for preparing samples and checking answers. */
export async function post(
  url: string,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ data?: any; errors?: unknown[] }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: body(query, variables),
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}` }] };
  }
}

/** The body of an operation: what autocannon sends and what the floor reads. */
export function body(query: string, variables: Record<string, unknown>): string {
  const operationName = /^\s*query\s+(\w+)/.exec(query)?.[1];
  return JSON.stringify({ query, variables, operationName });
}
