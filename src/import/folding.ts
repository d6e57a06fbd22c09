import { createHash } from 'node:crypto';

/**
 * Letters that Unicode does not decompose into a base letter plus a mark, but that lists
 * written by different hands use interchangeably with a plain Latin letter.
 */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ħ: 'h',
  ŧ: 't',
  ŀ: 'l',
  ə: 'e',
  ǝ: 'e',
};
const LOOK_ALIKE_PATTERN = new RegExp(`[${Object.keys(LOOK_ALIKES).join('')}]`, 'g');

/** Apostrophes of every shape vanish ("Kyiv's" = "Kyivs"), other punctuation separates words. */
const APOSTROPHES = /['’‘ʼʻ`´]/g;
const SEPARATORS = /[^\p{L}\p{N}]+/gu;

/**
 * The form names are compared in: compatibility forms unified (NFKC), lower case, marks
 * removed after decomposition (so "ş" with a cedilla and "ș" with a comma below both become
 * "s"), look-alike letters replaced, punctuation reduced to single spaces.
 */
export function foldName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(LOOK_ALIKE_PATTERN, (letter) => LOOK_ALIKES[letter])
    .replace(APOSTROPHES, '')
    .replace(SEPARATORS, ' ')
    .trim();
}

/** What identifies a municipality for matching: its country and its folded name. */
export function matchKey(countryCode: string, name: string): string {
  return `${countryCode.toUpperCase()}:${foldName(name)}`;
}

/**
 * Romanian and Moldovan are written with a comma below (ș, ț); the cedilla forms are the
 * legacy look-alikes of old fonts. Turkish and Azerbaijani names keep their cedilla.
 */
const COMMA_BELOW_COUNTRIES = new Set(['RO', 'MD']);
const CEDILLA_TO_COMMA: Readonly<Record<string, string>> = { ş: 'ș', Ş: 'Ș', ţ: 'ț', Ţ: 'Ț' };

/** The name as shown: composed (NFC), single-spaced, with the proper letters of its country. */
export function displayName(name: string, countryCode: string): string {
  const tidy = name.normalize('NFC').replace(/\s+/g, ' ').trim();
  return COMMA_BELOW_COUNTRIES.has(countryCode) ? tidy.replace(/[şŞţŢ]/g, (letter) => CEDILLA_TO_COMMA[letter]) : tidy;
}

/** A URL-safe slug: the folded name in ASCII, then the country ("cordoba-ar", "cordoba-es"). */
export function slugFor(name: string, countryCode: string): string {
  const base = foldName(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'municipality'}-${countryCode.toLowerCase()}`;
}

/** A second slug for two names whose ASCII forms meet, e.g. two names in a non-Latin script. */
export function disambiguatedSlug(slug: string, key: string): string {
  return `${slug}-${createHash('sha1').update(key).digest('hex').slice(0, 6)}`;
}
