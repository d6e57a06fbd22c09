import { EntityManager } from 'typeorm';
import { isDatabaseUnavailable } from './errors';

export interface ReadOptions {
  /**
   * A lookup by keys only (`= ANY($1::uuid[])`), whose plan does not depend on its values:
   * safe to send as a prepared statement. Lists with filters are planned for their values.
   */
  byKeys?: boolean;
}

/** What a loader's batch function reads with: the request's waves, and the manager for metadata. */
export interface Reader {
  readonly manager: EntityManager;
  /** The rows of one statement, sent to PostgreSQL with the other reads of the same wave. */
  query<R = Record<string, unknown>>(sql: string, params: unknown[], options?: ReadOptions): Promise<R[]>;
}

/** How a wave's statement reaches PostgreSQL: TypeORM's query, or a prepared statement when `prepare`. */
export type SendStatement = (sql: string, params: unknown[], prepare: boolean) => Promise<Record<string, unknown>[]>;

interface Part {
  sql: string;
  params: unknown[];
  byKeys: boolean;
  resolve: (rows: never[]) => void;
  reject: (error: unknown) => void;
}

/**
 * The reads of one request, sent a wave at a time. GraphQL resolves a query level by level:
 * the loaders of one level (an agreement's parties, areas, sources and status history) all
 * dispatch in the same turn of the event loop. Their statements wait for the end of that
 * turn and go to PostgreSQL as one, each part's rows aggregated into a JSON array in its own
 * column; so a request costs one statement per level of nesting, not one per list field, and
 * takes one pooled connection per level instead of one per sibling.
 *
 * A wave of one part runs as written. In a wave of several, rows come through `json_agg`, so
 * `bigint` columns arrive as JSON numbers rather than text (entities map them with
 * transformers; values beyond 2^53 would lose precision, none of ours come near) and
 * `timestamptz` as ISO text. Each part's rows come in its subquery's order: PostgreSQL
 * aggregates the rows of a plain subquery in the order it returns them (documented as what
 * "usually works"; an aggregate over one subquery scan is not split or reordered).
 *
 * When a combined statement fails for a reason of its own (a bad value in one part, say),
 * each part is sent again alone, so only the reads that fail get the error; when the database
 * is unavailable, every read of the wave gets that.
 */
export class ReadWaves implements Reader {
  private pending: Part[] = [];
  private readonly send: SendStatement;

  constructor(
    readonly manager: EntityManager,
    send?: SendStatement,
  ) {
    this.send = send ?? ((sql, params) => manager.query(sql, params));
  }

  query<R = Record<string, unknown>>(sql: string, params: unknown[], options: ReadOptions = {}): Promise<R[]> {
    return new Promise<R[]>((resolve, reject) => {
      this.pending.push({
        sql,
        params,
        byKeys: options.byKeys === true,
        resolve: resolve as (rows: never[]) => void,
        reject,
      });
      // setImmediate runs after the microtasks and nextTicks in which DataLoaders dispatch.
      if (this.pending.length === 1) setImmediate(() => void this.flush());
    });
  }

  private async flush(): Promise<void> {
    const parts = this.pending;
    this.pending = [];
    if (parts.length === 1) return this.sendAlone(parts[0]);
    try {
      const { sql, params } = combine(parts);
      const [row] = await this.send(
        sql,
        params,
        parts.every((part) => part.byKeys),
      );
      parts.forEach((part, index) => part.resolve(row[`part${index}`] as never[]));
    } catch (error) {
      if (isDatabaseUnavailable(error)) {
        for (const part of parts) part.reject(error);
        return;
      }
      await Promise.all(parts.map((part) => this.sendAlone(part)));
    }
  }

  private async sendAlone(part: Part): Promise<void> {
    try {
      part.resolve((await this.send(part.sql, part.params, part.byKeys)) as never[]);
    } catch (error) {
      part.reject(error);
    }
  }
}

/**
 * Renumbers `$n` placeholders by `offset`, outside single-quoted literals. Loader SQL has no
 * dollar-quoted strings or comments holding `$n`; those would need a real tokenizer.
 */
export function shiftPlaceholders(sql: string, offset: number): string {
  return sql
    .split("'")
    .map((segment, index) =>
      index % 2 === 1 ? segment : segment.replace(/\$(\d+)/g, (_, n: string) => `$${offset + Number(n)}`),
    )
    .join("'");
}

/** One statement selecting every part's rows as a JSON array: `SELECT (...) AS part0, (...) AS part1`. */
export function combine(parts: ReadonlyArray<{ sql: string; params: unknown[] }>): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const columns = parts.map((part, index) => {
    const offset = params.length;
    params.push(...part.params);
    // The alias names the whole row; an unusual one, so that no column of a part shadows it.
    return `(SELECT coalesce(json_agg(wave_row), '[]'::json) FROM (${shiftPlaceholders(part.sql, offset)}) AS wave_row) AS part${index}`;
  });
  return { sql: `SELECT ${columns.join(',\n       ')}`, params };
}
