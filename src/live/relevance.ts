import {
  DocumentNode,
  getNamedType,
  GraphQLNamedType,
  GraphQLSchema,
  isCompositeType,
  isObjectType,
  TypeInfo,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import { DataSource } from 'typeorm';
import { recordTypeNamed, recordTypeNames } from '../write/records';

/** The record types whose changes may alter a live query's answer; 'everything' when it cannot tell. */
export type Reach = ReadonlySet<string> | 'everything';

/**
 * Object types that are not record types but are read from known records' rows, and the record
 * types whose notices name their changes (a signatory is a row its agreement owns, so a change
 * to it is an Agreement change). Any object type not here and not a record type (Partner,
 * Activity, stats, timeline entries, search results, the Node interface...) is computed over
 * several tables: a query reaching it depends on everything. A missed update is a bug; an
 * extra execution only costs, so add a type here only when every table it reads is named.
 */
const READ_FROM: Record<string, string[]> = {
  PageInfo: [],
  LocalizedText: [],
  Signatory: ['Agreement', 'Municipality', 'Organization', 'Person'],
  StatusChange: ['Agreement'],
  DelegationMember: ['Delegation', 'Person'],
};

/**
 * Which record types a live query (a query document: the live field's selection and the
 * fragments) reads. A field of a record type counts for that type when it is a column or a
 * relation of its entity; a scalar computed by a field resolver (last activity, counts,
 * confidence) reads other tables and makes it depend on everything, as does any scalar on the
 * Query root. A connection or edge counts as its node type.
 */
export function recordTypesReached(schema: GraphQLSchema, document: DocumentNode, dataSource: DataSource): Reach {
  const known = new Set(recordTypeNames());
  const reached = new Set<string>();
  let everything = false;
  const typeInfo = new TypeInfo(schema);
  const reachType = (type: GraphQLNamedType): void => {
    const node = nodeTypeOf(type);
    if (known.has(node.name)) reached.add(node.name);
    else if (READ_FROM[node.name]) READ_FROM[node.name].forEach((name) => reached.add(name));
    else everything = true;
  };
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!parent || !field || node.name.value.startsWith('__')) return;
        const type = getNamedType(field.type);
        if (isCompositeType(type)) return reachType(type);
        if (known.has(parent.name) && isStored(dataSource, parent.name, field.name)) return;
        if (READ_FROM[parent.name] !== undefined) return;
        if (isConnectionOrEdge(parent)) return reachType(parent);
        everything = true;
      },
    }),
  );
  return everything ? 'everything' : reached;
}

/** Whether a notice naming these types (null: unknown, any) may concern a query with this reach. */
export function concerns(reach: Reach, types: string[] | null): boolean {
  if (reach === 'everything' || types === null) return true;
  const known = new Set(recordTypeNames());
  // A type the registry does not know (a newer writer's) may be anything.
  return types.some((type) => reach.has(type) || !known.has(type));
}

function isStored(dataSource: DataSource, typeName: string, field: string): boolean {
  const metadata = dataSource.getMetadata(recordTypeNamed(typeName).target);
  return (
    metadata.columns.some((column) => column.propertyName === field) ||
    metadata.relations.some((relation) => relation.propertyName === field)
  );
}

function isConnectionOrEdge(type: GraphQLNamedType): boolean {
  return isObjectType(type) && /(Connection|Edge)$/.test(type.name);
}

/** A connection's or an edge's node type (`AgreementConnection` -> Agreement); any other type itself. */
function nodeTypeOf(type: GraphQLNamedType): GraphQLNamedType {
  if (!isConnectionOrEdge(type) || !isObjectType(type)) return type;
  const fields = type.getFields();
  const inner = fields.node ?? fields.nodes ?? fields.edges;
  return inner ? nodeTypeOf(getNamedType(inner.type)) : type;
}
