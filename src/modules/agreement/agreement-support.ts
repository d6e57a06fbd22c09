/**
 * How well each agreement is supported is kept in `agreement_support` (migration
 * SourceConfidence): its strongest effective confidence, no row when it cites nothing. The
 * graph, the partners and the stats read it to count only the ties supported well enough.
 */

/**
 * The agreement `agreementId` (an SQL expression) is supported at least at `level` (a
 * placeholder holding a `Confidence`). An agreement citing no source never is: nothing
 * supports it.
 */
export const supportedAtLeastSql = (agreementId: string, level: string): string =>
  `EXISTS (SELECT FROM agreement_support support WHERE support.agreement_id = ${agreementId}
    AND confidence_strength(support.confidence) >= confidence_strength(${level}::text))`;
