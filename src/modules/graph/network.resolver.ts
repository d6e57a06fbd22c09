import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Municipality } from '../municipality/municipality.entity';
import { requireHops } from './graph.arguments';
import { networkOf } from './network.loaders';
import { NetworkEntry } from './network.type';

/** Beyond three hops a well-connected city's network is most of the register. */
const MAX_NETWORK_DEPTH = 3;

@Resolver(() => Municipality)
export class MunicipalityNetworkResolver {
  @FieldResolver(() => [NetworkEntry], {
    description:
      'Municipalities reached through chains of agreements (any kind, any status) of at most `depth` agreements, ' +
      'each once at its shortest distance; by distance, then slug. The municipality itself is not included.',
  })
  network(
    @Root() municipality: Municipality,
    @Ctx() context: Context,
    @Arg('depth', () => Int, { defaultValue: 2, description: `Longest chain to follow, from 1 to ${MAX_NETWORK_DEPTH}.` })
    depth: number,
  ): Promise<NetworkEntry[]> {
    return networkOf(context, requireHops('depth', depth, MAX_NETWORK_DEPTH)).load(municipality.id);
  }
}
