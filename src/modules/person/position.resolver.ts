import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CalendarArgs, LanguageArgs } from '../../common/arguments';
import { PageArgs } from '../../common/connection';
import { showDate } from '../../common/date-fields';
import { PartialDateScalar } from '../../common/dates';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { Context } from '../../context';
import { Municipality, municipalityById } from '../municipality';
import { Organization, organizationById } from '../organization';
import { Source, sourcesOf } from '../source';
import { PositionConnection } from './person.connection';
import { Person } from './person.entity';
import { personById, positionPages } from './person.loaders';
import { Position } from './position.entity';

@Resolver(() => Position)
export class PositionResolver {
  @FieldResolver(() => Person, { description: 'Who holds or held the office.' })
  async person(@Root() position: Position, @Ctx() context: Context): Promise<Person> {
    return (await personById(context).load(position.personId))!;
  }

  @FieldResolver(() => String, {
    description: 'Title of the office in the asked language (falls back to English, then any).',
  })
  title(@Root() position: Position, @Args() { lang }: LanguageArgs): string {
    return pickText(position.titles, lang) ?? '';
  }

  @FieldResolver(() => [LocalizedText], {
    description: 'The title in every language recorded, ordered by language tag.',
  })
  titles(@Root() position: Position): LocalizedText[] {
    return listTexts(position.titles);
  }

  @FieldResolver(() => Municipality, {
    nullable: true,
    description: 'The municipality the office is in; null when it is in an organization.',
  })
  municipality(@Root() position: Position, @Ctx() context: Context): Promise<Municipality | null> | null {
    return position.municipalityId ? municipalityById(context).load(position.municipalityId) : null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization the office is in; null when it is in a municipality.',
  })
  organization(@Root() position: Position, @Ctx() context: Context): Promise<Organization | null> | null {
    return position.organizationId ? organizationById(context).load(position.organizationId) : null;
  }

  @FieldResolver(() => PartialDateScalar, {
    nullable: true,
    description: 'When the office was taken, at the precision known; null when the sources do not say.',
  })
  since(@Root() position: Position, @Args() { calendar }: CalendarArgs): string | null {
    return showDate(position.since, position.sincePrecision, calendar);
  }

  @FieldResolver(() => PartialDateScalar, {
    nullable: true,
    description: 'When the office was left; null while held or when the sources do not say.',
  })
  until(@Root() position: Position, @Args() { calendar }: CalendarArgs): string | null {
    return showDate(position.until, position.untilPrecision, calendar);
  }

  @FieldResolver(() => [Source], { description: 'The evidence for this office, by publisher then title.' })
  sources(@Root() position: Position, @Ctx() context: Context): Promise<Source[]> {
    return sourcesOf(context, 'Position').load(position.id);
  }
}

@Resolver(() => Municipality)
export class MunicipalityPositionsResolver {
  @FieldResolver(() => PositionConnection, {
    description: 'Offices held in this municipality (deputies, council chairs), earliest first; mayors: see mayors.',
  })
  async positions(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Args() page: PageArgs,
  ): Promise<PositionConnection> {
    return new PositionConnection(await positionPages(context, 'municipality_id', page).load(municipality.id));
  }
}

@Resolver(() => Organization)
export class OrganizationPositionsResolver {
  @FieldResolver(() => PositionConnection, {
    description: 'Offices held in this organization, earliest first (undated first).',
  })
  async positions(
    @Root() organization: Organization,
    @Ctx() context: Context,
    @Args() page: PageArgs,
  ): Promise<PositionConnection> {
    return new PositionConnection(await positionPages(context, 'organization_id', page).load(organization.id));
  }
}
