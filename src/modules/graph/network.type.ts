import { Field, Int, ObjectType } from 'type-graphql';
import { Municipality } from '../municipality';
import { Confidence } from '../source';

@ObjectType('NetworkEntry', {
  simpleResolvers: true,
  description:
    "A municipality in another's network: reached through a chain of agreements, at the length of the shortest chain.",
})
export class NetworkEntry {
  @Field(() => Municipality, { description: 'The municipality reached.' })
  municipality!: Municipality;

  @Field(() => Int, {
    description: 'Agreements in the shortest chain to it: 1 for a direct partner, 2 for a partner of a partner...',
  })
  distance!: number;

  @Field(() => Municipality, {
    nullable: true,
    description:
      'The neighbour one step closer through which it is reached (itself an entry of the same network, at distance - 1); ' +
      'the first by slug when there are several; null for direct partners.',
  })
  via!: Municipality | null;

  @Field(() => Confidence, {
    nullable: true,
    description:
      'How well the tie it is reached by is supported: the strongest `confidence` of the agreements (those counted ' +
      'under `minConfidence`) between it and `via`, or the municipality itself for direct partners; null when none cites a source.',
  })
  confidence!: Confidence | null;
}
