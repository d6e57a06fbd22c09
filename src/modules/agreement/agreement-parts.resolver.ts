import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CalendarArgs, LanguageArgs } from '../../common/arguments';
import { showDate } from '../../common/date-fields';
import { PartialDateScalar } from '../../common/dates';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { Context } from '../../context';
import { recordById } from '../../database/loaders';
import { CooperationArea } from '../cooperation-area';
import { Municipality, municipalityById } from '../municipality';
import { Person } from '../person';
import { Source, sourcesOf } from '../source';
import { Agreement } from './agreement.entity';
import { agreementById } from './agreement.loaders';
import { Committee } from '../committee';
import { Signatory } from './signatory.entity';
import { StatusChange } from './status-change.entity';

@Resolver(() => StatusChange)
export class StatusChangeResolver {
  @FieldResolver(() => PartialDateScalar, { nullable: true, description: 'When the status changed, at the precision known; null when the sources give no date.' })
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

  @FieldResolver(() => Municipality, { nullable: true, description: 'The party they signed for.' })
  onBehalfOf(@Root() signatory: Signatory, @Ctx() context: Context): Promise<Municipality | null> | null {
    return signatory.onBehalfOfId ? municipalityById(context).load(signatory.onBehalfOfId) : null;
  }

  @FieldResolver(() => Agreement, { description: 'The agreement.' })
  async agreement(@Root() signatory: Signatory, @Ctx() context: Context): Promise<Agreement> {
    return (await agreementById(context).load(signatory.agreementId))!;
  }
}

@Resolver(() => Committee)
export class CommitteeResolver {
  @FieldResolver(() => String, { description: 'Name in the asked language (falls back to English, then any).' })
  name(@Root() committee: Committee, @Args() { lang }: LanguageArgs): string {
    return pickText(committee.names, lang) ?? '';
  }

  @FieldResolver(() => [LocalizedText], { description: 'The name in every language recorded.' })
  names(@Root() committee: Committee): LocalizedText[] {
    return listTexts(committee.names);
  }

  @FieldResolver(() => Agreement, { description: 'The agreement that set it up.' })
  async agreement(@Root() committee: Committee, @Ctx() context: Context): Promise<Agreement> {
    return (await agreementById(context).load(committee.agreementId))!;
  }

  @FieldResolver(() => CooperationArea, { nullable: true, description: 'The area it works on.' })
  area(@Root() committee: Committee, @Ctx() context: Context): Promise<CooperationArea | null> | null {
    return committee.areaId ? recordById(context, CooperationArea).load(committee.areaId) : null;
  }

  @FieldResolver(() => [Source], { description: 'The evidence for it.' })
  sources(@Root() committee: Committee, @Ctx() context: Context): Promise<Source[]> {
    return sourcesOf(context, 'committee_id').load(committee.id);
  }
}
