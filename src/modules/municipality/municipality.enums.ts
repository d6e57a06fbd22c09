import { registerEnumType } from 'type-graphql';

export enum Governance {
  COUNCIL_ELECTED_MAYOR = 'COUNCIL_ELECTED_MAYOR',
  DIRECTLY_ELECTED_MAYOR = 'DIRECTLY_ELECTED_MAYOR',
  STATE_BODY = 'STATE_BODY',
  APPOINTED_MAYOR = 'APPOINTED_MAYOR',
  OTHER = 'OTHER',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(Governance, {
  name: 'Governance',
  description: "How a municipality's executive is chosen or constituted.",
  valuesConfig: {
    COUNCIL_ELECTED_MAYOR: { description: 'The mayor is chosen by a vote of the city council (Tehran).' },
    DIRECTLY_ELECTED_MAYOR: { description: 'The mayor is elected by the residents.' },
    STATE_BODY: { description: 'The mayoralty is a body of the state government (Moscow).' },
    APPOINTED_MAYOR: { description: 'The mayor is appointed by a higher authority.' },
    OTHER: { description: 'Another arrangement, described in `governanceNote`.' },
    UNKNOWN: { description: 'Not recorded yet.' },
  },
});
