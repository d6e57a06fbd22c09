import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CalendarArgs, LanguageArgs } from '../../common/arguments';
import { PageArgs } from '../../common/connection';
import { showDate, showDateRange } from '../../common/date-fields';
import { PartialDateScalar } from '../../common/dates';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { fetchPage } from '../../database/pagination';
import { Context } from '../../context';
import { CooperationArea } from '../cooperation-area';
import { Municipality, municipalityById } from '../municipality';
import { Source, sourcesOf } from '../source';
import { AgreementConnection } from './agreement.connection';
import { Agreement } from './agreement.entity';
import { AgreementFilter, AgreementOrder } from './agreement.filter';
import * as loaders from './agreement.loaders';
import { agreementList } from './agreement.queries';
import { Signatory } from './signatory.entity';

@Resolver(() => Agreement)
export class AgreementResolver {
  @Query(() => AgreementConnection, { description: 'Agreements, filtered and ordered, a page at a time.' })
  async agreements(
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => AgreementFilter, { nullable: true, description: 'Which agreements.' })
    filter?: AgreementFilter,
    @Arg('orderBy', () => AgreementOrder, { nullable: true, description: 'Order; default newest signed first.' })
    orderBy?: AgreementOrder,
  ): Promise<AgreementConnection> {
    return new AgreementConnection(
      await fetchPage(context.loaders.reader, Agreement, agreementList(filter, orderBy), page),
    );
  }

  @FieldResolver(() => String, { description: 'Title in the asked language (falls back to English, then any).' })
  title(@Root() agreement: Agreement, @Args() { lang }: LanguageArgs): string {
    return pickText(agreement.titles, lang) ?? agreement.sortName;
  }

  @FieldResolver(() => [LocalizedText], { description: 'The title in every language recorded.' })
  titles(@Root() agreement: Agreement): LocalizedText[] {
    return listTexts(agreement.titles);
  }

  @FieldResolver(() => PartialDateScalar, {
    nullable: true,
    description:
      'When it was signed, at the precision known: a day, month or year, or the span a report gives as EARLIEST/LATEST days ("2018-02-20/2018-02-28").',
  })
  signedOn(@Root() agreement: Agreement, @Args() { calendar }: CalendarArgs): string | null {
    return showDateRange(agreement.signedOnDate, agreement.signedOnLatest, agreement.signedOnPrecision, calendar);
  }

  @FieldResolver(() => PartialDateScalar, { nullable: true, description: 'End of a fixed term, if it has one.' })
  validUntil(@Root() agreement: Agreement, @Args() { calendar }: CalendarArgs): string | null {
    return showDate(agreement.validUntilDate, agreement.validUntilPrecision, calendar);
  }

  @FieldResolver(() => [Municipality], { description: 'The municipalities party to it, by name.' })
  parties(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Municipality[]> {
    return loaders.partiesOf(context).load(agreement.id);
  }

  @FieldResolver(() => Municipality, { nullable: true, description: 'The city where it was signed.' })
  signedIn(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Municipality | null> | null {
    return agreement.signedInMunicipalityId ? municipalityById(context).load(agreement.signedInMunicipalityId) : null;
  }

  @FieldResolver(() => [CooperationArea], {
    description: 'Areas it covers directly, by slug (their parents are implied).',
  })
  areas(@Root() agreement: Agreement, @Ctx() context: Context): Promise<CooperationArea[]> {
    return loaders.areasOf(context).load(agreement.id);
  }

  @FieldResolver(() => [Agreement], { description: 'Earlier agreements this one puts into practice.' })
  implements(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Agreement[]> {
    return loaders.implementsOf(context).load(agreement.id);
  }

  @FieldResolver(() => [Agreement], { description: 'Later agreements that put this one into practice.' })
  implementedBy(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Agreement[]> {
    return loaders.implementedByOf(context).load(agreement.id);
  }

  @FieldResolver(() => [Signatory], { description: 'Who signed it, and who witnessed or attended the signing.' })
  signatories(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Signatory[]> {
    return loaders.signatoriesOf(context).load(agreement.id);
  }

  @FieldResolver(() => [Source], { description: 'The evidence: sources that report this agreement.' })
  sources(@Root() agreement: Agreement, @Ctx() context: Context): Promise<Source[]> {
    return sourcesOf(context, 'Agreement').load(agreement.id);
  }
}
