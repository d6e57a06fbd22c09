import { UserErrorCode, UserInputError } from '../../common/errors';
import { toGlobalId } from '../../common/global-id';
import { loadRecord } from '../../write/mutation';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { Agreement, createAgreement, updateAgreement } from '../agreement';
import { setExternalIds, tagNewRecord } from './external-id.service';
import { UpsertAgreementInput } from './agreement-upsert.input';
import { UpsertOutcome } from './upsert-outcome';
import { externalIdsText, pair, recordNamedBy, unchanged } from './upsert-steps';

/**
 * An upsert changes an agreement's own fields only: parties, status, areas, what it implements,
 * where it was signed and its sources are given at creation and have mutations of their own
 * afterwards. The parties say which instrument it is, so a match between other parties is
 * refused rather than passed over; the others are left as they are.
 */
function refuseOtherParties(before: Record<string, unknown>, input: UpsertAgreementInput, id: string): void {
  const parties = input.partyIds.map(databaseId).sort().join(',');
  if (before.party_key === parties) return;
  throw UserInputError.of(
    ['input', 'partyIds'],
    'the external id names an agreement between other parties; parties change with addAgreementParties and removeAgreementParties',
    UserErrorCode.INVALID,
    toGlobalId('Agreement', id),
  );
}

/**
 * Creates the agreement, or brings the one its external ids name in line with the input. There
 * is no second match: an agreement of the same kind, parties and signing date that the portal
 * never tagged is refused as TAKEN by createAgreement, naming it, for the portal to tag it
 * (setExternalIds) rather than have an upsert guess. A repeat is undone to its savepoint.
 */
export async function upsertAgreement(
  tx: MutationTransaction,
  input: UpsertAgreementInput,
): Promise<Agreement & { outcome: UpsertOutcome }> {
  const found = await recordNamedBy(tx, input.externalIds, 'Agreement');
  const globalId = (id: string) => toGlobalId('Agreement', id);
  if (!found) {
    const made = await createAgreement(tx, input);
    await tagNewRecord(tx, 'Agreement', made.id, input.externalIds);
    return Object.assign(made, { outcome: UpsertOutcome.CREATED });
  }
  const before = await tx.lock('Agreement', found, null);
  refuseOtherParties(before, input, found);
  const external = await externalIdsText(tx, found);
  await tx.manager.query('SAVEPOINT upsert');
  const { kind, titles, signedOn, validUntil, calendar, signedAtVenue, summary, separateInstrument } = input;
  const fields = { kind, titles, signedOn, validUntil, calendar, signedAtVenue, summary, separateInstrument };
  const updated = await updateAgreement(tx, { ...fields, id: globalId(found), version: before.version as number });
  const externalIds = input.externalIds;
  const result = await setExternalIds(tx, { id: globalId(found), version: updated.version, externalIds });
  if (unchanged(before, await tx.snapshot('Agreement', found)) && external === JSON.stringify(externalIds.map(pair))) {
    await tx.manager.query('ROLLBACK TO SAVEPOINT upsert');
    const record = await loadRecord(tx.manager, Agreement, 'agreement', found);
    return Object.assign(record!, { outcome: UpsertOutcome.UNCHANGED });
  }
  return Object.assign(result as Agreement, { outcome: UpsertOutcome.UPDATED });
}
