import { Ctx, Resolver } from 'type-graphql';
import { inUse, uniqueKey } from '../../write/constraints';
import { runMutation } from '../../write/mutation';
import { DeleteInput, MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { addCitations, CitationsInput, removeCitations } from '../source';
import { Person } from './person.entity';
import { CreatePersonInput, UpdatePersonInput } from './person.input';
import { createPerson, deletePerson, personSources, updatePerson } from './person.service';

const PersonPayload = Payload(Person, 'Person', 'person');
const PersonSourcesInput = CitationsInput('PersonSources', personSources, 'sources that report on the person');

type SourcesLink = InstanceType<typeof PersonSourcesInput>;

const taken = {
  person_wikidata_id_key: uniqueKey('wikidataId', 'another person has this Wikidata id'),
};
const referred = {
  mayoral_term_person_id_fkey: inUse('the person holds a recorded mayoral term'),
  delegation_head_person_id_fkey: inUse('the person heads a recorded delegation'),
  delegation_member_person_id_fkey: inUse('the person is a member of a recorded delegation'),
  visit_counterpart_person_id_fkey: inUse('the person is a counterpart of a recorded visit'),
  agreement_signatory_person_id_fkey: inUse('the person signed or attended a recorded agreement'),
};

/** Persons are shared by every city's records: keys with a municipality scope may link them, not change them (see person.service.ts). */
@Resolver()
export class PersonMutationsResolver {
  @MutationField(() => PersonPayload, {
    description:
      'Adds a person, with the sources that report on them (any editor key: one with a municipality scope may add people, not change them).',
  })
  async createPerson(@Ctx() context: Context, @MutationInput(CreatePersonInput) input: CreatePersonInput) {
    return payload(
      await runMutation(context, { name: 'createPerson', input, recordType: 'Person', constraints: taken }, (tx) =>
        createPerson(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => PersonPayload, {
    description: "Changes a person's names or Wikidata id (keys without a municipality scope only).",
  })
  async updatePerson(@Ctx() context: Context, @MutationInput(UpdatePersonInput) input: UpdatePersonInput) {
    return payload(
      await runMutation(context, { name: 'updatePerson', input, constraints: taken }, (tx) => updatePerson(tx, input)),
      input,
    );
  }

  @MutationField(() => PersonPayload, {
    description:
      'Deletes a person recorded in error, with their citations; refused (IN_USE) while positions, terms, delegations, visits or agreements name them (keys without a municipality scope only).',
  })
  async deletePerson(@Ctx() context: Context, @MutationInput(DeleteInput) input: DeleteInput) {
    return payload(
      await runMutation(context, { name: 'deletePerson', input, constraints: referred }, (tx) =>
        deletePerson(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => PersonPayload, {
    description: 'Cites sources for the person (keys without a municipality scope only: people are shared).',
  })
  async addPersonSources(@Ctx() context: Context, @MutationInput(PersonSourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'addPersonSources', input }, (tx) =>
        addCitations<Person>(tx, personSources, input),
      ),
      input,
    );
  }

  @MutationField(() => PersonPayload, {
    description: 'Removes sources cited for the person (keys without a municipality scope only: people are shared).',
  })
  async removePersonSources(@Ctx() context: Context, @MutationInput(PersonSourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'removePersonSources', input }, (tx) =>
        removeCitations<Person>(tx, personSources, input),
      ),
      input,
    );
  }
}
