import { Field, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@ObjectType('DelegationMember', {
  simpleResolvers: true,
  description: 'A person in a delegation, with the title they travelled under.',
})
@Entity('delegation_member')
export class DelegationMember {
  @PrimaryColumn('uuid', { name: 'delegation_id' })
  delegationId!: string;

  @PrimaryColumn('uuid', { name: 'person_id' })
  personId!: string;

  @Field(() => String, { nullable: true, description: 'Title they travelled under ("Mayor of Tehran").' })
  @Column('text', { nullable: true })
  title!: string | null;

  @Field(() => Int, { description: 'Position in the delegation list as the source gives it.' })
  @Column('integer')
  ordinal!: number;
}
