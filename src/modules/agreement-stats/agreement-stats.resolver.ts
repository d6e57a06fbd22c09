import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LanguageArgs } from '../../common/arguments';
import { pickText } from '../../common/names';
import { Context } from '../../context';
import { AgreementFilter } from '../agreement';
import { Confidence } from '../source';
import { agreementStatsBatch, StatsRequest } from './agreement-stats.service';
import { AgreementStat, AgreementStatsGroup } from './agreement-stats.type';

@Resolver(() => AgreementStat)
export class AgreementStatsResolver {
  @Query(() => [AgreementStat], {
    description:
      'Agreements counted by kind, status, area, year or countries, for dashboards; largest groups first, then by key.',
  })
  agreementStats(
    @Ctx() context: Context,
    @Arg('groupBy', () => AgreementStatsGroup, { description: 'What to count by.' }) groupBy: AgreementStatsGroup,
    @Arg('filter', () => AgreementFilter, {
      nullable: true,
      description: 'Which agreements to count: the same filter as `agreements`.',
    })
    filter?: AgreementFilter,
    @Arg('minConfidence', () => Confidence, {
      nullable: true,
      description:
        'Count only agreements supported at least this well (their `confidence`); agreements citing no source then ' +
        'do not count. Left out: every agreement.',
    })
    minConfidence?: Confidence | null,
  ): Promise<AgreementStat[]> {
    // Every count of the request in one statement: the loader's keys are the requests as JSON.
    const loader = context.loaders.get<string, AgreementStat[]>(
      'agreement:stats',
      (reader, keys) =>
        agreementStatsBatch(
          reader,
          keys.map((key) => JSON.parse(key) as StatsRequest),
        ) as Promise<AgreementStat[][]>,
    );
    return loader.load(JSON.stringify({ groupBy, filter: filter ?? null, minConfidence: minConfidence ?? null }));
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'The group in words: the area label, or the English name of a kind or status; null for years and countries.',
  })
  label(@Root() stat: AgreementStat, @Args() { lang }: LanguageArgs): string | null {
    return pickText(stat.labels, lang);
  }
}
