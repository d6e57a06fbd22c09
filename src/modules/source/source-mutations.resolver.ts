import { Ctx, Resolver } from 'type-graphql';
import { inUse } from '../../write/constraints';
import { runMutation } from '../../write/mutation';
import { DeleteInput, MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { Source } from './source.entity';
import { CreateSourceInput, UpdateSourceInput } from './source.input';
import { createSource, deleteSource, updateSource } from './source.service';

const SourcePayload = Payload(Source, 'Source', 'source');

const cited = {
  citation_source_id_fkey: inUse('records still cite this source; remove those citations first'),
};

/** Sources are shared by every city's records: keys with a municipality scope may cite them, not change them (see source.service.ts). */
@Resolver()
export class SourceMutationsResolver {
  @MutationField(() => SourcePayload, {
    description:
      'Adds a source that records can cite (any editor key: one with a municipality scope may add sources, not change them).',
  })
  async createSource(@Ctx() context: Context, @MutationInput(CreateSourceInput) input: CreateSourceInput) {
    return payload(
      await runMutation(context, { name: 'createSource', input, recordType: 'Source' }, (tx) =>
        createSource(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => SourcePayload, {
    description: "Changes a source's fields (keys without a municipality scope only).",
  })
  async updateSource(@Ctx() context: Context, @MutationInput(UpdateSourceInput) input: UpdateSourceInput) {
    return payload(await runMutation(context, { name: 'updateSource', input }, (tx) => updateSource(tx, input)), input);
  }

  @MutationField(() => SourcePayload, {
    description: 'Deletes a source no record cites (IN_USE otherwise; keys without a municipality scope only).',
  })
  async deleteSource(@Ctx() context: Context, @MutationInput(DeleteInput) input: DeleteInput) {
    return payload(
      await runMutation(context, { name: 'deleteSource', input, constraints: cited }, (tx) => deleteSource(tx, input)),
      input,
    );
  }
}
