import { performance } from 'node:perf_hooks';
import { Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { LiveQuery } from './documents';
import { Markers } from './markers';

/** One answer a subscriber received: when (performance.now() ms), and the writes it shows. */
export interface Push {
  at: number;
  shows: Array<{ record: string; write: number }>;
}

/** One live-query subscription and everything that happened to it. */
export interface Subscriber {
  index: number;
  query: LiveQuery;
  connection: number;
  /** Which API process (0 or 1) its connection goes to. */
  process: number;
  /** The first answer (before the writer starts) and every later one, in arrival order. */
  answers: Push[];
  /** Answers carrying GraphQL errors, sink errors, completions the bench did not ask for. */
  errors: string[];
}

/** A graphql-ws connection's socket events, counted: every close the bench did not cause is an error. */
export interface ConnectionLog {
  index: number;
  process: number;
  closes: string[];
  errors: string[];
}

/** The bench's connections: `connections` WebSockets, each holding `perConnection` subscriptions. */
export class SubscriberPool {
  readonly subscribers: Subscriber[] = [];
  readonly connections: ConnectionLog[] = [];
  private readonly clients: Client[] = [];
  private readonly stops: Array<() => void> = [];
  private ending = false;

  constructor(private readonly markers: Markers) {}

  /**
   * Subscription s goes to live query s mod |queries| on connection floor(s / perConnection), so
   * connection c holds `perConnection` neighbouring queries; with two processes connection c goes
   * to process floor(c / 10) mod 2, which puts half of every query's subscribers on each (the
   * cohorts exist on both, as behind a load balancer).
   */
  open(urls: readonly string[], queries: readonly LiveQuery[], connections: number, perConnection: number): void {
    for (let c = 0; c < connections; c++) {
      const server = urls.length === 1 ? 0 : Math.floor(c / 10) % urls.length;
      const log: ConnectionLog = { index: c, process: server, closes: [], errors: [] };
      this.connections.push(log);
      const client = this.client(urls[server], log);
      this.clients.push(client);
      for (let k = 0; k < perConnection; k++) {
        const index = c * perConnection + k;
        this.subscribe(client, {
          index,
          query: queries[index % queries.length],
          connection: c,
          process: server,
          answers: [],
          errors: [],
        });
      }
    }
  }

  /** Resolves when every subscriber has its first answer or an error; rejects after `timeoutMs`. */
  async firstAnswers(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const waiting = this.subscribers.filter((s) => s.answers.length === 0 && s.errors.length === 0);
      if (waiting.length === 0) return;
      if (performance.now() > deadline)
        throw new Error(`${waiting.length} subscribers had no first answer after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Every error and unexpected close, one line each. */
  problems(): string[] {
    return [
      ...this.subscribers.flatMap((s) => s.errors.map((error) => `subscriber ${s.index} (${s.query.name}): ${error}`)),
      ...this.connections.flatMap((c) => [
        ...c.closes.map((close) => `connection ${c.index}: closed ${close}`),
        ...c.errors.map((error) => `connection ${c.index}: ${error}`),
      ]),
    ];
  }

  async close(): Promise<void> {
    this.ending = true;
    for (const stop of this.stops) stop();
    await Promise.all(this.clients.map((client) => client.dispose()));
  }

  private client(url: string, log: ConnectionLog): Client {
    return createClient({
      url,
      webSocketImpl: WebSocket,
      // Anonymous, as a public dashboard reads; SUBSCRIPTIONS_PER_KEY is opened for one address.
      connectionParams: {},
      lazy: false,
      // No silent reconnection: a dropped connection is a result to count, not to hide.
      retryAttempts: 0,
      onNonLazyError: (error) => log.errors.push(`connection failed: ${describe(error)}`),
      on: {
        closed: (event) => {
          if (this.ending) return;
          const close = event as { code?: number; reason?: string };
          log.closes.push(`${close.code ?? '?'} ${close.reason ?? ''}`.trim());
        },
        error: (error) => log.errors.push(describe(error)),
      },
    });
  }

  private subscribe(client: Client, subscriber: Subscriber): void {
    this.subscribers.push(subscriber);
    const { query } = subscriber;
    const stop = client.subscribe(
      { query: query.document, variables: query.variables, operationName: query.operationName },
      {
        next: (result) => {
          const at = performance.now();
          if (result.errors?.length)
            subscriber.errors.push(`answer with errors: ${JSON.stringify(result.errors).slice(0, 300)}`);
          subscriber.answers.push({ at, shows: this.markers.found(result.data) });
        },
        error: (error) => {
          if (!this.ending) subscriber.errors.push(`error: ${describe(error)}`);
        },
        complete: () => {
          if (!this.ending) subscriber.errors.push('completed by the server');
        },
      },
    );
    this.stops.push(stop);
  }
}

/** An error, a CloseEvent or a list of GraphQL errors, as one line. */
export function describe(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (Array.isArray(error)) return JSON.stringify(error).slice(0, 300);
  const close = error as { code?: number; reason?: string; type?: string };
  if (close && typeof close === 'object' && ('code' in close || 'type' in close))
    return `${close.type ?? 'close'} ${close.code ?? ''} ${close.reason ?? ''}`.trim();
  return String(error);
}
