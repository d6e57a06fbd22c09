import net from 'node:net';
import { TcpProxy } from './tcp-proxy';

/**
 * A TCP proxy between the API and its database that can also cut in mid-flight: `cutWhenSent`
 * arms it to drop every connection the moment the API sends a given statement (say the
 * INSERT of a mutation, or its COMMIT), so a test can take the database away at an exact
 * point of a transaction rather than at a moment chosen by a timer.
 */
export interface FaultProxy extends TcpProxy {
  /**
   * Cuts (as `cut()`) as soon as the API sends bytes containing `marker`. With `forward` the
   * bytes are passed on first (the database may run the statement; the API never hears back),
   * without it they are dropped. Resolves when the cut has happened.
   */
  cutWhenSent(marker: string, options: { forward: boolean }): Promise<void>;
  /**
   * Cuts as soon as the database answers with bytes containing `marker` (a command tag such
   * as "INSERT 0 1"), after passing them on: the API goes on with its transaction as if all
   * were well, and finds the connection gone at its next statement.
   */
  cutWhenReceived(marker: string): Promise<void>;
}

interface Trigger {
  direction: 'sent' | 'received';
  marker: Buffer;
  forward: boolean;
  fired: () => void;
}

export async function startFaultProxy(targetUrl: string): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<net.Socket>();
  let trigger: Trigger | undefined;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  // Passes `from`'s bytes to `to`, firing the armed trigger when they contain its marker. The
  // last bytes seen are kept, so a marker split across two chunks is found; only a marker
  // that ends in the new chunk counts, so one passed before the trigger was armed does not.
  const relay = (from: net.Socket, to: net.Socket, direction: Trigger['direction']) => {
    let tail = Buffer.alloc(0);
    const fires = (seen: Buffer, previous: number) =>
      trigger?.direction === direction &&
      seen.indexOf(trigger.marker, Math.max(0, previous - trigger.marker.length + 1)) >= 0;
    from.on('data', (chunk: Buffer) => {
      const seen = Buffer.concat([tail, chunk]);
      const armed = fires(seen, tail.length) ? trigger : undefined;
      tail = seen.subarray(Math.max(0, seen.length - 256));
      if (!armed) {
        to.write(chunk);
        return;
      }
      trigger = undefined;
      if (armed.forward) to.write(chunk, () => void cut().then(armed.fired));
      else void cut().then(armed.fired);
    });
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port || 5432), target.hostname);
    track(client);
    track(upstream);
    relay(client, upstream, 'sent');
    relay(upstream, client, 'received');
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const cut = async () => {
    const closed = server.listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve();
    for (const socket of sockets) socket.destroy();
    await closed;
  };
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const url = new URL(targetUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  return {
    url: url.toString(),
    cut,
    restore: () => listen(port),
    cutWhenSent: (marker, { forward }) =>
      new Promise<void>((fired) => {
        trigger = { direction: 'sent', marker: Buffer.from(marker), forward, fired };
      }),
    cutWhenReceived: (marker) =>
      new Promise<void>((fired) => {
        trigger = { direction: 'received', marker: Buffer.from(marker), forward: true, fired };
      }),
    async close() {
      trigger = undefined;
      await cut();
    },
  };
}
