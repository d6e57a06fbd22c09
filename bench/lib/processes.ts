import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';

/** A free TCP port on loopback, found by letting the kernel pick one. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A server the benchmark started: its URL, its memory, and how to stop it. */
export class Served {
  private output = '';

  constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** The last lines it printed, for error messages. */
  get tail(): string {
    return this.output;
  }

  private status(field: 'VmHWM' | 'VmRSS'): number {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  }

  /** Peak resident memory since start or since the last reset, in bytes (Linux VmHWM). */
  peakRss(): number {
    return this.status('VmHWM');
  }

  rss(): number {
    return this.status('VmRSS');
  }

  /** Starts a new peak from the current size (writing 5 to clear_refs resets VmHWM). */
  resetPeak(): void {
    try {
      writeFileSync(`/proc/${this.pid}/clear_refs`, '5');
    } catch {
      // Without the right to reset it, the peak covers the whole run: still an upper bound.
    }
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Starts `node args...` and waits until `probe` (a GraphQL query) answers at `url`; fails with
 * the process's last output when it exits or does not answer within the time allowed.
 */
export async function startServer(
  name: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd: string; url: string; probe: string; timeoutMs?: number },
): Promise<Served> {
  const child = spawn(process.execPath, args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const served = new Served(name, options.url, child);
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited (${child.exitCode}) before answering:\n${served.tail}`);
    try {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: options.probe,
      });
      if (response.ok) return served;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await served.stop();
  throw new Error(
    `${name} did not answer at ${options.url} within ${(options.timeoutMs ?? 90_000) / 1000} s:\n${served.tail}`,
  );
}
