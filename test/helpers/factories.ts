import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/**
 * Generated records for tests that need more than the seed: plain SQL, in bulk, with the
 * same invariants the application keeps (party_key, status history).
 */
export async function insertMunicipalities(dataSource: DataSource, count: number, prefix = 'town'): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await dataSource.query(
    `INSERT INTO municipality (id, slug, names, sort_name, country_code)
     SELECT id, $2 || '-' || lpad(n::text, 5, '0'), jsonb_build_object('en', initcap($2) || ' ' || n), initcap($2) || ' ' || lpad(n::text, 5, '0'), 'FR'
       FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [ids, prefix],
  );
  return ids;
}

export interface GeneratedAgreement {
  parties: string[];
  signedOn?: string;
  kind?: string;
}

/**
 * Inserts agreements (status SIGNED, one history row each) in one transaction. Each is a
 * separate instrument: paging tests draw many between few towns on few days, which the
 * one-instrument-per-signing rule would otherwise refuse.
 */
export async function insertAgreements(dataSource: DataSource, agreements: GeneratedAgreement[]): Promise<string[]> {
  const ids = agreements.map(() => randomUUID());
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO agreement (id, kind, titles, sort_name, status, signed_on, signed_on_precision, party_key, separate_instrument)
       SELECT id, kind, jsonb_build_object('en', 'Agreement ' || n), 'Agreement ' || lpad(n::text, 6, '0'), 'SIGNED',
              signed_on, CASE WHEN signed_on IS NULL THEN NULL ELSE 'DAY' END, party_key, kind <> 'SISTER_CITY'
         FROM unnest($1::uuid[], $2::text[], $3::date[], $4::text[]) WITH ORDINALITY AS t(id, kind, signed_on, party_key, n)`,
      [
        ids,
        agreements.map((a) => a.kind ?? 'COOPERATION_AGREEMENT'),
        agreements.map((a) => a.signedOn ?? null),
        agreements.map((a) => [...a.parties].sort().join(',')),
      ],
    );
    const pairs = agreements.flatMap((a, index) => a.parties.map((party) => [ids[index], party]));
    await manager.query(
      `INSERT INTO agreement_party (agreement_id, municipality_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
      [pairs.map((pair) => pair[0]), pairs.map((pair) => pair[1])],
    );
    await manager.query(
      `INSERT INTO agreement_status_change (agreement_id, status) SELECT id, 'SIGNED' FROM unnest($1::uuid[]) AS t(id)`,
      [ids],
    );
  });
  return ids;
}
