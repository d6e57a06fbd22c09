import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Agreement lists are ordered by `COALESCE(signed_on, '-infinity'), id` (undated agreements
 * last when newest come first; a key that is never NULL, for keyset cursors). The plain
 * (signed_on, id) index cannot serve that expression, so every page sorted all agreements:
 * 168 ms for a page of 20 among 50,000 (EXPLAIN ANALYZE on the benchmark's scale 1), 46 ms
 * with this index walked in order. The plain index stays for signedFrom/signedTo ranges.
 */
export class AgreementSortIndex1764300003000 implements MigrationInterface {
  name = 'AgreementSortIndex1764300003000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX agreement_signed_sort_idx ON agreement ((COALESCE(signed_on, '-infinity'::date)), id)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX agreement_signed_sort_idx`);
  }
}
