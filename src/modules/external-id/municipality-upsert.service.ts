import { UserErrorCode, UserInputError } from '../../common/errors';
import { toGlobalId } from '../../common/global-id';
import { loadRecord } from '../../write/mutation';
import { MutationTransaction } from '../../write/transaction';
import { createMunicipality, Municipality, updateMunicipality } from '../municipality';
import { setExternalIds, tagNewRecord } from './external-id.service';
import { UpsertMunicipalityInput } from './municipality-upsert.input';
import { UpsertOutcome } from './upsert-outcome';
import { externalIdsText, pair, unchanged } from './upsert-steps';

/** What the match is found by: the first external id that names a municipality, else the slug. */
async function match(tx: MutationTransaction, input: UpsertMunicipalityInput): Promise<string | null> {
  const [row]: Array<{ id: string; slug: string; record_type: string }> = await tx.manager.query(
    `SELECT e.record_id AS id, e.record_type, m.slug FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(system, id, n)
       JOIN external_id e ON e.system = k.system AND e.external_id = k.id
       LEFT JOIN municipality m ON m.id = e.record_id ORDER BY k.n LIMIT 1`,
    [input.externalIds.map((external) => external.system), input.externalIds.map((external) => external.id)],
  );
  if (row && row.record_type !== 'Municipality') {
    const holder = toGlobalId(row.record_type, row.id);
    throw UserInputError.of(
      ['input', 'externalIds'],
      `names a ${row.record_type}: ${holder}`,
      UserErrorCode.WRONG_TYPE,
      holder,
    );
  }
  if (row && row.slug !== input.slug) {
    throw UserInputError.of(
      ['input', 'slug'],
      `the external id names the municipality "${row.slug}"; slugs are not changed by an upsert`,
      UserErrorCode.INVALID,
      toGlobalId('Municipality', row.id),
    );
  }
  if (row) return row.id;
  const [bySlug]: Array<{ id: string }> = await tx.manager.query('SELECT id FROM municipality WHERE slug = $1', [
    input.slug,
  ]);
  return bySlug?.id ?? null;
}

/**
 * Creates the municipality, or brings the one that matches in line with the input (its own
 * fields and its external ids; sources are cited on creation only). Writing what the record
 * already says is undone to its savepoint, so a repeated call leaves version and audit alone.
 */
export async function upsertMunicipality(
  tx: MutationTransaction,
  input: UpsertMunicipalityInput,
): Promise<Municipality & { outcome: UpsertOutcome }> {
  const found = await match(tx, input);
  const globalId = (id: string) => toGlobalId('Municipality', id);
  if (!found) {
    // Its external ids are part of making it: a scoped key may create a city it may not then
    // change (README, "Who may add what"), so they are written with it, not as a change to it.
    const made = await createMunicipality(tx, input);
    await tagNewRecord(tx, 'Municipality', made.id, input.externalIds);
    return Object.assign(made, { outcome: UpsertOutcome.CREATED });
  }
  const before = await tx.lock('Municipality', found, null);
  const external = await externalIdsText(tx, found);
  await tx.manager.query('SAVEPOINT upsert');
  const { slug: _slug, sourceIds: _sources, externalIds, clientMutationId: _key, ...fields } = input;
  const updated = await updateMunicipality(tx, { ...fields, id: globalId(found), version: before.version as number });
  const result = await setExternalIds(tx, { id: globalId(found), version: updated.version, externalIds });
  if (
    unchanged(before, await tx.snapshot('Municipality', found)) &&
    external === JSON.stringify(externalIds.map(pair))
  ) {
    await tx.manager.query('ROLLBACK TO SAVEPOINT upsert');
    const record = await loadRecord(tx.manager, Municipality, 'municipality', found);
    return Object.assign(record!, { outcome: UpsertOutcome.UNCHANGED });
  }
  return Object.assign(result as Municipality, { outcome: UpsertOutcome.UPDATED });
}
