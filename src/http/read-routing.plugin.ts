import { ApolloServerPlugin } from '@apollo/server';
import { apiError, ErrorCode } from '../common/error-codes';
import { Context, readFrom } from '../context';
import { formatWalPosition, parseWalPosition } from '../database/wal-position';

/** The header a mutation's answer carries its commit's position in, and a client sends it back in. */
export const CONSISTENCY_HEADER = 'x-consistency-token';

/** Which database answered a query's reads ('primary', 'replica-2'): for a portal debugging staleness. */
export const READ_SOURCE_HEADER = 'x-read-source';

/** The WAL position a request's header asks its reads to have reached; refuses anything else. */
export function consistencyTokenOf(value: string | undefined): bigint | undefined {
  if (value === undefined) return undefined;
  const position = value.length <= 17 ? parseWalPosition(value.trim()) : undefined;
  if (position === undefined) {
    throw apiError(
      ErrorCode.BAD_USER_INPUT,
      `${CONSISTENCY_HEADER}: must be a token a mutation returned (extensions.consistency.token, like 16/B374D848)`,
      { field: CONSISTENCY_HEADER },
    );
  }
  return position;
}

/**
 * Read-your-writes without sticky sessions. Every mutation's answer carries the WAL position
 * its commit reached (`extensions.consistency.token` and the `x-consistency-token` header).
 * A query that sends the token back in that header reads from a replica only if the replica
 * has replayed that far, and otherwise from the primary; a query without one reads from any
 * replica that is up and within REPLICA_MAX_LAG_MS. Mutations, and everything they read,
 * use the primary (their context's default).
 */
export function readRoutingPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation, request }) {
          const walPosition = consistencyTokenOf(request.http?.headers.get(CONSISTENCY_HEADER));
          if (operation?.operation !== 'query') return;
          readFrom(contextValue, contextValue.services.reads.forRequest({ walPosition }));
        },
        async willSendResponse({ contextValue, response }) {
          const { name } = contextValue.reads;
          if (name !== 'unrouted') response.http.headers.set(READ_SOURCE_HEADER, name);
          if (contextValue.committedAt === undefined) return;
          const token = formatWalPosition(contextValue.committedAt);
          response.http.headers.set(CONSISTENCY_HEADER, token);
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = { ...result.extensions, consistency: { token } };
        },
      };
    },
  };
}
