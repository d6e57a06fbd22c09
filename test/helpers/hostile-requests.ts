import {
  astFromValue,
  getNamedType,
  GraphQLArgument,
  GraphQLField,
  GraphQLInputType,
  GraphQLNamedType,
  GraphQLSchema,
  isCompositeType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  print,
} from 'graphql';
import { listLimitOf, textLimitOf } from '../../src/limits/argument-limits';

/**
 * Hostile requests made from the schema itself: for every argument of every query and
 * mutation (and of the fields on the types a query reaches), at every position inside its
 * input objects, a wrong type, an oversize value, NUL, a lone surrogate and a bidirectional
 * override; for every list, one item too many. A field added tomorrow gets its cases without
 * anyone writing them. Each is refused before execution: HTTP 400, BAD_USER_INPUT.
 */
export interface HostileCase {
  /** "Query.agreements(filter.parties[0]): NUL" */
  name: string;
  /** The field whose argument it attacks, for grouping. */
  field: string;
  query: string;
  variables: Record<string, unknown>;
  mutation: boolean;
}

type Path = Array<string | number>;

/** How to reach a field of each type from the root; its arguments are checked before anything runs. */
const reach: Record<string, (selection: string) => string> = {
  Query: (selection) => selection,
  Mutation: (selection) => selection,
  Municipality: (selection) => `municipality(slug: "tehran") { ${selection} }`,
  Agreement: (selection) => `agreements(first: 1) { nodes { ${selection} } }`,
  Person: (selection) => `persons(first: 1) { nodes { ${selection} } }`,
  Organization: (selection) => `organization(slug: "tehran-municipality") { ${selection} }`,
  CooperationArea: (selection) => `cooperationArea(slug: "transport") { ${selection} }`,
  Source: (selection) => `sources(first: 1) { nodes { ${selection} } }`,
  Visit: (selection) => `visits(first: 1) { nodes { ${selection} } }`,
  Delegation: (selection) => `delegations(first: 1) { nodes { ${selection} } }`,
};

const scalarSamples: Record<string, unknown> = {
  String: 'x',
  ID: 'x',
  Int: 1,
  Float: 1.5,
  Boolean: true,
  PartialDate: '2015-11-18',
  DateTime: '2030-01-01T00:00:00Z',
};

/** The smallest value a type accepts: required fields filled, lists empty. */
function sample(type: GraphQLInputType): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [];
  if (isInputObjectType(inner)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(inner.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = sample(field.type);
    }
    return value;
  }
  if (isEnumType(inner)) return inner.getValues()[0].name;
  return scalarSamples[inner.name] ?? 'x';
}

/** A value of the wrong kind for the type (coercion refuses it). */
function wrongKind(type: GraphQLInputType): unknown {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [wrongKind(inner.ofType)];
  if (isInputObjectType(inner)) return 'not an object';
  if (isEnumType(inner)) return 'NOT_A_VALUE';
  if (inner.name === 'Int' || inner.name === 'Float') return 'ten';
  if (inner.name === 'Boolean') return 'yes';
  return { not: 'a string' };
}

interface Position {
  path: Path;
  type: GraphQLInputType;
  /** The key argument-limits.ts knows this position by, and the name it ends in. */
  key: string;
  name: string;
}

/** Every position inside an argument's value: itself, and each field of its input objects (items through index 0). */
function positions(type: GraphQLInputType, path: Path, key: string, name: string, depth = 0): Position[] {
  const here: Position = { path, type, key, name };
  const inner = isNonNullType(type) ? type.ofType : type;
  const item = isListType(inner) ? inner.ofType : inner;
  const itemPath = isListType(inner) ? [...path, 0] : path;
  const itemNamed = isNonNullType(item) ? item.ofType : item;
  if (!isInputObjectType(itemNamed) || depth > 3) return [here];
  return [
    here,
    ...Object.values(itemNamed.getFields()).flatMap((field) =>
      positions(field.type, [...itemPath, field.name], `${itemNamed.name}.${field.name}`, field.name, depth + 1),
    ),
  ];
}

