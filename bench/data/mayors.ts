import { addDays } from './dates';
import { personNames } from './names';
import { Register, Term } from './register';
import { citation, TableRows } from './rows';

export type Governance = 'COUNCIL_ELECTED_MAYOR' | 'DIRECTLY_ELECTED_MAYOR' | 'APPOINTED_MAYOR' | 'UNKNOWN';

/** How a mayor of each kind of city takes office. */
const SELECTION: Readonly<Record<Governance, string>> = {
  COUNCIL_ELECTED_MAYOR: 'COUNCIL_VOTE', DIRECTLY_ELECTED_MAYOR: 'DIRECT_ELECTION', APPOINTED_MAYOR: 'APPOINTED', UNKNOWN: 'UNKNOWN',
};

export interface MayorTables {
  persons: TableRows;
  mayoralTerms: TableRows;
  citations: TableRows;
}

/** A new person row (names in three languages, sorted by the English one); returns its id. */
export function addPerson(register: Register, persons: TableRows): string {
  const id = register.uuid();
  const names = personNames(register.random);
  persons.rows.push([id, names, names.en]);
  return id;
}

/**
 * Two to eight terms of three to eight years each, laid back from "today": the latest is
 * still running (no end), each earlier one ends days to months before the next begins, so
 * the one-mayor-at-a-time exclusion holds with day-precise dates. Some mayors are re-elected
 * (the same person in two terms in a row).
 */
export function generateTerms(register: Register, placeId: string, governance: Governance, tables: MayorTables): Term[] {
  const { random } = register;
  const count = random.int(2, 8);
  const terms: Term[] = [];
  let nextSince: string | null = null;
  let nextPerson: string | null = null;
  for (let i = 0; i < count; i++) {
    const until: string | null = nextSince === null ? null : addDays(nextSince, -random.int(1, 120));
    const length = random.int(3, 8) * 365 + random.int(-60, 60);
    const since: string = until === null ? addDays(register.today, -random.int(30, length)) : addDays(until, -length);
    const personId: string = nextPerson !== null && random.chance(0.2) ? nextPerson : addPerson(register, tables.persons);
    terms.push({ id: register.uuid(), personId, since, until });
    nextSince = since;
    nextPerson = personId;
  }
  terms.reverse();
  for (const term of terms) {
    tables.mayoralTerms.rows.push([term.id, placeId, term.personId, term.since, 'DAY', term.until, term.until === null ? null : 'DAY',
      SELECTION[governance]]);
    if (random.chance(0.3) && register.sourceIds.length > 0) {
      tables.citations.rows.push(citation(register.uuid(), random.pick(register.sourceIds), 'mayoral_term_id', term.id, null));
    }
  }
  register.terms.set(placeId, terms);
  return terms;
}
