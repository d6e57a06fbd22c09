import { registerEnumType } from 'type-graphql';

export enum AgreementKind {
  SISTER_CITY = 'SISTER_CITY',
  MEMORANDUM_OF_UNDERSTANDING = 'MEMORANDUM_OF_UNDERSTANDING',
  COOPERATION_AGREEMENT = 'COOPERATION_AGREEMENT',
  COOPERATION_PROGRAMME = 'COOPERATION_PROGRAMME',
  PROTOCOL = 'PROTOCOL',
  DECLARATION = 'DECLARATION',
  OTHER = 'OTHER',
}

export enum AgreementStatus {
  PROPOSED = 'PROPOSED',
  SIGNED = 'SIGNED',
  IN_FORCE = 'IN_FORCE',
  SUSPENDED = 'SUSPENDED',
  EXPIRED = 'EXPIRED',
  TERMINATED = 'TERMINATED',
}

export enum SignatoryRole {
  SIGNATORY = 'SIGNATORY',
  WITNESS = 'WITNESS',
  ATTENDEE = 'ATTENDEE',
}

export enum CommitteeStatus {
  PLANNED = 'PLANNED',
  ACTIVE = 'ACTIVE',
  DISSOLVED = 'DISSOLVED',
}

registerEnumType(AgreementKind, {
  name: 'AgreementKind',
  description: 'What kind of document an agreement is.',
  valuesConfig: {
    SISTER_CITY: { description: 'A sister-city (twinning) pact.' },
    MEMORANDUM_OF_UNDERSTANDING: { description: 'A memorandum of understanding (MoU).' },
    COOPERATION_AGREEMENT: { description: 'A cooperation agreement or document.' },
    COOPERATION_PROGRAMME: { description: 'A cooperation programme, often for a fixed term.' },
    PROTOCOL: { description: 'A protocol, often implementing an earlier agreement.' },
    DECLARATION: { description: 'A joint declaration or statement.' },
    OTHER: { description: 'Any other kind.' },
  },
});

registerEnumType(AgreementStatus, {
  name: 'AgreementStatus',
  description: 'Where an agreement stands in its lifecycle; its changes are kept as `statusHistory`.',
  valuesConfig: {
    PROPOSED: { description: 'Announced or under negotiation, not signed.' },
    SIGNED: { description: 'Signed (concluded).' },
    IN_FORCE: { description: 'In force, operational.' },
    SUSPENDED: { description: 'Suspended by a party.' },
    EXPIRED: { description: 'Its fixed term ended.' },
    TERMINATED: { description: 'Ended by a party.' },
  },
});

registerEnumType(SignatoryRole, {
  name: 'SignatoryRole',
  description: 'Part a person played at a signing.',
  valuesConfig: {
    SIGNATORY: { description: 'Signed the document.' },
    WITNESS: { description: 'Witnessed the signing.' },
    ATTENDEE: { description: 'Attended the signing.' },
  },
});

registerEnumType(CommitteeStatus, {
  name: 'CommitteeStatus',
  description: 'Where a committee or working group stands.',
  valuesConfig: {
    PLANNED: { description: 'Agreed on, not yet at work.' },
    ACTIVE: { description: 'At work.' },
    DISSOLVED: { description: 'No longer at work.' },
  },
});
