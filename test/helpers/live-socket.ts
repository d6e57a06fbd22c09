import WebSocket from 'ws';
import { TestServer } from './server';
import { webSocketUrl } from './live-client';

/** A raw graphql-transport-ws socket, for what a library client hides (close codes, pings, not reading). */
export interface RawSocket {
  socket: WebSocket;
  messages: Array<Record<string, any>>;
  closed: Promise<{ code: number; reason: string }>;
  send(message: Record<string, unknown>): void;
  /** Resolves with the first message that `matches`, waiting for it if need be. */
  message(matches: (message: Record<string, any>) => boolean, timeoutMs?: number): Promise<Record<string, any>>;
}

export async function openSocket(api: TestServer, options: WebSocket.ClientOptions = {}): Promise<RawSocket> {
  const socket = new WebSocket(webSocketUrl(api), 'graphql-transport-ws', options);
  const messages: RawSocket['messages'] = [];
  const listeners = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)));
    listeners.forEach((listener) => listener());
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.once('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    message: (matches, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.find(matches);
          if (!found) return;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no matching message in ${timeoutMs} ms; got ${JSON.stringify(messages).slice(0, 500)}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      }),
  };
}

/** A socket past connection_init, acknowledged. */
export async function initSocket(api: TestServer, secret?: string, options: WebSocket.ClientOptions = {}) {
  const raw = await openSocket(api, options);
  raw.send({ type: 'connection_init', payload: secret ? { Authorization: `Bearer ${secret}` } : {} });
  await raw.message((message) => message.type === 'connection_ack');
  return raw;
}

/** The events of an SSE response (graphql-sse distinct connections), read as they come. */
export async function openEventStream(api: TestServer, query: string, headers: Record<string, string> = {}) {
  const abort = new AbortController();
  const response = await fetch(api.server.url, {
    method: 'POST',
    headers: { accept: 'text/event-stream', 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
    signal: abort.signal,
  });
  const events: Array<{ event: string; data: any }> = [];
  let ended = false;
  const reading = (async () => {
    if (!response.headers.get('content-type')?.startsWith('text/event-stream')) return;
    const decoder = new TextDecoder();
    let buffered = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffered += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event) events.push({ event, data: data && data !== 'null' ? JSON.parse(data) : null });
        }
      }
    } catch {
      // aborted by the test
    }
    ended = true;
  })();
  return {
    response,
    events,
    get ended() {
      return ended;
    },
    finished: reading,
    close: () => abort.abort(),
  };
}
