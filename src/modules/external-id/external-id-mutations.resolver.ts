import { Ctx, Resolver } from 'type-graphql';
import { ClassType } from 'type-graphql';
import { Node } from '../../common/node.interface';
import { Context } from '../../context';
import { runMutation } from '../../write/mutation';
import { MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { SetExternalIdsInput } from './external-id.input';
import { setExternalIds } from './external-id.service';

const RecordPayload = Payload(Node as unknown as ClassType<Node>, 'SetExternalIds', 'record');

@Resolver()
export class ExternalIdMutationsResolver {
  @MutationField(() => RecordPayload, {
    description:
      "Sets a record's ids in other systems (replacing those it had), for a portal to find it by its own id; any record type, the scope rules of its changes apply.",
  })
  async setExternalIds(@Ctx() context: Context, @MutationInput(SetExternalIdsInput) input: SetExternalIdsInput) {
    return payload(
      await runMutation(context, { name: 'setExternalIds', input }, (tx) => setExternalIds(tx, input)),
      input,
    );
  }
}
