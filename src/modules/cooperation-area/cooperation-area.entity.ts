import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Node } from '../../common/node.interface';

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

  @Field(() => Int, { description: 'Revision number; writes must send the version they read.' })
  @Column('integer')
  version!: number;
}
