import { Ctx, Field, ObjectType, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { runMutation } from '../../write/mutation';
import { MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Municipality } from '../municipality';
import { UpsertMunicipalityInput } from './municipality-upsert.input';
import { upsertMunicipality } from './municipality-upsert.service';
import { UpsertOutcome } from './upsert-outcome';

@ObjectType('UpsertMunicipalityPayload', { description: 'The municipality after an upsert, and what the upsert did.' })
class UpsertMunicipalityPayload extends Payload(Municipality, 'UpsertedMunicipality', 'municipality') {
  @Field(() => UpsertOutcome, { nullable: true, description: 'Created, updated or unchanged; null when refused.' })
  outcome!: UpsertOutcome | null;
}

@Resolver()
export class MunicipalityUpsertResolver {
  @MutationField(() => UpsertMunicipalityPayload, {
    description:
      'Creates a municipality, or updates the one its external ids (else its slug) name; sending the same again changes nothing (UNCHANGED). Scope rules as for create and update.',
  })
  async upsertMunicipality(
    @Ctx() context: Context,
    @MutationInput(UpsertMunicipalityInput) input: UpsertMunicipalityInput,
  ) {
    const result = await runMutation(context, { name: 'upsertMunicipality', input, recordType: 'Municipality' }, (tx) =>
      upsertMunicipality(tx, input),
    );
    return { ...payload(result, input), outcome: result.record?.outcome ?? null };
  }
}
