import { createHash, timingSafeEqual } from 'node:crypto';
import { IncomingMessage } from 'node:http';
import { bearerTokenOf } from './request-info';

export type MetricsAccess = 'allowed' | 'unauthorized' | 'hidden';

/**
 * Who may scrape GET /metrics. Its series name the operations clients send, error codes and
 * the pool's size: with METRICS_TOKEN set, only a scraper sending it as a bearer token; unset,
 * anyone outside production (a developer's curl), and nobody in production, where it answers
 * 404 as if absent rather than show a public API's internals to whoever asks.
 */
export function metricsAccess(token: string | undefined, production: boolean, request: IncomingMessage): MetricsAccess {
  if (token === undefined) return production ? 'hidden' : 'allowed';
  const sent = bearerTokenOf(request);
  return sent !== undefined && sameSecret(sent, token) ? 'allowed' : 'unauthorized';
}

/** Compared as digests in constant time: the time taken tells nothing of how much matched. */
function sameSecret(sent: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(sent), digest(expected));
}
