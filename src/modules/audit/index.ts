/**
 * The audit log's face: who changed what, and when (write/transaction.ts appends to it).
 * Other modules import from here only (test/architecture.test.ts checks it).
 */
export { AuditEntry } from './audit-entry.entity';
