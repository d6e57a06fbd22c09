import { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { selectedColumns, subfields } from '../../database/selected-columns';
import { Municipality, MUNICIPALITY_RESOLVED_COLUMNS } from '../municipality';
import { Confidence } from '../source';
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
    @Arg('depth', () => Int, {
      defaultValue: 2,
      description: `Longest chain to follow, from 1 to ${MAX_NETWORK_DEPTH}.`,
    })
    depth: number,
    @Info() info: GraphQLResolveInfo,
    @Arg('minConfidence', () => Confidence, {
      nullable: true,
      description:
        'Follow only agreements supported at least this well (their `confidence`); agreements citing no source are ' +
        'then not followed. Left out: every agreement.',
    })
    minConfidence?: Confidence | null,
  ): Promise<NetworkEntry[]> {
    // A network can hold thousands of municipalities: read only what the query shows of them.
    const fields = [...subfields(info, ['municipality']), ...subfields(info, ['via'])];
    const columns = selectedColumns(context.loaders.manager, Municipality, fields, MUNICIPALITY_RESOLVED_COLUMNS);
    // The tie's support costs a lookup per entry: only when the query shows it.
    const withConfidence = subfields(info, []).some((field) => field.name.value === 'confidence');
    const hops = requireHops('depth', depth, MAX_NETWORK_DEPTH);
    return networkOf(context, hops, columns, minConfidence ?? null, withConfidence).load(municipality.id);
  }
}
