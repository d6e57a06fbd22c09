import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shared rate budget's buckets when RATE_BUDGET_STORE=postgres (src/limits/postgres-buckets.ts):
 * one row per caller (its key hashed, so bounded), the level its last take left and when.
 *
 * UNLOGGED: a bucket is worth less than the WAL it would write on every request, and losing
 * them in a crash only refills every caller's budget. An unlogged table is emptied by crash
 * recovery and not copied to streaming replicas, which never serve it (takes are writes).
 * Not a register table: no version triggers, so a take never retires cached answers.
 * fillfactor leaves room on each page for the next version of a row: updates never touch
 * the key, so they stay heap-only (HOT) and the index is not written on every take.
 */
export class RateBudget1765002000000 implements MigrationInterface {
  name = 'RateBudget1765002000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE rate_budget (
        key text PRIMARY KEY CHECK (length(key) <= 64),
        level double precision NOT NULL CHECK (level >= 0),
        allowed boolean NOT NULL,
        updated_at timestamptz NOT NULL
      ) WITH (fillfactor = 50)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_budget`);
  }
}
