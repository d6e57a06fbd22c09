/**
 * Recognises failures that mean "PostgreSQL cannot be reached or is going away", as opposed
 * to a bad statement. These become DATABASE_UNAVAILABLE (HTTP 503): the request may be
 * retried, and nothing about it was wrong.
 */

// Node socket errors seen by `pg` when the server or the network goes away.
const socketCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// SQLSTATE: class 08 (connection exception), 57P01-57P05 (shutdown, cannot connect now,
// idle session timeout), 53300 (too many connections), 57014 (statement_timeout fired).
const unavailableStates = /^(08...|57P0[1-5]|53300|57014)$/;

// `pg` and pg-pool report these without a code.
const driverMessages =
  /Connection terminated|Client has encountered a connection error|Connection terminated due to connection timeout|Client was closed and is not queryable|Cannot use a pool after calling end|Too many connections/i;

// TypeORM releases a transaction's query runner when its connection emits 'error' (the
// connection dropped while the transaction held it between statements); every later
// statement of that transaction then fails with one of these instead of a driver error.
// Transactions' managers never outlive their transaction here, so nothing else raises them.
const releasedRunnerErrors = new Set(['QueryRunnerProviderAlreadyReleasedError', 'QueryRunnerAlreadyReleasedError']);

// pg-pool's error for a request that waited DATABASE_CONNECT_TIMEOUT_MS in its queue while
// every connection was in use: the database answers, the server has more work than connections.
const poolWaitMessage = /timeout exceeded when trying to connect/i;

interface WithCauses {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  originalError?: unknown;
  cause?: unknown;
  /** graphql-js wraps a thrown non-Error (or an Error of another realm) and keeps it here. */
  thrownValue?: unknown;
}

/** True when `test` holds for the error or one of the errors it wraps (TypeORM, Apollo, graphql-js). */
function someCause(error: unknown, test: (candidate: WithCauses) => boolean, seen = 0): boolean {
  if (!error || typeof error !== 'object' || seen > 5) return false;
  const candidate = error as WithCauses;
  if (test(candidate)) return true;
  return [candidate.driverError, candidate.originalError, candidate.cause, candidate.thrownValue].some((inner) =>
    someCause(inner, test, seen + 1),
  );
}

/** True when the request gave up waiting for a pooled connection (all busy): SERVER_BUSY. */
export function isPoolExhausted(error: unknown): boolean {
  return someCause(
    error,
    (candidate) => typeof candidate.message === 'string' && poolWaitMessage.test(candidate.message),
  );
}

export function isDatabaseUnavailable(error: unknown): boolean {
  return someCause(error, (candidate) => {
    const code = typeof candidate.code === 'string' ? candidate.code : '';
    if (socketCodes.has(code) || unavailableStates.test(code)) return true;
    if (typeof candidate.name === 'string' && releasedRunnerErrors.has(candidate.name)) return true;
    return typeof candidate.message === 'string' && driverMessages.test(candidate.message);
  });
}

/** True when the statement was cancelled by `statement_timeout` (reported differently). */
export function isStatementTimeout(error: unknown): boolean {
  const candidate = error as WithCauses | undefined;
  return candidate?.code === '57014' || (candidate?.driverError as WithCauses | undefined)?.code === '57014';
}
