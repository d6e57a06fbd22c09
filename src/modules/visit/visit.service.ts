import { LinkSpec } from '../../common/mutation-links';
import { storedDate } from '../../common/mutation-validation';
import { databaseId, MutationTransaction } from '../../common/mutation-transaction';
import { RecordVisitInput, UpdateVisitInput } from './visit.input';
import { Visit } from './visit.entity';

/** Writes of visits. Every function runs inside a mutation's transaction (see common/mutation.ts). */

export const visitCounterparts: LinkSpec = {
  owner: 'Visit', linked: 'Person', table: 'visit_counterpart', ownerColumn: 'visit_id', linkedColumn: 'person_id', field: 'personIds',
};
export const visitAreas: LinkSpec = {
  owner: 'Visit', linked: 'CooperationArea', table: 'visit_area', ownerColumn: 'visit_id', linkedColumn: 'area_id', field: 'areaIds',
};
export const visitSources: LinkSpec = {
  owner: 'Visit', linked: 'Source', table: 'citation', ownerColumn: 'visit_id', linkedColumn: 'source_id', field: 'sourceIds',
};

/** A new visit with its counterparts, areas and sources; the agreements signed on it point at it. */
export async function recordVisit(tx: MutationTransaction, input: RecordVisitInput): Promise<Visit> {
  const delegationId = databaseId(input.delegationId);
  const hostId = databaseId(input.hostMunicipalityId);
  const [counterparts, areas, sources, agreements] = [input.counterpartIds, input.areaIds, input.sourceIds, input.signedAgreementIds]
    .map((ids) => ids.map(databaseId));
  await tx.requireRecord('Delegation', delegationId, ['input', 'delegationId']);
  await tx.requireRecord('Municipality', hostId, ['input', 'hostMunicipalityId']);
  await tx.requireRecords('Person', counterparts, ['input', 'counterpartIds']);
  await tx.requireRecords('CooperationArea', areas, ['input', 'areaIds']);
  await tx.requireRecords('Source', sources, ['input', 'sourceIds']);
  await tx.requireRecords('Agreement', agreements, ['input', 'signedAgreementIds']);
  const starts = storedDate(input.startsOn, input.calendar);
  const ends = storedDate(input.endsOn ?? null, input.calendar);
  const [{ id }] = await tx.manager.query(
    `INSERT INTO visit (delegation_id, host_municipality_id, starts_on, starts_on_precision, ends_on, ends_on_precision,
       dates_are_bounds, status, purpose) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [delegationId, hostId, starts.date, starts.precision, ends.date, ends.precision, input.datesAreBounds, input.status, input.purpose ?? null],
  );
  for (const [spec, ids] of [[visitCounterparts, counterparts], [visitAreas, areas], [visitSources, sources]] as const) {
    await tx.manager.query(`INSERT INTO ${spec.table} (visit_id, ${spec.linkedColumn}) SELECT $1, unnest($2::uuid[])`, [id, ids]);
  }
  const visit = await tx.created<Visit>('Visit', id);
  for (const agreementId of agreements) {
    // The agreement changes too: locked, scope-checked and audited as its own record.
    const before = await tx.lock('Agreement', agreementId, null, ['input', 'signedAgreementIds']);
    await tx.update('Agreement', agreementId, { signed_on_visit_id: id });
    await tx.changed('Agreement', agreementId, before);
  }
  return visit;
}

export async function updateVisit(tx: MutationTransaction, input: UpdateVisitInput): Promise<Visit> {
  const id = databaseId(input.id);
  const before = await tx.lock('Visit', id, input.version);
  const hostId = input.hostMunicipalityId ? databaseId(input.hostMunicipalityId) : undefined;
  if (hostId) await tx.requireRecord('Municipality', hostId, ['input', 'hostMunicipalityId']);
  const starts = storedDate(input.startsOn ?? undefined, input.calendar);
  const ends = storedDate(input.endsOn, input.calendar);
  await tx.update('Visit', id, {
    host_municipality_id: hostId,
    starts_on: starts.date,
    starts_on_precision: starts.precision,
    ends_on: ends.date,
    ends_on_precision: ends.precision,
    dates_are_bounds: input.datesAreBounds ?? undefined,
    status: input.status ?? undefined,
    purpose: input.purpose,
  });
  return tx.changed<Visit>('Visit', id, before);
}

export async function deleteVisit(tx: MutationTransaction, input: { id: string; version: number }): Promise<null> {
  const id = databaseId(input.id);
  const before = await tx.lock('Visit', id, input.version);
  await tx.manager.query('DELETE FROM visit WHERE id = $1', [id]);
  await tx.deleted('Visit', id, before);
  return null;
}
