import { UserErrorCode, UserInputError } from '../../common/errors';
import { toGlobalId } from '../../common/global-id';
import { SAME_INSTRUMENT, SAME_SISTER_CITY_PACT } from '../../write/constraints';
import { MutationTransaction } from '../../write/transaction';
import { AgreementKind } from './agreement.enums';

interface Instrument {
  kind: AgreementKind;
  partyKey: string;
  signed: { date: string | null | undefined; precision: string | null | undefined; latest?: string | null };
  separateInstrument: boolean;
}

/**
 * Refuses a new agreement that is one already recorded: the same kind, parties and signing
 * date (both ends of a span; any date for a sister-city pact), naming it. The rule is the database's
 * (`agreement_same_instrument`, migrations/1765000400000-DuplicateWrites.ts), whose trigger and
 * indexes refuse the rest; asking first names the record for sister-city pacts too, whose
 * index cannot.
 */
export async function refuseSameInstrument(tx: MutationTransaction, instrument: Instrument): Promise<void> {
  const sisterCity = instrument.kind === AgreementKind.SISTER_CITY;
  if (instrument.separateInstrument && !sisterCity) return;
  const [{ existing }]: Array<{ existing: string | null }> = await tx.manager.query(
    'SELECT agreement_same_instrument($1, $2, $3::date, $4, $5::date, NULL) AS existing',
    [
      instrument.kind,
      instrument.partyKey,
      instrument.signed.date ?? null,
      instrument.signed.precision ?? null,
      instrument.signed.latest ?? null,
    ],
  );
  if (!existing) return;
  const holder = toGlobalId('Agreement', existing);
  const message = sisterCity ? SAME_SISTER_CITY_PACT : SAME_INSTRUMENT;
  throw UserInputError.of(['input', 'partyIds'], `${message}: ${holder}`, UserErrorCode.TAKEN, holder);
}
