import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Multilingual } from '../../common/names';
import { Node } from '../../common/node.interface';

@ObjectType('Delegation', {
  simpleResolvers: true,
  implements: Node,
  description:
    'A group sent by a municipality or an organization, with a head and members; it makes one or more visits.',
})
@Entity('delegation')
export class Delegation extends Node {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('jsonb', { nullable: true })
  names!: Multilingual | null;

  @Column('uuid', { name: 'sender_municipality_id', nullable: true })
  senderMunicipalityId!: string | null;

  @Column('uuid', { name: 'sender_organization_id', nullable: true })
  senderOrganizationId!: string | null;

  @Column('uuid', { name: 'head_person_id', nullable: true })
  headPersonId!: string | null;

  @Field(() => String, { nullable: true, description: 'What the delegation was sent for.' })
  @Column('text', { nullable: true })
  purpose!: string | null;

  @Field(() => Int, { description: 'Revision number; writes must send the version they read.' })
  @Column('integer')
  version!: number;
}
