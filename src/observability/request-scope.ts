import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What the HTTP layer knows about the request being served, reachable from Apollo plugins,
 * the error formatter and the logs without threading it through the GraphQL context (which
 * belongs to the resolvers).
 */
export interface RequestScope {
  id: string;
  /** Rate-limit key: sha256 of the bearer token when one is sent, else the client address. */
  clientKey: string;
  /** True when the request carries credentials: its answer must never be cached publicly. */
  authenticated: boolean;
  operationName?: string;
  operationType?: string;
  /** Query cost as computed before execution; undefined when the request never got that far. */
  cost?: number;
  /** SQL statements the request caused (from the statement counter). */
  statements: number;
  /** Codes of the errors in the response, in order. */
  errorCodes: string[];
  /** The response refuses the document or its variables (a GraphQL request error), without data. */
  requestError?: boolean;
  /** Whether the response cache answered (hit) or kept the answer (miss); unset when it did not apply. */
  responseCache?: 'hit' | 'miss';
}

const storage = new AsyncLocalStorage<RequestScope>();

export function runInScope<T>(scope: RequestScope, work: () => Promise<T>): Promise<T> {
  return storage.run(scope, work);
}

export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}

/**
 * A GET query without credentials: every client sending it gets the same answer, so it may be
 * cached (publicly by HTTP caches, and by the server's response cache).
 */
export function isAnonymousGetQuery(method: string | undefined, operation: string | undefined): boolean {
  return method === 'GET' && operation === 'query' && currentScope()?.authenticated === false;
}
