import { UserErrorCode, UserInputError } from '../../common/errors';
import { LinkInputShape, LinkSpec } from '../../write/links';
import { storedRange } from '../../write/validation';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { RecordVisitInput, UpdateVisitInput } from './visit.input';
import { Visit } from './visit.entity';
import { insertLinks } from '../../database/link-rows';

/** Writes of visits. Every function runs inside a mutation's transaction (see write/mutation.ts). */

export const visitCounterparts: LinkSpec = {
  owner: 'Visit',
  linked: 'Person',
  table: 'visit_counterpart',
  ownerColumn: 'visit_id',
  linkedColumn: 'person_id',
  field: 'personIds',
};
export const visitAreas: LinkSpec = {
  owner: 'Visit',
  linked: 'CooperationArea',
  table: 'visit_area',
  ownerColumn: 'visit_id',
  linkedColumn: 'area_id',
  field: 'areaIds',
};
export const visitSources: LinkSpec = {
  owner: 'Visit',
  linked: 'Source',
  table: 'citation',
  ownerColumn: 'visit_id',
  linkedColumn: 'source_id',
  field: 'sourceIds',
};

/**
 * The agreements signed during a visit: a column of theirs (agreement.signed_on_visit_id), not a
 * link table, so only the input is the shared link input's; the writes are below.
 */
export const visitSignedAgreements: LinkSpec = {
  owner: 'Visit',
  linked: 'Agreement',
  table: 'agreement',
  ownerColumn: 'signed_on_visit_id',
  linkedColumn: 'id',
  field: 'agreementIds',
};

/** Each listed agreement for which `failing` holds, as a userError naming its index. */
function refuseListed(ids: string[], failing: (id: string) => boolean, message: string, code: UserErrorCode): void {
  const errors = ids.flatMap((id, index) =>
    failing(id) ? [{ field: ['input', 'agreementIds', String(index)], message, code }] : [],
  );
  if (errors.length) throw new UserInputError(errors);
}

/**
 * Links agreements to an existing visit they were signed during (recordVisit does it for a new
 * one). Each agreement changes (its signedOnVisit), and so does a visit one of them was linked to
 * before, which loses it: all locked, scope-checked and audited as records of their own.
 */
export async function addVisitSignedAgreements(tx: MutationTransaction, input: LinkInputShape): Promise<Visit> {
  const id = databaseId(input.id);
  const agreements = (input.agreementIds as string[]).map(databaseId);
  const before = await tx.lock('Visit', id, input.version);
  await tx.requireRecords('Agreement', agreements, ['input', 'agreementIds']);
  const agreementsBefore = await tx.lockAll('Agreement', agreements);
  const visitOf = (agreement: string) => agreementsBefore.get(agreement)!.signed_on_visit_id as string | null;
  refuseListed(
    agreements,
    (agreement) => visitOf(agreement) === id,
    'is already linked to this Visit',
    UserErrorCode.DUPLICATE,
  );
  const previous = [...new Set(agreements.flatMap((agreement) => visitOf(agreement) ?? []))];
  const previousBefore = await tx.lockAll('Visit', previous);
  await tx.manager.query(
    'UPDATE agreement SET signed_on_visit_id = $1, version = version + 1, updated_at = now() WHERE id = ANY($2::uuid[])',
    [id, agreements],
  );
  await tx.touch('Visit', id);
  await tx.touchAll('Visit', previous);
  const visit = await tx.changed<Visit>('Visit', id, before);
  await tx.changedAll('Agreement', agreementsBefore);
  await tx.changedAll('Visit', previousBefore);
  return visit;
}

/** Unlinks agreements from the visit they were recorded as signed during; each changes too. */
export async function removeVisitSignedAgreements(tx: MutationTransaction, input: LinkInputShape): Promise<Visit> {
  const id = databaseId(input.id);
  const agreements = (input.agreementIds as string[]).map(databaseId);
  const before = await tx.lock('Visit', id, input.version);
  const signed = new Set(before.agreementsSigned as string[]);
  refuseListed(
    agreements,
    (agreement) => !signed.has(agreement),
    'is not linked to this Visit',
    UserErrorCode.NOT_FOUND,
  );
  const agreementsBefore = await tx.lockAll('Agreement', agreements);
  await tx.manager.query(
    'UPDATE agreement SET signed_on_visit_id = NULL, version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])',
    [agreements],
  );
  await tx.touch('Visit', id);
  const visit = await tx.changed<Visit>('Visit', id, before);
  await tx.changedAll('Agreement', agreementsBefore);
  return visit;
}

