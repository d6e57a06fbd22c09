import {
  DocumentNode,
  FieldNode,
  FragmentDefinitionNode,
  GraphQLCompositeType,
  GraphQLField,
  GraphQLInputType,
  GraphQLSchema,
  isCompositeType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  OperationDefinitionNode,
  SelectionSetNode,
  typeFromAST,
  visit,
} from 'graphql';
import { getArgumentValues, getVariableValues } from 'graphql/execution/values';
import { normalizeText, textProblem } from '../common/text/input-text';
import { apiError, ErrorCode } from '../common/error-codes';
import { listLimitOf, textLimitOf } from './argument-limits';

/**
 * Checks every argument value of the operation about to run, literals and variables alike,
 * against argument-limits.ts and the rule for text (input-text.ts). Runs after validation and
 * before execution, so a refused request answers 400 and never reaches the database.
 * Arguments that fail coercion are left to graphql-js, which reports them itself.
 */
export function checkArguments(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): void {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) return;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const seen = new Set<string>();
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        checkField(selection, parent, coerced.coerced, walk);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? typeFromAST(schema, selection.typeCondition) : parent;
        if (isCompositeType(type)) walk(selection.selectionSet, type);
      } else if (!seen.has(selection.name.value)) {
        // A fragment's arguments are the same wherever it is spread: checking it once is enough.
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        const type = fragment && typeFromAST(schema, fragment.typeCondition);
        if (fragment && isCompositeType(type)) walk(fragment.selectionSet, type);
      }
    }
  };
  // A live query's selection sits under Subscription.live: its arguments are checked the same.
  const root = schema.getRootType(operation.operation);
  if (root) walk(operation.selectionSet, root);
}

function checkField(
  node: FieldNode,
  parent: GraphQLCompositeType,
  variables: Record<string, unknown>,
  walk: (selectionSet: SelectionSetNode, parent: GraphQLCompositeType) => void,
): void {
  const definition =
    isObjectType(parent) || isInterfaceType(parent)
      ? (parent.getFields()[node.name.value] as GraphQLField<unknown, unknown> | undefined)
      : undefined;
  if (!definition) return;
  if (node.arguments?.length) {
    let values: Record<string, unknown>;
    try {
      values = getArgumentValues(definition, node, variables);
    } catch {
      return;
    }
    for (const argument of definition.args) {
      checkValue(
        values[argument.name],
        argument.type,
        `${parent.name}.${definition.name}(${argument.name})`,
        argument.name,
        argument.name,
        node,
      );
    }
  }
  let named = definition.type;
  while (isNonNullType(named) || isListType(named)) named = named.ofType;
  if (node.selectionSet && isCompositeType(named)) walk(node.selectionSet, named);
}

function checkValue(
  value: unknown,
  type: GraphQLInputType,
  key: string,
  name: string,
  path: string,
  node: FieldNode,
): void {
  if (value === null || value === undefined) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (!Array.isArray(value)) return;
    const limit = listLimitOf(key);
    if (value.length > limit) refuse(node, path, `takes at most ${limit} items (got ${value.length})`, { limit });
    value.forEach((item, index) => checkValue(item, inner.ofType, key, name, `${path}[${index}]`, node));
    return;
  }
  if (isInputObjectType(inner)) {
    for (const field of Object.values(inner.getFields())) {
      checkValue(
        (value as Record<string, unknown>)[field.name],
        field.type,
        `${inner.name}.${field.name}`,
        field.name,
        `${path}.${field.name}`,
        node,
      );
    }
    return;
  }
  if (typeof value !== 'string') return;
  const limit = textLimitOf(key, name);
  if (value.length > limit) refuse(node, path, `must be at most ${limit} characters (got ${value.length})`, { limit });
  const problem = textProblem(value);
  if (problem) refuse(node, path, problem);
}

function refuse(node: FieldNode, path: string, problem: string, extensions: Record<string, unknown> = {}): never {
  throw apiError(ErrorCode.BAD_USER_INPUT, `${node.name.value}(${path}): ${problem}`, {
    field: path,
    argumentOf: node.name.value,
    ...extensions,
  });
}

/**
 * Text in NFC before anything reads it: the variables in place, and the document's string
 * literals in place (Apollo executes this very document; normalizing twice changes nothing,
 * so a cached parse stays right).
 */
export function normalizeRequestText(document: DocumentNode, variables: Record<string, unknown> | undefined): void {
  if (variables) normalizeDeep(variables);
  visit(document, {
    StringValue(node) {
      const normalized = normalizeText(node.value);
      if (normalized !== node.value) (node as { value: string }).value = normalized;
    },
  });
}

function normalizeDeep(container: Record<string, unknown> | unknown[]): void {
  for (const [key, value] of Object.entries(container)) {
    if (typeof value === 'string') {
      const normalized = normalizeText(value);
      if (normalized !== value) (container as Record<string, unknown>)[key] = normalized;
    } else if (value && typeof value === 'object') {
      normalizeDeep(value as Record<string, unknown>);
    }
  }
}
