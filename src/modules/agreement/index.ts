/**
 * The agreement module's face: sister-city pacts, memoranda and programmes, their parties,
 * signatories and status history, and the partners they make of municipalities; what other
 * modules may use of it.
 * Other modules import from here only (test/architecture.test.ts checks it).
 */
export { Agreement } from './agreement.entity';
export { AgreementKind, AgreementStatus, CommitteeStatus } from './agreement.enums';
export { agreementConditions, AgreementFilter, agreementStatusOnSql, TODAY_SQL } from './agreement.filter';
export { agreementById } from './agreement.loaders';
export { supportedAtLeastSql } from './agreement-support';
export { LastActivityColumns, Partner } from './partner.type';
export { Signatory } from './signatory.entity';
export { StatusChange } from './status-change.entity';
export { createAgreement, updateAgreement } from './agreement.service';
export { CreateAgreementInput } from './agreement.input';
