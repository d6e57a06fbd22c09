import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { currentScope } from '../http/request-scope';
import { Logger } from '../logger';
import { apolloCodeTranslation, ErrorCode, isErrorCode } from './codes';
import { isDatabaseUnavailable, isPoolExhausted, isStatementTimeout } from './database-errors';

export interface ErrorFormatterOptions {
  /** Hide internal messages and stacks; clients see only an error id. */
  production: boolean;
  logger: Logger;
}

/**
 * Apollo's `formatError`: every error leaves with a code from the stable set. Database
 * outages become DATABASE_UNAVAILABLE, and a pool with no connection free in time (overload,
 * not an outage) SERVER_BUSY; anything unexpected is logged with an id and, in
 * production, reaches the client as that id only (no message, no stack, no SQL).
 */
export function createErrorFormatter({ production, logger }: ErrorFormatterOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = { locations: formatted.locations, path: formatted.path };
    if (isPoolExhausted(original)) {
      logger.warn({ requestId: currentScope()?.id }, 'no database connection free in time');
      return { message: 'the server is busy; try again shortly', ...where, extensions: { code: ErrorCode.SERVER_BUSY } };
    }
    if (isDatabaseUnavailable(original)) {
      logger.warn({ requestId: currentScope()?.id, err: original }, 'database unavailable');
      const message = isStatementTimeout(original)
        ? 'the database did not answer in time; try again later or ask for less'
        : 'the database is unavailable; try again shortly';
      return { message, ...where, extensions: { code: ErrorCode.DATABASE_UNAVAILABLE } };
    }
    const raw = formatted.extensions?.code;
    const code = typeof raw === 'string' ? (apolloCodeTranslation[raw] ?? raw) : undefined;
    if (isErrorCode(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: production ? { ...extensions, code } : { ...extensions, stacktrace, code } };
    }
    const errorId = randomUUID();
    logger.error({ requestId: currentScope()?.id, errorId, err: original }, 'internal error');
    if (production) {
      return { message: `internal server error (id ${errorId})`, ...where, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId } };
    }
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR, errorId } };
  };
}
