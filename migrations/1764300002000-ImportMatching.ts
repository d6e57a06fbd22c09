import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What imports match municipalities by: the country code and the name folded (case, accents,
 * look-alike letters and punctuation removed), as "GB:newcastle upon tyne". Kept by the
 * application (src/import/folding.ts), since the folding must be exactly the same code for
 * stored rows and incoming ones; the importer fills it for rows that have none. Not unique:
 * two towns may share a name in one country, and the importer reports such a match as
 * ambiguous instead of choosing.
 */
export class ImportMatching1764300002000 implements MigrationInterface {
  name = 'ImportMatching1764300002000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE municipality ADD COLUMN match_key text CHECK (match_key <> '')`);
    await db.query(`CREATE INDEX municipality_match_key_idx ON municipality (match_key)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX municipality_match_key_idx`);
    await db.query(`ALTER TABLE municipality DROP COLUMN match_key`);
  }
}
