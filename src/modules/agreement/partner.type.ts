import { Field, ObjectType } from 'type-graphql';
import { Municipality } from '../municipality';
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
}
