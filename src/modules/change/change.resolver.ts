import { Args, ArgsType, Ctx, Field, Int, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Context } from '../../context';
import {
  ChangeFilter,
  changesPageSize,
  DEFAULT_CHANGES_PAGE,
  FEED_START,
  MAX_CHANGES_PAGE,
  municipalityIdsOf,
  readChanges,
  startingPosition,
} from './change-feed';
import { changeCursor } from './change-cursor';
import { ChangeStream } from './change-stream';
import { RegisterChange, RegisterChangeConnection, RegisterRecordType } from './change.type';

@ArgsType()
class ChangeFilterArgs {
  @Field(() => [RegisterRecordType], { nullable: true, description: 'Only changes to records of these types.' })
  types?: RegisterRecordType[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Only changes to records these municipalities (slugs) take part in, before or after the change.',
  })
  municipalities?: string[] | null;
}

@ArgsType()
class ChangesArgs extends ChangeFilterArgs {
  @Field(() => String, {
    nullable: true,
    description:
      "Cursor: changes committed after this one (a change's `cursor` or a page's `endCursor`); none: from the oldest kept.",
  })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Changes to read, from 0 (only the cursor of the feed's end, to start following it from now) to ${MAX_CHANGES_PAGE}; default ${DEFAULT_CHANGES_PAGE}.`,
  })
  first?: number | null;
}

@ArgsType()
class RegisterChangedArgs extends ChangeFilterArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Cursor to resume from: every change committed after it comes first, then each new one; none: from now.',
  })
  after?: string | null;
}

async function filterOf(context: Context, args: ChangeFilterArgs): Promise<ChangeFilter> {
  return {
    types: args.types ?? undefined,
    municipalityIds: args.municipalities
      ? await municipalityIdsOf(context.reads.manager, args.municipalities)
      : undefined,
  };
}

/**
 * The change feed (migration RegisterChanges): every committed change to the public register,
 * in commit order, for portals to sync by; readable by anyone, like the register, and without
 * the audit log's private parts.
 */
@Resolver()
export class ChangeResolver {
  @Query(() => RegisterChangeConnection, {
    description:
      'Committed changes to the register, oldest first, after a cursor: what changed since your last sync. Keep `pageInfo.endCursor` and ask again from it; a cursor older than the feed keeps (CHANGE_RETENTION_DAYS) is refused with CURSOR_EXPIRED: resync then.',
  })
  async changes(@Ctx() context: Context, @Args() args: ChangesArgs): Promise<RegisterChangeConnection> {
    const first = changesPageSize(args.first);
    // On a replica too: its head is its own, so the end cursor never passes what it has not seen.
    const manager = context.reads.manager;
    const from = await startingPosition(manager, args.after);
    const page = await readChanges(manager, from, first, await filterOf(context, args));
    const nodes = page.rows.map((row) => new RegisterChange(row));
    return {
      nodes,
      edges: nodes.map((node) => ({ cursor: node.cursor, node })),
      pageInfo: {
        hasNextPage: page.hasNextPage,
        hasPreviousPage: false,
        startCursor: nodes[0]?.cursor ?? null,
        endCursor: changeCursor(page.end),
      },
    };
  }

  @Subscription(() => RegisterChange, {
    description:
      'The change feed as a stream: from `after`, every change committed since (none lost, none repeated), then each new one as it commits. Reconnect with the last `cursor` you received to resume.',
    subscribe: async ({ args, context }) => {
      const { services } = context as Context;
      const filter = await filterOf(context as Context, args as RegisterChangedArgs);
      const after = (args as RegisterChangedArgs).after;
      const from = after
        ? await startingPosition(services.manager, after)
        : (await readChanges(services.manager, FEED_START, 0, filter)).end;
      return new ChangeStream(services.manager, from, filter, services.changeNotices);
    },
  })
  registerChanged(@Root() change: RegisterChange, @Args() _args: RegisterChangedArgs): RegisterChange {
    return change;
  }
}
