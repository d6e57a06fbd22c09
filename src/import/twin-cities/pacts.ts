import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';

/** A row of the list with both municipalities resolved. */
export interface ResolvedPair {
  line: number;
  first: { id: string; name: string };
  second: { id: string; name: string };
  /** How the row named the pair, kept on the citation as evidence. */
  listedAs: string;
}

export interface PactCounts {
  created: number;
  merged: number;
  alreadyPresent: number;
  citationsAdded: number;
}

/** The schema's key for "the same parties": ids sorted and joined by ','. */
export function partyKey(a: string, b: string): string {
  return [a.toLowerCase(), b.toLowerCase()].sort().join(',');
}

/**
 * The list says two towns are twinned; it gives no date and no text. "Signed" is the least it
 * implies; whether the pact is still alive, it does not say.
 */
const STATUS = 'SIGNED';
const STATUS_NOTE = 'Listed as twin towns or sister cities on English Wikipedia; no date of signing given.';

/**
 * Records a batch's pairs as sister-city pacts: one pact per pair of municipalities, whichever
 * side listed it. A pact already in the register is matched through the unique party key
 * and gets the data set as a further citation. Runs inside the batch's transaction.
 */
export async function recordPacts(
  manager: EntityManager,
  pairs: readonly ResolvedPair[],
  sourceId: string,
  runStartedAt: Date,
): Promise<PactCounts> {
  const first = new Map<string, ResolvedPair & { id: string }>();
  for (const pair of pairs) {
    const key = partyKey(pair.first.id, pair.second.id);
    if (!first.has(key)) first.set(key, { ...pair, id: randomUUID() });
  }
  const pacts = [...first.entries()];
  const created: Array<{ party_key: string }> = await manager.query(
    `INSERT INTO agreement (id, kind, titles, sort_name, status, party_key)
     SELECT v.id, 'SISTER_CITY', jsonb_build_object('en', v.title), v.title, '${STATUS}', v.party_key
       FROM unnest($1::uuid[], $2::text[], $3::text[]) AS v(id, title, party_key)
     ON CONFLICT (party_key) WHERE kind = 'SISTER_CITY' DO NOTHING RETURNING party_key`,
    [
      pacts.map(([, pair]) => pair.id),
      pacts.map(([, pair]) => `${pair.first.name}–${pair.second.name} sister-city pact`),
      pacts.map(([key]) => key),
    ],
  );
  const createdKeys = new Set(created.map((row) => row.party_key));
  const fresh = pacts.filter(([key]) => createdKeys.has(key)).map(([, pair]) => pair);
  await addPartiesAndHistory(manager, fresh);

  const stored: Array<{ id: string; party_key: string; this_run: boolean }> = await manager.query(
    `SELECT id, party_key, created_at >= $2 AS this_run FROM agreement
      WHERE kind = 'SISTER_CITY' AND party_key = ANY($1::text[])`,
    [pacts.map(([key]) => key), runStartedAt],
  );
  const byKey = new Map(stored.map((row) => [row.party_key, row]));
  const cited: unknown[] = await manager.query(
    `INSERT INTO citation (source_id, agreement_id, note)
     SELECT $1, v.agreement_id, v.note FROM unnest($2::uuid[], $3::text[]) AS v(agreement_id, note)
     ON CONFLICT (agreement_id, source_id) WHERE agreement_id IS NOT NULL DO NOTHING RETURNING 1`,
    [
      sourceId,
      pacts.map(([key]) => byKey.get(key)!.id),
      pacts.map(([, pair]) => `line ${pair.line}: ${pair.listedAs}`),
    ],
  );

  return { ...countRows(pairs, createdKeys, byKey), citationsAdded: cited.length };
}

/**
 * Each row's part: the first row of a pact this batch created created it; a later row, or a
 * row of a pact an earlier batch of this run created, was merged into it; the rest name pacts
 * that were there before the run.
 */
function countRows(
  pairs: readonly ResolvedPair[],
  createdKeys: ReadonlySet<string>,
  stored: ReadonlyMap<string, { this_run: boolean }>,
): Omit<PactCounts, 'citationsAdded'> {
  const counts = { created: 0, merged: 0, alreadyPresent: 0 };
  const seen = new Set<string>();
  for (const pair of pairs) {
    const key = partyKey(pair.first.id, pair.second.id);
    const isFirst = !seen.has(key);
    seen.add(key);
    if (isFirst && createdKeys.has(key)) counts.created += 1;
    else if (createdKeys.has(key) || stored.get(key)!.this_run) counts.merged += 1;
    else counts.alreadyPresent += 1;
  }
  return counts;
}

/** The two party rows and the first status entry of each new pact. */
async function addPartiesAndHistory(
  manager: EntityManager,
  pacts: ReadonlyArray<ResolvedPair & { id: string }>,
): Promise<void> {
  if (pacts.length === 0) return;
  await manager.query(
    `INSERT INTO agreement_party (agreement_id, municipality_id)
     SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
    [pacts.flatMap((pact) => [pact.id, pact.id]), pacts.flatMap((pact) => [pact.first.id, pact.second.id])],
  );
  await manager.query(
    `INSERT INTO agreement_status_change (agreement_id, status, note)
     SELECT id, '${STATUS}', $2 FROM unnest($1::uuid[]) AS id`,
    [pacts.map((pact) => pact.id), STATUS_NOTE],
  );
}
