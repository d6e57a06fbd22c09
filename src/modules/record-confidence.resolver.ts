import { Agreement } from './agreement';
import { Committee } from './committee';
import { Delegation } from './delegation';
import { MayoralTerm } from './mayor';
import { Municipality } from './municipality';
import { Organization } from './organization';
import { Person, Position } from './person';
import { CitingRecordResolver } from './source';
import { Visit } from './visit';

/*
 * `citations` and `confidence` on every record type that cites sources (those with `citedBy`
 * in record-types.ts; test/source-confidence.test.ts checks that none is missing). Here,
 * directly in modules/, because the source module may import none of the types it serves.
 */
export const AgreementCitationsResolver = CitingRecordResolver(Agreement, 'Agreement');
export const CommitteeCitationsResolver = CitingRecordResolver(Committee, 'Committee');
export const DelegationCitationsResolver = CitingRecordResolver(Delegation, 'Delegation');
export const MayoralTermCitationsResolver = CitingRecordResolver(MayoralTerm, 'MayoralTerm');
export const MunicipalityCitationsResolver = CitingRecordResolver(Municipality, 'Municipality');
export const OrganizationCitationsResolver = CitingRecordResolver(Organization, 'Organization');
export const PersonCitationsResolver = CitingRecordResolver(Person, 'Person');
export const PositionCitationsResolver = CitingRecordResolver(Position, 'Position');
export const VisitCitationsResolver = CitingRecordResolver(Visit, 'Visit');
