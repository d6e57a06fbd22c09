/**
 * The one rule for text a caller sends, whatever the argument: applied to every string before
 * an operation runs (src/limits/argument-check.ts), so no field can forget it.
 *
 * Refused, because PostgreSQL cannot store them or because they only serve to deceive:
 * - NUL, which PostgreSQL text cannot hold at all;
 * - lone UTF-16 surrogates, which are no character and which JSON columns refuse (or, worse,
 *   turn silently into U+FFFD);
 * - other C0 controls and DEL (tab, line feed and carriage return stay: summaries have lines);
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the
 *   "Trojan Source" characters that make a name read otherwise than it is stored. The marks
 *   Persian and Arabic text really uses (ZWNJ U+200C, LRM/RLM U+200E/U+200F, ALM U+061C) stay.
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

/** What is wrong with a caller's text, as a message to put after the field's name, or null. */
export function textProblem(value: string): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL (U+0000)';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode (it contains a lone surrogate)';
  const control = CONTROL.exec(value);
  if (control) return `must not contain control characters (found U+${codePoint(control[0])})`;
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi) return `must not contain bidirectional override or isolate controls (found U+${codePoint(bidi[0])})`;
  return null;
}

/**
 * Text as the register keeps it: Unicode NFC, so that "é" typed as one code point or as "e"
 * and a combining accent is the same name, the same slug lookup and the same search.
 */
export function normalizeText(value: string): string {
  return value.normalize('NFC');
}

/** A letter, digit, punctuation mark or symbol: something a reader can see (not only spaces or zero-width marks). */
const VISIBLE = /[\p{L}\p{N}\p{P}\p{S}]/u;

export function hasVisibleCharacter(value: string): boolean {
  return VISIBLE.test(value);
}

function codePoint(character: string): string {
  return (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}
