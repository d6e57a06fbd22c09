import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DatePrecision } from '../../common/dates';
import { Node } from '../../common/node.interface';

export enum MayorSelection {
  COUNCIL_VOTE = 'COUNCIL_VOTE',
  DIRECT_ELECTION = 'DIRECT_ELECTION',
  APPOINTED = 'APPOINTED',
  ACTING = 'ACTING',
  OTHER = 'OTHER',
  UNKNOWN = 'UNKNOWN',
}

registerEnumType(MayorSelection, {
  name: 'MayorSelection',
  description: 'How a mayor came to office for a term.',
  valuesConfig: {
    COUNCIL_VOTE: { description: 'Chosen by a vote of the city council.' },
    DIRECT_ELECTION: { description: 'Elected directly by the residents.' },
    APPOINTED: { description: 'Appointed by a higher authority.' },
    ACTING: { description: 'Acting mayor, pending a regular choice.' },
    OTHER: { description: 'Another way.' },
    UNKNOWN: { description: 'Not recorded.' },
  },
});

@ObjectType('MayoralTerm', {
  simpleResolvers: true,
  implements: Node,
  description: "A person's term as mayor (head of the executive) of one municipality.",
})
@Entity('mayoral_term')
export class MayoralTerm extends Node {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'municipality_id' })
  municipalityId!: string;

  @Column('uuid', { name: 'person_id' })
  personId!: string;

  @Column('date')
  since!: string;

  @Column('text', { name: 'since_precision' })
  sincePrecision!: DatePrecision;

  @Column('date', { nullable: true })
  until!: string | null;

  @Column('text', { name: 'until_precision', nullable: true })
  untilPrecision!: DatePrecision | null;

  @Field(() => MayorSelection, { description: 'How the mayor came to office.' })
  @Column('text')
  selection!: MayorSelection;

  @Field(() => Int, { description: 'Revision number; writes must send the version they read.' })
  @Column('integer')
  version!: number;
}
