import { Ctx, Resolver } from 'type-graphql';
import { runMutation } from '../../write/mutation';
import { DeleteInput, MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { addCitations, CitationsInput, removeCitations } from '../source';
import { Position } from './position.entity';
import { CreatePositionInput, UpdatePositionInput } from './position.input';
import { createPosition, deletePosition, positionSources, updatePosition } from './position.service';

const PositionPayload = Payload(Position, 'Position', 'position');
const PositionSourcesInput = CitationsInput('PositionSources', positionSources, 'sources that report the office');

type SourcesLink = InstanceType<typeof PositionSourcesInput>;

/** An office is in its municipality's scope, or its body's municipality's (see position.service.ts). */
@Resolver()
export class PositionMutationsResolver {
  @MutationField(() => PositionPayload, {
    description:
      "Records an office a person holds or held, with the sources that report it. A key with a municipality scope may record offices of its own municipalities and of their bodies (a Tehran portal: Tehran's deputy mayor, a member of the Tehran City Council), not of another city or of a body of none.",
  })
  async createPosition(@Ctx() context: Context, @MutationInput(CreatePositionInput) input: CreatePositionInput) {
    return payload(
      await runMutation(context, { name: 'createPosition', input, recordType: 'Position' }, (tx) =>
        createPosition(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => PositionPayload, {
    description:
      "Changes a position's titles or dates; ending an office is setting `until` (a scoped key: offices of its own municipalities and their bodies).",
  })
  async updatePosition(@Ctx() context: Context, @MutationInput(UpdatePositionInput) input: UpdatePositionInput) {
    return payload(
      await runMutation(context, { name: 'updatePosition', input }, (tx) => updatePosition(tx, input)),
      input,
    );
  }

  @MutationField(() => PositionPayload, {
    description:
      'Deletes a position recorded in error; the audit log keeps what it was (a scoped key: offices of its own municipalities and their bodies).',
  })
  async deletePosition(@Ctx() context: Context, @MutationInput(DeleteInput) input: DeleteInput) {
    return payload(
      await runMutation(context, { name: 'deletePosition', input }, (tx) => deletePosition(tx, input)),
      input,
    );
  }

  @MutationField(() => PositionPayload, {
    description: 'Cites sources for the office (a scoped key: offices of its own municipalities and their bodies).',
  })
  async addPositionSources(@Ctx() context: Context, @MutationInput(PositionSourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'addPositionSources', input }, (tx) =>
        addCitations<Position>(tx, positionSources, input),
      ),
      input,
    );
  }

  @MutationField(() => PositionPayload, {
    description:
      'Removes sources cited for the office (a scoped key: offices of its own municipalities and their bodies).',
  })
  async removePositionSources(@Ctx() context: Context, @MutationInput(PositionSourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'removePositionSources', input }, (tx) =>
        removeCitations<Position>(tx, positionSources, input),
      ),
      input,
    );
  }
}
