import { Ctx, Resolver } from 'type-graphql';
import { inUse } from '../../write/constraints';
import { runMutation } from '../../write/mutation';
import { LinkInput, removeLinks } from '../../write/links';
import { DeleteInput, MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { addCitations, CitationsInput, removeCitations } from '../source';
import { Delegation } from './delegation.entity';
import { AddDelegationMembersInput, CreateDelegationInput, UpdateDelegationInput } from './delegation.input';
import * as service from './delegation.service';

const DelegationPayload = Payload(Delegation, 'Delegation', 'delegation');
const RemoveMembersInput = LinkInput(
  'RemoveDelegationMembers',
  service.delegationMembers,
  'members to take off the list',
);
const SourcesInput = CitationsInput(
  'DelegationSources',
  service.delegationSources,
  'sources that report the delegation',
);

type Link = InstanceType<typeof SourcesInput> & Record<string, unknown>;
type SourcesLink = InstanceType<typeof SourcesInput>;

const visited = {
  visit_delegation_id_fkey: inUse('the delegation has recorded visits; delete them first'),
};

@Resolver()
export class DelegationMutationsResolver {
  @MutationField(() => DelegationPayload, {
    description: 'Records a delegation with its sender, head, members and sources.',
  })
  async createDelegation(@Ctx() context: Context, @MutationInput(CreateDelegationInput) input: CreateDelegationInput) {
    return payload(
      await runMutation(context, { name: 'createDelegation', input, recordType: 'Delegation' }, (tx) =>
        service.createDelegation(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => DelegationPayload, { description: "Changes a delegation's names, sender, head or purpose." })
  async updateDelegation(@Ctx() context: Context, @MutationInput(UpdateDelegationInput) input: UpdateDelegationInput) {
    return payload(
      await runMutation(context, { name: 'updateDelegation', input }, (tx) => service.updateDelegation(tx, input)),
      input,
    );
  }

  @MutationField(() => DelegationPayload, {
    description:
      'Deletes a delegation recorded in error, with its members and citations; refused (IN_USE) while it has visits.',
  })
  async deleteDelegation(@Ctx() context: Context, @MutationInput(DeleteInput) input: DeleteInput) {
    return payload(
      await runMutation(context, { name: 'deleteDelegation', input, constraints: visited }, (tx) =>
        service.deleteDelegation(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => DelegationPayload, {
    description: 'Adds members, with their titles, after those the delegation has.',
  })
  async addDelegationMembers(
    @Ctx() context: Context,
    @MutationInput(AddDelegationMembersInput) input: AddDelegationMembersInput,
  ) {
    return payload(
      await runMutation(context, { name: 'addDelegationMembers', input }, (tx) =>
        service.addDelegationMembers(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => DelegationPayload, {
    description: 'Takes members off the delegation; the others keep their order.',
  })
  async removeDelegationMembers(@Ctx() context: Context, @MutationInput(RemoveMembersInput) input: Link) {
    return payload(
      await runMutation(context, { name: 'removeDelegationMembers', input }, (tx) =>
        removeLinks<Delegation>(tx, service.delegationMembers, input),
      ),
      input,
    );
  }

  @MutationField(() => DelegationPayload, { description: 'Cites sources for the delegation.' })
  async addDelegationSources(@Ctx() context: Context, @MutationInput(SourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'addDelegationSources', input }, (tx) =>
        addCitations<Delegation>(tx, service.delegationSources, input),
      ),
      input,
    );
  }

  @MutationField(() => DelegationPayload, { description: 'Removes sources cited for the delegation.' })
  async removeDelegationSources(@Ctx() context: Context, @MutationInput(SourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'removeDelegationSources', input }, (tx) =>
        removeCitations<Delegation>(tx, service.delegationSources, input),
      ),
      input,
    );
  }
}
