import { Ctx, Resolver } from 'type-graphql';
import { ApiKeyRole } from '../../auth/api-key';
import { inUse, uniqueKey } from '../../write/constraints';
import { runMutation } from '../../write/mutation';
import { DeleteInput, MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { CooperationArea } from '../cooperation-area/cooperation-area.entity';
import { CreateCooperationAreaInput, UpdateCooperationAreaInput } from './cooperation-area.input';
import { createCooperationArea, deleteCooperationArea, updateCooperationArea } from './cooperation-area.service';

const CooperationAreaPayload = Payload(CooperationArea, 'CooperationArea', 'cooperationArea');

/** The vocabulary is controlled: ADMIN keys only (see cooperation-area.service.ts). */
const role = ApiKeyRole.ADMIN;

const taken = {
  cooperation_area_slug_key: uniqueKey('slug', 'another cooperation area has this slug'),
};
const referred = {
  cooperation_area_parent_id_fkey: inUse('the area has sub-areas; move or delete them first'),
  agreement_area_area_id_fkey: inUse('agreements are filed under the area'),
  visit_area_area_id_fkey: inUse('visits are filed under the area'),
  committee_area_id_fkey: inUse('a committee works on the area'),
};

@Resolver()
export class CooperationAreaMutationsResolver {
  @MutationField(() => CooperationAreaPayload, {
    role,
    description: 'Adds a term to the cooperation-area vocabulary (ADMIN keys only).',
  })
  async createCooperationArea(
    @Ctx() context: Context,
    @MutationInput(CreateCooperationAreaInput) input: CreateCooperationAreaInput,
  ) {
    return payload(
      await runMutation(
        context,
        { name: 'createCooperationArea', input, role, recordType: 'CooperationArea', constraints: taken },
        (tx) => createCooperationArea(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => CooperationAreaPayload, {
    role,
    description: "Changes an area's slug or labels, or moves it in the tree (ADMIN keys only).",
  })
  async updateCooperationArea(
    @Ctx() context: Context,
    @MutationInput(UpdateCooperationAreaInput) input: UpdateCooperationAreaInput,
  ) {
    return payload(
      await runMutation(context, { name: 'updateCooperationArea', input, role, constraints: taken }, (tx) =>
        updateCooperationArea(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => CooperationAreaPayload, {
    role,
    description: 'Deletes an area no record is filed under and with no sub-areas (IN_USE otherwise; ADMIN keys only).',
  })
  async deleteCooperationArea(@Ctx() context: Context, @MutationInput(DeleteInput) input: DeleteInput) {
    return payload(
      await runMutation(context, { name: 'deleteCooperationArea', input, role, constraints: referred }, (tx) =>
        deleteCooperationArea(tx, input),
      ),
      input,
    );
  }
}
