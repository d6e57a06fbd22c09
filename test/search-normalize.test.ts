import { normalizeSearchText } from '../src/common/text/search-normalize';
import { createTestDatabase, TestDatabase } from './helpers/database';

/**
 * The search form of a text, computed by TypeScript (for queries) and by the migration's SQL
 * function (for the stored index): both must give the same string for every input, or a
 * query would miss the names it should find.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

async function inSql(texts: string[]): Promise<string[]> {
  const rows: Array<{ normalized: string }> = await database.dataSource.query(
    `SELECT search_normalize(given) AS normalized FROM unnest($1::text[]) WITH ORDINALITY AS t(given, n) ORDER BY n`,
    [texts],
  );
  return rows.map((row) => row.normalized);
}

/** Input -> search form, one case per rule of the normalization. */
const RULES: Array<[string, string, string]> = [
  ['Arabic yeh reads as Persian yeh', 'قاليباف', 'قالیباف'],
  ['alef maksura reads as Persian yeh', 'مصطفى', 'مصطفی'],
  ['Arabic kaf reads as Persian kaf', 'مسكو', 'مسکو'],
  ['teh marbuta reads as heh', 'مدرسة', 'مدرسه'],
  ['hamza and madda forms read as their base letters', 'أحمد إيران آب مؤمن رئيس', 'احمد ایران اب مومن رییس'],
  ['zero-width non-joiner removed', 'سرمایه\u200cگذاری', 'سرمایهگذاری'],
  ['tatweel removed', 'تـــهران', 'تهران'],
  ['Persian digits read as ASCII', '۱۳۹۴', '1394'],
  ['Arabic-Indic digits read as ASCII', '١٣٩٤', '1394'],
  ['Arabic vowel signs removed', 'مُحَمَّد', 'محمد'],
  ['presentation forms decomposed', 'ﻻ ﺗﻬﺮﺍﻥ', 'لا تهران'],
  ['Cyrillic lower-cased', 'ТЕГЕРАН', 'тегеран'],
  ['Cyrillic diacritics removed', 'Ёлка Йошкар-Ола', 'елка иошкар ола'],
  ['Latin lower-cased without diacritics', 'São Paulo Zürich Kraków', 'sao paulo zurich krakow'],
  ['letters without a decomposition folded', 'Łódź Ørsted Straße Æbeltoft', 'lodz orsted strasse aebeltoft'],
  [
    'punctuation and dashes become one space',
    'Tehran–Moscow  sister-city pact (2015)!',
    'tehran moscow sister city pact 2015',
  ],
  ['Persian punctuation and guillemets become spaces', '«تهران»، مسکو؟', 'تهران مسکو'],
  ['compatibility forms: ligatures, full width, non-breaking space', 'ﬁnance\u00a0ＴＥＨＲＡＮ', 'finance tehran'],
  ['invisible marks and spaces at the ends removed', '\u200f\ufeff  Moscow\u00ad \u200e', 'moscow'],
];

describe('the search form of a text', () => {
  it.each(RULES)('%s', async (_rule, input, expected) => {
    expect(normalizeSearchText(input)).toBe(expected);
    expect(await inSql([input])).toEqual([expected]);
  });

  it('is the same in TypeScript and SQL over names in every script the register holds', async () => {
    const corpus = [
      'Mohammad Bagher Ghalibaf',
      'محمدباقر قالیباف',
      'Мохаммад Багер Галибаф',
      'سرگئی سابیانین',
      'Сергей Собянин',
      'Санкт-Петербург',
      'سن پترزبورگ',
      'شورای اسلامی شهر تهران',
      'Ελληνικά ΑΘΗΝΑ Σίσυφος',
      'Ἀθῆναι',
      'İstanbul Iğdır',
      'Dvořák Ångström Œuvre',
      'Ǆ ǅ ǆ Ⅻ ①',
      'گشتاسب مظفری',
      'کمیته تخصصی فرهنگی',
      'news code ۴۶۵۳۱۷',
      'ۀ ۂ ە',
      'ي ى ك ة ٱ',
      'Київ Беларусь Ўсход',
      'ㄱ 가 한국어',
      '北京 東京',
      '  a\tb\nc  ',
      '',
      '-',
      '\u0640\u200c',
    ];
    expect(await inSql(corpus)).toEqual(corpus.map(normalizeSearchText));
  });

  it('stores every tail of a name, from each word to its end, once, marking the whole name', async () => {
    const rows = await database.dataSource.query(
      `SELECT term, whole, name_length FROM search_terms(ARRAY['Mohammad Bagher Ghalibaf', 'mohammad-bagher ghalibaf', 'محمدباقر قاليباف', NULL]) ORDER BY term`,
    );
    expect(rows).toEqual([
      { term: 'bagher ghalibaf', whole: false, name_length: 24 },
      { term: 'ghalibaf', whole: false, name_length: 24 },
      { term: 'mohammad bagher ghalibaf', whole: true, name_length: 24 },
      { term: 'قالیباف', whole: false, name_length: 16 },
      { term: 'محمدباقر قالیباف', whole: true, name_length: 16 },
    ]);
  });
});
