import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { disambiguatedSlug, slugFor } from '../folding';
import { updatedRows } from '../sql-results';
import { PlaceSpec } from './pair';

/** What a batch's municipality keys resolved to. */
export interface ResolvedMunicipalities {
  /** key -> id, for keys that name exactly one municipality. */
  ids: Map<string, string>;
  /** key -> how many municipalities it names, for keys that name several. */
  ambiguous: Map<string, number>;
  /** Ids of municipalities that were in the register before this run. */
  preexisting: string[];
  created: number;
  completed: number;
}

/** One spec per key; a later mention fills what an earlier one lacked (coordinates, region). */
function uniqueSpecs(specs: readonly PlaceSpec[]): Map<string, PlaceSpec> {
  const byKey = new Map<string, PlaceSpec>();
  for (const spec of specs) {
    const known = byKey.get(spec.key);
    if (!known) {
      byKey.set(spec.key, { ...spec });
      continue;
    }
    if (known.latitude === null && spec.latitude !== null)
      Object.assign(known, { latitude: spec.latitude, longitude: spec.longitude });
    known.region ??= spec.region;
    known.parentKey ??= spec.parentKey;
  }
  return byKey;
}

/**
 * Finds or creates the municipalities a batch of rows names, parents before their districts.
 * Runs inside the batch's transaction.
 */
export async function resolveMunicipalities(
  manager: EntityManager,
  specs: readonly PlaceSpec[],
  runStartedAt: Date,
): Promise<ResolvedMunicipalities> {
  const byKey = uniqueSpecs(specs);
  const found: Array<{ id: string; match_key: string; preexisting: boolean }> = await manager.query(
    'SELECT id, match_key, created_at < $2 AS preexisting FROM municipality WHERE match_key = ANY($1::text[])',
    [[...byKey.keys()], runStartedAt],
  );
  const result: ResolvedMunicipalities = {
    ids: new Map(),
    ambiguous: new Map(),
    preexisting: [],
    created: 0,
    completed: 0,
  };
  for (const row of found) {
    if (result.ids.has(row.match_key) || result.ambiguous.has(row.match_key)) {
      result.ids.delete(row.match_key);
      result.ambiguous.set(row.match_key, (result.ambiguous.get(row.match_key) ?? 1) + 1);
    } else {
      result.ids.set(row.match_key, row.id);
    }
    if (row.preexisting) result.preexisting.push(row.id);
  }
  const missing = [...byKey.values()].filter((spec) => !result.ids.has(spec.key) && !result.ambiguous.has(spec.key));
  // Parents first: a district's row needs its parent's id.
  for (const stage of [missing.filter((spec) => !spec.parentKey), missing.filter((spec) => spec.parentKey)]) {
    result.created += await insertMunicipalities(manager, stage, result.ids);
  }
  const foundKeys = new Set(found.map((row) => row.match_key));
  const existing = [...byKey.values()].filter((spec) => foundKeys.has(spec.key));
  result.completed = await completeMunicipalities(manager, existing, result.ids);
  return result;
}

/** Inserts new municipalities and records their ids under their keys. Returns how many. */
async function insertMunicipalities(
  manager: EntityManager,
  specs: PlaceSpec[],
  ids: Map<string, string>,
): Promise<number> {
  if (specs.length === 0) return 0;
  const rows = specs.map((spec) => ({ spec, id: randomUUID(), slug: slugFor(spec.name, spec.countryCode) }));
  const insert = async (batch: typeof rows): Promise<Set<string>> => {
    const inserted: Array<{ id: string }> = await manager.query(
      `INSERT INTO municipality (id, slug, names, sort_name, country_code, region, latitude, longitude, part_of_id, match_key)
       SELECT v.id, v.slug, jsonb_build_object('en', v.name), v.name, v.code, v.region, v.lat, v.lng, v.parent, v.key
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::float8[], $7::float8[], $8::uuid[], $9::text[])
           AS v(id, slug, name, code, region, lat, lng, parent, key)
       ON CONFLICT (slug) DO NOTHING RETURNING id`,
      [
        batch.map((row) => row.id),
        batch.map((row) => row.slug),
        batch.map((row) => row.spec.name),
        batch.map((row) => row.spec.countryCode),
        batch.map((row) => row.spec.region),
        batch.map((row) => row.spec.latitude),
        batch.map((row) => row.spec.longitude),
        batch.map((row) => (row.spec.parentKey ? (ids.get(row.spec.parentKey) ?? null) : null)),
        batch.map((row) => row.spec.key),
      ],
    );
    return new Set(inserted.map((row) => row.id));
  };
  const first = await insert(rows);
  // A slug already taken by another name: the second attempt adds a hash of the key.
  const clashing = rows
    .filter((row) => !first.has(row.id))
    .map((row) => ({ ...row, slug: disambiguatedSlug(row.slug, row.spec.key) }));
  const second = clashing.length > 0 ? await insert(clashing) : new Set<string>();
  const unplaced = clashing.filter((row) => !second.has(row.id));
  if (unplaced.length > 0)
    throw new Error(`no free slug for municipality "${unplaced[0].spec.name}" (${unplaced[0].slug})`);
  for (const row of rows) ids.set(row.spec.key, row.id);
  return rows.length;
}

/**
 * Gives existing municipalities what the list knows and they lack: coordinates, region, the
 * city they are part of. Never overwrites. Returns how many changed.
 */
async function completeMunicipalities(
  manager: EntityManager,
  specs: PlaceSpec[],
  ids: Map<string, string>,
): Promise<number> {
  const known = specs.filter((spec) => ids.has(spec.key) && (spec.latitude !== null || spec.region || spec.parentKey));
  if (known.length === 0) return 0;
  const changed: unknown = await manager.query(
    `UPDATE municipality m SET
        latitude = COALESCE(m.latitude, v.lat), longitude = COALESCE(m.longitude, v.lng),
        region = COALESCE(m.region, v.region), part_of_id = COALESCE(m.part_of_id, v.parent),
        version = m.version + 1, updated_at = now()
       FROM unnest($1::uuid[], $2::float8[], $3::float8[], $4::text[], $5::uuid[]) AS v(id, lat, lng, region, parent)
      WHERE m.id = v.id AND v.id IS DISTINCT FROM v.parent
        AND ((m.latitude IS NULL AND v.lat IS NOT NULL) OR (m.region IS NULL AND v.region IS NOT NULL)
          OR (m.part_of_id IS NULL AND v.parent IS NOT NULL))
`,
    [
      known.map((spec) => ids.get(spec.key)),
      known.map((spec) => spec.latitude),
      known.map((spec) => spec.longitude),
      known.map((spec) => spec.region),
      known.map((spec) => (spec.parentKey ? (ids.get(spec.parentKey) ?? null) : null)),
    ],
  );
  return updatedRows(changed);
}
