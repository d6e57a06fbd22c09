import { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** The fields of a selection set, fragments opened (their type conditions are the caller's to know). */
function fieldsOf(set: SelectionSetNode | undefined, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  if (!set) return [];
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, fragments);
    return fieldsOf(fragments[selection.name.value]?.selectionSet, fragments);
  });
}

/**
 * The fields asked for under `path` (field names, not aliases) below the field being
 * resolved: `subfields(info, ['municipality'])` in `network` gives the fields selected on each
 * entry's municipality, in every occurrence of the field (GraphQL merges them).
 */
export function subfields(info: GraphQLResolveInfo, path: readonly string[]): FieldNode[] {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    level = level
      .flatMap((node) => fieldsOf(node.selectionSet, info.fragments))
      .filter((field) => field.name.value === name);
  }
  return level.flatMap((node) => fieldsOf(node.selectionSet, info.fragments));
}

/**
 * The columns of `target`'s table that `fields` need, or null when one of them needs more
 * than the columns can tell (then the caller selects every column). A field mapped to a
 * column by the entity answers from that column; `resolved` names what the other fields
 * read (`name` reads `names`); any other field gives null. The id is always selected.
 *
 * Hot lists of many rows (a network of thousands of municipalities) select only these:
 * at 6,701 entries, all columns cost 150 ms of reading and parsing, id and slug 70 ms.
 */
export function selectedColumns<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  fields: readonly FieldNode[],
  resolved: Readonly<Record<string, readonly string[]>>,
): string[] | null {
  const metadata = manager.connection.getMetadata(target);
  const columns = new Set<string>(['id']);
  for (const field of fields) {
    const name = field.name.value;
    if (name === '__typename') continue;
    const column = metadata.columns.find((candidate) => candidate.propertyName === name);
    const needed = resolved[name] ?? (column ? [column.databaseName] : undefined);
    if (!needed) return null;
    for (const each of needed) columns.add(each);
  }
  return [...columns].sort();
}
