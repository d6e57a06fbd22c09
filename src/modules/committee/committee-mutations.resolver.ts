import { Ctx, Resolver } from 'type-graphql';
import { runMutation } from '../../write/mutation';
import { DeleteInput, MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { addCitations, CitationsInput, removeCitations } from '../source';
import { Committee } from '../committee/committee.entity';
import { CreateCommitteeInput, UpdateCommitteeInput } from './committee.input';
import { committeeSources, createCommittee, deleteCommittee, updateCommittee } from './committee.service';

const CommitteePayload = Payload(Committee, 'Committee', 'committee');
const CommitteeSourcesInput = CitationsInput('CommitteeSources', committeeSources, 'sources that report the committee');

type SourcesLink = InstanceType<typeof CommitteeSourcesInput>;

@Resolver()
export class CommitteeMutationsResolver {
  @MutationField(() => CommitteePayload, {
    description: 'Records a committee or working group set up by an agreement, with its sources.',
  })
  async createCommittee(@Ctx() context: Context, @MutationInput(CreateCommitteeInput) input: CreateCommitteeInput) {
    return payload(
      await runMutation(context, { name: 'createCommittee', input, recordType: 'Committee' }, (tx) =>
        createCommittee(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => CommitteePayload, {
    description: "Changes a committee's names, area or status (DISSOLVED when it stops work).",
  })
  async updateCommittee(@Ctx() context: Context, @MutationInput(UpdateCommitteeInput) input: UpdateCommitteeInput) {
    return payload(
      await runMutation(context, { name: 'updateCommittee', input }, (tx) => updateCommittee(tx, input)),
      input,
    );
  }

  @MutationField(() => CommitteePayload, {
    description: 'Deletes a committee recorded in error, with its citations; the audit log keeps what it was.',
  })
  async deleteCommittee(@Ctx() context: Context, @MutationInput(DeleteInput) input: DeleteInput) {
    return payload(
      await runMutation(context, { name: 'deleteCommittee', input }, (tx) => deleteCommittee(tx, input)),
      input,
    );
  }

  @MutationField(() => CommitteePayload, { description: 'Cites sources for the committee.' })
  async addCommitteeSources(@Ctx() context: Context, @MutationInput(CommitteeSourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'addCommitteeSources', input }, (tx) =>
        addCitations<Committee>(tx, committeeSources, input),
      ),
      input,
    );
  }

  @MutationField(() => CommitteePayload, { description: 'Removes sources cited for the committee.' })
  async removeCommitteeSources(@Ctx() context: Context, @MutationInput(CommitteeSourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'removeCommitteeSources', input }, (tx) =>
        removeCitations<Committee>(tx, committeeSources, input),
      ),
      input,
    );
  }
}
