import { AuditEntry } from './audit';
import { Signatory, StatusChange } from './agreement';
import { DelegationMember } from './delegation';
import { Citation } from './source';
import { recordTypes } from './record-types';

/**
 * Every TypeORM entity: the record types' (modules/record-types.ts) and the rows records own,
 * which have no global id of their own. The tables themselves are made by migrations/.
 */
export const entities = [
  ...Object.values(recordTypes).map((recordType) => recordType.target),
  AuditEntry,
  Citation,
  DelegationMember,
  Signatory,
  StatusChange,
];
