import { IncomingMessage, ServerResponse } from 'node:http';

const allowedHeaders =
  'content-type, authorization, apollo-require-preflight, x-apollo-operation-name, x-request-id, x-consistency-token';

/**
 * CORS by allow-list: a browser page may call the API only from an origin in CORS_ORIGINS
 * ("*" allows any). Returns true when the request was a preflight and has been answered.
 */
export function applyCors(allowList: readonly string[], request: IncomingMessage, response: ServerResponse): boolean {
  const origin = request.headers.origin;
  response.setHeader('vary', 'origin');
  const allowed = origin !== undefined && (allowList.includes('*') || allowList.includes(origin));
  if (allowed) {
    response.setHeader('access-control-allow-origin', origin);
    response.setHeader(
      'access-control-expose-headers',
      'x-request-id, retry-after, x-consistency-token, x-read-source',
    );
  }
  if (request.method !== 'OPTIONS') return false;
  if (allowed) {
    response.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    response.setHeader('access-control-allow-headers', allowedHeaders);
    response.setHeader('access-control-max-age', '600');
  }
  response.statusCode = 204;
  response.end();
  return true;
}
