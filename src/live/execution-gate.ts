/**
 * At most `limit` live-query executions at once, the rest waiting in arrival order. A change
 * that concerns a hundred cohorts would otherwise start a hundred executions together: they
 * would share the pool's connections and the cores, every one finishing late, and HTTP
 * requests and writes would wait behind them for a connection (SERVER_BUSY). In turn, the
 * first cohorts push early and the pool keeps room for requests.
 */
export class ExecutionGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next in line; only when none waits is it freed.
      if (next) next();
      else this.running--;
    }
  }

  /** Executions waiting for a slot, for metrics and tests. */
  get queued(): number {
    return this.waiting.length;
  }
}
