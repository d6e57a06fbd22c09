import { Ctx, Resolver } from 'type-graphql';
import { UserErrorCode } from '../../common/errors';
import { SAME_INSTRUMENT, SAME_SISTER_CITY_PACT, takenBy } from '../../write/constraints';
import { runMutation } from '../../write/mutation';
import { addLinks, LinkInput, LinkSpec, removeLinks } from '../../write/links';
import { DeleteInput, MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { addCitations, CitationsInput, removeCitations } from '../source';
import { Agreement } from './agreement.entity';
import {
  AgreementSignatoriesInput,
  CreateAgreementInput,
  SetAgreementStatusInput,
  UpdateAgreementInput,
} from './agreement.input';
import * as service from './agreement.service';

const AgreementPayload = Payload(Agreement, 'Agreement', 'agreement');
const PartiesInput = LinkInput('AgreementParties', service.agreementParties, 'municipalities party to it');
const AreasInput = LinkInput('AgreementAreas', service.agreementAreas, 'cooperation areas it covers');
const SourcesInput = CitationsInput('AgreementSources', service.agreementSources, 'sources that report it');

type Link = InstanceType<typeof PartiesInput> & Record<string, unknown>;
type SourcesLink = InstanceType<typeof SourcesInput>;

/** An update collides with another agreement by the kind or the signing date it sets. */
const updateConstraints = {
  agreement_one_sister_city_pact_per_parties: takenBy('kind', SAME_SISTER_CITY_PACT, 'Agreement'),
  agreement_one_instrument_per_signing: takenBy('signedOn', SAME_INSTRUMENT, 'Agreement'),
};

/** On a change of parties the database's checks concern the list given. */
const partyConstraints = {
  agreement_one_sister_city_pact_per_parties: takenBy('municipalityIds', SAME_SISTER_CITY_PACT, 'Agreement'),
  agreement_one_instrument_per_signing: takenBy('municipalityIds', SAME_INSTRUMENT, 'Agreement'),
  agreement_at_least_two_parties: {
    field: ['input', 'municipalityIds'],
    code: UserErrorCode.TOO_FEW,
    message: 'an agreement keeps at least two distinct parties',
  },
};

function linkMutation(context: Context, name: string, spec: LinkSpec, input: Link, add: boolean) {
  return runMutation(
    context,
    { name, input, constraints: spec === service.agreementParties ? partyConstraints : undefined },
    (tx) => (add ? addLinks<Agreement>(tx, spec, input) : removeLinks<Agreement>(tx, spec, input)),
  );
}

@Resolver()
export class AgreementMutationsResolver {
  @MutationField(() => AgreementPayload, {
    description: 'Records an agreement with its parties, first status, areas and sources.',
  })
  async createAgreement(@Ctx() context: Context, @MutationInput(CreateAgreementInput) input: CreateAgreementInput) {
    return payload(
      await runMutation(context, { name: 'createAgreement', input, recordType: 'Agreement' }, (tx) =>
        service.createAgreement(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => AgreementPayload, { description: "Changes an agreement's own fields." })
  async updateAgreement(@Ctx() context: Context, @MutationInput(UpdateAgreementInput) input: UpdateAgreementInput) {
    return payload(
      await runMutation(context, { name: 'updateAgreement', input, constraints: updateConstraints }, (tx) =>
        service.updateAgreement(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => AgreementPayload, {
    description: "Appends a step to the status history; it becomes the agreement's status.",
  })
  async setAgreementStatus(
    @Ctx() context: Context,
    @MutationInput(SetAgreementStatusInput) input: SetAgreementStatusInput,
  ) {
    return payload(
      await runMutation(context, { name: 'setAgreementStatus', input }, (tx) => service.setAgreementStatus(tx, input)),
      input,
    );
  }

  @MutationField(() => AgreementPayload, {
    description: 'Deletes an agreement recorded in error; the audit log keeps what it was.',
  })
  async deleteAgreement(@Ctx() context: Context, @MutationInput(DeleteInput) input: DeleteInput) {
    return payload(
      await runMutation(context, { name: 'deleteAgreement', input }, (tx) => service.deleteAgreement(tx, input)),
      input,
    );
  }

  @MutationField(() => AgreementPayload, { description: 'Adds parties.' })
  async addAgreementParties(@Ctx() context: Context, @MutationInput(PartiesInput) input: Link) {
    return payload(await linkMutation(context, 'addAgreementParties', service.agreementParties, input, true), input);
  }

  @MutationField(() => AgreementPayload, { description: 'Removes parties; at least two must remain.' })
  async removeAgreementParties(@Ctx() context: Context, @MutationInput(PartiesInput) input: Link) {
    return payload(
      await linkMutation(context, 'removeAgreementParties', service.agreementParties, input, false),
      input,
    );
  }

  @MutationField(() => AgreementPayload, { description: 'Adds cooperation areas.' })
  async addAgreementAreas(@Ctx() context: Context, @MutationInput(AreasInput) input: Link) {
    return payload(await linkMutation(context, 'addAgreementAreas', service.agreementAreas, input, true), input);
  }

  @MutationField(() => AgreementPayload, { description: 'Removes cooperation areas.' })
  async removeAgreementAreas(@Ctx() context: Context, @MutationInput(AreasInput) input: Link) {
    return payload(await linkMutation(context, 'removeAgreementAreas', service.agreementAreas, input, false), input);
  }

  @MutationField(() => AgreementPayload, {
    description:
      'Adds people who signed it, witnessed or attended the signing (`role`, SIGNATORY by default), and the body they signed for.',
  })
  async addAgreementSignatories(
    @Ctx() context: Context,
    @MutationInput(AgreementSignatoriesInput) input: AgreementSignatoriesInput,
  ) {
    return payload(
      await runMutation(context, { name: 'addAgreementSignatories', input }, (tx) =>
        service.addAgreementSignatories(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => AgreementPayload, { description: 'Removes signatories.' })
  async removeAgreementSignatories(
    @Ctx() context: Context,
    @MutationInput(AgreementSignatoriesInput) input: AgreementSignatoriesInput,
  ) {
    return payload(
      await runMutation(context, { name: 'removeAgreementSignatories', input }, (tx) =>
        service.removeAgreementSignatories(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => AgreementPayload, { description: 'Cites sources for it.' })
  async addAgreementSources(@Ctx() context: Context, @MutationInput(SourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'addAgreementSources', input }, (tx) =>
        addCitations<Agreement>(tx, service.agreementSources, input),
      ),
      input,
    );
  }

  @MutationField(() => AgreementPayload, { description: 'Removes sources cited for it.' })
  async removeAgreementSources(@Ctx() context: Context, @MutationInput(SourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'removeAgreementSources', input }, (tx) =>
        removeCitations<Agreement>(tx, service.agreementSources, input),
      ),
      input,
    );
  }
}