/** `base` with `value` at `path`, creating the input objects and list items on the way. */
function placed(base: unknown, argumentType: GraphQLInputType, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const inner = isNonNullType(argumentType) ? argumentType.ofType : argumentType;
  const [step, ...rest] = path;
  if (isListType(inner)) {
    const items = Array.isArray(base) && base.length ? [...base] : [sample(inner.ofType)];
    items[step as number] = placed(items[step as number], inner.ofType, rest, value);
    return items;
  }
  if (!isInputObjectType(inner)) return value;
  const object = { ...(base as Record<string, unknown>) };
  object[step as string] = placed(
    object[step as string] ?? sample(inner.getFields()[step as string].type),
    inner.getFields()[step as string].type,
    rest,
    value,
  );
  return object;
}

function hostileValues(position: Position): Array<[string, unknown]> {
  const inner = isNonNullType(position.type) ? position.type.ofType : position.type;
  const values: Array<[string, unknown]> = [['wrong type', wrongKind(position.type)]];
  if (isListType(inner)) {
    const limit = listLimitOf(position.key);
    values.push([`${limit + 1} items`, Array.from({ length: limit + 1 }, () => sample(inner.ofType))]);
    return values;
  }
  if (!isScalarType(inner)) return values;
  if (inner.name === 'String' || inner.name === 'ID') {
    values.push(
      ['NUL', 'teh\u0000ran'],
      ['lone surrogate', 'teh\ud800ran'],
      ['right-to-left override', '\u202Enarhet'],
      [
        `${textLimitOf(position.key, position.name) + 1} characters`,
        'a'.repeat(textLimitOf(position.key, position.name) + 1),
      ],
    );
  } else if (inner.name !== 'Int' && inner.name !== 'Float' && inner.name !== 'Boolean') {
    values.push(['NUL', '2015\u0000-11-18']);
  }
  return values;
}

function selectionFor(type: GraphQLNamedType): string {
  return isCompositeType(type) ? '{ __typename }' : '';
}

function literal(argument: GraphQLArgument): string {
  const ast = astFromValue(sample(argument.type), argument.type);
  return ast ? print(ast) : '""';
}

function casesOfField(typeName: string, field: GraphQLField<unknown, unknown>, mutation: boolean): HostileCase[] {
  const wrap = reach[typeName];
  if (!wrap) return [];
  const fieldName = `${typeName}.${field.name}`;
  return field.args.flatMap((argument) =>
    positions(argument.type, [], `${fieldName}(${argument.name})`, argument.name).flatMap((position) =>
      hostileValues(position).map(([label, value]): HostileCase => {
        const others = field.args
          .filter((other) => other !== argument && isNonNullType(other.type) && other.defaultValue === undefined)
          .map((other) => `${other.name}: ${literal(other)}`);
        const call = `${field.name}(${[`${argument.name}: $v`, ...others].join(', ')}) ${selectionFor(getNamedType(field.type))}`;
        const where = position.path.length ? `${argument.name}.${position.path.join('.')}` : argument.name;
        return {
          name: `${fieldName}(${where}): ${label}`,
          field: fieldName,
          query: `${mutation ? 'mutation' : 'query'} Hostile($v: ${String(argument.type)}) { ${wrap(call)} }`,
          variables: { v: placed(sample(argument.type), argument.type, position.path, value) },
          mutation,
        };
      }),
    ),
  );
}

/** Every hostile case the schema yields, in a stable order. */
export function hostileCases(schema: GraphQLSchema): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const typeName of Object.keys(reach).sort()) {
    const type = schema.getType(typeName);
    if (!type || !('getFields' in type) || isInputObjectType(type)) continue;
    for (const field of Object.values(type.getFields()).sort((a, b) => a.name.localeCompare(b.name))) {
      if (
        typeName !== 'Query' &&
        typeName !== 'Mutation' &&
        field.args.every((argument) => argument.name === 'lang' || argument.name === 'calendar') &&
        field.name !== 'name'
      )
        continue;
      cases.push(...casesOfField(typeName, field as GraphQLField<unknown, unknown>, typeName === 'Mutation'));
    }
  }
  return cases;
}
