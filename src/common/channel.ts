/**
 * A queue read as an async iterator: what a subscription hands its transport (graphql-ws and
 * graphql-sse both `for await` over it), and what a subscription field's `subscribe` may return.
 * Written by hand, not as an `async function*`: a generator waiting for its next value cannot
 * be ended until that value comes, and a client leaving must end its subscription at once.
 */
export class Channel<T> implements AsyncIterableIterator<T> {
  private readonly queued: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | undefined;
  private ended = false;

  /** @param onEnd called once, however the channel ends (the reader leaves, or `end`). */
  constructor(private readonly onEnd: () => void = () => {}) {}

  get isEnded(): boolean {
    return this.ended;
  }

  push(value: T): void {
    if (this.ended) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
    } else {
      this.queued.push(value);
    }
  }

  /** Ends the stream from the server's side: the reader gets what is queued, then done. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd();
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value: undefined, done: true });
    }
  }

  next(): Promise<IteratorResult<T>> {
    const value = this.queued.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  /** The reader leaves (a client's `complete`, a closed socket). */
  return(): Promise<IteratorResult<T>> {
    this.queued.length = 0;
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(): Promise<IteratorResult<T>> {
    return this.return();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
