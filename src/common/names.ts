import { Field, ObjectType } from 'type-graphql';

/** Text in several languages, keyed by BCP 47 tag ("en", "fa", "ru", "zh-Hant"). */
export type Multilingual = Record<string, string>;

@ObjectType({ simpleResolvers: true, description: 'A name or title in one language.' })
export class LocalizedText {
  @Field({ description: 'BCP 47 language tag, e.g. "en", "fa", "ru".' })
  lang!: string;

  @Field({ description: 'The text in that language and its own script.' })
  value!: string;
}

/**
 * The text in `lang`, else English, else any language we have (first by tag, so the
 * answer does not depend on insertion order). A regional tag falls back to its language.
 */
export function pickText(texts: Multilingual | null | undefined, lang = 'en'): string | null {
  if (!texts) return null;
  const base = lang.split('-')[0];
  const found = texts[lang] ?? texts[base] ?? texts.en;
  if (found !== undefined) return found;
  const first = Object.keys(texts).sort()[0];
  return first === undefined ? null : texts[first];
}

/** Every language of a multilingual value, ordered by tag. */
export function listTexts(texts: Multilingual | null | undefined): LocalizedText[] {
  return Object.keys(texts ?? {})
    .sort()
    .map((lang) => ({ lang, value: (texts as Multilingual)[lang] }));
}

/** The name used for sorting and cursors: English where known, else the first by tag. */
export function sortName(texts: Multilingual): string {
  return pickText(texts, 'en') ?? '';
}
