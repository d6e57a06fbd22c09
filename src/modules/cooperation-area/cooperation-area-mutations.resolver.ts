import { Ctx, Resolver } from 'type-graphql';
import { ApiKeyRole } from '../../auth/api-key';
import { UserErrorCode } from '../../common/errors';
import { inUse, uniqueKey } from '../../write/constraints';
import { runMutation } from '../../write/mutation';
import { DeleteInput, MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { CooperationArea } from '../cooperation-area/cooperation-area.entity';
import {
  AcceptCooperationAreaInput,
  CreateCooperationAreaInput,
  RejectCooperationAreaInput,
  UpdateCooperationAreaInput,
} from './cooperation-area.input';
import {
  acceptCooperationArea,
  createCooperationArea,
  deleteCooperationArea,
  rejectCooperationArea,
  updateCooperationArea,
} from './cooperation-area.service';

const CooperationAreaPayload = Payload(CooperationArea, 'CooperationArea', 'cooperationArea');

/** The vocabulary is controlled: any editor proposes, ADMIN keys decide (see cooperation-area.service.ts). */
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
// The triggers' names (migrations/1765000600000-ProposedCooperationAreas.ts), for writers the services' checks did not see.
const proposedParent = {
  cooperation_area_accepted: {
    field: ['input', 'parentId'],
    code: UserErrorCode.NOT_ACCEPTED,
    message: 'is a proposed cooperation area: nothing may be placed under it until an admin accepts it',
  },
};

@Resolver()
export class CooperationAreaMutationsResolver {
  @MutationField(() => CooperationAreaPayload, {
    description:
      'Adds a term to the cooperation-area vocabulary. Any editor key, with or without a municipality scope, may propose one: it is PROPOSED, hidden from the vocabulary lists unless asked for and usable by no record until an admin accepts it (acceptCooperationArea); an ADMIN key adds it ACCEPTED. The broader area must be accepted.',
  })
  async createCooperationArea(
    @Ctx() context: Context,
    @MutationInput(CreateCooperationAreaInput) input: CreateCooperationAreaInput,
  ) {
    return payload(
      await runMutation(
        context,
        {
          name: 'createCooperationArea',
          input,
          recordType: 'CooperationArea',
          constraints: { ...taken, ...proposedParent },
        },
        (tx) => createCooperationArea(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => CooperationAreaPayload, {
    role,
    description:
      'Accepts a proposed area into the vocabulary: it is listed and records may be filed under it (ADMIN keys only; an accepted one is INVALID).',
  })
  async acceptCooperationArea(
    @Ctx() context: Context,
    @MutationInput(AcceptCooperationAreaInput) input: AcceptCooperationAreaInput,
  ) {
    return payload(
      await runMutation(context, { name: 'acceptCooperationArea', input, role }, (tx) =>
        acceptCooperationArea(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => CooperationAreaPayload, {
    role,
    description:
      'Rejects a proposed area: it is deleted, and the audit log keeps what it was (ADMIN keys only; an accepted one is INVALID: use deleteCooperationArea).',
  })
  async rejectCooperationArea(
    @Ctx() context: Context,
    @MutationInput(RejectCooperationAreaInput) input: RejectCooperationAreaInput,
  ) {
    return payload(
      await runMutation(context, { name: 'rejectCooperationArea', input, role }, (tx) =>
        rejectCooperationArea(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => CooperationAreaPayload, {
    role,
    description: "Changes an area's slug or labels, or moves it in the tree, under an accepted area (ADMIN keys only).",
  })
  async updateCooperationArea(
    @Ctx() context: Context,
    @MutationInput(UpdateCooperationAreaInput) input: UpdateCooperationAreaInput,
  ) {
    return payload(
      await runMutation(
        context,
        { name: 'updateCooperationArea', input, role, constraints: { ...taken, ...proposedParent } },
        (tx) => updateCooperationArea(tx, input),
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
