import { Ctx, Resolver } from 'type-graphql';
import { runMutation } from '../../write/mutation';
import { DeleteInput, MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { Municipality } from './municipality.entity';
import { CreateMunicipalityInput, UpdateMunicipalityInput } from './municipality.input';
import { createMunicipality, deleteMunicipality, updateMunicipality } from './municipality.service';

const MunicipalityPayload = Payload(Municipality, 'Municipality', 'municipality');

@Resolver()
export class MunicipalityMutationsResolver {
  @MutationField(() => MunicipalityPayload, {
    description: 'Adds a municipality (keys without a municipality scope only).',
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
    description: "Changes a municipality's names, country, capital status or governance.",
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
}
