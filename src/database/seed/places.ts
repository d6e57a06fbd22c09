import { SEED } from './ids';
import type { MunicipalityRow, OrganizationRow } from './rows';

const CITY = SEED.municipality;

/**
 * The founding story's three cities. Coordinates are simplemaps' (shared/data, CC BY 4.0);
 * GeoNames ids are GeoNames' own. "More than 10 million inhabitants" is the article's figure
 * for Tehran and Moscow, so it is stored as a lower bound, not as a count; it gives none for
 * Saint Petersburg.
 */
export const municipalities: readonly MunicipalityRow[] = [
  {
    id: CITY.tehran,
    slug: 'tehran',
    names: { en: 'Tehran', fa: 'تهران', ru: 'Тегеран' },
    sort_name: 'Tehran',
    country_code: 'IR',
    is_capital: true,
    population: 10_000_000,
    population_is_lower_bound: true,
    population_year: 2015,
    latitude: 35.7,
    longitude: 51.4167,
    governance: 'COUNCIL_ELECTED_MAYOR',
    governance_note: 'The mayor is chosen by a vote of the city council (IRNA, November 2015).',
    wikidata_id: 'Q3616',
    geonames_id: 112931,
  },
  {
    id: CITY.moscow,
    slug: 'moscow',
    names: { en: 'Moscow', fa: 'مسکو', ru: 'Москва' },
    sort_name: 'Moscow',
    country_code: 'RU',
    is_capital: true,
    population: 10_000_000,
    population_is_lower_bound: true,
    population_year: 2015,
    latitude: 55.7558,
    longitude: 37.6178,
    governance: 'STATE_BODY',
    governance_note:
      'Unlike Tehran, whose mayor is chosen by a vote of the city council, the Moscow mayoralty is a state ' +
      '(government) body (IRNA, November 2015).',
    wikidata_id: 'Q649',
    geonames_id: 524901,
  },
  {
    id: CITY.saintPetersburg,
    slug: 'saint-petersburg',
    names: { en: 'Saint Petersburg', fa: 'سن پترزبورگ', ru: 'Санкт-Петербург' },
    sort_name: 'Saint Petersburg',
    country_code: 'RU',
    is_capital: false,
    latitude: 59.95,
    longitude: 30.3167,
    governance: 'UNKNOWN',
    wikidata_id: 'Q656',
    geonames_id: 498817,
  },
];

export const organizations: readonly OrganizationRow[] = [
  {
    id: SEED.organization.tehranCityCouncil,
    slug: 'tehran-city-council',
    names: { en: 'Tehran City Council', fa: 'شورای اسلامی شهر تهران', ru: 'Городской совет Тегерана' },
    sort_name: 'Tehran City Council',
    kind: 'CITY_COUNCIL',
    municipality_id: CITY.tehran,
  },
];
