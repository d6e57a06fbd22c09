import { Field, ObjectType } from 'type-graphql';
import { Municipality } from '../municipality';
import { Confidence } from '../source';
import { Agreement } from './agreement.entity';

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
}
