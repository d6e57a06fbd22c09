import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  getNamedType,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  typeFromAST,
  valueFromASTUntyped,
  visit,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/connection';

/** What is measured of an operation before it runs. */
export interface QueryMeasures {
  /** GitHub's model: each object field costs 1, and a list multiplies what is under it. */
  cost: number;
  /** Deepest chain of nested fields, fragments expanded. */
  depth: number;
  aliases: number;
  fragments: number;
}

/** Assumed size of a list field that has no page size (plain `[X!]!` relations). */
export const ASSUMED_LIST_SIZE = 10;

/**
 * Lists as long as one of their arguments: `nodes(ids:)` answers one entry per id. Only these;
 * any other list argument is a filter, and a filter's length says nothing of the answer's.
 */
const LIST_SIZE_ARGUMENTS: Record<string, string> = { 'Query.nodes': 'ids' };

interface Measured {
  cost: number;
  depth: number;
}

/**
 * Measures the operation that is about to run. A connection's `edges` and `nodes` count as
 * many times as its page size (`first`/`last`, default 20); other lists as many times as their
 * own `first`, or their ids for `nodes(ids:)`, or else ASSUMED_LIST_SIZE. Every item of a list
 * argument (a filter's slugs, countries, ids) costs 1 more. Scalars are free,
 * except a connection's `totalCount`, which is a counting query of its own. Fragments are
 * measured once each (memoised), so a fragment bomb costs its expanded size without being
 * expanded. Introspection (`__schema`, `__type`) never touches the database and is not counted.
 */
export function measureQuery(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> = {},
): QueryMeasures {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variables = { ...variableDefaults(operation), ...rawVariables };
  const memo = new Map<string, Measured>();

  const argument = (node: FieldNode, name: string): unknown => {
    const value = node.arguments?.find((arg) => arg.name.value === name)?.value;
    return value === undefined ? undefined : valueFromASTUntyped(value, variables);
  };

  const listSize = (
    node: FieldNode,
    parent: GraphQLCompositeType,
    pageSize: number | undefined,
    parentIsConnection: boolean,
  ): number => {
    if (parentIsConnection && (node.name.value === 'edges' || node.name.value === 'nodes'))
      return pageSize ?? DEFAULT_PAGE_SIZE;
    const sizeArgument = LIST_SIZE_ARGUMENTS[`${parent.name}.${node.name.value}`];
    if (sizeArgument) {
      const items = argument(node, sizeArgument);
      return Array.isArray(items) ? items.length : 1;
    }
    // A list with a page size of its own (`search(first:)`, `timeline(first:)`) is that long.
    const first = argument(node, 'first');
    return typeof first === 'number' ? pageSizeOf(first) : ASSUMED_LIST_SIZE;
  };

  /** Every item of every list argument costs 1: each is a value the database must compare. */
  const argumentItems = (node: FieldNode): number =>
    (node.arguments ?? []).reduce((sum, arg) => sum + countListItems(argument(node, arg.name.value)), 0);

  const measureField = (node: FieldNode, parent: GraphQLCompositeType, pageSize: number | undefined): Measured => {
    const name = node.name.value;
    if (name.startsWith('__')) return { cost: 0, depth: 0 };
    const definition =
      isObjectType(parent) || isInterfaceType(parent)
        ? (parent.getFields()[name] as GraphQLField<unknown, unknown> | undefined)
        : undefined;
    if (!definition) return { cost: 0, depth: 1 };
    const connection = isConnection(parent);
    const named = getNamedType(definition.type);
    const charged = argumentItems(node);
    if (!isCompositeType(named) || !node.selectionSet)
      return { cost: charged + (connection && name === 'totalCount' ? 1 : 0), depth: 1 };
    const childPageSize = isConnection(named)
      ? pageSizeOf(argument(node, 'first') ?? argument(node, 'last'))
      : undefined;
    const children = measureSelections(node.selectionSet, named, childPageSize);
    const multiplier = isList(definition.type) ? listSize(node, parent, pageSize, connection) : 1;
    return { cost: 1 + charged + multiplier * children.cost, depth: 1 + children.depth };
  };

  const measureSelections = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    pageSize: number | undefined,
  ): Measured => {
    let cost = 0;
    let depth = 0;
    for (const selection of selectionSet.selections) {
      let measured: Measured;
      if (selection.kind === Kind.FIELD) {
        measured = measureField(selection, parent, pageSize);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parent;
        measured = isCompositeType(type)
          ? measureSelections(selection.selectionSet, type, pageSize)
          : { cost: 0, depth: 0 };
      } else {
        measured = measureFragment(selection.name.value, pageSize);
      }
      cost += measured.cost;
      depth = Math.max(depth, measured.depth);
    }
    return { cost, depth };
  };

  const measureFragment = (name: string, pageSize: number | undefined): Measured => {
    const key = `${name}:${pageSize ?? ''}`;
    const known = memo.get(key);
    if (known) return known;
    // Placeholder first: a cycle (refused by validation anyway) then ends instead of looping.
    memo.set(key, { cost: 0, depth: 0 });
    const fragment = fragments.get(name);
    const type = fragment ? typeFromAST(schema, fragment.typeCondition) : undefined;
    const measured =
      fragment && isCompositeType(type)
        ? measureSelections(fragment.selectionSet, type, pageSize)
        : { cost: 0, depth: 0 };
    memo.set(key, measured);
    return measured;
  };

  const root = rootType(schema, operation);
  const measured = root ? measureSelections(operation.selectionSet, root, undefined) : { cost: 0, depth: 0 };
  return { ...measured, aliases: countAliases(document), fragments: fragments.size };
}

function rootType(schema: GraphQLSchema, operation: OperationDefinitionNode): GraphQLObjectType | null | undefined {
  if (operation.operation === 'mutation') return schema.getMutationType();
  if (operation.operation === 'subscription') return schema.getSubscriptionType();
  return schema.getQueryType();
}

function isConnection(type: GraphQLCompositeType): boolean {
  return isObjectType(type) && type.name.endsWith('Connection') && 'pageInfo' in type.getFields();
}

function isList(type: GraphQLField<unknown, unknown>['type']): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

function pageSizeOf(value: unknown): number {
  return typeof value === 'number' && value >= 0 ? Math.min(value, MAX_PAGE_SIZE) : DEFAULT_PAGE_SIZE;
}

function countListItems(value: unknown): number {
  if (Array.isArray(value)) return value.length + value.reduce((sum: number, item) => sum + countListItems(item), 0);
  if (value && typeof value === 'object')
    return Object.values(value).reduce((sum: number, item) => sum + countListItems(item), 0);
  return 0;
}

function variableDefaults(operation: OperationDefinitionNode): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue)
      defaults[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  return defaults;
}

function countAliases(document: DocumentNode): number {
  let aliases = 0;
  visit(document, { Field: (node) => void (node.alias && aliases++) });
  return aliases;
}
