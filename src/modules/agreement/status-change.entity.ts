import { Field, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DatePrecision } from '../../common/dates';
import { bigintAsText } from '../../database/column-transformers';
import { AgreementStatus } from './agreement.enums';

@ObjectType('StatusChange', {
  simpleResolvers: true,
  description: "One step of an agreement's lifecycle; the history is appended, never rewritten.",
})
@Entity('agreement_status_change')
export class StatusChange {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'agreement_id' })
  agreementId!: string;

  @Field(() => AgreementStatus, { description: 'The status entered.' })
  @Column('text')
  status!: AgreementStatus;

  @Column('date', { name: 'changed_on', nullable: true })
  changedOnDate!: string | null;

  @Column('text', { name: 'changed_on_precision', nullable: true })
  changedOnPrecision!: DatePrecision | null;

  @Field(() => String, { nullable: true, description: 'What the sources say about the change.' })
  @Column('text', { nullable: true })
  note!: string | null;

  @Column('bigint', { transformer: bigintAsText })
  seq!: string;

  @Field(() => Boolean, {
    description: 'False for an entry the API computes from the dates (a fixed term that ended), not stored.',
  })
  recorded: boolean = true;
}
