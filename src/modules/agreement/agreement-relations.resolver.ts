import { Arg, Args, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { nestedPages } from '../../database/pagination';
import { Context } from '../../context';
import { CooperationArea } from '../cooperation-area';
import { Municipality } from '../municipality';
import { AgreementConnection } from './agreement.connection';
import { Agreement } from './agreement.entity';
import { AgreementRelationArgs } from './agreement.arguments';
import { areaSubtreeSql } from './agreement.filter';
import { agreementList } from './agreement.queries';

/*
 * The other ends of the agreement relations: connections batched over all the parents in the
 * response, with the same filter and order as the root `agreements`.
 */

@Resolver(() => Municipality)
export class MunicipalityAgreementsResolver {
  @FieldResolver(() => AgreementConnection, { description: 'Agreements this municipality is a party to.' })
  async agreements(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Args() { filter, orderBy, ...page }: AgreementRelationArgs,
  ): Promise<AgreementConnection> {
    const build = () =>
      agreementList(filter, orderBy, () => [
        'EXISTS (SELECT 1 FROM agreement_party mp WHERE mp.agreement_id = a.id AND mp.municipality_id = $parent)',
      ]);
    // Filter and order name the loader: aliases with different filters must not share a batch.
    const name = `municipality:agreements:${JSON.stringify([filter ?? null, orderBy ?? null])}`;
    return new AgreementConnection(await nestedPages(context, name, Agreement, build, page).load(municipality.id));
  }
}

@Resolver(() => CooperationArea)
export class CooperationAreaAgreementsResolver {
  @FieldResolver(() => AgreementConnection, {
    description: 'Agreements covering this area or, by default, any of its sub-areas.',
  })
  async agreements(
    @Root() area: CooperationArea,
    @Ctx() context: Context,
    @Args() { filter, orderBy, ...page }: AgreementRelationArgs,
    @Arg('includeSubAreas', { defaultValue: true, description: 'Count agreements on narrower areas too.' })
    includeSubAreas: boolean,
  ): Promise<AgreementConnection> {
    const build = () =>
      agreementList(filter, orderBy, () => [
        includeSubAreas
          ? `EXISTS (SELECT 1 FROM agreement_area aa WHERE aa.agreement_id = a.id AND aa.area_id IN ${areaSubtreeSql('ARRAY[(SELECT slug FROM cooperation_area WHERE id = $parent)]')})`
          : `EXISTS (SELECT 1 FROM agreement_area aa WHERE aa.agreement_id = a.id AND aa.area_id = $parent)`,
      ]);
    const name = `cooperation-area:agreements:${JSON.stringify([includeSubAreas, filter ?? null, orderBy ?? null])}`;
    const loader = nestedPages(context, name, Agreement, build, page);
    return new AgreementConnection(await loader.load(area.id));
  }
}
