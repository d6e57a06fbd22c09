import { ArgsType, ClassType, Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'Where a page stands in its list (Relay).' })
export class PageInfo {
  @Field({ description: 'True when there are items after this page.' })
  hasNextPage!: boolean;

  @Field({ description: 'True when there are items before this page.' })
  hasPreviousPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the first item of the page; give it as `before` for the page before.',
  })
  startCursor!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of the page; give it as `after` for the page after.',
  })
  endCursor!: string | null;
}

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Items from the start (or after \`after\`); at most ${MAX_PAGE_SIZE}, default ${DEFAULT_PAGE_SIZE}.`,
  })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor: items after this one.' })
  after?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: `Items from the end (or before \`before\`); at most ${MAX_PAGE_SIZE}.`,
  })
  last?: number | null;

  @Field(() => String, { nullable: true, description: 'Cursor: items before this one.' })
  before?: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A page as the resolvers build it; `totalCount` runs its query only when asked for. */
export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  count(): Promise<number>;
}

export interface ConnectionShape<T> {
  edges: Edge<T>[];
  nodes: T[];
  pageInfo: PageInfo;
  totalCount: Promise<number>;
}

/**
 * The `XConnection` and `XEdge` types for a node type (Relay's connection model, as in
 * GitHub's and Shopify's APIs). Returns a class whose instances wrap a `Page`.
 */
export function Connection<T extends object>(
  nodeType: ClassType<T> | (abstract new () => T),
  name: string,
  what: string,
) {
  @ObjectType(`${name}Edge`, { simpleResolvers: true, description: `One ${what} in a page, with its cursor.` })
  class EdgeType {
    @Field({ description: 'Opaque position of this item; pass it as `after` or `before`.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, {
    simpleResolvers: true,
    description: `A page of ${what}s, with the total and cursors to page on.`,
  })
  class ConnectionType implements ConnectionShape<T> {
    constructor(private readonly page: Page<T>) {}

    @Field(() => [EdgeType], { description: 'The items of this page with their cursors.' })
    get edges(): Edge<T>[] {
      return this.page.edges;
    }

    @Field(() => [nodeType], { description: 'The items of this page, without cursors.' })
    get nodes(): T[] {
      return this.page.edges.map((edge) => edge.node);
    }

    @Field(() => PageInfo, { description: 'Cursors and whether there is more.' })
    get pageInfo(): PageInfo {
      return this.page.pageInfo;
    }

    @Field(() => Int, { description: 'Number of items in the whole list (all pages), with the filters applied.' })
    get totalCount(): Promise<number> {
      return this.page.count();
    }
  }
  return ConnectionType;
}
