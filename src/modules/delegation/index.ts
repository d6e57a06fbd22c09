/**
 * The delegation module's face: who travelled, sent by whom.
 * Other modules import from here only (test/architecture.test.ts checks it).
 */
export { DelegationMember } from './delegation-member.entity';
export { Delegation } from './delegation.entity';
export { sentByMunicipalitySql, sentBySql } from './delegation.filter';
export { delegationById } from './delegation.loaders';
