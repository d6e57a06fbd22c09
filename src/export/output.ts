import { once } from 'node:events';
import { createWriteStream, WriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';

/**
 * A file written in pieces, waiting whenever the stream's buffer is full, so memory holds one
 * page of records however large the register. It is written beside its final name and moved
 * there only when complete: a failed export never leaves a truncated file looking finished.
 */
export class OutputFile {
  private readonly partial: string;
  private readonly stream: WriteStream;
  private failure: Error | undefined;

  constructor(readonly path: string) {
    this.partial = `${path}.partial`;
    this.stream = createWriteStream(this.partial, { encoding: 'utf8' });
    // Kept until the next write, which rethrows it: an unhandled 'error' would end the process.
    this.stream.on('error', (error) => {
      this.failure = error;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  /** Flushes, closes and gives the file its final name. */
  async commit(): Promise<void> {
    if (this.failure) throw this.failure;
    this.stream.end();
    await once(this.stream, 'close');
    if (this.failure) throw this.failure;
    await rename(this.partial, this.path);
  }

  /** Closes and removes the unfinished file. */
  async discard(): Promise<void> {
    this.stream.destroy();
    await rm(this.partial, { force: true });
  }
}
