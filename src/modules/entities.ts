import { AuditEntry } from '../audit/audit-entry.entity';
import { ApiKey } from '../auth/api-key.type';
import { Agreement } from './agreement/agreement.entity';
import { Committee } from './committee/committee.entity';
import { Signatory } from './agreement/signatory.entity';
import { StatusChange } from './agreement/status-change.entity';
import { CooperationArea } from './cooperation-area/cooperation-area.entity';
import { Delegation } from './delegation/delegation.entity';
import { DelegationMember } from './delegation/delegation-member.entity';
import { MayoralTerm } from './mayor/mayoral-term.entity';
import { Municipality } from './municipality/municipality.entity';
import { Organization } from './organization/organization.entity';
import { Person } from './person/person.entity';
import { Position } from './person/position.entity';
import { Citation } from './source/citation.entity';
import { Source } from './source/source.entity';
import { Visit } from './visit/visit.entity';

/** Every TypeORM entity; the tables themselves are made by migrations/. */
export const entities = [
  ApiKey, AuditEntry, Agreement, Citation, Committee, CooperationArea, Delegation, DelegationMember, MayoralTerm,
  Municipality, Organization, Person, Position, Signatory, Source, StatusChange, Visit,
];

/** The entity classes that are GraphQL `Node`s, by type name, for `node(id:)`. */
export const nodeTypes = {
  Agreement, Committee, CooperationArea, Delegation, MayoralTerm, Municipality, Organization, Person, Position, Source, Visit,
} as const;
export type NodeTypeName = keyof typeof nodeTypes;
