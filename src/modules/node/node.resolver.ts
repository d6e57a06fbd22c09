import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { fromGlobalId } from '../../common/global-id';
import { Node } from '../../common/node.interface';
import { Context } from '../../context';
import { recordById } from '../../database/loaders';
import { recordTypes, RecordTypeName } from '../record-types';

function loadNode(context: Context, globalId: string): Promise<Node | null> {
  const decoded = fromGlobalId(globalId);
  if (!decoded || !Object.hasOwn(recordTypes, decoded.type)) return Promise.resolve(null);
  const { target, node } = recordTypes[decoded.type as RecordTypeName];
  if (!node) return Promise.resolve(null);
  return recordById(context, target as new () => Node).load(decoded.id);
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'Any record by its global id; null when there is none.' })
  node(
    @Ctx() context: Context,
    @Arg('id', () => ID, { description: 'A global id.' }) id: string,
  ): Promise<Node | null> {
    return loadNode(context, id);
  }

  @Query(() => [Node], {
    nullable: 'items',
    description: 'Several records by global id, in the order asked; null where there is none.',
  })
  nodes(
    @Ctx() context: Context,
    @Arg('ids', () => [ID], { description: 'Global ids.' }) ids: string[],
  ): Promise<(Node | null)[]> {
    // More than the limit (argument-limits.ts) is refused before execution, never cut short here.
    return Promise.all(ids.map((id) => loadNode(context, id)));
  }
}
