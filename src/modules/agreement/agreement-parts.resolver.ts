import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CalendarArgs } from '../../common/arguments';
import { showDate } from '../../common/date-fields';
import { PartialDateScalar } from '../../common/dates';
import { Context } from '../../context';
import { recordById } from '../../database/loaders';
import { Municipality, municipalityById } from '../municipality';
import { Organization, organizationById } from '../organization';
import { Person } from '../person';
import { Agreement } from './agreement.entity';
import { agreementById } from './agreement.loaders';
import { Signatory } from './signatory.entity';
import { StatusChange } from './status-change.entity';

@Resolver(() => StatusChange)
export class StatusChangeResolver {
  @FieldResolver(() => PartialDateScalar, {
    nullable: true,
    description: 'When the status changed, at the precision known; null when the sources give no date.',
  })
  on(@Root() change: StatusChange, @Args() { calendar }: CalendarArgs): string | null {
    return showDate(change.changedOnDate, change.changedOnPrecision, calendar);
  }
}

@Resolver(() => Signatory)
export class SignatoryResolver {
  @FieldResolver(() => Person, { description: 'The person.' })
  async person(@Root() signatory: Signatory, @Ctx() context: Context): Promise<Person> {
    return (await recordById(context, Person).load(signatory.personId))!;
  }

  @FieldResolver(() => Municipality, {
    nullable: true,
    description: 'The municipality they signed for (its government); onBehalfOfOrganization names a body instead.',
  })
  onBehalfOf(@Root() signatory: Signatory, @Ctx() context: Context): Promise<Municipality | null> | null {
    return signatory.onBehalfOfId ? municipalityById(context).load(signatory.onBehalfOfId) : null;
  }

  @FieldResolver(() => Organization, {
    nullable: true,
    description: 'The organization they signed for (a city council, a committee), when not a municipality.',
  })
  onBehalfOfOrganization(@Root() signatory: Signatory, @Ctx() context: Context): Promise<Organization | null> | null {
    const id = signatory.onBehalfOfOrganizationId;
    return id ? organizationById(context).load(id) : null;
  }

  @FieldResolver(() => Agreement, { description: 'The agreement.' })
  async agreement(@Root() signatory: Signatory, @Ctx() context: Context): Promise<Agreement> {
    return (await agreementById(context).load(signatory.agreementId))!;
  }
}
