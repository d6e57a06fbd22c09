import { createUnionType, registerEnumType } from 'type-graphql';
import { Agreement } from '../agreement';
import { CooperationArea } from '../cooperation-area';
import { Municipality } from '../municipality';
import { Person } from '../person';
import { Source } from '../source';

/** Kinds of record search covers. The values are the GraphQL type names the index stores. */
export enum SearchType {
  MUNICIPALITY = 'Municipality',
  PERSON = 'Person',
  AGREEMENT = 'Agreement',
  COOPERATION_AREA = 'CooperationArea',
  SOURCE = 'Source',
}

/** Every kind, in the order that breaks ties between equally good matches of different kinds. */
export const SEARCH_TYPES: readonly SearchType[] = [
  SearchType.MUNICIPALITY,
  SearchType.PERSON,
  SearchType.AGREEMENT,
  SearchType.COOPERATION_AREA,
  SearchType.SOURCE,
];

registerEnumType(SearchType, {
  name: 'SearchType',
  description: 'A kind of record to search.',
  valuesConfig: {
    MUNICIPALITY: { description: 'Municipalities, by their names in every language, slug and Wikidata id.' },
    PERSON: { description: 'Persons, by their names in every language and Wikidata id.' },
    AGREEMENT: { description: 'Agreements, by their titles in every language.' },
    COOPERATION_AREA: { description: 'Cooperation areas, by their labels in every language and slug.' },
    SOURCE: { description: 'Sources, by title, publisher and reference (a news code).' },
  },
});

export const SearchResult = createUnionType({
  name: 'SearchResult',
  description: 'A record found by `search`: a municipality, person, agreement, cooperation area or source.',
  types: () => [Municipality, Person, Agreement, CooperationArea, Source] as const,
  // Records are hydrated entity instances: the class name is the GraphQL type name.
  resolveType: (value) => value.constructor.name,
});
