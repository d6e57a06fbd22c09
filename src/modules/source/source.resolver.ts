import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { CalendarArgs } from '../../common/arguments';
import { PageArgs } from '../../common/connection';
import { showDate } from '../../common/date-fields';
import { PartialDateScalar } from '../../common/dates';
import { fetchPage, ListQuery, nestedPages } from '../../database/pagination';
import { SqlParams } from '../../common/sql';
import { UpdatedSinceArgs, updatedSinceConditions } from '../../common/record-times';
import { Context } from '../../context';
import { Citation } from './citation.entity';
import { citedRecord } from './citation.records';
import { RecordConnection, SourceConnection } from './source.connection';
import { Source } from './source.entity';

function citationsOfSource(): ListQuery {
  return {
    kind: 'Citation',
    select: 'c.*',
    from: 'citation c',
    where: ['c.source_id = $parent'],
    params: new SqlParams(),
    sortKey: 'c.created_at',
    sortType: 'timestamp',
    tieBreaker: 'c.id',
    direction: 'ASC',
  };
}

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => SourceConnection, { description: 'Every source in the register, by publisher then title.' })
  async sources(
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Args() { updatedSince }: UpdatedSinceArgs,
  ): Promise<SourceConnection> {
    const params = new SqlParams();
    const query: ListQuery = {
      kind: 'Source',
      select: 's.*',
      from: 'source s',
      where: updatedSinceConditions(updatedSince, params, 's', 'updatedSince'),
      params,
      sortKey: `s.publisher || ' ' || s.title`,
      sortType: 'text',
      tieBreaker: 's.id',
      direction: 'ASC',
    };
    return new SourceConnection(await fetchPage(context.loaders.reader, Source, query, page));
  }

  @FieldResolver(() => PartialDateScalar, {
    nullable: true,
    description: 'When it was published, at the precision known.',
  })
  publishedOn(@Root() source: Source, @Args() { calendar }: CalendarArgs): string | null {
    return showDate(source.publishedOnDate, source.publishedOnPrecision, calendar);
  }

  @FieldResolver(() => RecordConnection, {
    description: 'The records this source supports, in the order they were cited.',
  })
  async supports(@Root() source: Source, @Ctx() context: Context, @Args() page: PageArgs): Promise<RecordConnection> {
    const citations = await nestedPages(context, 'source:citations', Citation, citationsOfSource, page).load(source.id);
    const edges = await Promise.all(
      citations.edges.map(async (edge) => ({ cursor: edge.cursor, node: await citedRecord(context, edge.node) })),
    );
    return new RecordConnection({ ...citations, edges });
  }
}
