import { FormattedExecutionResult, GraphQLError } from 'graphql';
import { createHandler, Handler, Response as SseResponse } from 'graphql-sse';
import { IncomingMessage, ServerResponse } from 'node:http';
import { statusOf } from '../common/error-codes';
import { LiveMetrics } from '../observability/metrics';
import { Channel } from '../common/channel';
import { Subscriber } from './callers';
import { SubscriptionGateway } from './gateway';
import { FormatError } from './live-queries';

export interface SseOptions {
  gateway: SubscriptionGateway;
  metrics: LiveMetrics;
  formatError: FormatError;
  identify(request: IncomingMessage, authorization: string | undefined): Promise<Subscriber>;
}

interface Raw {
  request: IncomingMessage;
  response: ServerResponse;
}

/**
 * graphql-sse's distinct-connections mode on /graphql: a POST (or GET) asking
 * `Accept: text/event-stream` gets its subscription's answers as events on the response.
 * The library's own node adapter is not used: it reads the body without a bound and waits for
 * each event to flush before writing the next, so a slow reader's backlog would grow unseen;
 * here the body comes read (bounded) by the HTTP layer and events go straight to the
 * response, whose `writableLength` the cohort then watches.
 */
export class SseTransport {
  private readonly channels = new Set<Channel<FormattedExecutionResult>>();
  private readonly handler: Handler<Raw>;
  /** Streams being written, so that shutdown can wait for their last event. */
  private readonly streaming = new Set<Promise<void>>();

  constructor(private readonly options: SseOptions) {
    this.handler = createHandler<Raw>({
      // Formatted answers, where graphql-sse's types expect graphql-js's own results: sent the same.
      onSubscribe: async (request, params) => (await this.subscribe(request.raw, params)) as SseResponse,
    });
  }

  /** Serves one event-stream request; resolves when its stream ends. */
  async serve(request: IncomingMessage, response: ServerResponse, body: string): Promise<void> {
    const [payload, init] = await this.handler({
      method: request.method ?? 'GET',
      url: request.url ?? '/graphql',
      // graphql-sse streams only for exactly this value; the router has checked the header includes it.
      headers: { get: (name) => (name === 'accept' ? 'text/event-stream' : headerOf(request, name)) },
      body,
      raw: { request, response },
      context: undefined,
    });
    const headers = init.headers as Record<string, string> | undefined;
    const isStream = String(headers?.['content-type'] ?? '').startsWith('text/event-stream');
    // nginx buffers what it proxies unless told otherwise per response: events must go at once.
    response.writeHead(init.status, init.statusText, isStream ? { ...headers, 'x-accel-buffering': 'no' } : headers);
    if (!payload || typeof payload === 'string') {
      response.end(payload ?? undefined);
      return;
    }
    const streaming = this.stream(payload, response);
    this.streaming.add(streaming);
    await streaming.finally(() => this.streaming.delete(streaming));
  }

  /** Ends every stream after its last answer, and resolves when they are written: shutdown. */
  async endAll(): Promise<void> {
    for (const channel of [...this.channels]) channel.end();
    await Promise.all([...this.streaming]);
  }

  /** Writes events as they come, never waiting for a flush: a backlog shows in `writableLength`. */
  private async stream(events: AsyncGenerator<string>, response: ServerResponse): Promise<void> {
    this.options.metrics.connection('sse', 1);
    const leave = () => void events.return(undefined);
    response.once('close', leave);
    try {
      for await (const event of events) {
        if (response.destroyed) break;
        response.write(event);
      }
    } finally {
      response.off('close', leave);
      this.options.metrics.connection('sse', -1);
      response.end();
    }
  }

  private async subscribe(
    { request, response }: Raw,
    params: { query: string; variables?: Record<string, unknown> | null; operationName?: string | null },
  ): Promise<SseResponse | Channel<FormattedExecutionResult>> {
    let subscriber: Subscriber;
    try {
      subscriber = await this.options.identify(request, request.headers.authorization);
    } catch (error) {
      if (error instanceof GraphQLError) return this.refusal([error]);
      throw error;
    }
    const opened = await this.options.gateway.open({
      ...subscriber,
      query: params.query,
      variables: params.variables,
      operationName: params.operationName,
      unsentBytes: () => response.writableLength,
      cutOff: () => response.destroy(),
      ended: () => this.channels.delete(channel),
    });
    if ('errors' in opened) return this.refusal(opened.errors);
    const channel = opened.results;
    this.channels.add(channel);
    return channel;
  }

  /** A subscription refused before it started: a JSON answer with the first error's HTTP status. */
  private refusal(errors: GraphQLError[]): SseResponse {
    const code = errors[0]?.extensions?.code as keyof typeof statusOf | undefined;
    const status = (code && statusOf[code]) ?? 400;
    return [
      JSON.stringify({ errors: errors.map((error) => this.options.formatError(error)) }),
      { status, statusText: 'Refused', headers: { 'content-type': 'application/json; charset=utf-8' } },
    ];
  }
}

function headerOf(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
