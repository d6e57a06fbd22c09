import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DatePrecision } from '../../common/dates';
import { Multilingual } from '../../common/names';
import { Node } from '../../common/node.interface';

@ObjectType('Position', {
  simpleResolvers: true,
  implements: Node,
  description:
    'An office a person holds over time, in a municipality or in an organization (not the mayoralty: see MayoralTerm).',
})
@Entity('person_position')
export class Position extends Node {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'person_id' })
  personId!: string;

  @Column('jsonb')
  titles!: Multilingual;

  @Column('uuid', { name: 'municipality_id', nullable: true })
  municipalityId!: string | null;

  @Column('uuid', { name: 'organization_id', nullable: true })
  organizationId!: string | null;

  @Column('date', { nullable: true })
  since!: string | null;

  @Column('text', { name: 'since_precision', nullable: true })
  sincePrecision!: DatePrecision | null;

  @Column('date', { nullable: true })
  until!: string | null;

  @Column('text', { name: 'until_precision', nullable: true })
  untilPrecision!: DatePrecision | null;

  @Field(() => Int, { description: 'Revision number; writes must send the version they read.' })
  @Column('integer')
  version!: number;
}
