import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { recordById } from '../../database/loaders';
import { Agreement } from '../agreement/agreement.entity';
import { CooperationArea } from '../cooperation-area/cooperation-area.entity';
import { Municipality } from '../municipality/municipality.entity';
import { Person } from '../person/person.entity';
import { Source } from '../source/source.entity';
import { SearchResult, SearchType } from './search-result.type';
import { MAX_SEARCH_RESULTS, searchRecords } from './search.service';

type Found = Municipality | Person | Agreement | CooperationArea | Source;

/** The per-request loader of each kind of record found: one statement per kind present. */
function loaderOf(context: Context, type: SearchType) {
  switch (type) {
    case SearchType.MUNICIPALITY: return recordById(context, Municipality, 'municipality');
    case SearchType.PERSON: return recordById(context, Person, 'person');
    case SearchType.AGREEMENT: return recordById(context, Agreement, 'agreement');
    case SearchType.COOPERATION_AREA: return recordById(context, CooperationArea, 'cooperation_area');
    case SearchType.SOURCE: return recordById(context, Source, 'source');
  }
}

@Resolver()
export class SearchResolver {
  @Query(() => [SearchResult], {
    description:
      'Records whose names, titles, labels or keys match a query in any language, best first: a whole name equal to ' +
      'the query, then whole words, then names and then words that start with it, then words spelt similarly. Case, ' +
      'diacritics, Arabic and Persian letter forms (ي/ی, ك/ک, ة/ه, hamza), zero-width non-joiners, tatweel and ' +
      'Persian or Arabic-Indic digits do not matter.',
  })
  async search(
    @Ctx() context: Context,
    @Arg('query', { description: 'What to look for: a name, the start of one, a Wikidata id, a news code.' }) query: string,
    @Arg('types', () => [SearchType], { nullable: true, description: 'Kinds of record to search; all when left out.' })
    types: SearchType[] | null | undefined,
    @Arg('first', () => Int, { defaultValue: 10, description: `How many results, from 1 to ${MAX_SEARCH_RESULTS}.` })
    first: number,
  ): Promise<Found[]> {
    const hits = await searchRecords(context.loaders.manager, { query, types, first });
    const records = await Promise.all(hits.map((hit) => loaderOf(context, hit.type).load(hit.id) as Promise<Found | null>));
    // A record deleted between the two statements is left out rather than shown as null.
    return records.filter((record): record is Found => record !== null);
  }
}
