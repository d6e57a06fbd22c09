import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { SignatoryRole } from './agreement.enums';

@ObjectType('Signatory', {
  simpleResolvers: true,
  description: 'A person who signed an agreement, witnessed or attended its signing.',
})
@Entity('agreement_signatory')
export class Signatory {
  @PrimaryColumn('uuid', { name: 'agreement_id' })
  agreementId!: string;

  @PrimaryColumn('uuid', { name: 'person_id' })
  personId!: string;

  @Field(() => SignatoryRole, { description: 'The part they played.' })
  @Column('text')
  role!: SignatoryRole;

  @Column('uuid', { name: 'on_behalf_of_id', nullable: true })
  onBehalfOfId!: string | null;

  /** Or the organization they signed for (a council, a committee); at most one of the two. */
  @Column('uuid', { name: 'on_behalf_of_organization_id', nullable: true })
  onBehalfOfOrganizationId!: string | null;
}
