import { dayNumber, isoDay } from './dates';
import { Register } from './register';
import { TableRows, tableRows } from './rows';

/** Publishers by the language they write in; kinds as the register's vocabulary has them. */
const PUBLISHERS: ReadonlyArray<[publisher: string, language: string, kind: string]> = [
  ['IRNA', 'fa', 'NEWS_AGENCY_REPORT'], ['ISNA', 'fa', 'NEWS_AGENCY_REPORT'], ['Hamshahri', 'fa', 'NEWS_REPORT'],
  ['TASS', 'ru', 'NEWS_AGENCY_REPORT'], ['RIA Novosti', 'ru', 'NEWS_AGENCY_REPORT'], ['Kommersant', 'ru', 'NEWS_REPORT'],
  ['Reuters', 'en', 'NEWS_AGENCY_REPORT'], ['Municipal Gazette', 'en', 'OFFICIAL_DOCUMENT'],
  ['Twinning Register', 'en', 'SECONDARY_COMPILATION'], ['Open City Data', 'en', 'DATASET'],
];

/** `count` invented reports for citations to point at (the seed has only two sources). */
export function generateSources(register: Register, count: number): TableRows {
  const { random } = register;
  const table = tableRows('source', `id:uuid kind:text publisher:text title:text language:text published_on:date
    published_on_precision:text url:text reference:text`);
  for (let i = 0; i < count; i++) {
    const [publisher, language, kind] = random.pick(PUBLISHERS);
    const day = isoDay(random.int(dayNumber('1995-01-01'), dayNumber(register.today)));
    const monthOnly = random.chance(0.2);
    const id = register.uuid();
    table.rows.push([id, kind, publisher, `${publisher} report ${i + 1} on city cooperation`, language,
      monthOnly ? `${day.slice(0, 7)}-01` : day, monthOnly ? 'MONTH' : 'DAY',
      random.chance(0.6) ? `https://example.org/${publisher.toLowerCase().replace(/\s+/g, '-')}/${id.slice(0, 8)}` : null,
      random.chance(0.5) ? `news code ${random.int(100000, 999999)}` : null]);
    register.sourceIds.push(id);
  }
  return table;
}
