import { Ctx, Resolver } from 'type-graphql';
import { UserErrorCode } from '../../common/errors';
import { runMutation } from '../../write/mutation';
import { MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { MayoralTerm } from './mayoral-term.entity';
import { EndMayoralTermInput, StartMayoralTermInput } from './mayoral-term.input';
import { endMayoralTerm, startMayoralTerm } from './mayoral-term.service';

const MayoralTermPayload = Payload(MayoralTerm, 'MayoralTerm', 'mayoralTerm');

const overlap = (field: string) => ({
  mayoral_term_one_mayor_at_a_time: {
    field: ['input', field],
    code: UserErrorCode.OVERLAPS,
    message:
      'the municipality has another mayor during these dates (a date known only to the year or month covers all of it)',
  },
});

@Resolver()
export class MayoralTermMutationsResolver {
  @MutationField(() => MayoralTermPayload, {
    description: "Starts a person's term as mayor; refused if it meets another mayor's term.",
  })
  async startMayoralTerm(@Ctx() context: Context, @MutationInput(StartMayoralTermInput) input: StartMayoralTermInput) {
    return payload(
      await runMutation(
        context,
        { name: 'startMayoralTerm', input, recordType: 'MayoralTerm', constraints: overlap('since') },
        (tx) => startMayoralTerm(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => MayoralTermPayload, { description: 'Ends a term in office on a given date.' })
  async endMayoralTerm(@Ctx() context: Context, @MutationInput(EndMayoralTermInput) input: EndMayoralTermInput) {
    return payload(
      await runMutation(context, { name: 'endMayoralTerm', input, constraints: overlap('until') }, (tx) =>
        endMayoralTerm(tx, input),
      ),
      input,
    );
  }
}
