import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ErrorCode } from '../common/error-codes';

/**
 * Apollo refuses two automatic-persisted-query requests with errors that carry no code (so
 * they would leave as INTERNAL_SERVER_ERROR), though both are the client's mistake: a hash
 * that is not the query's, and a protocol version other than 1. They leave as the protocol's
 * BAD_REQUEST, which the stable set names BAD_USER_INPUT, with HTTP 400 (Apollo sets it):
 * Apollo Client's persisted-query link falls back to sending full queries on a 400.
 */
const clearer: Record<string, string> = {
  'provided sha does not match query':
    'persisted query hash mismatch: extensions.persistedQuery.sha256Hash must be the SHA-256 (hex) of the query sent',
  'Unsupported persisted query version':
    'unsupported persisted query version: extensions.persistedQuery.version must be 1, the only version this server speaks',
};

/** The client's view of one of those two errors, or undefined for any other error. */
export function persistedQueryRefusal(original: unknown): GraphQLFormattedError | undefined {
  if (!(original instanceof GraphQLError) || original.extensions.code !== undefined || original.path !== undefined)
    return undefined;
  const message = clearer[original.message];
  return message ? { message, extensions: { code: ErrorCode.BAD_USER_INPUT } } : undefined;
}
