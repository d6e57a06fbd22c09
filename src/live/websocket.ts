import { CloseCode, handleProtocols, makeServer } from 'graphql-ws';
import { GraphQLError, parse } from 'graphql';
import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { ErrorCode } from '../common/error-codes';
import { LiveConfig } from '../config';
import { LiveMetrics } from '../observability/metrics';
import { authorizationOf, Subscriber } from './callers';
import { SubscriptionGateway } from './gateway';
import { FormatError } from './live-queries';

/** Close code for a subscriber that left more than SUBSCRIBER_BUFFER_BYTES unread (RFC 6455: policy violation). */
export const TOO_SLOW_CLOSE_CODE = 1008;
/** Close code on shutdown (RFC 6455: going away): clients reconnect elsewhere or later. */
export const GOING_AWAY_CLOSE_CODE = 1001;
/** Close code when the key could not be checked (the database failed): RFC 6455's try again later. */
export const TRY_AGAIN_LATER_CLOSE_CODE = 1013;
/** How long a cut-off socket may take to read its close frame before it is dropped outright. */
const CLOSE_GRACE_MS = 10_000;

/** What graphql-ws is given to run each subscription: the gateway's channel, carried as the context. */
const PLACEHOLDER = parse('subscription { live { __typename } }');

interface Connection {
  socket: WebSocket;
  request: IncomingMessage;
  subscriber?: Subscriber;
  open: number;
  idleTimer?: NodeJS.Timeout;
}

export interface WebSocketOptions {
  gateway: SubscriptionGateway;
  settings: LiveConfig;
  metrics: LiveMetrics;
  formatError: FormatError;
  bodyLimitBytes: number;
  identify(request: IncomingMessage, authorization: string | undefined): Promise<Subscriber>;
}

/**
 * graphql-ws on the HTTP server's port: `upgrade` requests for /graphql become WebSockets
 * speaking graphql-transport-ws. graphql-ws's own `useServer` is not used: it waits for each
 * message to flush before sending the next (so a slow reader's backlog would grow unseen in
 * memory instead of in `bufferedAmount`) and cannot close an idle connection.
 */
