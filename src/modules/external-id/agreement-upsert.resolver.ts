import { Ctx, Field, ObjectType, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { SAME_INSTRUMENT, SAME_SISTER_CITY_PACT, takenBy } from '../../write/constraints';
import { runMutation } from '../../write/mutation';
import { MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Agreement } from '../agreement';
import { UpsertAgreementInput } from './agreement-upsert.input';
import { upsertAgreement } from './agreement-upsert.service';
import { UpsertOutcome } from './upsert-outcome';

@ObjectType('UpsertAgreementPayload', { description: 'The agreement after an upsert, and what the upsert did.' })
class UpsertAgreementPayload extends Payload(Agreement, 'UpsertedAgreement', 'agreement') {
  @Field(() => UpsertOutcome, { nullable: true, description: 'Created, updated or unchanged; null when refused.' })
  outcome!: UpsertOutcome | null;
}

/** An update of the one matched may give it the kind or signing date of another agreement of its parties. */
const constraints = {
  agreement_one_sister_city_pact_per_parties: takenBy('kind', SAME_SISTER_CITY_PACT, 'Agreement'),
  agreement_one_instrument_per_signing: takenBy('signedOn', SAME_INSTRUMENT, 'Agreement'),
};

@Resolver()
export class AgreementUpsertResolver {
  @MutationField(() => UpsertAgreementPayload, {
    description:
      'Creates an agreement, or updates the own fields (kind, titles, dates, venue, summary, separateInstrument) of the one its external ids name; sending the same again changes nothing (UNCHANGED). No other match: one of the same kind, parties and signing date is refused as TAKEN, naming it. Scope rules as for create and update.',
  })
  async upsertAgreement(@Ctx() context: Context, @MutationInput(UpsertAgreementInput) input: UpsertAgreementInput) {
    const result = await runMutation(
      context,
      { name: 'upsertAgreement', input, recordType: 'Agreement', constraints },
      (tx) => upsertAgreement(tx, input),
    );
    return { ...payload(result, input), outcome: result.record?.outcome ?? null };
  }
}