/**
 * A new visit with its counterparts, areas and sources. The agreements signed on it point at
 * it: each changes too, and so does a visit one of them was signed during before (it loses it
 * from agreementsSigned). Both kinds are locked, scope-checked and audited as records of their
 * own, a few statements for any number of them.
 */
export async function recordVisit(tx: MutationTransaction, input: RecordVisitInput): Promise<Visit> {
  const delegationId = databaseId(input.delegationId);
  const hostId = databaseId(input.hostMunicipalityId);
  const [counterparts, areas, sources, agreements] = [
    input.counterpartIds,
    input.areaIds,
    input.sourceIds,
    input.signedAgreementIds,
  ].map((ids) => ids.map(databaseId));
  await tx.requireRecord('Delegation', delegationId, ['input', 'delegationId']);
  await tx.requireRecord('Municipality', hostId, ['input', 'hostMunicipalityId']);
  await tx.requireRecords('Person', counterparts, ['input', 'counterpartIds']);
  await tx.requireRecords('CooperationArea', areas, ['input', 'areaIds']);
  await tx.requireRecords('Source', sources, ['input', 'sourceIds']);
  await tx.requireRecords('Agreement', agreements, ['input', 'signedAgreementIds']);
  const agreementsBefore = await tx.lockAll('Agreement', agreements);
  const previous = [
    ...new Set(
      [...agreementsBefore.values()].flatMap((agreement) => (agreement.signed_on_visit_id as string | null) ?? []),
    ),
  ];
  const previousBefore = await tx.lockAll('Visit', previous);
  const starts = storedRange(input.startsOn, input.calendar);
  const ends = storedRange(input.endsOn ?? null, input.calendar);
  const [{ id }] = await tx.manager.query(
    `INSERT INTO visit (delegation_id, host_municipality_id, starts_on, starts_on_precision, ends_on, ends_on_precision,
       dates_are_bounds, status, purpose, starts_on_latest, ends_on_latest)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      delegationId,
      hostId,
      starts.date,
      starts.precision,
      ends.date,
      ends.precision,
      input.datesAreBounds,
      input.status,
      input.purpose ?? null,
      starts.latest,
      ends.latest,
    ],
  );
  for (const [spec, ids] of [
    [visitCounterparts, counterparts],
    [visitAreas, areas],
    [visitSources, sources],
  ] as const) {
    await insertLinks(tx.manager, spec.table, 'visit_id', spec.linkedColumn, id, ids);
  }
  if (agreements.length) {
    await tx.manager.query(
      'UPDATE agreement SET signed_on_visit_id = $1, version = version + 1, updated_at = now() WHERE id = ANY($2::uuid[])',
      [id, agreements],
    );
  }
  await tx.touchAll('Visit', previous);
  const visit = await tx.created<Visit>('Visit', id);
  await tx.changedAll('Agreement', agreementsBefore);
  await tx.changedAll('Visit', previousBefore);
  return visit;
}

export async function updateVisit(tx: MutationTransaction, input: UpdateVisitInput): Promise<Visit> {
  const id = databaseId(input.id);
  const before = await tx.lock('Visit', id, input.version);
  const hostId = input.hostMunicipalityId ? databaseId(input.hostMunicipalityId) : undefined;
  if (hostId) await tx.requireRecord('Municipality', hostId, ['input', 'hostMunicipalityId']);
  const starts = storedRange(input.startsOn ?? undefined, input.calendar);
  const ends = storedRange(input.endsOn, input.calendar);
  await tx.update('Visit', id, {
    host_municipality_id: hostId,
    starts_on: starts.date,
    starts_on_precision: starts.precision,
    starts_on_latest: starts.latest,
    ends_on: ends.date,
    ends_on_precision: ends.precision,
    ends_on_latest: ends.latest,
    dates_are_bounds: input.datesAreBounds ?? undefined,
    status: input.status ?? undefined,
    purpose: input.purpose,
  });
  return tx.changed<Visit>('Visit', id, before);
}

/** Deletes a visit recorded in error; the agreements signed during it lose it (signedOnVisit), each audited as changed. */
export async function deleteVisit(tx: MutationTransaction, input: { id: string; version: number }): Promise<null> {
  const id = databaseId(input.id);
  const before = await tx.lock('Visit', id, input.version);
  const signed = before.agreementsSigned as string[];
  const signedBefore = await tx.lockAll('Agreement', signed);
  if (signed.length) {
    // The foreign key would clear signed_on_visit_id too, but without bumping the versions.
    await tx.manager.query(
      'UPDATE agreement SET signed_on_visit_id = NULL, version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[])',
      [signed],
    );
  }
  await tx.manager.query('DELETE FROM visit WHERE id = $1', [id]);
  await tx.changedAll('Agreement', signedBefore);
  await tx.deleted('Visit', id, before);
  return null;
}
