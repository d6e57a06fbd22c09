import { Ctx, Resolver } from 'type-graphql';
import { addLinks, LinkInput, removeLinks } from '../../write/links';
import { runMutation } from '../../write/mutation';
import { DeleteInput, MutationField, MutationInput, payload } from '../../write/payloads';
import { Context } from '../../context';
import { addCitations, CitationsInput, removeCitations } from '../source';
import { Visit } from './visit.entity';
import { VisitPayload } from './visit.payload';
import { RecordVisitInput, UpdateVisitInput } from './visit.input';
import {
  addVisitSignedAgreements,
  deleteVisit,
  recordVisit,
  removeVisitSignedAgreements,
  updateVisit,
  visitAreas,
  visitCounterparts,
  visitSignedAgreements,
  visitSources,
} from './visit.service';

const VisitCounterpartsInput = LinkInput('VisitCounterparts', visitCounterparts, 'people the delegation met');
const VisitAreasInput = LinkInput('VisitAreas', visitAreas, 'cooperation areas discussed');
const VisitSourcesInput = CitationsInput('VisitSources', visitSources, 'sources that report the visit');
const VisitSignedAgreementsInput = LinkInput(
  'VisitSignedAgreements',
  visitSignedAgreements,
  'agreements signed during the visit',
);

type Link = InstanceType<typeof VisitCounterpartsInput> & Record<string, unknown>;
type SourcesLink = InstanceType<typeof VisitSourcesInput>;

@Resolver()
export class VisitMutationsResolver {
  @MutationField(() => VisitPayload, {
    description: 'Records a visit, with its counterparts, areas, sources and the agreements signed on it.',
  })
  async recordVisit(@Ctx() context: Context, @MutationInput(RecordVisitInput) input: RecordVisitInput) {
    return payload(
      await runMutation(context, { name: 'recordVisit', input, recordType: 'Visit' }, (tx) => recordVisit(tx, input)),
      input,
    );
  }

  @MutationField(() => VisitPayload, { description: "Changes a visit's dates, host, status or purpose." })
  async updateVisit(@Ctx() context: Context, @MutationInput(UpdateVisitInput) input: UpdateVisitInput) {
    return payload(await runMutation(context, { name: 'updateVisit', input }, (tx) => updateVisit(tx, input)), input);
  }

  @MutationField(() => VisitPayload, {
    description: 'Deletes a visit with its links and citations; the audit log keeps what it was.',
  })
  async deleteVisit(@Ctx() context: Context, @MutationInput(DeleteInput) input: DeleteInput) {
    return payload(await runMutation(context, { name: 'deleteVisit', input }, (tx) => deleteVisit(tx, input)), input);
  }

  @MutationField(() => VisitPayload, { description: 'Adds people the delegation met.' })
  async addVisitCounterparts(@Ctx() context: Context, @MutationInput(VisitCounterpartsInput) input: Link) {
    return payload(
      await runMutation(context, { name: 'addVisitCounterparts', input }, (tx) =>
        addLinks<Visit>(tx, visitCounterparts, input),
      ),
      input,
    );
  }

  @MutationField(() => VisitPayload, { description: 'Removes people the delegation met.' })
  async removeVisitCounterparts(@Ctx() context: Context, @MutationInput(VisitCounterpartsInput) input: Link) {
    return payload(
      await runMutation(context, { name: 'removeVisitCounterparts', input }, (tx) =>
        removeLinks<Visit>(tx, visitCounterparts, input),
      ),
      input,
    );
  }

  @MutationField(() => VisitPayload, { description: 'Adds cooperation areas discussed.' })
  async addVisitAreas(@Ctx() context: Context, @MutationInput(VisitAreasInput) input: Link) {
    return payload(
      await runMutation(context, { name: 'addVisitAreas', input }, (tx) => addLinks<Visit>(tx, visitAreas, input)),
      input,
    );
  }

  @MutationField(() => VisitPayload, { description: 'Removes cooperation areas discussed.' })
  async removeVisitAreas(@Ctx() context: Context, @MutationInput(VisitAreasInput) input: Link) {
    return payload(
      await runMutation(context, { name: 'removeVisitAreas', input }, (tx) =>
        removeLinks<Visit>(tx, visitAreas, input),
      ),
      input,
    );
  }

  @MutationField(() => VisitPayload, { description: 'Cites sources for the visit.' })
  async addVisitSources(@Ctx() context: Context, @MutationInput(VisitSourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'addVisitSources', input }, (tx) =>
        addCitations<Visit>(tx, visitSources, input),
      ),
      input,
    );
  }

  @MutationField(() => VisitPayload, { description: 'Removes sources cited for the visit.' })
  async removeVisitSources(@Ctx() context: Context, @MutationInput(VisitSourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'removeVisitSources', input }, (tx) =>
        removeCitations<Visit>(tx, visitSources, input),
      ),
      input,
    );
  }

  @MutationField(() => VisitPayload, {
    description:
      'Links agreements to this visit as signed during it (their signedOnVisit); one linked to another visit moves here.',
  })
  async addVisitSignedAgreements(@Ctx() context: Context, @MutationInput(VisitSignedAgreementsInput) input: Link) {
    return payload(
      await runMutation(context, { name: 'addVisitSignedAgreements', input }, (tx) =>
        addVisitSignedAgreements(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => VisitPayload, {
    description: 'Unlinks agreements recorded as signed during this visit (their signedOnVisit becomes null).',
  })
  async removeVisitSignedAgreements(@Ctx() context: Context, @MutationInput(VisitSignedAgreementsInput) input: Link) {
    return payload(
      await runMutation(context, { name: 'removeVisitSignedAgreements', input }, (tx) =>
        removeVisitSignedAgreements(tx, input),
      ),
      input,
    );
  }
}
