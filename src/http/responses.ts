import { ServerResponse } from 'node:http';
import { ErrorCode } from '../common/error-codes';
import { HttpError } from './read-body';

export function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  contentType = 'application/json; charset=utf-8',
): void {
  response.statusCode = status;
  response.setHeader('content-type', contentType);
  response.end(JSON.stringify(value));
}

export function sendText(response: ServerResponse, status: number, text: string, contentType: string): void {
  response.statusCode = status;
  response.setHeader('content-type', contentType);
  response.end(text);
}

/**
 * Answers a request refused before it reached GraphQL (body too large, not UTF-8, not JSON)
 * in GraphQL's error shape, so clients handle every failure the same way. Anything else that
 * escapes is an internal error: the id is logged by the caller, the client sees only the id.
 */
export function sendRequestError(
  response: ServerResponse,
  error: unknown,
  errorId: string,
  maxCost: number,
): ErrorCode {
  if (response.headersSent) {
    response.destroy();
    return ErrorCode.INTERNAL_SERVER_ERROR;
  }
  const known = error instanceof HttpError;
  const status = known ? error.status : 500;
  const code = known ? ErrorCode.BAD_USER_INPUT : ErrorCode.INTERNAL_SERVER_ERROR;
  const message = known ? error.message : `internal server error (id ${errorId})`;
  response.setHeader('cache-control', 'no-store');
  sendJson(response, status, {
    errors: [{ message, extensions: { code, ...(known ? {} : { errorId }) } }],
    extensions: { cost: { requested: 0, limit: maxCost } },
  });
  return code;
}
