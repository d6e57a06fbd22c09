import net from 'node:net';

/** Frontend messages counted, by their type byte. */
export interface MessageCounts {
  /** Simple Query: one or more statements as text. */
  query: number;
  /** Parse: a statement prepared (named or unnamed). */
  parse: number;
  /** Execute: one run of a prepared statement (one per extended-protocol statement). */
  execute: number;
}

/**
 * SQL statements a client sent: simple Query messages plus Execute messages. An extended-protocol
 * statement is Parse/Bind/Execute, or only Bind/Execute when it runs a statement already prepared
 * under a name (the API's pg driver keeps some named), so Parse alone would miss those: every
 * extended-protocol statement has exactly one Execute, which is what is counted.
 */
export function statementsOf(counts: MessageCounts): number {
  return counts.query + counts.execute;
}

const SSL_REQUEST = 80877103;
const GSS_ENC_REQUEST = 80877104;

/**
 * Reads the frontend side of the PostgreSQL protocol as it passes: a startup packet (length,
 * then a code; SSL/GSS requests come before the real one and are answered 'N' by a server
 * without TLS, then the client sends its startup again), then typed messages (one type byte, a
 * length that counts itself). Only the message boundaries are read; the bytes go on unchanged.
 */
class FrontendReader {
  private buffered: Buffer = Buffer.alloc(0);
  private started = false;

  constructor(private readonly counts: MessageCounts) {}

  read(chunk: Buffer): void {
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    for (;;) {
      if (!this.started) {
        if (this.buffered.length < 8) return;
        const length = this.buffered.readInt32BE(0);
        if (this.buffered.length < length) return;
        const code = this.buffered.readInt32BE(4);
        if (code !== SSL_REQUEST && code !== GSS_ENC_REQUEST) this.started = true;
        this.buffered = this.buffered.subarray(length);
        continue;
      }
      if (this.buffered.length < 5) return;
      const length = this.buffered.readInt32BE(1);
      if (this.buffered.length < 1 + length) return;
      const type = String.fromCharCode(this.buffered[0]);
      if (type === 'Q') this.counts.query++;
      else if (type === 'P') this.counts.parse++;
      else if (type === 'E') this.counts.execute++;
      this.buffered = this.buffered.subarray(1 + length);
    }
  }
}

/**
 * A TCP proxy on loopback between an API process and PostgreSQL that counts the statements
 * the API sends (every connection: the pool's and the LISTEN one, which share DATABASE_URL).
 */
export class CountingProxy {
  readonly counts: MessageCounts = { query: 0, parse: 0, execute: 0 };
  private readonly sockets = new Set<net.Socket>();
  private server: net.Server | undefined;
  /** Connection failures towards PostgreSQL, kept for the report (the API sees them as errors). */
  readonly failures: string[] = [];

  constructor(
    private readonly upstreamHost: string,
    private readonly upstreamPort: number,
  ) {}

  /** Listens on a free loopback port and returns it. */
  async listen(): Promise<number> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Statements counted so far (Q + E). */
  statements(): number {
    return statementsOf(this.counts);
  }

  snapshot(): MessageCounts {
    return { ...this.counts };
  }

  /** The URL the API is given: `databaseUrl` with its host and port replaced by the proxy's. */
  static through(databaseUrl: string, port: number): string {
    const url = new URL(databaseUrl);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    return url.toString();
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private accept(client: net.Socket): void {
    const upstream = net.connect(this.upstreamPort, this.upstreamHost);
    const reader = new FrontendReader(this.counts);
    this.sockets.add(client);
    this.sockets.add(upstream);
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    client.on('data', (chunk: Buffer) => reader.read(chunk));
    client.pipe(upstream);
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    upstream.on('error', (error) => {
      this.failures.push(error.message);
      end();
    });
    client.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  }
}
