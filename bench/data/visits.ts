import { Precision } from './dates';
import { Place, Register } from './register';
import { citation, TableRows } from './rows';

export interface VisitTables {
  visits: TableRows;
  counterparts: TableRows;
  areas: TableRows;
  citations: TableRows;
}

export interface VisitSpec {
  delegationId: string;
  senderId: string;
  host: Place;
  startsOn: string;
  endsOn: string;
  headId: string;
}

/** Past visits mostly took place; a few were called off. Future ones are planned. */
function status(register: Register, spec: VisitSpec): string {
  const { random, today } = register;
  if (spec.startsOn > today) return random.chance(0.9) ? 'PLANNED' : 'POSTPONED';
  if (spec.endsOn >= today) return 'UNDER_WAY';
  const roll = random.next();
  return roll < 0.92 ? 'COMPLETED' : roll < 0.97 ? 'CANCELLED' : 'POSTPONED';
}

/**
 * One visit with its counterpart (the host's mayor that day, when known), one to three areas
 * and one or two sources. Most dates are days; some reports give only the month, and some
 * give the trip's span without the stop's own days (dates_are_bounds).
 */
export function addVisit(register: Register, tables: VisitTables, spec: VisitSpec): void {
  const { random } = register;
  const id = register.uuid();
  const visitStatus = status(register, spec);
  const monthOnly = random.chance(0.1);
  const precision: Precision = monthOnly ? 'MONTH' : 'DAY';
  const startsOn = monthOnly ? `${spec.startsOn.slice(0, 7)}-01` : spec.startsOn;
  const endsOn = monthOnly ? null : spec.endsOn;
  tables.visits.rows.push([id, spec.delegationId, spec.host.id, startsOn, precision, endsOn, endsOn === null ? null : 'DAY',
    !monthOnly && random.chance(0.05), visitStatus, `Talks in ${spec.host.names.en}`]);
  const counterpartId = register.mayorAt(spec.host.id, spec.startsOn);
  if (counterpartId && counterpartId !== spec.headId) tables.counterparts.rows.push([id, counterpartId]);
  for (const area of register.some(register.areas, random.int(1, 3))) tables.areas.rows.push([id, area.id]);
  for (const sourceId of register.some(register.sourceIds, random.int(1, 2))) {
    tables.citations.rows.push(citation(register.uuid(), sourceId, 'visit_id', id, null));
  }
  if (visitStatus === 'COMPLETED') {
    register.visits.push({ id, senderId: spec.senderId, hostId: spec.host.id, startsOn: spec.startsOn, headId: spec.headId, counterpartId });
  }
}
