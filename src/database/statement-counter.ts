import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger, QueryRunner } from 'typeorm';

/** SQL statements issued on behalf of one unit of work (a GraphQL request, a test). */
export interface StatementTally {
  statements: number;
  /** The statements themselves, kept only when asked for (tests, debugging). */
  log?: string[];
}

const current = new AsyncLocalStorage<StatementTally>();

/** Runs `work` with a fresh tally that every statement it causes is counted in. */
export function countStatements<T>(
  work: () => Promise<T>,
  keepLog = false,
): Promise<{ result: T; tally: StatementTally }> {
  const tally: StatementTally = { statements: 0, log: keepLog ? [] : undefined };
  return current.run(tally, async () => ({ result: await work(), tally }));
}

export function currentTally(): StatementTally | undefined {
  return current.getStore();
}

/**
 * TypeORM calls its logger for every statement it sends, so the logger is where statements
 * are counted: it sees the ORM's queries and the hand-written SQL alike.
 */
export class StatementCountingLogger implements Logger {
  constructor(private readonly onSlowStatement?: (milliseconds: number, query: string) => void) {}

  logQuery(query: string, _parameters?: unknown[], _runner?: QueryRunner): void {
    const tally = current.getStore();
    if (!tally) return;
    tally.statements += 1;
    tally.log?.push(query);
  }

  logQueryError(): void {
    // Failures surface as exceptions to the caller, which decides how to report them.
  }

  logQuerySlow(time: number, query: string): void {
    this.onSlowStatement?.(time, query);
  }

  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
