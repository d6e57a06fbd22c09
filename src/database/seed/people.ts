import { SEED } from './ids';
import type { MayoralTermRow, PersonPositionRow, PersonRow } from './rows';

const PERSON = SEED.person;
const CITY = SEED.municipality;

export const MOZAFFARI_TITLE = {
  en: 'Deputy for International Relations and Cooperation of Tehran Municipality',
  fa: 'معاون روابط بین‌الملل و همکاری‌های شهرداری تهران',
} as const;

/** Persian names use the Persian letters (ی, ک); search folds the Arabic forms onto them. */
export const persons: readonly PersonRow[] = [
  {
    id: PERSON.ghalibaf,
    names: { en: 'Mohammad Bagher Ghalibaf', fa: 'محمدباقر قالیباف', ru: 'Мохаммад Багер Галибаф' },
    sort_name: 'Mohammad Bagher Ghalibaf',
  },
  {
    id: PERSON.sobyanin,
    // The Persian spelling is the article's own.
    names: { en: 'Sergey Sobyanin', fa: 'سرگئی سابیانین', ru: 'Сергей Собянин' },
    sort_name: 'Sergey Sobyanin',
  },
  {
    id: PERSON.mozaffari,
    names: { en: 'Gashtasb Mozaffari', fa: 'گشتاسب مظفری' },
    sort_name: 'Gashtasb Mozaffari',
  },
];

/** The article names the office, not when he took it or left it. */
export const personPositions: readonly PersonPositionRow[] = [
  {
    id: SEED.personPosition.mozaffariInternationalDeputy,
    person_id: PERSON.mozaffari,
    titles: MOZAFFARI_TITLE,
    municipality_id: CITY.tehran,
  },
];

/** Terms come from outside the article; only years are known for Ghalibaf's. */
export const mayoralTerms: readonly MayoralTermRow[] = [
  {
    id: SEED.mayoralTerm.ghalibafTehran,
    municipality_id: CITY.tehran,
    person_id: PERSON.ghalibaf,
    since: '2005-01-01',
    since_precision: 'YEAR',
    until: '2017-01-01',
    until_precision: 'YEAR',
    selection: 'COUNCIL_VOTE',
  },
  {
    id: SEED.mayoralTerm.sobyaninMoscow,
    municipality_id: CITY.moscow,
    person_id: PERSON.sobyanin,
    since: '2010-10-21',
    since_precision: 'DAY',
    until: null,
    until_precision: null,
    selection: 'APPOINTED',
  },
];
