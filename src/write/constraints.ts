import { QueryFailedError } from 'typeorm';
import { UserError, UserErrorCode } from '../common/errors';
import { toGlobalId } from '../common/global-id';

/**
 * A database constraint a mutation may run into, as the userError naming its input field.
 * `heldBy`: the constraint's trigger names the record in the way by its id in DETAIL (a
 * duplicate agreement), and the userError gives it as `recordId`, a global id of that type.
 */
export type ConstraintErrors = Record<string, Omit<UserError, 'message'> & { message?: string; heldBy?: string }>;

/** A unique key: another record has this value of the input field already. */
export const uniqueKey = (field: string, message: string) => ({
  field: ['input', field],
  code: UserErrorCode.TAKEN,
  message,
});

/** A unique key enforced by a trigger that names the record holding the value (see ConstraintErrors). */
export const takenBy = (field: string, message: string, heldBy: string) => ({ ...uniqueKey(field, message), heldBy });

/** The rule of migrations/1765000400000-DuplicateWrites.ts: kind, parties and signing date. */
export const SAME_INSTRUMENT =
  'an agreement of this kind between these parties signed on this date is already recorded (set separateInstrument to record another document)';
export const SAME_SISTER_CITY_PACT = 'a sister-city pact between these municipalities is already recorded';

/** Restrict on delete: other records still point at the one to delete. */
export const inUse = (message: string) => ({ field: ['input', 'id'], code: UserErrorCode.IN_USE, message });

/**
 * Constraints the database enforces as the last line, whatever the mutation: services check
 * these first where they can name the field better, and this map catches the rest (and races
 * between two transactions, which only the database sees).
 */
const everywhere: ConstraintErrors = {
  agreement_one_sister_city_pact_per_parties: takenBy('partyIds', SAME_SISTER_CITY_PACT, 'Agreement'),
  agreement_one_instrument_per_signing: takenBy('partyIds', SAME_INSTRUMENT, 'Agreement'),
  agreement_at_least_two_parties: {
    field: ['input', 'partyIds'],
    code: UserErrorCode.TOO_FEW,
    message: 'an agreement needs at least two distinct parties',
  },
  mayoral_term_one_mayor_at_a_time: {
    field: ['input', 'since'],
    code: UserErrorCode.OVERLAPS,
    message:
      'the municipality has another mayor during these dates (a term known only to the year or month covers all of it)',
  },
  visit_ends_after_start: {
    field: ['input', 'endsOn'],
    code: UserErrorCode.DATES_OUT_OF_ORDER,
    message: 'the visit would end before it starts',
  },
  // ON DELETE RESTRICT, whose refusal does not read "is still referenced" (migrations/1765000610000-VisitSubjects.ts).
  visit_subject_agreement_agreement_id_fkey: inUse(
    'visits were about this agreement; take it out of them first (removeVisitAboutAgreements)',
  ),
  visit_subject_municipality_municipality_id_fkey: inUse(
    'visits were about this municipality; take it out of them first (removeVisitAboutMunicipalities)',
  ),
  municipality_slug_key: uniqueKey('slug', 'another municipality has this slug'),
  municipality_wikidata_id_key: uniqueKey('wikidataId', 'another municipality has this Wikidata id'),
  municipality_geonames_id_key: uniqueKey('geonamesId', 'another municipality has this GeoNames id'),
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface PostgresError {
  code?: string;
  constraint?: string;
  detail?: string;
  message: string;
}

/** The userError for a constraint violation, or null when the failure is not one we can name. */
export function userErrorOfConstraint(error: QueryFailedError, own: ConstraintErrors = {}): UserError | null {
  const driver = error.driverError as PostgresError;
  const known = driver.constraint ? (own[driver.constraint] ?? everywhere[driver.constraint]) : undefined;
  if (known) {
    const message = known.message ?? driver.message;
    const holder = known.heldBy && UUID.test(driver.detail ?? '') ? toGlobalId(known.heldBy, driver.detail!) : null;
    if (!holder) return { field: known.field, code: known.code, message };
    return { field: known.field, code: known.code, message: `${message}: ${holder}`, recordId: holder };
  }
  // Restrict on delete: other records still point at this one.
  if (driver.code === '23503' && /is still referenced/.test(driver.detail ?? '')) {
    return inUse(`other records still refer to this one (${driver.detail})`);
  }
  return null;
}
