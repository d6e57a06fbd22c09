import { registerEnumType } from 'type-graphql';

/**
 * How much a source, or one citation of it, is to be trusted; strongest first. The database
 * orders the levels by `confidence_strength` (migration SourceConfidence): "at least REPORTED"
 * means REPORTED or CONFIRMED.
 */
export enum Confidence {
  CONFIRMED = 'CONFIRMED',
  REPORTED = 'REPORTED',
  CLAIMED = 'CLAIMED',
  DISPUTED = 'DISPUTED',
}

registerEnumType(Confidence, {
  name: 'Confidence',
  description:
    'How well a source supports what it is cited for, strongest first. New sources given none take it from ' +
    'their kind: an official document CONFIRMED, a blog CLAIMED, anything else REPORTED.',
  valuesConfig: {
    CONFIRMED: { description: 'Confirmed: issued by a party, or checked against such a document.' },
    REPORTED: { description: 'Reported by a news agency, newspaper or compilation, not checked further.' },
    CLAIMED: { description: 'Claimed by one unverified voice (a blog, a post), not reported elsewhere.' },
    DISPUTED: { description: 'Contradicted by other evidence, or denied by a party.' },
  },
});

/** The strongest of some levels (the enum lists them strongest first); null for none. */
export function strongestConfidence(levels: ReadonlyArray<Confidence | null>): Confidence | null {
  const order = Object.values(Confidence);
  return levels.reduce<Confidence | null>(
    (best, level) => (level && (!best || order.indexOf(level) < order.indexOf(best)) ? level : best),
    null,
  );
}

/** Longest note explaining a confidence (on a source or on a citation). */
export const CONFIDENCE_NOTE_MAX_LENGTH = 1000;

/**
 * The effective confidence of citation `c` of source `s`: the citation's own when it states
 * one, else its source's. The one rule, shared by every read (agreement_support, kept by
 * triggers, writes the same expression).
 */
export const EFFECTIVE_CONFIDENCE_SQL = 'coalesce(c.confidence, s.confidence)';

/** The strongest effective confidence among the citations grouped (null for none). */
export const STRONGEST_CONFIDENCE_SQL = `(array_agg(${EFFECTIVE_CONFIDENCE_SQL} ORDER BY confidence_strength(${EFFECTIVE_CONFIDENCE_SQL}) DESC))[1]`;
