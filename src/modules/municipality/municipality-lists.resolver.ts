import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { PageArgs } from '../../common/connection';
import { fetchPage, nestedPages } from '../../database/pagination';
import { Context } from '../../context';
import { Agreement, AgreementConnection, AgreementFilter, agreementList, AgreementOrder } from '../agreement';
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
    @Arg('filter', () => MunicipalityFilter, { nullable: true, description: 'Which municipalities.' }) filter?: MunicipalityFilter,
    @Arg('orderBy', () => MunicipalityOrder, { nullable: true, description: 'Order; default by name.' }) orderBy?: MunicipalityOrder,
  ): Promise<MunicipalityConnection> {
    return new MunicipalityConnection(await fetchPage(context.loaders.reader, Municipality, municipalityList(filter, orderBy), page));
  }

  @FieldResolver(() => AgreementConnection, { description: 'Agreements this municipality is a party to.' })
  async agreements(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => AgreementFilter, { nullable: true, description: 'Further conditions.' }) filter?: AgreementFilter,
    @Arg('orderBy', () => AgreementOrder, { nullable: true, description: 'Order; default newest signed first.' }) orderBy?: AgreementOrder,
  ): Promise<AgreementConnection> {
    const build = () => agreementList(filter, orderBy, () => [
      'EXISTS (SELECT 1 FROM agreement_party mp WHERE mp.agreement_id = a.id AND mp.municipality_id = $parent)',
    ]);
    // Filter and order name the loader: aliases with different filters must not share a batch.
    const name = `municipality:agreements:${JSON.stringify([filter ?? null, orderBy ?? null])}`;
    return new AgreementConnection(await nestedPages(context, name, Agreement, build, page).load(municipality.id));
  }

  @FieldResolver(() => [Source], { description: 'The evidence for this municipality’s record.' })
  sources(@Root() municipality: Municipality, @Ctx() context: Context): Promise<Source[]> {
    return sourcesOf(context, 'municipality_id').load(municipality.id);
  }
}
