import { ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DatePrecision } from '../../common/dates';

/**
 * Two municipalities tied by one or more agreements, with their last activity: a row of
 * partner_activity, kept by the triggers of migration ActivityTriggers.
 */
@ObjectType('Partnership', {
  simpleResolvers: true,
  description:
    'Two municipalities tied by one or more agreements, with the last dated activity between them (README, "Dormancy").',
})
@Entity('partner_activity')
export class Partnership {
  @PrimaryColumn('uuid', { name: 'low_id' })
  lowId!: string;

  @PrimaryColumn('uuid', { name: 'high_id' })
  highId!: string;

  @Column('uuid', { name: 'pair_id' })
  pairId!: string;

  @Column('date', { name: 'last_on', nullable: true })
  lastOnDate!: string | null;

  @Column('text', { name: 'last_on_precision', nullable: true })
  lastOnPrecision!: DatePrecision | null;

  @Column('text', { name: 'last_kind', nullable: true })
  lastKind!: string | null;

  @Column('date', { name: 'dormant_since' })
  dormantSinceDate!: string;
}
