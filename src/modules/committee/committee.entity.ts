import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Multilingual } from '../../common/names';
import { Node } from '../../common/node.interface';
import { CommitteeStatus } from '../agreement';

@ObjectType('Committee', { implements: Node, description: 'A committee or working group an agreement sets up.' })
@Entity('committee')
export class Committee extends Node {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'agreement_id' })
  agreementId!: string;

  @Column('jsonb')
  names!: Multilingual;

  @Column('uuid', { name: 'area_id', nullable: true })
  areaId!: string | null;

  @Field(() => CommitteeStatus, { description: 'Where the committee stands.' })
  @Column('text')
  status!: CommitteeStatus;

  @Field(() => Int, { description: 'Revision number; writes must send the version they read.' })
  @Column('integer')
  version!: number;
}
