import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Municipality, municipalityById } from '../municipality';
import { Confidence } from '../source';
import { partnersOf } from './partner.loaders';
import { PartnerOrder } from './partner-order';
import { Partner } from './partner.type';

@Resolver(() => Partner)
export class PartnerResolver {
  @FieldResolver(() => Municipality, { description: 'The partner municipality.' })
  async municipality(@Root() partner: Partner, @Ctx() context: Context): Promise<Municipality> {
    return (await municipalityById(context).load(partner.municipalityId))!;
  }
}

@Resolver(() => Municipality)
export class MunicipalityPartnersResolver {
  @FieldResolver(() => [Partner], {
    description:
      'Municipalities tied to this one by agreements, each once with all the agreements between them; by name, then ' +
      'slug, unless `orderBy` says otherwise.',
  })
  partners(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Arg('minConfidence', () => Confidence, {
      nullable: true,
      description:
        'Count only agreements supported at least this well (their `confidence`); agreements citing no source then ' +
        'do not count. Left out: every agreement.',
    })
    minConfidence?: Confidence | null,
    @Arg('orderBy', () => PartnerOrder, {
      nullable: true,
      description: 'Order; default by name. LAST_ACTIVITY: the longest quiet first (DESC: the most recently active).',
    })
    orderBy?: PartnerOrder,
  ): Promise<Partner[]> {
    return partnersOf(context, minConfidence ?? null, orderBy).load(municipality.id);
  }
}
