import { EntityManager } from 'typeorm';
import { ChangeNotice, ChangeNotices } from '../../database/change-notices';
import { ChangePosition } from './change-cursor';
import { ChangeFilter, readChanges } from './change-feed';
import { ChangeRow, RegisterChange } from './change.type';

/** Changes read per statement while a stream catches up. */
const STREAM_PAGE = 100;

/** Whether a commit's notice may concern a reader with this filter (a notice that does not say: yes). */
export function concerns(notice: ChangeNotice, filter: ChangeFilter): boolean {
  if (filter.types && notice.types && !notice.types.some((type) => filter.types!.includes(type))) return false;
  if (filter.municipalityIds && notice.municipalities) {
    return notice.municipalities.some((id) => filter.municipalityIds!.includes(id));
  }
  return true;
}

/**
 * The feed as a stream, for `registerChanged`: reads from its position whenever a commit's
 * notice may concern it (and once at the start, to catch up), and hands the changes out one by
 * one as the subscriber takes them. It pulls: the next page is read only once the last is
 * taken, so a slow subscriber costs one page of memory, not a queue of every change since (the
 * transport cuts off a socket that stops reading). A notice that arrives while it reads marks
 * it to read again, so none is lost between the read and the wait; after a lost LISTEN
 * connection (`resumed`) it reads again too. A plain class rather than an async generator:
 * `return()` must end a stream that is waiting for a notice, which a suspended generator
 * cannot do until it next yields.
 */
export class ChangeStream implements AsyncIterableIterator<RegisterChange> {
  private buffer: ChangeRow[] = [];
  private stale = true;
  private wake: (() => void) | undefined;
  private finished = false;
  private readonly unlisten: () => void;

  constructor(
    private readonly manager: EntityManager,
    private position: ChangePosition,
    private readonly filter: ChangeFilter,
    notices: ChangeNotices,
  ) {
    this.unlisten = notices.on({
      notice: (notice) => {
        if (concerns(notice, filter)) this.poke();
      },
      resumed: () => this.poke(),
    });
  }

  async next(): Promise<IteratorResult<RegisterChange>> {
    while (!this.finished) {
      const row = this.buffer.shift();
      if (row) return { value: new RegisterChange(row), done: false };
      if (this.stale) {
        this.stale = false;
        const page = await readChanges(this.manager, this.position, STREAM_PAGE, this.filter);
        this.buffer = page.rows;
        this.position = page.end;
        if (page.hasNextPage) this.stale = true;
        continue;
      }
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
    return { value: undefined, done: true };
  }

  async return(): Promise<IteratorResult<RegisterChange>> {
    this.finished = true;
    this.unlisten();
    this.wake?.();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<RegisterChange>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private poke(): void {
    this.stale = true;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
