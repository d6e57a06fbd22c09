/**
 * The search form of a text: what names are indexed as and what queries are compared in.
 * The migration 1764300000000-Search defines the same steps in SQL as `search_normalize(text)`
 * (test/search-normalize.test.ts checks that the two agree on every script we serve), so the
 * database can index stored names and the API can check a query before it asks.
 *
 * Steps, in order:
 * 1. Unicode compatibility decomposition (NFKD): presentation forms and ligatures become plain
 *    letters (ﻻ → لا, ﬁ → fi), accented letters split into letter + mark (é → e + ◌́), and the
 *    Arabic hamza and madda forms into their base letter + mark (أ إ آ → ا, ؤ → و, ئ → ي).
 * 2. Marks and invisible characters removed: Latin and Cyrillic diacritics (so ё reads as е),
 *    Arabic vowel signs and hamza/madda marks, the tatweel (ـ), zero-width (non-)joiners,
 *    direction marks, soft hyphens.
 * 3. Lower case, one character at a time (no context rules, as PostgreSQL's lower()).
 * 4. Letter forms folded: Arabic yeh and alef maksura → Persian yeh (ی), Arabic kaf → Persian
 *    kaf (ک), teh marbuta and ae → heh (ه), alef wasla → alef; Persian and Arabic-Indic
 *    digits → ASCII digits; upper-case Cyrillic and a few Latin letters without a
 *    decomposition (Ł, Ø, Đ, Ħ, ı) explicitly, so the result does not depend on the server's
 *    locale; ß, æ, œ spelled out.
 * 5. Punctuation and spaces of any kind → one space; trimmed; recomposed (NFC).
 */

const MARKS_AND_INVISIBLES =
  /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u00ad\u0640\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;

const SEPARATORS =
  /[\u0009-\u000d\u0020-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007e\u00a0-\u00bf\u00d7\u00f7\u2010-\u205e\u060c\u061b\u061f\u066a-\u066d\u06d4\u3000-\u303f]+/g;

function codePoints(first: number, last: number): string {
  let text = '';
  for (let point = first; point <= last; point++) text += String.fromCharCode(point);
  return text;
}

/** Characters folded one to one: FOLD_FROM[i] becomes FOLD_TO[i] (SQL translate()). */
export const FOLD_FROM =
  codePoints(0x0410, 0x042f) +
  codePoints(0x0400, 0x040f) +
  'ŁØĐĦÆŒłøđħı' +
  '\u064a\u0649\u0643\u0629\u06d5\u0671' +
  codePoints(0x06f0, 0x06f9) +
  codePoints(0x0660, 0x0669);
export const FOLD_TO =
  codePoints(0x0430, 0x044f) +
  codePoints(0x0450, 0x045f) +
  'lodhæœlodhi' +
  '\u06cc\u06cc\u06a9\u0647\u0647\u0627' +
  '0123456789' +
  '0123456789';

/** Letters spelled out as two (replace() in SQL, applied in this order). */
export const SPELLED_OUT: ReadonlyArray<readonly [string, string]> = [
  ['ß', 'ss'],
  ['æ', 'ae'],
  ['œ', 'oe'],
];

const FOLD = new Map(Array.from(FOLD_FROM).map((character, index) => [character, FOLD_TO[index]]));

/** The longest search text stored or compared; longer names are indexed by their start. */
export const SEARCH_TEXT_MAX_LENGTH = 200;

export function normalizeSearchText(text: string): string {
  const stripped = text.normalize('NFKD').replace(MARKS_AND_INVISIBLES, '');
  let folded = Array.from(stripped, (character) => {
    const lower = character.toLowerCase();
    // A few characters lower-case to two (İ → i̇); PostgreSQL maps one to one and keeps them.
    const single = Array.from(lower).length === 1 ? lower : character;
    return FOLD.get(single) ?? single;
  }).join('');
  for (const [letter, spelled] of SPELLED_OUT) folded = folded.split(letter).join(spelled);
  // Trimmed of the one space the separators leave, as btrim(' ') does: String.trim() knows more spaces.
  return folded.replace(SEPARATORS, ' ').replace(/^ | $/g, '').normalize('NFC');
}
