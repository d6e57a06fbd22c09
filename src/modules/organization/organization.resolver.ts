import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LanguageArgs } from '../../common/arguments';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { Context } from '../../context';
import { Municipality, municipalityById } from '../municipality';
import { Source, sourcesOf } from '../source';
import { Organization } from './organization.entity';
import { organizationBySlug, organizationsOfMunicipality } from './organization.loaders';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: 'An organization by its slug; null when there is none.' })
  async organization(
    @Ctx() context: Context,
    @Arg('slug', { description: 'Slug, e.g. "tehran-city-council".' }) slug: string,
  ): Promise<Organization | null> {
    return (await organizationBySlug(context).load(slug))[0] ?? null;
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
