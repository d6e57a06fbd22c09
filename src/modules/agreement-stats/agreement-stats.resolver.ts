import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LanguageArgs } from '../../common/arguments';
import { pickText } from '../../common/names';
import { Context } from '../../context';
import { AgreementFilter } from '../agreement/agreement.filter';
import { agreementStats } from './agreement-stats.service';
import { AgreementStat, AgreementStatsGroup } from './agreement-stats.type';

@Resolver(() => AgreementStat)
export class AgreementStatsResolver {
  @Query(() => [AgreementStat], {
    description: 'Agreements counted by kind, status, area, year or countries, for dashboards; largest groups first, then by key.',
  })
  agreementStats(
    @Ctx() context: Context,
    @Arg('groupBy', () => AgreementStatsGroup, { description: 'What to count by.' }) groupBy: AgreementStatsGroup,
    @Arg('filter', () => AgreementFilter, { nullable: true, description: 'Which agreements to count: the same filter as `agreements`.' })
    filter?: AgreementFilter,
  ): Promise<AgreementStat[]> {
    return agreementStats(context.services.manager, groupBy, filter);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'The group in words: the area label, or the English name of a kind or status; null for years and countries.',
  })
  label(@Root() stat: AgreementStat, @Args() { lang }: LanguageArgs): string | null {
    return pickText(stat.labels, lang);
  }
}
