import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net, { AddressInfo } from 'node:net';
import path from 'node:path';

/*
 * Real processes, as a deployment runs them: the built API (`node dist/src/main.js`, the
 * Dockerfile's CMD) and HAProxy on deploy/haproxy.cfg. Each is stopped by its own pid.
 */

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/src/main.js');

/** A port nothing listens on now (the kernel's pick), to give a process before it starts. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RunningProcess {
  child: ChildProcess;
  /** Resolves with the exit code (null when ended by a signal). */
  exited: Promise<number | null>;
  /** The last of what it wrote to stderr and stdout, for the message of a failing test. */
  output(): string;
  /** Every line it wrote that `notable` (given at start) picked, however long it ran. */
  notableLines(): string[];
}

function run(
  command: string,
  args: string[],
  env: Record<string, string>,
  notable: (line: string) => boolean = () => false,
): RunningProcess {
  const child = spawn(command, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
  let output = '';
  const picked: string[] = [];
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    picked.push(...text.split('\n').filter(notable));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output, notableLines: () => [...picked] };
}

/** Polls `url` until it answers 200, or fails after `timeoutMs` with the process's output. */
export async function waitFor200(url: string, running: RunningProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (running.child.exitCode !== null) throw new Error(`exited with ${running.child.exitCode}:\n${running.output()}`);
    const status = await fetch(url).then(
      (response) => response.status,
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${running.output()}`);
}

/** Starts the built API on 127.0.0.1:`port`; resolves once its /readyz answers 200. */
export async function startApiProcess(port: number, env: Record<string, string>): Promise<RunningProcess> {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: build first (npm run build)`);
  const running = run(process.execPath, [MAIN], { HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env });
  await waitFor200(`http://127.0.0.1:${port}/readyz`, running);
  return running;
}

/** True when Debian's `haproxy` (or any on PATH) runs. */
export function haproxyInstalled(): boolean {
  return spawnSync('haproxy', ['-v']).status === 0;
}

/**
 * HAProxy on deploy/haproxy.cfg in the foreground (-db), with the file's variables set by `env`;
 * its notable lines are the servers' changes of state ("[WARNING] ... Server api/api-2 is DOWN, reason: ...").
 */
export function startHaproxy(env: Record<string, string>): RunningProcess {
  // Written to stderr as warnings, and to the log too: the warnings only.
  const stateChange = (line: string) => /^\[WARNING\].* Server \S+ is (UP|DOWN)\b/.test(line);
  return run('haproxy', ['-db', '-f', path.join(ROOT, 'deploy/haproxy.cfg')], env, stateChange);
}

/** Ends a process by its pid and waits for it (SIGKILL after `graceMs`). */
export async function stopProcess(running: RunningProcess | undefined, graceMs = 2000): Promise<void> {
  if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), graceMs);
  await running.exited;
  clearTimeout(timer);
}
