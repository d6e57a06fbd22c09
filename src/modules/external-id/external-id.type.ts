import { Field, ObjectType } from 'type-graphql';

@ObjectType('ExternalId', {
  description: "A record's id in another system: a city portal's own, an open-data catalogue's.",
})
export class ExternalId {
  @Field({ description: 'The system that keeps the id, a domain-like name ("tehran.ir").' })
  system!: string;

  @Field({ description: 'The id in that system ("4711").' })
  id!: string;
}
