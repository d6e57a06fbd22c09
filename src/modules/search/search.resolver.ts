import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { Context } from '../../context';
import { recordTypes } from '../record-types';
import { hydrate } from '../../database/rows';
import { Agreement } from '../agreement';
import { CooperationArea } from '../cooperation-area';
import { Municipality } from '../municipality';
import { Person } from '../person';
import { Source } from '../source';
import { SearchResult, SearchType } from './search-result.type';
import { MAX_SEARCH_RESULTS, SEARCH_RECORDS_SQL, SearchHit, searchRecords } from './search.service';

type Found = Municipality | Person | Agreement | CooperationArea | Source;

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
    @Arg('query', { description: 'What to look for: a name, the start of one, a Wikidata id, a news code.' })
    query: string,
    @Arg('types', () => [SearchType], { nullable: true, description: 'Kinds of record to search; all when left out.' })
    types: SearchType[] | null | undefined,
    @Arg('first', () => Int, { defaultValue: 10, description: `How many results, from 1 to ${MAX_SEARCH_RESULTS}.` })
    first: number,
  ): Promise<Found[]> {
    const manager = context.loaders.manager;
    const hits = (await searchRecords(manager, { query, types, first }, SEARCH_RECORDS_SQL)) as Array<
      SearchHit & { record: object | null }
    >;
    // A record deleted since its search entry was written is left out rather than shown as null.
    return hits
      .filter((hit) => hit.record !== null)
      .map((hit) => hydrate(manager, recordTypes[hit.type].target, [hit.record!])[0] as Found);
  }
}
