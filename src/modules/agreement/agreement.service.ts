import { enclosingPeriod } from '../../common/dates';
import { fromGlobalId } from '../../common/global-id';
import { sortName } from '../../common/names';
import { addLinks, LinkInputShape, LinkSpec, removeLinks } from '../../write/links';
import { multilingual } from '../../write/payloads';
import { storedDate, storedRange } from '../../write/validation';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { UserErrorCode, UserInputError } from '../../common/errors';
import { Agreement } from './agreement.entity';
import { AgreementStatus, SignatoryRole } from './agreement.enums';
import {
  AgreementSignatoriesInput,
  CreateAgreementInput,
  SetAgreementStatusInput,
  UpdateAgreementInput,
} from './agreement.input';
import { insertLinks } from '../../database/link-rows';
import { refuseSameInstrument } from './agreement-duplicates';

/** Writes of agreements. Every function runs inside a mutation's transaction (see write/mutation.ts). */

/** party_key names the parties, sorted: what makes "the same pact" comparable (see InitialSchema). */
async function refreshPartyKey(tx: MutationTransaction, agreementId: string): Promise<void> {
  await tx.manager.query(
    `UPDATE agreement SET party_key = (SELECT coalesce(string_agg(municipality_id::text, ',' ORDER BY municipality_id), '')
       FROM agreement_party WHERE agreement_id = $1) WHERE id = $1`,
    [agreementId],
  );
}

export const agreementParties: LinkSpec = {
  owner: 'Agreement',
  linked: 'Municipality',
  table: 'agreement_party',
  ownerColumn: 'agreement_id',
  linkedColumn: 'municipality_id',
  field: 'municipalityIds',
  afterChange: refreshPartyKey,
};
export const agreementAreas: LinkSpec = {
  owner: 'Agreement',
  linked: 'CooperationArea',
  table: 'agreement_area',
  ownerColumn: 'agreement_id',
  linkedColumn: 'area_id',
  field: 'areaIds',
};
export const agreementSources: LinkSpec = {
  owner: 'Agreement',
  linked: 'Source',
  table: 'citation',
  ownerColumn: 'agreement_id',
  linkedColumn: 'source_id',
  field: 'sourceIds',
};
export const agreementSignatories: LinkSpec = {
  owner: 'Agreement',
  linked: 'Person',
  table: 'agreement_signatory',
  ownerColumn: 'agreement_id',
  linkedColumn: 'person_id',
  field: 'personIds',
};

/**
 * Adds signatories with the part they played and the body they signed for (a municipality or
 * one of its organizations: one column each, as a delegation's sender). The body must exist.
 */
export async function addAgreementSignatories(
  tx: MutationTransaction,
  input: AgreementSignatoriesInput,
): Promise<Agreement> {
  const body = input.onBehalfOfId ? fromGlobalId(input.onBehalfOfId)! : null;
  if (body) await tx.requireRecord(body.type, body.id, ['input', 'onBehalfOfId']);
  return addLinks<Agreement>(tx, agreementSignatories, input as unknown as LinkInputShape, {
    role: input.role ?? SignatoryRole.SIGNATORY,
    on_behalf_of_id: body?.type === 'Municipality' ? body.id : null,
    on_behalf_of_organization_id: body?.type === 'Organization' ? body.id : null,
  });
}

/** Takes people off the signatories; the part and the body belong to adding them. */
export async function removeAgreementSignatories(
  tx: MutationTransaction,
  input: AgreementSignatoriesInput,
): Promise<Agreement> {
  for (const field of ['role', 'onBehalfOfId'] as const) {
    if (input[field] != null) {
      throw UserInputError.of(
        ['input', field],
        'is for adding signatories; removing takes the people only',
        UserErrorCode.INVALID,
      );
    }
  }
  return removeLinks<Agreement>(tx, agreementSignatories, input as unknown as LinkInputShape);
}

