import { partialDateEnd } from '../../common/dates';
import { UserErrorCode, UserInputError } from '../../common/errors';
import { storedDate } from '../../write/validation';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { MayoralTerm } from './mayoral-term.entity';
import { EndMayoralTermInput, StartMayoralTermInput } from './mayoral-term.input';
import { insertLinks } from '../../database/link-rows';

/**
 * Writes of mayoral terms. "One mayor at a time" is the database's exclusion constraint
 * (mayoral_term_one_mayor_at_a_time): it sees concurrent writes too, and the mutations map
 * its refusal to the date field that caused it.
 */
export async function startMayoralTerm(tx: MutationTransaction, input: StartMayoralTermInput): Promise<MayoralTerm> {
  const municipalityId = databaseId(input.municipalityId);
  const personId = databaseId(input.personId);
  const sources = input.sourceIds.map(databaseId);
  await tx.requireRecord('Municipality', municipalityId, ['input', 'municipalityId']);
  await tx.requireRecord('Person', personId, ['input', 'personId']);
  await tx.requireRecords('Source', sources, ['input', 'sourceIds']);
  const since = storedDate(input.since, input.calendar);
  const [{ id }] = await tx.manager.query(
    'INSERT INTO mayoral_term (municipality_id, person_id, since, since_precision, selection) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [municipalityId, personId, since.date, since.precision, input.selection],
  );
  await insertLinks(tx.manager, 'citation', 'mayoral_term_id', 'source_id', id, sources);
  return tx.created<MayoralTerm>('MayoralTerm', id);
}

export async function endMayoralTerm(tx: MutationTransaction, input: EndMayoralTermInput): Promise<MayoralTerm> {
  const id = databaseId(input.id);
  const before = await tx.lock('MayoralTerm', id, input.version);
  const until = storedDate(input.until, input.calendar);
  // Checked here, not left to the database: its daterange fails with no constraint to name.
  if (partialDateEnd({ date: until.date!, precision: until.precision! }) < (before.since as string)) {
    throw UserInputError.of(
      ['input', 'until'],
      `must not be before the term began (${before.since})`,
      UserErrorCode.DATES_OUT_OF_ORDER,
    );
  }
  await tx.update('MayoralTerm', id, { until: until.date, until_precision: until.precision });
  return tx.changed<MayoralTerm>('MayoralTerm', id, before);
}
