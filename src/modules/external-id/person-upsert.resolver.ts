import { Ctx, Field, ObjectType, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { uniqueKey } from '../../write/constraints';
import { runMutation } from '../../write/mutation';
import { MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Person } from '../person';
import { UpsertPersonInput } from './person-upsert.input';
import { upsertPerson } from './person-upsert.service';
import { UpsertOutcome } from './upsert-outcome';

@ObjectType('UpsertPersonPayload', { description: 'The person after an upsert, and what the upsert did.' })
class UpsertPersonPayload extends Payload(Person, 'UpsertedPerson', 'person') {
  @Field(() => UpsertOutcome, { nullable: true, description: 'Created, updated or unchanged; null when refused.' })
  outcome!: UpsertOutcome | null;
}

/** An external id's match may take a Wikidata id another person has. */
const taken = { person_wikidata_id_key: uniqueKey('wikidataId', 'another person has this Wikidata id') };

@Resolver()
export class PersonUpsertResolver {
  @MutationField(() => UpsertPersonPayload, {
    description:
      'Creates a person, or updates the one their external ids (else their Wikidata id) name; sending the same again changes nothing (UNCHANGED). Any editor key may create; changing one recorded (even to the same values) is for keys without a municipality scope, as updatePerson.',
  })
  async upsertPerson(@Ctx() context: Context, @MutationInput(UpsertPersonInput) input: UpsertPersonInput) {
    const result = await runMutation(
      context,
      { name: 'upsertPerson', input, recordType: 'Person', constraints: taken },
      (tx) => upsertPerson(tx, input),
    );
    return { ...payload(result, input), outcome: result.record?.outcome ?? null };
  }
}