export async function createAgreement(tx: MutationTransaction, input: CreateAgreementInput): Promise<Agreement> {
  const parties = input.partyIds.map(databaseId);
  const [areas, implemented, sources] = [input.areaIds, input.implementsIds, input.sourceIds].map((ids) =>
    ids.map(databaseId),
  );
  const signedIn = input.signedInId ? databaseId(input.signedInId) : null;
  await tx.requireRecords('Municipality', parties, ['input', 'partyIds']);
  if (signedIn) await tx.requireRecord('Municipality', signedIn, ['input', 'signedInId']);
  await tx.requireRecords('CooperationArea', areas, ['input', 'areaIds']);
  await tx.requireRecords('Agreement', implemented, ['input', 'implementsIds']);
  await tx.requireRecords('Source', sources, ['input', 'sourceIds']);
  // The agreements it implements show it in their implementedBy: changed records of their own.
  const implementedBefore = await tx.lockAll('Agreement', implemented);
  const titles = multilingual(input.titles);
  const signed = storedRange(input.signedOn ?? null, input.calendar);
  const until = storedDate(input.validUntil ?? null, input.calendar);
  const partyKey = [...parties].sort().join(',');
  await refuseSameInstrument(tx, { ...input, partyKey, signed });
  const [{ id }] = await tx.manager.query(
    `INSERT INTO agreement (kind, titles, sort_name, status, signed_on, signed_on_precision, signed_in_municipality_id, signed_at_venue,
       valid_until, valid_until_precision, summary, party_key, separate_instrument, signed_on_latest)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
    [
      input.kind,
      JSON.stringify(titles),
      sortName(titles),
      input.status,
      signed.date,
      signed.precision,
      signedIn,
      input.signedAtVenue ?? null,
      until.date,
      until.precision,
      input.summary ?? null,
      partyKey,
      input.separateInstrument,
      signed.latest,
    ],
  );
  await insertLinks(tx.manager, 'agreement_party', 'agreement_id', 'municipality_id', id, parties);
  // A signed agreement's first entry is its signing, so it carries the signing date; a later
  // status given at creation (IN_FORCE...) has no date the input tells.
  // History keeps days, months and years: a signing known as a span is dated by the period holding it.
  const firstOn =
    input.status === AgreementStatus.SIGNED && signed.date
      ? enclosingPeriod({ earliest: signed.date, latest: signed.latest!, precision: signed.precision! })
      : { date: null, precision: null };
  await tx.manager.query(
    'INSERT INTO agreement_status_change (agreement_id, status, changed_on, changed_on_precision) VALUES ($1, $2, $3, $4)',
    [id, input.status, firstOn.date, firstOn.precision],
  );
  await insertLinks(tx.manager, 'agreement_area', 'agreement_id', 'area_id', id, areas);
  await insertLinks(tx.manager, 'agreement_implementation', 'agreement_id', 'implements_id', id, implemented);
  await insertLinks(tx.manager, 'citation', 'agreement_id', 'source_id', id, sources);
  await tx.touchAll('Agreement', implemented);
  const agreement = await tx.created<Agreement>('Agreement', id);
  await tx.changedAll('Agreement', implementedBefore);
  return agreement;
}

export async function updateAgreement(tx: MutationTransaction, input: UpdateAgreementInput): Promise<Agreement> {
  const id = databaseId(input.id);
  const before = await tx.lock('Agreement', id, input.version);
  const titles = input.titles ? multilingual(input.titles) : undefined;
  const signed = storedRange(input.signedOn, input.calendar);
  const until = storedDate(input.validUntil, input.calendar);
  // The visit it was signed during, when the input names one or null: that visit gains it in
  // agreementsSigned and the one before loses it, each locked, scope-checked and audited.
  const visit =
    input.signedOnVisitId === undefined ? undefined : input.signedOnVisitId && databaseId(input.signedOnVisitId);
  if (visit) await tx.requireRecord('Visit', visit, ['input', 'signedOnVisitId']);
  const visitBefore = (before.signed_on_visit_id as string | null) ?? null;
  const visits = visit === undefined || visit === visitBefore ? [] : [visitBefore, visit].flatMap((one) => one ?? []);
  const visitsBefore = await tx.lockAll('Visit', visits);
  await tx.update('Agreement', id, {
    signed_on_visit_id: visit,
    kind: input.kind ?? undefined,
    titles: titles && JSON.stringify(titles),
    sort_name: titles && sortName(titles),
    signed_on: signed.date,
    signed_on_precision: signed.precision,
    signed_on_latest: signed.latest,
    valid_until: until.date,
    valid_until_precision: until.precision,
    signed_at_venue: input.signedAtVenue,
    summary: input.summary,
    separate_instrument: input.separateInstrument ?? undefined,
  });
  await tx.touchAll('Visit', visits);
  const agreement = await tx.changed<Agreement>('Agreement', id, before);
  await tx.changedAll('Visit', visitsBefore);
  return agreement;
}

/** Appends to the status history; the database makes the latest entry the agreement's status. */
export async function setAgreementStatus(tx: MutationTransaction, input: SetAgreementStatusInput): Promise<Agreement> {
  const id = databaseId(input.id);
  const before = await tx.lock('Agreement', id, input.version);
  if (before.status === input.status) {
    throw UserInputError.of(['input', 'status'], `the agreement is ${input.status} already`, UserErrorCode.INVALID);
  }
  const on = storedDate(input.on ?? null, input.calendar);
  await tx.manager.query(
    'INSERT INTO agreement_status_change (agreement_id, status, changed_on, changed_on_precision, note) VALUES ($1, $2, $3, $4, $5)',
    [id, input.status, on.date, on.precision, input.note ?? null],
  );
  await tx.touch('Agreement', id);
  return tx.changed<Agreement>('Agreement', id, before);
}

/**
 * Deletes an agreement recorded in error. What goes with it changes other records, each locked,
 * scope-checked and audited as its own: the agreements it implements or that implement it
 * (their implementedBy, implements), the visit it was signed during (agreementsSigned), and its
 * committees (deleted).
 */
export async function deleteAgreement(tx: MutationTransaction, input: { id: string; version: number }): Promise<null> {
  const id = databaseId(input.id);
  const before = await tx.lock('Agreement', id, input.version);
  const [{ related, committees }]: Array<{ related: string[]; committees: string[] }> = await tx.manager.query(
    `SELECT ARRAY(SELECT implements_id FROM agreement_implementation WHERE agreement_id = $1
                  UNION SELECT agreement_id FROM agreement_implementation WHERE implements_id = $1)::text[] AS related,
            ARRAY(SELECT id FROM committee WHERE agreement_id = $1)::text[] AS committees`,
    [id],
  );
  const visits = before.signed_on_visit_id ? [before.signed_on_visit_id as string] : [];
  const relatedBefore = await tx.lockAll('Agreement', related);
  const visitsBefore = await tx.lockAll('Visit', visits);
  const committeesBefore = await tx.lockAll('Committee', committees);
  await tx.manager.query('DELETE FROM agreement WHERE id = $1', [id]);
  await tx.touchAll('Agreement', related);
  await tx.touchAll('Visit', visits);
  await tx.changedAll('Agreement', relatedBefore);
  await tx.changedAll('Visit', visitsBefore);
  await tx.deletedAll('Committee', committeesBefore);
  await tx.deleted('Agreement', id, before);
  return null;
}
