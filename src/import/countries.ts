import { COUNTRY_NAMES, REGION_LABELS } from './country-names';
import { foldName } from './folding';

export interface ResolvedCountry {
  code: string;
  /** The part of the country the label named ("England", "Lower Saxony"), if any. */
  region: string | null;
}

const BY_NAME = new Map<string, ResolvedCountry>();
for (const [code, names] of Object.entries(COUNTRY_NAMES)) {
  for (const name of [code, ...names]) BY_NAME.set(foldName(name), { code, region: null });
}
for (const [label, resolved] of Object.entries(REGION_LABELS)) BY_NAME.set(foldName(label), resolved);

/**
 * Dependent territories with codes of their own: "Réunion, France" is RE. Other parts keep
 * their country's code, so that "Georgia, United States" is a state of the US, not GE.
 */
const TERRITORIES = new Set([
  'RE',
  'GP',
  'MQ',
  'GF',
  'YT',
  'PF',
  'NC',
  'PM',
  'BL',
  'MF',
  'WF',
  'TF',
  'AX',
  'PR',
  'GU',
  'AS',
  'VI',
  'MP',
  'AW',
  'CW',
  'SX',
  'BQ',
  'GL',
  'FO',
  'HK',
  'MO',
  'GI',
  'IM',
  'JE',
  'GG',
  'BM',
  'KY',
  'VG',
  'TC',
  'MS',
  'AI',
  'FK',
  'SH',
  'PN',
  'NF',
  'CX',
  'CC',
  'CK',
  'NU',
  'SJ',
]);

/**
 * The ISO code (and region) a country label stands for, or null when the label is unknown.
 * A whole label is looked up first, since formal names hold commas ("Korea, Republic of");
 * then "Region, Country": "Lower Saxony, Germany" is DE with region Lower Saxony, "England,
 * United Kingdom" is GB with region England, and "Réunion, France" is RE, the territory's own
 * code, as the city tables file it.
 */
export function resolveCountry(label: string): ResolvedCountry | null {
  const whole = BY_NAME.get(foldName(label));
  if (whole) return whole;
  const comma = label.lastIndexOf(',');
  if (comma < 0) return null;
  const country = BY_NAME.get(foldName(label.slice(comma + 1)));
  if (!country) return null;
  const part = label.slice(0, comma).replace(/\s+/g, ' ').trim();
  const partResolved = BY_NAME.get(foldName(part));
  if (partResolved?.region && partResolved.code === country.code) return partResolved;
  if (partResolved && TERRITORIES.has(partResolved.code)) return partResolved;
  return { code: country.code, region: part === '' ? country.region : part };
}
