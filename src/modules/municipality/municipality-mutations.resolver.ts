import { Ctx, Resolver } from 'type-graphql';
import { runMutation } from '../../write/mutation';
import { DeleteInput, MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { addCitations, CitationsInput, removeCitations } from '../source';
import { Municipality } from './municipality.entity';
import { CreateMunicipalityInput, UpdateMunicipalityInput } from './municipality.input';
import {
  createMunicipality,
  deleteMunicipality,
  municipalitySources,
  updateMunicipality,
} from './municipality.service';

const MunicipalityPayload = Payload(Municipality, 'Municipality', 'municipality');
const MunicipalitySourcesInput = CitationsInput(
  'MunicipalitySources',
  municipalitySources,
  'sources that report on the municipality',
);

type SourcesLink = InstanceType<typeof MunicipalitySourcesInput>;

/**
 * A municipality takes part in its own record: a key scoped to it may change it and cite sources
 * for it. Any key may add one not recorded yet; one added by a scoped key is not its own.
 */
@Resolver()
export class MunicipalityMutationsResolver {
  @MutationField(() => MunicipalityPayload, {
    description:
      'Adds a municipality, with the sources that report on it. Any editor key may add one: a key with a municipality scope adds the foreign city its mayor signed with, but only one not recorded yet (one of the same country with one of the names given is TAKEN, naming it), and changing it afterwards takes a key whose scope it is in (or none).',
  })
  async createMunicipality(
    @Ctx() context: Context,
    @MutationInput(CreateMunicipalityInput) input: CreateMunicipalityInput,
  ) {
    return payload(
      await runMutation(context, { name: 'createMunicipality', input, recordType: 'Municipality' }, (tx) =>
        createMunicipality(tx, input),
      ),
      input,
    );
  }

  @MutationField(() => MunicipalityPayload, {
    description:
      "Changes a municipality's names, country, region, capital status, population, governance, coordinates, Wikidata or GeoNames id (a scoped key: its own municipalities only, even one it added).",
  })
  async updateMunicipality(
    @Ctx() context: Context,
    @MutationInput(UpdateMunicipalityInput) input: UpdateMunicipalityInput,
  ) {
    return payload(
      await runMutation(context, { name: 'updateMunicipality', input }, (tx) => updateMunicipality(tx, input)),
      input,
    );
  }

  @MutationField(() => MunicipalityPayload, {
    description: 'Deletes a municipality that no other record refers to (IN_USE otherwise).',
  })
  async deleteMunicipality(@Ctx() context: Context, @MutationInput(DeleteInput) input: DeleteInput) {
    return payload(
      await runMutation(context, { name: 'deleteMunicipality', input }, (tx) => deleteMunicipality(tx, input)),
      input,
    );
  }

  @MutationField(() => MunicipalityPayload, { description: 'Cites sources for the municipality.' })
  async addMunicipalitySources(@Ctx() context: Context, @MutationInput(MunicipalitySourcesInput) input: SourcesLink) {
    return payload(
      await runMutation(context, { name: 'addMunicipalitySources', input }, (tx) =>
        addCitations<Municipality>(tx, municipalitySources, input),
      ),
      input,
    );
  }

  @MutationField(() => MunicipalityPayload, { description: 'Removes sources cited for the municipality.' })
  async removeMunicipalitySources(
    @Ctx() context: Context,
    @MutationInput(MunicipalitySourcesInput) input: SourcesLink,
  ) {
    return payload(
      await runMutation(context, { name: 'removeMunicipalitySources', input }, (tx) =>
        removeCitations<Municipality>(tx, municipalitySources, input),
      ),
      input,
    );
  }
}
