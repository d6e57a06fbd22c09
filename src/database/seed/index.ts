import { EntityManager } from 'typeorm';
import {
  agreementAreas,
  agreementImplementations,
  agreementParties,
  agreements,
  agreementSignatories,
  agreementStatusChanges,
  committees,
} from './agreements';
import { cooperationAreas } from './areas';
import { mayoralTerms, personPositions, persons } from './people';
import { municipalities, organizations } from './places';
import { citations, sources } from './sources';
import { delegationMembers, delegations, visitAreas, visitCounterparts, visits } from './trip';

export { SEED } from './ids';

interface TableRows {
  table: string;
  rows: readonly object[];
}

/**
 * Every table in foreign-key order. Agreements come before their parties: the parties check
 * is deferred to commit. Status history comes after its agreement and in the order it
 * happened, so the trigger that copies the latest status leaves the agreement as seeded.
 */
const TABLES: readonly TableRows[] = [
  { table: 'cooperation_area', rows: cooperationAreas },
  { table: 'municipality', rows: municipalities },
  { table: 'organization', rows: organizations },
  { table: 'person', rows: persons },
  { table: 'person_position', rows: personPositions },
  { table: 'mayoral_term', rows: mayoralTerms },
  { table: 'delegation', rows: delegations },
  { table: 'delegation_member', rows: delegationMembers },
  { table: 'visit', rows: visits },
  { table: 'visit_counterpart', rows: visitCounterparts },
  { table: 'visit_area', rows: visitAreas },
  { table: 'agreement', rows: agreements },
  { table: 'agreement_party', rows: agreementParties },
  { table: 'agreement_area', rows: agreementAreas },
  { table: 'agreement_status_change', rows: agreementStatusChanges },
  { table: 'agreement_implementation', rows: agreementImplementations },
  { table: 'agreement_signatory', rows: agreementSignatories },
  { table: 'committee', rows: committees },
  { table: 'source', rows: sources },
  { table: 'citation', rows: citations },
];

/**
 * Loads the founding story. Idempotent: every row has a fixed key and conflicts are skipped,
 * so a second run inserts nothing and changes nothing. Run it inside a transaction: the
 * agreement checks are deferred to commit. Returns the number of rows actually inserted.
 */
export async function seed(manager: EntityManager): Promise<{ inserted: number }> {
  let inserted = 0;
  for (const { table, rows } of TABLES) {
    inserted += await insertRows(manager, table, rows);
  }
  return { inserted };
}

/**
 * One multi-row `INSERT ... ON CONFLICT DO NOTHING` for a table's rows; the columns are every
 * key any row sets. A key a row leaves out takes the column's DEFAULT, not null.
 * Returns how many rows were inserted (conflicting rows return nothing).
 */
async function insertRows(manager: EntityManager, table: string, rows: readonly object[]): Promise<number> {
  if (rows.length === 0) return 0;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const parameters: unknown[] = [];
  const tuples = rows.map((row) => {
    const values = columns.map((column) => {
      const value: unknown = (row as Record<string, unknown>)[column];
      if (value === undefined) return 'DEFAULT';
      parameters.push(toParameter(value));
      return `$${parameters.length}`;
    });
    return `(${values.join(', ')})`;
  });
  const inserted: unknown[] = await manager.query(
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING RETURNING 1`,
    parameters,
  );
  return inserted.length;
}

/** Names and titles are jsonb: sent as JSON text, which the column's type reads. */
function toParameter(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : value;
}
