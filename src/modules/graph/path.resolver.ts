import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Context } from '../../context';
import { Agreement, agreementById } from '../agreement';
import { Municipality, municipalityById, municipalityBySlug } from '../municipality';
import { Confidence } from '../source';
import { requireHops } from './graph.arguments';
import { shortestPath } from './path.service';
import { Hop, Path } from './path.type';
import { BadUserInputError } from '../../common/errors';

/** Four hops reach most of a well-connected register; longer chains say little. */
const MAX_PATH_HOPS = 4;

@Resolver(() => Path)
export class PathResolver {
  @Query(() => Path, {
    nullable: true,
    description:
      'The shortest chain of agreements (any kind, any status) between two municipalities; null when none is at most `maxHops` long.',
  })
  async path(
    @Ctx() context: Context,
    @Arg('from', () => String, { description: 'Slug of the municipality the chain starts from.' }) from: string,
    @Arg('to', () => String, { description: 'Slug of the municipality the chain leads to.' }) to: string,
    @Arg('maxHops', () => Int, {
      defaultValue: 4,
      description: `Longest chain to look for, from 1 to ${MAX_PATH_HOPS}.`,
    })
    maxHops: number,
    @Arg('minConfidence', () => Confidence, {
      nullable: true,
      description:
        'Chain only agreements supported at least this well (their `confidence`); agreements citing no source then ' +
        'do not count. Left out: every agreement.',
    })
    minConfidence?: Confidence | null,
  ): Promise<Path | null> {
    requireHops('maxHops', maxHops, MAX_PATH_HOPS);
    const [start, end] = await Promise.all([
      municipalityBySlug(context).load(from),
      municipalityBySlug(context).load(to),
    ]);
    if (!start[0]) throw new BadUserInputError('from', `no municipality has the slug "${from}"`);
    if (!end[0]) throw new BadUserInputError('to', `no municipality has the slug "${to}"`);
    return shortestPath(context.reads.manager, start[0].id, end[0].id, maxHops, minConfidence ?? null);
  }
}

@Resolver(() => Hop)
export class HopResolver {
  @FieldResolver(() => Municipality, { description: 'The municipality the step starts from.' })
  async from(@Root() hop: Hop, @Ctx() context: Context): Promise<Municipality> {
    return (await municipalityById(context).load(hop.fromId))!;
  }

  @FieldResolver(() => Municipality, { description: 'The municipality the step leads to.' })
  async to(@Root() hop: Hop, @Ctx() context: Context): Promise<Municipality> {
    return (await municipalityById(context).load(hop.toId))!;
  }

  @FieldResolver(() => Agreement, { description: 'The agreement that ties them (the first by id when several do).' })
  async agreement(@Root() hop: Hop, @Ctx() context: Context): Promise<Agreement> {
    return (await agreementById(context).load(hop.agreementId))!;
  }
}
