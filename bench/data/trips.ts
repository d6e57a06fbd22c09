import { addDays, dayNumber, isoDay } from './dates';
import { addPerson } from './mayors';
import { Place, Register } from './register';
import { citation, citationRows, TableRows, tableRows } from './rows';
import { addVisit, VisitTables } from './visits';

export interface TripTables {
  /** In foreign-key order: persons before the delegations they head or join. */
  tables: TableRows[];
}

const MEMBER_TITLES = ['Deputy mayor', 'Head of international relations', 'City council member', 'Adviser to the mayor',
  'Interpreter', 'Head of the culture department', 'Head of the transport department', 'Business representative', 'Journalist'];
const PURPOSES = ['Widen cooperation between the two cities', 'Follow up the sister-city pact', 'Study urban transport',
  'Open a cultural week', 'Exchange experience in crisis management', 'Prepare a memorandum of understanding'];
/** Most people in a city's delegations are new faces; a few travel again and again. */
const STAFF_KEPT = 12;
const FIRST_TRIP = dayNumber('2000-01-01');

interface Tables extends VisitTables {
  persons: TableRows;
  delegations: TableRows;
  members: TableRows;
}

/**
 * Delegations and their trips until `visitCount` visits are made: each trip one to three
 * visits in a row, hosts drawn like partners (hubs get more guests). Call register.rank() first.
 */
export function generateTrips(register: Register, visitCount: number): TripTables {
  const tables: Tables = {
    persons: tableRows('person', 'id:uuid names:jsonb sort_name:text'),
    delegations: tableRows('delegation', 'id:uuid names:jsonb sender_municipality_id:uuid head_person_id:uuid purpose:text'),
    members: tableRows('delegation_member', 'delegation_id:uuid person_id:uuid title:text ordinal:int4'),
    visits: tableRows('visit', `id:uuid delegation_id:uuid host_municipality_id:uuid starts_on:date starts_on_precision:text
      ends_on:date ends_on_precision:text dates_are_bounds:bool status:text purpose:text`),
    counterparts: tableRows('visit_counterpart', 'visit_id:uuid person_id:uuid'),
    areas: tableRows('visit_area', 'visit_id:uuid area_id:uuid'),
    citations: citationRows(),
  };
  let made = 0;
  while (made < visitCount) {
    const stops = Math.min(visitCount - made, tripLength(register));
    made += trip(register, stops, tables);
  }
  const { persons, delegations, members, visits, counterparts, areas, citations } = tables;
  return { tables: [persons, delegations, members, visits, counterparts, areas, citations] };
}

function tripLength(register: Register): number {
  const roll = register.random.next();
  return roll < 0.7 ? 1 : roll < 0.9 ? 2 : 3;
}

/** One delegation and its visits; returns how many visits it made (0 if no host was found). */
function trip(register: Register, stops: number, tables: Tables): number {
  const { random } = register;
  const sender = register.draw();
  const startsOn = isoDay(random.int(FIRST_TRIP, dayNumber(register.today) + 365));
  const hosts: Place[] = [];
  const excluded = new Set([sender.id]);
  for (let i = 0; i < stops; i++) {
    const host = register.drawOther(excluded);
    if (!host) break;
    hosts.push(host);
    excluded.add(host.id);
  }
  if (hosts.length === 0) return 0;
  const delegationId = register.uuid();
  const headId = members(register, sender, startsOn, delegationId, tables);
  tables.delegations.rows.push([delegationId,
    { en: `${sender.names.en} delegation`, fa: `هیئت ${sender.names.fa}`, ru: `Делегация города ${sender.names.ru}` },
    sender.id, headId, random.pick(PURPOSES)]);
  if (random.chance(0.3) && register.sourceIds.length > 0) {
    tables.citations.rows.push(citation(register.uuid(), random.pick(register.sourceIds), 'delegation_id', delegationId, null));
  }
  let day = startsOn;
  for (const host of hosts) {
    const days = random.int(1, 5);
    addVisit(register, tables, { delegationId, senderId: sender.id, host, startsOn: day, endsOn: addDays(day, days - 1), headId });
    day = addDays(day, days + random.int(0, 2));
  }
  return hosts.length;
}

/**
 * Two to twenty members: the sender's mayor on the day the trip starts heads it when the
 * register knows one, else the first member does. Returns the head's person id.
 */
function members(register: Register, sender: Place, day: string, delegationId: string, tables: Tables): string {
  const { random } = register;
  const size = random.int(2, 20);
  const staff = register.staff.get(sender.id) ?? [];
  register.staff.set(sender.id, staff);
  const mayor = register.mayorAt(sender.id, day);
  const chosen = new Set<string>();
  const headId = mayor ?? addPerson(register, tables.persons);
  chosen.add(headId);
  tables.members.rows.push([delegationId, headId, mayor ? `Mayor of ${sender.names.en}` : 'Head of the delegation', 1]);
  while (chosen.size < size) {
    const known = staff.length > 0 && random.chance(0.35) ? random.pick(staff) : null;
    if (known && chosen.has(known)) continue;
    const personId = known ?? addPerson(register, tables.persons);
    if (!known && staff.length < STAFF_KEPT) staff.push(personId);
    chosen.add(personId);
    tables.members.rows.push([delegationId, personId, random.pick(MEMBER_TITLES), chosen.size]);
  }
  return headId;
}
