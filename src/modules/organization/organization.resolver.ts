import { GraphQLError } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LanguageArgs } from '../../common/arguments';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { Context } from '../../context';
import { Municipality, municipalityById } from '../municipality';
import { Source, sourcesOf } from '../source';
import { Organization } from './organization.entity';
import { organizationBySlug, organizationByWikidataId, organizationsOfMunicipality } from './organization.loaders';

const badInput = (message: string) =>
  new GraphQLError(`organization: ${message}`, { extensions: { code: 'BAD_USER_INPUT' } });

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, {
    nullable: true,
    description: 'An organization by its slug or its Wikidata id (give one); null when there is none.',
  })
  async organization(
    @Ctx() context: Context,
    @Arg('slug', () => String, { nullable: true, description: 'Slug, e.g. "tehran-city-council".' }) slug?: string,
    @Arg('wikidataId', () => String, { nullable: true, description: 'Wikidata item id, e.g. "Q2916937".' })
    wikidataId?: string,
  ): Promise<Organization | null> {
    if ((slug == null) === (wikidataId == null)) throw badInput('give exactly one of slug and wikidataId');
    // Checked before the lookup: a portal's typo should say so, not read as "no such organization".
    if (wikidataId != null && !/^Q[1-9][0-9]*$/.test(wikidataId)) {
      throw badInput('wikidataId must be a Wikidata item id such as "Q2916937"');
    }
    const found =
      slug != null
        ? await organizationBySlug(context).load(slug)
        : await organizationByWikidataId(context).load(wikidataId!);
    return found[0] ?? null;
  }

  @FieldResolver(() => String, { description: 'Name in the asked language (falls back to English, then any).' })
  name(@Root() organization: Organization, @Args() { lang }: LanguageArgs): string {
    return pickText(organization.names, lang) ?? organization.sortName;
  }

  @FieldResolver(() => [LocalizedText], {
    description: 'The name in every language recorded, ordered by language tag.',
  })
  names(@Root() organization: Organization): LocalizedText[] {
    return listTexts(organization.names);
  }

  @FieldResolver(() => Municipality, {
    nullable: true,
    description:
      'The municipality it belongs to (a city council); null when it belongs to a country (see countryCode) or to neither.',
  })
  municipality(@Root() organization: Organization, @Ctx() context: Context): Promise<Municipality | null> | null {
    return organization.municipalityId ? municipalityById(context).load(organization.municipalityId) : null;
  }

  @FieldResolver(() => [Source], {
    description: 'The evidence for this organization’s record, by publisher then title.',
  })
  sources(@Root() organization: Organization, @Ctx() context: Context): Promise<Source[]> {
    return sourcesOf(context, 'Organization').load(organization.id);
  }
}

@Resolver(() => Municipality)
export class MunicipalityOrganizationsResolver {
  @FieldResolver(() => [Organization], {
    description: 'Bodies that belong to this municipality (its council, its departments), by name.',
  })
  organizations(@Root() municipality: Municipality, @Ctx() context: Context): Promise<Organization[]> {
    return organizationsOfMunicipality(context).load(municipality.id);
  }
}
