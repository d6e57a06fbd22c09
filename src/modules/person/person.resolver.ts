import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LanguageArgs } from '../../common/arguments';
import { PageArgs } from '../../common/connection';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { fetchPage } from '../../database/pagination';
import { Context } from '../../context';
import { Source, sourcesOf } from '../source';
import { PersonConnection } from './person.connection';
import { Person } from './person.entity';
import { PersonFilter, personList, PersonOrder } from './person.filter';
import { personByWikidataId, positionsOfPerson } from './person.loaders';
import { Position } from './position.entity';

/** As the database checks person.wikidata_id. */
const WIKIDATA_ID = /^Q[1-9][0-9]*$/;

@Resolver(() => Person)
export class PersonResolver {
  @Query(() => PersonConnection, {
    description: 'Persons, filtered by name or position and ordered, a page at a time.',
  })
  async persons(
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => PersonFilter, { nullable: true, description: 'Which persons.' }) filter?: PersonFilter,
    @Arg('orderBy', () => PersonOrder, { nullable: true, description: 'Order; default by name.' })
    orderBy?: PersonOrder,
  ): Promise<PersonConnection> {
    return new PersonConnection(await fetchPage(context.loaders.reader, Person, personList(filter, orderBy), page));
  }

  @Query(() => Person, { nullable: true, description: 'A person by their Wikidata id; null when none has it.' })
  async person(
    @Ctx() context: Context,
    @Arg('wikidataId', { description: 'Wikidata item id, e.g. "Q4349158".' }) wikidataId: string,
  ): Promise<Person | null> {
    // Checked before the lookup: a portal's typo should say so, not read as "no such person".
    if (!WIKIDATA_ID.test(wikidataId)) {
      throw new GraphQLError('person: wikidataId must be a Wikidata item id such as "Q4349158"', {
        extensions: { code: 'BAD_USER_INPUT', field: 'wikidataId' },
      });
    }
    return (await personByWikidataId(context).load(wikidataId))[0] ?? null;
  }

  @FieldResolver(() => String, { description: 'Name in the asked language (falls back to English, then any).' })
  name(@Root() person: Person, @Args() { lang }: LanguageArgs): string {
    return pickText(person.names, lang) ?? person.sortName;
  }

  @FieldResolver(() => [LocalizedText], {
    description: 'The name in every language recorded, ordered by language tag.',
  })
  names(@Root() person: Person): LocalizedText[] {
    return listTexts(person.names);
  }

  @FieldResolver(() => [Position], {
    description: 'Offices held, now or before, earliest first (undated first). Mayoralties: see mayoralTerms.',
  })
  positions(@Root() person: Person, @Ctx() context: Context): Promise<Position[]> {
    return positionsOfPerson(context).load(person.id);
  }

  @FieldResolver(() => [Source], { description: 'The evidence for this person’s record, by publisher then title.' })
  sources(@Root() person: Person, @Ctx() context: Context): Promise<Source[]> {
    return sourcesOf(context, 'Person').load(person.id);
  }
}
