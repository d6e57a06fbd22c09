import { GraphQLError } from 'graphql';
import { currentScope } from '../observability/request-scope';
import { apiError, ErrorCode } from '../common/error-codes';
import { isDatabaseUnavailable, isPoolExhausted, isStatementTimeout } from '../database/errors';

export interface DatabaseRefusal {
  code: typeof ErrorCode.DATABASE_UNAVAILABLE | typeof ErrorCode.SERVER_BUSY;
  message: string;
}

/**
 * What a client is told when the database failed it: SERVER_BUSY when no pooled connection
 * came free in time (overload, not an outage), DATABASE_UNAVAILABLE when PostgreSQL cannot be
 * reached or gave up; undefined when the error is something else.
 */
export function databaseRefusal(error: unknown): DatabaseRefusal | undefined {
  if (isPoolExhausted(error)) return { code: ErrorCode.SERVER_BUSY, message: 'the server is busy; try again shortly' };
  if (!isDatabaseUnavailable(error)) return undefined;
  const message = isStatementTimeout(error)
    ? 'the database did not answer in time; try again later or ask for less'
    : 'the database is unavailable; try again shortly';
  return { code: ErrorCode.DATABASE_UNAVAILABLE, message };
}

/**
 * Runs `work` (the context function: it authenticates the caller with a query) and turns a
 * database failure into its refusal with HTTP 503 and Retry-After. Apollo answers a failed
 * context outside the request pipeline, with 500 unless the error names a status, and in
 * jest's sandbox it even drops errors of another realm (socket errors) before formatting.
 */
export async function refusingDatabaseFailures<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const refusal = databaseRefusal(error);
    if (!refusal) throw error;
    // The serving plugin, which records codes for the log line, never sees this request.
    const scope = currentScope();
    if (scope) scope.errorCodes = [refusal.code];
    throw withCause(apiError(refusal.code, refusal.message, {}, { 'retry-after': '1' }), error);
  }
}

/** Keeps the database error for the formatter's log line, without showing it to the client. */
function withCause(refusal: GraphQLError, cause: unknown): GraphQLError {
  Object.defineProperty(refusal, 'cause', { value: cause, enumerable: false });
  return refusal;
}
