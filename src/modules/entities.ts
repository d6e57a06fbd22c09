import { AuditEntry } from './audit';
import { Partnership } from './dormancy';
import { recordTypes } from './record-types';

/**
 * Every TypeORM entity: the record types' (modules/record-types.ts), the rows they own, and
 * the audit log's entries, which are about records of every type, and the pairs of partners
 * with their last activity (a derived table, read by the dormant list). The tables themselves are
 * made by migrations/.
 */
export const entities = [
  ...Object.values(recordTypes).flatMap(({ target, rows = [] }) => [target, ...rows]),
  AuditEntry,
  Partnership,
];
