import { Field, ObjectType } from 'type-graphql';
import { Municipality } from '../municipality';
import { Confidence } from '../source';
import { Agreement } from './agreement.entity';

/** A pair's last activity as partner_activity holds it (migration ActivityTables); the dormancy module shows it. */
export interface LastActivityColumns {
  _last_on: string | null;
  _last_on_precision: 'YEAR' | 'MONTH' | 'DAY' | null;
  _last_kind: string | null;
  _dormant_since: string | null;
}

@ObjectType('Partner', {
  simpleResolvers: true,
  description: 'A municipality tied to another by one or more agreements, with those agreements.',
})
export class Partner {
  municipalityId!: string;

  @Field(() => Municipality, { description: 'The partner municipality.' })
  municipality?: Municipality;

  @Field(() => [Agreement], {
    description: 'The agreements both are parties to, earliest signed first (undated first).',
  })
  agreements!: Agreement[];

  @Field(() => Confidence, {
    nullable: true,
    description:
      'How well the tie is supported: the strongest `confidence` of those agreements; null when none cites a source.',
  })
  confidence!: Confidence | null;
  /** The pair's last activity, read with the partners; null only for a pair its triggers have not seen. */
  activity!: LastActivityColumns | null;
}
