import { addDays, dayNumber, isoDay, periodEnd, periodStart, Precision, yearOf } from './dates';
import { Register } from './register';

export type Status = 'PROPOSED' | 'SIGNED' | 'IN_FORCE' | 'SUSPENDED' | 'EXPIRED' | 'TERMINATED';

export interface PartialDate {
  on: string;
  precision: Precision;
}

export interface StatusChange {
  status: Status;
  on: PartialDate | null;
  note: string | null;
}

export interface History {
  changes: StatusChange[];
  /** The agreement's status: the last change, as the schema's trigger keeps it. */
  status: Status;
  validUntil: PartialDate | null;
}

/** A signing date: recent years more often than old ones; sometimes only the month or year is known. */
export function signingDate(register: Register, after: string | null): PartialDate {
  const { random } = register;
  const today = dayNumber(register.today);
  const first = after ? dayNumber(after) + 30 : dayNumber('1960-01-01');
  const day = isoDay(Math.min(today, first + Math.floor(Math.sqrt(random.next()) * Math.max(1, today - first))));
  const roll = random.next();
  const precision: Precision = roll < 0.7 ? 'DAY' : roll < 0.8 ? 'MONTH' : 'YEAR';
  return { on: periodStart(day, precision), precision };
}

/** A day after the end of `date`, no later than today (or null when nothing fits). */
function later(register: Register, date: PartialDate, withinDays: number): PartialDate | null {
  const from = dayNumber(periodEnd(date.on, date.precision)) + 1;
  const to = Math.min(dayNumber(register.today), from + withinDays);
  return from > to ? null : { on: isoDay(register.random.int(from, to)), precision: 'DAY' };
}

/**
 * The status history of an agreement signed on `signed` (null: signed, date unknown), in the
 * order it happened: sometimes proposed first, then signed, often in force, and for some a
 * suspension, a termination, or an expiry at the end of a fixed term.
 */
export function signedHistory(register: Register, signed: PartialDate | null): History {
  const { random } = register;
  const changes: StatusChange[] = [];
  if (random.chance(0.3)) changes.push({ status: 'PROPOSED', on: null, note: 'Announced before signing.' });
  changes.push({ status: 'SIGNED', on: signed, note: null });
  let last = signed;
  if (signed && random.chance(0.6)) {
    last = later(register, signed, 180) ?? signed;
    changes.push({ status: 'IN_FORCE', on: last === signed ? null : last, note: null });
  }
  let validUntil: PartialDate | null = null;
  if (signed && random.chance(0.2)) {
    validUntil = { on: `${yearOf(signed.on) + random.pick([5, 10])}-01-01`, precision: 'YEAR' };
    if (periodEnd(validUntil.on, 'YEAR') < register.today) {
      changes.push({ status: 'EXPIRED', on: { on: addDays(periodEnd(validUntil.on, 'YEAR'), 1), precision: 'DAY' }, note: 'Term ended.' });
    }
  } else if (last && random.chance(0.12)) {
    const end = later(register, last, 3650);
    if (end) changes.push({ status: random.chance(0.6) ? 'SUSPENDED' : 'TERMINATED', on: end, note: null });
  }
  return { changes, status: changes[changes.length - 1].status, validUntil };
}

/** An agreement still under negotiation: only proposed, no signing date. */
export function proposedHistory(register: Register): History {
  const on = isoDay(register.random.int(dayNumber(register.today) - 3 * 365, dayNumber(register.today)));
  return { changes: [{ status: 'PROPOSED', on: { on, precision: 'DAY' }, note: 'Under negotiation.' }], status: 'PROPOSED', validUntil: null };
}
