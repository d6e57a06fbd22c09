import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { TestServer } from './server';

/** What a subscriber has received so far, and ways to wait for more. */
export interface LiveSubscription<T = any> {
  messages: Array<{ data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }>;
  /** Resolves once `count` messages have arrived (generous timeout: no timing is asserted). */
  received(count: number, timeoutMs?: number): Promise<LiveSubscription<T>['messages']>;
  /** Resolves with the errors the server refused the subscription with. */
  refused(timeoutMs?: number): Promise<Array<{ message: string; extensions?: Record<string, unknown> }>>;
  completed: boolean;
  end(): void;
}

/** The server's WebSocket address: ws://host:port/graphql. */
export function webSocketUrl(api: TestServer): string {
  return api.server.url.replace(/^http/, 'ws');
}

/** A graphql-ws client (the protocol Apollo Client and urql speak), with the key in connection_init. */
export function liveClient(api: TestServer, secret?: string): Client {
  return createClient({
    url: webSocketUrl(api),
    webSocketImpl: WebSocket,
    connectionParams: secret ? { authorization: `Bearer ${secret}` } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

export function subscribe<T = any>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): LiveSubscription<T> {
  const messages: LiveSubscription<T>['messages'] = [];
  let failure: unknown;
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((waiter) => waiter());
  const subscription: LiveSubscription<T> = {
    messages,
    completed: false,
    received: (count, timeoutMs = 20_000) =>
      until(() => messages.length >= count, `${count} messages (got ${messages.length})`, timeoutMs).then(
        () => messages,
      ),
    refused: async (timeoutMs = 20_000) => {
      await until(() => failure !== undefined, 'a refusal', timeoutMs);
      return failure as Array<{ message: string; extensions?: Record<string, unknown> }>;
    },
    end: () => stop(),
  };
  const until = (done: () => boolean, what: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`waited ${timeoutMs} ms for ${what}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (message) => {
        messages.push(message as LiveSubscription<T>['messages'][number]);
        wake();
      },
      error: (error) => {
        failure = error;
        wake();
      },
      complete: () => {
        subscription.completed = true;
        wake();
      },
    },
  );
  return subscription;
}

/** Polls `condition` until it holds (a generous timeout, never a timing assert). */
export async function eventually(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Sends a change notice the way the register's trigger does (on the server's own data source). */
export async function notify(api: TestServer, types: string[] | null, version = 1): Promise<void> {
  const payload = JSON.stringify({ v: version, types, municipalities: null });
  await api.server.services.dataSource.query('SELECT pg_notify($1, $2)', ['register_changes', payload]);
}
