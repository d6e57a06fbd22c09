import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { fetchPage } from '../../database/pagination';
import { Context } from '../../context';
import { Source, sourcesOf } from '../source';
import { MunicipalityConnection } from './municipality.connection';
import { Municipality } from './municipality.entity';
import { MunicipalityFilter, municipalityList, MunicipalityOrder } from './municipality.filter';

@Resolver(() => Municipality)
export class MunicipalityListsResolver {
  @Query(() => MunicipalityConnection, { description: 'Municipalities, filtered and ordered, a page at a time.' })
  async municipalities(
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => MunicipalityFilter, { nullable: true, description: 'Which municipalities.' })
    filter?: MunicipalityFilter,
    @Arg('orderBy', () => MunicipalityOrder, { nullable: true, description: 'Order; default by name.' })
    orderBy?: MunicipalityOrder,
  ): Promise<MunicipalityConnection> {
    return new MunicipalityConnection(
      await fetchPage(context.loaders.reader, Municipality, municipalityList(filter, orderBy), page),
    );
  }

  @FieldResolver(() => [Source], { description: 'The evidence for this municipality’s record.' })
  sources(@Root() municipality: Municipality, @Ctx() context: Context): Promise<Source[]> {
    return sourcesOf(context, 'Municipality').load(municipality.id);
  }
}
