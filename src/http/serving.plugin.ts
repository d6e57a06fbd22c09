import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ErrorCode } from '../common/error-codes';
import { isGraphQLRequestError } from './request-errors';
import { currentScope, isAnonymousGetQuery } from '../observability/request-scope';

/**
 * Response rules that depend on the outcome: HTTP 503 when the database is unavailable or the
 * server too busy to get a connection (the request may be retried), and public caching only
 * for successful anonymous GET queries (a GET by persisted-query hash is what shared caches
 * and dashboards can reuse).
 */
export function servingPlugin(cacheMaxAgeSeconds: number): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, operationName }) {
          const scope = currentScope();
          if (!scope || !operation) return;
          scope.operationName = operationName ?? undefined;
          scope.operationType = operation.operation;
        },
        async willSendResponse({ request, response, operation, errors: raised }) {
          const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
          const codes = (result.errors ?? []).map((error) =>
            String(error.extensions?.code ?? ErrorCode.INTERNAL_SERVER_ERROR),
          );
          const scope = currentScope();
          if (scope) {
            scope.errorCodes = codes;
            scope.requestError = isGraphQLRequestError(raised, result.data !== undefined);
          }
          if (codes.includes(ErrorCode.DATABASE_UNAVAILABLE) || codes.includes(ErrorCode.SERVER_BUSY)) {
            response.http.status = 503;
            response.http.headers.set('retry-after', '1');
          }
          const cacheable =
            cacheMaxAgeSeconds > 0 &&
            codes.length === 0 &&
            isAnonymousGetQuery(request.http?.method, operation?.operation);
          response.http.headers.set('cache-control', cacheable ? `public, max-age=${cacheMaxAgeSeconds}` : 'no-store');
          response.http.headers.set('vary', 'accept, authorization, origin');
        },
      };
    },
  };
}
