import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Multilingual } from '../../common/names';
import { Node } from '../../common/node.interface';

@ObjectType('Person', {
  simpleResolvers: true,
  implements: Node,
  description: 'An official: a mayor, a deputy, a council member, an ambassador.',
})
@Entity('person')
export class Person extends Node {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('jsonb')
  names!: Multilingual;

  @Column('text', { name: 'sort_name' })
  sortName!: string;

  @Field(() => String, { nullable: true, description: 'Wikidata item id.' })
  @Column('text', { name: 'wikidata_id', nullable: true })
  wikidataId!: string | null;

  @Field(() => Int, { description: 'Revision number; writes must send the version they read.' })
  @Column('integer')
  version!: number;
}
