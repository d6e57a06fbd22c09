import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LanguageArgs } from '../../common/arguments';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { Context } from '../../context';
import { Municipality, Population } from './municipality.entity';
import {
  municipalityById,
  municipalityBySlug,
  municipalityByWikidataId,
  municipalityParts,
} from './municipality.loaders';

@Resolver(() => Municipality)
export class MunicipalityResolver {
  @Query(() => Municipality, {
    nullable: true,
    description: 'A municipality by its slug or its Wikidata id (give one).',
  })
  async municipality(
    @Ctx() context: Context,
    @Arg('slug', () => String, { nullable: true, description: 'Slug, e.g. "tehran".' }) slug?: string,
    @Arg('wikidataId', () => String, { nullable: true, description: 'Wikidata item id, e.g. "Q3616".' })
    wikidataId?: string,
  ): Promise<Municipality | null> {
    if ((slug == null) === (wikidataId == null)) {
      throw new GraphQLError('municipality: give exactly one of slug and wikidataId', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    const found =
      slug != null
        ? await municipalityBySlug(context).load(slug)
        : await municipalityByWikidataId(context).load(wikidataId!);
    return found[0] ?? null;
  }

  @FieldResolver(() => String, { description: 'Name in the asked language (falls back to English, then any).' })
  name(@Root() municipality: Municipality, @Args() { lang }: LanguageArgs): string {
    return pickText(municipality.names, lang) ?? municipality.slug;
  }

  @FieldResolver(() => [LocalizedText], {
    description: 'The name in every language recorded, ordered by language tag.',
  })
  names(@Root() municipality: Municipality): LocalizedText[] {
    return listTexts(municipality.names);
  }

  @FieldResolver(() => Population, { nullable: true, description: 'Population with its year, or its lower bound.' })
  population(@Root() municipality: Municipality): Population | null {
    if (municipality.population === null) return null;
    return {
      value: municipality.population,
      isLowerBound: municipality.populationIsLowerBound,
      year: municipality.populationYear,
    };
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'The city this district is part of.' })
  partOf(@Root() municipality: Municipality, @Ctx() context: Context): Promise<Municipality | null> | null {
    return municipality.partOfId ? municipalityById(context).load(municipality.partOfId) : null;
  }

  @FieldResolver(() => [Municipality], { description: 'Districts that are part of this city, by name.' })
  parts(@Root() municipality: Municipality, @Ctx() context: Context): Promise<Municipality[]> {
    return municipalityParts(context).load(municipality.id);
  }
}
