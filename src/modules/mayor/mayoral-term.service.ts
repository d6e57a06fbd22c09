import { DatePrecision, formatPartialDate, partialDateEnd } from '../../common/dates';
import { toGlobalId } from '../../common/global-id';
import { pickText } from '../../common/names';
import { UserErrorCode, UserInputError } from '../../common/errors';
import { storedDate } from '../../write/validation';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { MayoralTerm } from './mayoral-term.entity';
import { EndMayoralTermInput, StartMayoralTermInput } from './mayoral-term.input';
import { insertLinks } from '../../database/link-rows';

/**
 * Writes of mayoral terms. "One mayor at a time" is the database's exclusion constraint
 * (mayoral_term_one_mayor_at_a_time): it sees concurrent writes too, and the mutations map
 * its refusal to the date field that caused it. Before writing, the services look for the
 * term the new dates would meet, so that the refusal names the other mayor and their term
 * (a portal can then end that term first, or correct a date).
 */
export async function startMayoralTerm(tx: MutationTransaction, input: StartMayoralTermInput): Promise<MayoralTerm> {
  const municipalityId = databaseId(input.municipalityId);
  const personId = databaseId(input.personId);
  const sources = input.sourceIds.map(databaseId);
  await tx.requireRecord('Municipality', municipalityId, ['input', 'municipalityId']);
  await tx.requireRecord('Person', personId, ['input', 'personId']);
  await tx.requireRecords('Source', sources, ['input', 'sourceIds']);
  const since = storedDate(input.since, input.calendar);
  await assertNoOtherMayor(tx, { municipalityId, since: since.date!, until: null }, ['input', 'since']);
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
  await assertNoOtherMayor(
    tx,
    { id, municipalityId: before.municipality_id as string, since: before.since as string, until },
    ['input', 'until'],
  );
  await tx.update('MayoralTerm', id, { until: until.date, until_precision: until.precision });
  return tx.changed<MayoralTerm>('MayoralTerm', id, before);
}

interface TermDates {
  /** The term itself, when it is being changed: it does not overlap itself. */
  id?: string;
  municipalityId: string;
  since: string;
  until: { date?: string | null; precision?: string | null } | null;
}

/**
 * Refuses (OVERLAPS) dates that meet another mayor's term of the municipality, naming that
 * mayor and their term; the same days as the exclusion constraint's (a coarse end covers its
 * whole period). One statement, on the constraint's own index.
 */
async function assertNoOtherMayor(tx: MutationTransaction, term: TermDates, field: string[]): Promise<void> {
  const rows: Array<{
    id: string;
    person_id: string;
    names: Record<string, string>;
    since: string;
    since_precision: DatePrecision;
    until: string | null;
    until_precision: DatePrecision | null;
  }> = await tx.manager.query(
    `SELECT m.id::text AS id, m.person_id::text AS person_id, p.names, m.since::text AS since, m.since_precision, m.until::text AS until, m.until_precision
       FROM mayoral_term m JOIN person p ON p.id = m.person_id
      WHERE m.municipality_id = $1 AND m.id IS DISTINCT FROM $2::uuid
        AND m.term && daterange($3::date, CASE WHEN $4::date IS NULL THEN NULL ELSE partial_date_end($4::date, $5) END, '[]')
      ORDER BY m.since LIMIT 1`,
    [term.municipalityId, term.id ?? null, term.since, term.until?.date ?? null, term.until?.precision ?? null],
  );
  if (!rows.length) return;
  const other = rows[0];
  const from = formatPartialDate({ date: other.since, precision: other.since_precision });
  const to = other.until ? formatPartialDate({ date: other.until, precision: other.until_precision! }) : null;
  throw UserInputError.of(
    field,
    `the municipality has another mayor during these dates: ${pickText(other.names) ?? 'a person'} (Person ${toGlobalId('Person', other.person_id)}), ${to ? `from ${from} to ${to}` : `since ${from}, in office`} (MayoralTerm ${toGlobalId('MayoralTerm', other.id)}); a date known only to the year or month covers all of it`,
    UserErrorCode.OVERLAPS,
  );
}
