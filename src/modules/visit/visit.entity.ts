import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RangePrecision } from '../../common/dates';
import { Node } from '../../common/node.interface';

export enum VisitStatus {
  PLANNED = 'PLANNED',
  UNDER_WAY = 'UNDER_WAY',
  COMPLETED = 'COMPLETED',
  CANCELLED = 'CANCELLED',
  POSTPONED = 'POSTPONED',
}

registerEnumType(VisitStatus, {
  name: 'VisitStatus',
  description: 'Where a visit stands.',
  valuesConfig: {
    PLANNED: { description: 'Announced, not yet begun (or not confirmed by a later source).' },
    UNDER_WAY: { description: 'The delegation is there now.' },
    COMPLETED: { description: 'Took place.' },
    CANCELLED: { description: 'Called off.' },
    POSTPONED: { description: 'Put off to a later date.' },
  },
});

@ObjectType('Visit', {
  simpleResolvers: true,
  implements: Node,
  description:
    "A delegation's stay in a host municipality over a date range: a trip of several days or a single meeting.",
})
@Entity('visit')
export class Visit extends Node {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'delegation_id' })
  delegationId!: string;

  @Column('uuid', { name: 'host_municipality_id' })
  hostMunicipalityId!: string;

  @Column('date', { name: 'starts_on' })
  startsOnDate!: string;

  @Column('text', { name: 'starts_on_precision' })
  startsOnPrecision!: RangePrecision;

  /** Latest days of the start and the end: a span's end for RANGE, else their period's last day. */
  @Column('date', { name: 'starts_on_latest' })
  startsOnLatest!: string;

  @Column('date', { name: 'ends_on', nullable: true })
  endsOnDate!: string | null;

  @Column('date', { name: 'ends_on_latest', nullable: true })
  endsOnLatest!: string | null;

  @Column('text', { name: 'ends_on_precision', nullable: true })
  endsOnPrecision!: RangePrecision | null;

  @Field({ description: 'True when the stay fell somewhere within startsOn..endsOn but its own days are not known.' })
  @Column('boolean', { name: 'dates_are_bounds' })
  datesAreBounds!: boolean;

  @Field(() => VisitStatus, { description: 'Where the visit stands.' })
  @Column('text')
  status!: VisitStatus;

  @Field(() => String, { nullable: true, description: 'Purpose and topics, in the words of the sources.' })
  @Column('text', { nullable: true })
  purpose!: string | null;

  @Field(() => Int, { description: 'Revision number; writes must send the version they read.' })
  @Column('integer')
  version!: number;
}