export class WebSocketTransport {
  private readonly sockets = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => handleProtocols(protocols),
    maxPayload: this.options.bodyLimitBytes,
  });
  private readonly connections = new Set<Connection>();
  private readonly server = makeServer<Record<string, unknown> | undefined, Connection>({
    onConnect: async (ctx) => this.connect(ctx.extra, authorizationOf(ctx.connectionParams)),
    onSubscribe: async (ctx, _id, payload) => {
      const connection = ctx.extra;
      if (!connection.subscriber) return [new GraphQLError('connection_init was not accepted')];
      const opened = await this.options.gateway.open({
        ...connection.subscriber,
        query: payload.query,
        variables: payload.variables,
        operationName: payload.operationName,
        unsentBytes: () => connection.socket.bufferedAmount,
        cutOff: () => this.cutOff(connection),
        ended: () => this.counted(connection, -1),
      });
      if ('errors' in opened) return opened.errors;
      this.counted(connection, 1);
      return { schema: undefined as never, document: PLACEHOLDER, contextValue: opened.results };
    },
    subscribe: (args) => args.contextValue as AsyncGenerator<never>,
    // The gateway's answers are already formatted; errors refused at subscribe are formatted here.
    onNext: (_ctx, _id, _payload, _args, result) => result,
    onError: (_ctx, _id, _payload, errors) => errors.map((error) => this.options.formatError(error)),
  });
  stopping = false;

  constructor(private readonly options: WebSocketOptions) {}

  /** The HTTP server's `upgrade` event. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/graphql' || this.stopping) {
      const status = this.stopping ? '503 Service Unavailable' : '404 Not Found';
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    this.sockets.handleUpgrade(request, socket, head, (webSocket) => this.opened(webSocket, request));
  }

  /**
   * Closes every socket with 1001 (Going Away) and resolves when each has closed (the
   * subscriptions on them ended); one that does not answer the close within the grace is dropped.
   */
  async closeAll(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.connections].map(({ socket }) => {
        const closed = new Promise((resolve) => socket.once('close', resolve));
        socket.close(GOING_AWAY_CLOSE_CODE, 'the server is shutting down');
        const grace = setTimeout(() => socket.terminate(), CLOSE_GRACE_MS);
        return closed.finally(() => clearTimeout(grace));
      }),
    );
    this.sockets.close();
  }

  private opened(socket: WebSocket, request: IncomingMessage): void {
    const connection: Connection = { socket, request, open: 0 };
    this.connections.add(connection);
    this.options.metrics.connection('websocket', 1);
    this.idle(connection);
    const pinger = this.keepAlive(socket);
    const closed = this.server.opened(
      {
        protocol: socket.protocol,
        // Not waiting for the flush: unread data then stays in `bufferedAmount`, where the cohort sees it.
        send: (data) => void (socket.readyState === WebSocket.OPEN && socket.send(data)),
        close: (code, reason) => socket.close(code, reason),
        onMessage: (handle) =>
          socket.on('message', (data) => {
            handle(String(data)).catch(() => socket.close(CloseCode.InternalServerError, 'internal server error'));
          }),
      },
      connection,
    );
    socket.once('close', (code, reason) => {
      clearInterval(pinger);
      clearTimeout(connection.idleTimer);
      this.connections.delete(connection);
      this.options.metrics.connection('websocket', -1);
      void closed(code, String(reason));
    });
    socket.on('error', () => socket.terminate());
  }

  /** connection_init: its key checked like an HTTP request's; a bad one closes with 4403 and the reason. */
  private async connect(connection: Connection, authorization: string | undefined): Promise<boolean> {
    try {
      connection.subscriber = await this.options.identify(connection.request, authorization);
      return true;
    } catch (error) {
      // A refused key is 4403 (graphql-ws's Forbidden); a failed look-up is the server's
      // trouble, not the key's: 1013 (try again later), so that clients retry.
      const refused = error instanceof GraphQLError && error.extensions.code === ErrorCode.UNAUTHENTICATED;
      const message = error instanceof Error ? error.message : 'internal server error';
      connection.socket.close(refused ? CloseCode.Forbidden : TRY_AGAIN_LATER_CLOSE_CODE, message.slice(0, 120));
      return false;
    }
  }

  /** Pings every WS_PING_INTERVAL_MS; a socket that has not answered the last ping is dropped. */
  private keepAlive(socket: WebSocket): NodeJS.Timeout {
    let answered = true;
    socket.on('pong', () => (answered = true));
    const timer = setInterval(() => {
      if (!answered) return socket.terminate();
      answered = false;
      socket.ping();
    }, this.options.settings.pingIntervalMs);
    timer.unref();
    return timer;
  }

  private counted(connection: Connection, change: 1 | -1): void {
    connection.open += change;
    this.idle(connection);
  }

  /** A connection holding no subscription for SUBSCRIPTION_IDLE_TIMEOUT_MS is closed (1000, with the reason). */
  private idle(connection: Connection): void {
    clearTimeout(connection.idleTimer);
    connection.idleTimer = undefined;
    if (connection.open > 0) return;
    const { idleTimeoutMs } = this.options.settings;
    connection.idleTimer = setTimeout(
      () => connection.socket.close(1000, `no subscription for ${idleTimeoutMs} ms (SUBSCRIPTION_IDLE_TIMEOUT_MS)`),
      idleTimeoutMs,
    );
    connection.idleTimer.unref();
  }

  private cutOff(connection: Connection): void {
    const { socket } = connection;
    socket.close(
      TOO_SLOW_CLOSE_CODE,
      `subscriber too slow: more than ${this.options.settings.subscriberBufferBytes} bytes unread (SUBSCRIBER_BUFFER_BYTES)`,
    );
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  }
}
