import { partialDateEnd } from '../../common/dates';
import { Agreement } from './agreement.entity';
import { AgreementStatus } from './agreement.enums';

/**
 * The status rule of the SQL function agreement_status_rule (migration 1765000250000), for an
 * agreement whose latest recorded entry is in effect on `day`: the common case, today above
 * all, answered from the row without a statement. Returns undefined when `day` is before that
 * entry took effect, or there is no entry: then only the history can say, and the caller asks
 * the database (agreement_status_on). test/agreement-status-rule.test.ts holds the two to the
 * same answers.
 */
export function statusFromRow(agreement: Agreement, day: string): AgreementStatus | undefined {
  const from = agreement.statusFrom;
  // undefined: a row not read back from the database (a write's own object); ask the database.
  if (from === undefined || from === 'infinity' || (from !== null && from > day)) return undefined;
  const recorded = agreement.status;
  if (recorded !== AgreementStatus.SIGNED && recorded !== AgreementStatus.IN_FORCE) return recorded;
  if (agreement.signedOnDate !== null && agreement.signedOnDate > day) return AgreementStatus.PROPOSED;
  if (agreement.validUntilDate !== null && agreement.validUntilPrecision !== null) {
    const termEnd = partialDateEnd({ date: agreement.validUntilDate, precision: agreement.validUntilPrecision });
    if (termEnd < day && (from === null || from <= termEnd)) return AgreementStatus.EXPIRED;
  }
  return recorded;
}
