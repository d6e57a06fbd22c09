import { createHash, randomUUID } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { bearerTokenIn } from '../auth/caller';

// A request id from outside is echoed into logs and headers: keep it short and printable.
const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's X-Request-Id when it is sensible, else a fresh one. */
export function requestIdOf(request: IncomingMessage): string {
  const sent = request.headers['x-request-id'];
  return typeof sent === 'string' && acceptableRequestId.test(sent) ? sent : randomUUID();
}

/** The bearer token of an `Authorization: Bearer ...` header, if any. */
export function bearerTokenOf(request: IncomingMessage): string | undefined {
  return bearerTokenIn(request.headers.authorization);
}

/** The address the request came from; the first X-Forwarded-For hop only behind a trusted proxy. */
export function clientAddressOf(request: IncomingMessage, trustProxy: boolean): string {
  const forwarded = request.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string' && forwarded.trim() !== '') return forwarded.split(',')[0].trim();
  return request.socket.remoteAddress ?? 'unknown';
}

/**
 * Whose budget a request spends: the token's (hashed, so the key map never holds secrets)
 * when one is sent, whether or not it turns out valid; else the client address's.
 */
export function clientKeyOf(request: IncomingMessage, trustProxy: boolean): string {
  return budgetKeyOf(bearerTokenOf(request), clientAddressOf(request, trustProxy));
}

/** The same key for a token and an address however they arrived (a header, a WebSocket's connection_init). */
export function budgetKeyOf(token: string | undefined, address: string): string {
  if (token) return `token:${createHash('sha256').update(token).digest('hex')}`;
  return `address:${address}`;
}
