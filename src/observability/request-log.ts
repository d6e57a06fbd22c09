import { IncomingMessage, ServerResponse } from 'node:http';
import { RequestScope } from './request-scope';
import { Logger } from '../logger';
import { Metrics } from './metrics';

/**
 * One JSON log line per request, and the GraphQL metrics for requests to /graphql. The
 * operation name is the client's (validated as a GraphQL name); "anonymous" when absent.
 */
export function logRequest(
  logger: Logger,
  metrics: Metrics,
  request: IncomingMessage,
  response: ServerResponse,
  scope: RequestScope,
  durationSeconds: number,
): void {
  const path = (request.url ?? '/').split('?')[0];
  const operation = scope.operationName ?? 'anonymous';
  const outcome = scope.errorCodes[0] ?? (response.statusCode >= 400 ? `HTTP_${response.statusCode}` : 'success');
  if (path === '/graphql' && request.method !== 'OPTIONS') {
    metrics.observe({
      operation,
      outcome,
      durationSeconds,
      cost: scope.cost,
      statements: scope.statements,
      responseCache: scope.responseCache,
    });
  }
  logger.info(
    {
      requestId: scope.id,
      method: request.method,
      path,
      status: response.statusCode,
      operationName: scope.operationName,
      operationType: scope.operationType,
      outcome,
      durationMs: Math.round(durationSeconds * 10_000) / 10,
      cost: scope.cost,
      sqlStatements: scope.statements,
      responseCache: scope.responseCache,
    },
    'request',
  );
}
