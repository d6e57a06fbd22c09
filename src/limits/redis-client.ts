import { Redis } from 'ioredis';

/**
 * How long a command may wait for Redis before the caller falls back to its process's own
 * count. Loopback answers in well under a millisecond; this is for a Redis that hangs, not
 * one that is slow.
 */
export const REDIS_COMMAND_TIMEOUT_MS = 250;

/**
 * A Redis connection for state the processes share (the rate budget, the subscription quota),
 * under `keyPrefix`. A Redis that is down must not hold requests: commands are never queued
 * while disconnected (enableOfflineQueue: false) nor retried (maxRetriesPerRequest: 0), so they
 * fail at once and the caller falls back; ioredis keeps reconnecting in the background.
 * Connection errors go to `onError` (without a listener ioredis prints every failed
 * reconnection; the caller decides how often to tell). `connected` resolves when it is first ready.
 */
export function failFastRedis(
  url: string,
  keyPrefix: string,
  onError: (error: unknown) => void,
  commandTimeoutMs = REDIS_COMMAND_TIMEOUT_MS,
): { client: Redis; connected: Promise<void> } {
  const client = new Redis(url, {
    keyPrefix,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: commandTimeoutMs,
    connectTimeout: 1000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  client.on('error', onError);
  const connected = new Promise<void>((resolve) => client.once('ready', () => resolve()));
  return { client, connected };
}

/** Closes it: quit() waits for a connection that may never come; disconnect() does not. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'ready') await client.quit();
  else client.disconnect();
}
