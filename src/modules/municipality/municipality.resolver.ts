import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CalendarArgs, LanguageArgs } from '../../common/arguments';
import { dateBound } from '../../common/date-fields';
import { CalendarKind, PartialDateScalar } from '../../common/dates';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { Context } from '../../context';
import { MayoralTerm, mayoralTermOn, mayoralTermsOf } from '../mayor';
import { Municipality, Population } from './municipality.entity';
import { municipalityById, municipalityBySlug, municipalityByWikidataId, municipalityParts } from './municipality.loaders';
import { partnersOf } from './partner.loaders';
import { Partner } from './partner.type';

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @Query(() => Municipality, { nullable: true, description: 'A municipality by its slug or its Wikidata id (give one).' })
  async municipality(
    @Ctx() context: Context,
    @Arg('slug', () => String, { nullable: true, description: 'Slug, e.g. "tehran".' }) slug?: string,
    @Arg('wikidataId', () => String, { nullable: true, description: 'Wikidata item id, e.g. "Q3616".' }) wikidataId?: string,
  ): Promise<Municipality | null> {
    if ((slug == null) === (wikidataId == null)) {
      throw new GraphQLError('municipality: give exactly one of slug and wikidataId', { extensions: { code: 'BAD_USER_INPUT' } });
    }
    const found = slug != null
      ? await municipalityBySlug(context).load(slug)
      : await municipalityByWikidataId(context).load(wikidataId!);
    return found[0] ?? null;
  }

  @FieldResolver(() => String, { description: 'Name in the asked language (falls back to English, then any).' })
  name(@Root() municipality: Municipality, @Args() { lang }: LanguageArgs): string {
    return pickText(municipality.names, lang) ?? municipality.slug;
  }

  @FieldResolver(() => [LocalizedText], { description: 'The name in every language recorded, ordered by language tag.' })
  names(@Root() municipality: Municipality): LocalizedText[] {
    return listTexts(municipality.names);
  }

  @FieldResolver(() => Population, { nullable: true, description: 'Population with its year, or its lower bound.' })
  population(@Root() municipality: Municipality): Population | null {
    if (municipality.population === null) return null;
    return { value: municipality.population, isLowerBound: municipality.populationIsLowerBound, year: municipality.populationYear };
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'The city this district is part of.' })
  partOf(@Root() municipality: Municipality, @Ctx() context: Context): Promise<Municipality | null> | null {
    return municipality.partOfId ? municipalityById(context).load(municipality.partOfId) : null;
  }

  @FieldResolver(() => [Municipality], { description: 'Districts that are part of this city, by name.' })
  parts(@Root() municipality: Municipality, @Ctx() context: Context): Promise<Municipality[]> {
    return municipalityParts(context).load(municipality.id);
  }

  @FieldResolver(() => [Partner], {
    description: 'Municipalities tied to this one by agreements, each once with all the agreements between them; by name, then slug.',
  })
  partners(@Root() municipality: Municipality, @Ctx() context: Context): Promise<Partner[]> {
    return partnersOf(context).load(municipality.id);
  }

  @FieldResolver(() => [MayoralTerm], { description: 'Every mayor on record, earliest first.' })
  mayors(@Root() municipality: Municipality, @Ctx() context: Context): Promise<MayoralTerm[]> {
    return mayoralTermsOf(context).load(municipality.id);
  }

  @FieldResolver(() => MayoralTerm, { nullable: true, description: 'The mayor in office today, if the record says who.' })
  async currentMayor(@Root() municipality: Municipality, @Ctx() context: Context): Promise<MayoralTerm | null> {
    const today = new Date().toISOString().slice(0, 10);
    return (await mayoralTermOn(context).load(`${municipality.id}|${today}`))[0] ?? null;
  }

  @FieldResolver(() => MayoralTerm, {
    nullable: true,
    description: 'The mayor in office on a day. A year or month stands for its first day.',
  })
  async mayorOn(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Arg('date', () => PartialDateScalar, { description: 'The day, in the calendar given.' }) date: string,
    @Args() { calendar }: CalendarArgs,
  ): Promise<MayoralTerm | null> {
    const day = dateBound(date, calendar ?? CalendarKind.GREGORIAN, 'start', 'date')!;
    return (await mayoralTermOn(context).load(`${municipality.id}|${day}`))[0] ?? null;
  }
}
