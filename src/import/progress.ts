import { Presets, SingleBar } from 'cli-progress';

/** Tells the person running an import how far it has got. */
export interface Progress {
  advance(rows: number): void;
  stop(): void;
}

const SILENT: Progress = { advance: () => undefined, stop: () => undefined };

/** Plain lines at most this often when the output is a file or a pipe (CI logs, nohup). */
const LINE_INTERVAL_MS = 5000;

/**
 * A bar redrawn in place on a terminal; on anything else, a plain line every few seconds and
 * one at the end, since carriage returns make a mess of log files.
 */
export function startProgress(label: string, total: number, enabled = true): Progress {
  if (!enabled) return SILENT;
  const stream = process.stderr;
  if (stream.isTTY) {
    const bar = new SingleBar(
      { format: `${label} [{bar}] {percentage}% | {value}/{total} rows | {duration}s`, stream, hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return { advance: (rows) => bar.increment(rows), stop: () => bar.stop() };
  }
  let done = 0;
  let printed = 0;
  let lastLine = Date.now();
  const line = () => {
    if (done === printed) return;
    printed = done;
    lastLine = Date.now();
    stream.write(`${label}: ${done}/${total} rows (${Math.floor((done * 100) / Math.max(total, 1))}%)\n`);
  };
  return {
    advance(rows) {
      done += rows;
      if (Date.now() - lastLine >= LINE_INTERVAL_MS) line();
    },
    stop: line,
  };
}
