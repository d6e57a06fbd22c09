import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import { currentScope } from '../observability/request-scope';
import { Logger } from '../logger';
import { apolloCodeTranslation, ErrorCode, isErrorCode } from '../common/error-codes';
import { databaseRefusal } from './database-refusal';
import { persistedQueryRefusal } from './persisted-query-errors';

export interface ErrorFormatterOptions {
  /** Hide internal messages and stacks; clients see only an error id. */
  production: boolean;
  logger: Logger;
}

/**
 * Apollo's `formatError`: every error leaves with a code from the stable set. Database
 * outages become DATABASE_UNAVAILABLE, and a pool with no connection free in time (overload,
 * not an outage) SERVER_BUSY; Apollo's persisted-query refusals that lack a code get one;
 * anything unexpected is logged with an id and, in production, reaches the client as that
 * id only (no message, no stack, no SQL).
 */
export function createErrorFormatter({ production, logger }: ErrorFormatterOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const where = { locations: formatted.locations, path: formatted.path };
    const refusal = databaseRefusal(original);
    if (refusal?.code === ErrorCode.SERVER_BUSY)
      logger.warn({ requestId: currentScope()?.id }, 'no database connection free in time');
    if (refusal?.code === ErrorCode.DATABASE_UNAVAILABLE)
      logger.warn({ requestId: currentScope()?.id, err: original }, 'database unavailable');
    if (refusal) return { message: refusal.message, ...where, extensions: { code: refusal.code } };
    const persistedQuery = persistedQueryRefusal(original);
    if (persistedQuery) return persistedQuery;
    const raw = formatted.extensions?.code;
    const code = typeof raw === 'string' ? (apolloCodeTranslation[raw] ?? raw) : undefined;
    if (isErrorCode(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      const { stacktrace, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions: production ? { ...extensions, code } : { ...extensions, stacktrace, code } };
    }
    const errorId = randomUUID();
    logger.error({ requestId: currentScope()?.id, errorId, err: original }, 'internal error');
    if (production) {
      return {
        message: `internal server error (id ${errorId})`,
        ...where,
        extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, errorId },
      };
    }
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.INTERNAL_SERVER_ERROR, errorId } };
  };
}
