import { Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { CalendarArgs, LanguageArgs } from '../../common/arguments';
import { showDate } from '../../common/date-fields';
import { PartialDateScalar } from '../../common/dates';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { Context } from '../../context';
import { Municipality } from '../municipality/municipality.entity';
import { partiesOf } from './agreement.loaders';
import { Agreement } from './agreement.entity';

@Resolver(() => Agreement)
export class AgreementResolver {
  @FieldResolver(() => String, { description: 'Title in the asked language (falls back to English, then any).' })
  title(@Root() agreement: Agreement, @Args() { lang }: LanguageArgs): string {
    return pickText(agreement.titles, lang) ?? agreement.sortName;
  }

  @FieldResolver(() => [LocalizedText], { description: 'The title in every language recorded.' })
  titles(@Root() agreement: Agreement): LocalizedText[] {
    return listTexts(agreement.titles);
  }

  @FieldResolver(() => PartialDateScalar, { nullable: true, description: 'When it was signed, at the precision known.' })
  signedOn(@Root() agreement: Agreement, @Args() { calendar }: CalendarArgs): string | null {
    return showDate(agreement.signedOnDate, agreement.signedOnPrecision, calendar);
  }

  @FieldResolver(() => PartialDateScalar, { nullable: true, description: 'End of a fixed term, if it has one.' })
  validUntil(@Root() agreement: Agreement, @Args() { calendar }: CalendarArgs): string | null {
    return showDate(agreement.validUntilDate, agreement.validUntilPrecision, calendar);
  }

  @FieldResolver(() => [Municipality], { description: 'The municipalities party to it, by name.' })
  parties(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Municipality[]> {
    return partiesOf(context).load(agreement.id);
  }
}
