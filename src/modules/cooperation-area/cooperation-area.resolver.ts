import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import { LanguageArgs } from '../../common/arguments';
import { UpdatedSinceArgs, updatedSinceConditions } from '../../common/record-times';
import { SqlParams } from '../../common/sql';
import { listTexts, LocalizedText, pickText } from '../../common/names';
import { Context } from '../../context';
import { hydrate } from '../../database/rows';
import { CooperationArea } from './cooperation-area.entity';
import { areaById, areaBySlug, areaChildren } from './cooperation-area.loaders';

@Resolver(() => CooperationArea)
export class CooperationAreaResolver {
  @Query(() => [CooperationArea], {
    description:
      'The cooperation-area vocabulary (a small tree), by slug: the accepted areas, and the proposed ones if asked for.',
  })
  async cooperationAreas(
    @Ctx() context: Context,
    @Arg('topLevelOnly', { defaultValue: false, description: 'Only the roots of the tree.' }) topLevelOnly: boolean,
    @Arg('includeProposed', {
      defaultValue: false,
      description: 'Also the areas proposed by editors that no admin has accepted yet (status PROPOSED).',
    })
    includeProposed: boolean,
    @Args() { updatedSince }: UpdatedSinceArgs,
  ): Promise<CooperationArea[]> {
    const manager = context.loaders.manager;
    const params = new SqlParams();
    const where = [
      ...(topLevelOnly ? ['a.parent_id IS NULL'] : []),
      ...(includeProposed ? [] : ["a.status = 'ACCEPTED'"]),
      ...updatedSinceConditions(updatedSince, params, 'a', 'updatedSince'),
    ];
    const rows = await manager.query(
      `SELECT a.* FROM cooperation_area a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY a.slug`,
      params.values,
    );
    return hydrate(manager, CooperationArea, rows);
  }

  @Query(() => CooperationArea, {
    nullable: true,
    description: 'One cooperation area by slug, a proposed one too (its `status` says which).',
  })
  async cooperationArea(
    @Ctx() context: Context,
    @Arg('slug', { description: 'Slug, e.g. "transport".' }) slug: string,
  ): Promise<CooperationArea | null> {
    return (await areaBySlug(context).load(slug))[0] ?? null;
  }

  @FieldResolver(() => String, { description: 'Label in the asked language (falls back to English, then any).' })
  name(@Root() area: CooperationArea, @Args() { lang }: LanguageArgs): string {
    return pickText(area.labels, lang) ?? area.slug;
  }

  @FieldResolver(() => [LocalizedText], { description: 'The label in every language recorded.' })
  names(@Root() area: CooperationArea): LocalizedText[] {
    return listTexts(area.labels);
  }

  @FieldResolver(() => CooperationArea, {
    nullable: true,
    description: 'The broader area; null at the top of the tree.',
  })
  parent(@Root() area: CooperationArea, @Ctx() context: Context): Promise<CooperationArea | null> | null {
    return area.parentId ? areaById(context).load(area.parentId) : null;
  }

  @FieldResolver(() => [CooperationArea], {
    description: 'The narrower accepted areas directly under it, by slug (proposed ones wait for an admin).',
  })
  children(@Root() area: CooperationArea, @Ctx() context: Context): Promise<CooperationArea[]> {
    return areaChildren(context).load(area.id);
  }
}
