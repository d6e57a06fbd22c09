import { Field, Int, ObjectType } from 'type-graphql';
import { Agreement } from '../agreement';
import { Municipality } from '../municipality';

@ObjectType('Hop', {
  simpleResolvers: true,
  description: 'One step of a chain of agreements: two municipalities and an agreement both are parties to.',
})
export class Hop {
  fromId!: string;
  toId!: string;
  agreementId!: string;

  @Field(() => Municipality, { description: 'The municipality the step starts from.' })
  from?: Municipality;

  @Field(() => Municipality, { description: 'The municipality the step leads to.' })
  to?: Municipality;

  @Field(() => Agreement, { description: 'The agreement that ties them (the first by id when several do).' })
  agreement?: Agreement;
}

@ObjectType('Path', {
  simpleResolvers: true,
  description:
    'A shortest chain of agreements between two municipalities. Among equally short chains, the one whose ' +
    'municipalities come first by slug, position by position; among agreements between the same two, the first by id.',
})
export class Path {
  @Field(() => [Hop], { description: 'The steps, from the first municipality to the second.' })
  hops!: Hop[];

  @Field(() => Int, { description: 'Number of steps (agreements) in the chain; 0 from a municipality to itself.' })
  length!: number;
}
