import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Node } from '../../common/node.interface';

export enum CooperationAreaStatus {
  PROPOSED = 'PROPOSED',
  ACCEPTED = 'ACCEPTED',
}

registerEnumType(CooperationAreaStatus, {
  name: 'CooperationAreaStatus',
  description: 'Whether a term of the vocabulary is in use or waits for an admin.',
  valuesConfig: {
    PROPOSED: {
      description:
        'Created by a non-admin key: left out of `cooperationAreas` and `children` unless asked for, and nothing may be filed under it until an admin accepts it.',
    },
    ACCEPTED: { description: 'Part of the vocabulary: records are filed under it.' },
  },
});

@ObjectType('CooperationArea', {
  simpleResolvers: true,
  implements: Node,
  description:
    'A field of cooperation from the controlled vocabulary, a tree: asking for an area includes its sub-areas.',
})
@Entity('cooperation_area')
export class CooperationArea extends Node {
  @PrimaryColumn('uuid')
  id!: string;

  @Field({ description: 'Stable key ("public-transport").' })
  @Column('text')
  slug!: string;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column('jsonb')
  labels!: Record<string, string>;

  @Column('text', { name: 'sort_name' })
  sortName!: string;

  @Field(() => CooperationAreaStatus, {
    description: 'PROPOSED until an admin accepts it (acceptCooperationArea); only ACCEPTED areas can be used.',
  })
  @Column('text')
  status!: CooperationAreaStatus;

  @Field(() => Int, { description: 'Revision number; writes must send the version they read.' })
  @Column('integer')
  version!: number;
}
