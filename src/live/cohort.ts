import { createHash } from 'node:crypto';
import { FormattedExecutionResult } from 'graphql';
import { Channel } from '../common/channel';
import { ErrorCode } from '../common/error-codes';
import { Reach } from './relevance';

/** One subscriber of a cohort: where its answers go, and how much of them it has not read yet. */
export interface CohortSubscriber {
  channel: Channel<FormattedExecutionResult>;
  /** Bytes its transport holds unsent; past the limit it is cut off instead of sent more. */
  unsentBytes(): number;
  cutOff(): void;
}

export interface CohortOptions {
  /** Runs the live query once and returns its answer, already shaped and formatted for subscribers. */
  execute(): Promise<FormattedExecutionResult>;
  reach: Reach;
  throttleMs: number;
  subscriberBufferBytes: number;
  /** Told of each execution and of the pushes and cut-offs it caused. */
  observe: { executed(): void; pushed(subscribers: number): void; cutOff(): void };
}

/**
 * The subscribers asking the same live query (document, variables, caller): one execution per
 * change serves them all. Runs at most once per throttle window: the first request at once
 * (leading edge), and whatever arrives meanwhile in one trailing run when the window ends. An
 * answer is pushed only when its hash differs from the last one pushed.
 */
export class Cohort {
  readonly subscribers = new Set<CohortSubscriber>();
  private lastAnswer: FormattedExecutionResult | undefined;
  private lastHash: string | undefined;
  private lastStartedAt = -Infinity;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;
  private closed = false;

  constructor(
    readonly key: string,
    private readonly options: CohortOptions,
  ) {}

  get reach(): Reach {
    return this.options.reach;
  }

  /** Adds a subscriber; it gets the last answer at once, or the first when it comes. */
  join(subscriber: CohortSubscriber): void {
    this.subscribers.add(subscriber);
    if (this.lastAnswer) this.send(subscriber, this.lastAnswer);
    else if (!this.running && !this.timer) this.request();
  }

  leave(subscriber: CohortSubscriber): void {
    this.subscribers.delete(subscriber);
  }

  /** Something the answer may depend on changed: run again, within the throttle. */
  request(): void {
    if (this.closed) return;
    this.dirty = true;
    this.schedule();
  }

  /** Resolves when the execution in flight (if any) has pushed its answer. */
  async settled(): Promise<void> {
    await this.running;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    if (this.running || this.timer || !this.dirty || this.closed) return;
    const delay = this.lastStartedAt + this.options.throttleMs - Date.now();
    if (delay <= 0) {
      this.run();
      return;
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.schedule();
    }, delay);
  }

  private run(): void {
    this.dirty = false;
    this.lastStartedAt = Date.now();
    this.options.observe.executed();
    this.running = this.options
      .execute()
      .then((answer) => this.publish(answer))
      .finally(() => {
        this.running = undefined;
        this.schedule();
      });
  }

  private publish(answer: FormattedExecutionResult): void {
    if (this.closed) return;
    // A database too busy or gone for a moment says nothing about the answer: subscribers keep
    // the last one, and the cohort runs again after the throttle window.
    if (this.lastAnswer && isTransient(answer)) {
      this.dirty = true;
      return;
    }
    const hash = createHash('sha1').update(JSON.stringify(answer)).digest('hex');
    if (hash === this.lastHash) return;
    this.lastHash = hash;
    this.lastAnswer = answer;
    let pushed = 0;
    for (const subscriber of [...this.subscribers]) if (this.send(subscriber, answer)) pushed++;
    this.options.observe.pushed(pushed);
  }

  /** Pushes one answer, or cuts the subscriber off when it has left too much unread. */
  private send(subscriber: CohortSubscriber, answer: FormattedExecutionResult): boolean {
    if (subscriber.unsentBytes() > this.options.subscriberBufferBytes) {
      this.subscribers.delete(subscriber);
      this.options.observe.cutOff();
      subscriber.cutOff();
      return false;
    }
    subscriber.channel.push(answer);
    return true;
  }
}

/** Codes of failures that pass (src/errors/database-refusal.ts): busy pool, lost database. */
const TRANSIENT = new Set<unknown>([ErrorCode.SERVER_BUSY, ErrorCode.DATABASE_UNAVAILABLE]);

function isTransient(answer: FormattedExecutionResult): boolean {
  return !!answer.errors?.some((error) => TRANSIENT.has(error.extensions?.code));
}
