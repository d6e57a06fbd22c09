import { DocumentNode, Kind, OperationTypeNode, parse, print } from 'graphql';
import { MixQuery } from '../mix';
import { Samples } from '../lib/samples';

/** One distinct live query: a mix query's document made a subscription, with one sample's variables. */
export interface LiveQuery {
  index: number;
  /** The mix query it comes from ("city card"). */
  name: string;
  /** `subscription Name($vars) { live { ...the query's selection... } }`. */
  document: string;
  /** The mix query as it is, for polling it once over HTTP. */
  query: string;
  variables: Record<string, unknown>;
  operationName: string | undefined;
}

/**
 * The query made a live query: the operation becomes a subscription whose one field, `live`,
 * holds the original selection set; variables, directives and fragments stay as they were.
 */
export function liveDocument(query: string): string {
  const parsed = parse(query);
  const document: DocumentNode = {
    ...parsed,
    definitions: parsed.definitions.map((definition) =>
      definition.kind !== Kind.OPERATION_DEFINITION
        ? definition
        : {
            ...definition,
            operation: OperationTypeNode.SUBSCRIPTION,
            selectionSet: {
              kind: Kind.SELECTION_SET,
              selections: [
                {
                  kind: Kind.FIELD,
                  name: { kind: Kind.NAME, value: 'live' },
                  selectionSet: definition.selectionSet,
                },
              ],
            },
          },
    ),
  };
  return print(document);
}

/**
 * `count` distinct live queries spread over the mix in turn (query i of the mix gets samples
 * 0, 1, 2... of its own), skipping a sample whose variables repeat an earlier one (the mix has
 * fewer countries than samples, for instance), so every live query is its own cohort.
 */
export function pickLiveQueries(mix: readonly MixQuery[], samples: Samples, count: number): LiveQuery[] {
  const picked: LiveQuery[] = [];
  const seen = new Set<string>();
  const next = mix.map(() => 0);
  for (let attempts = 0; picked.length < count && attempts < count * 20; attempts++) {
    const which = attempts % mix.length;
    const query = mix[which];
    const variables = query.variables(samples, next[which]++);
    const key = `${query.name} ${JSON.stringify(variables)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    picked.push({
      index: picked.length,
      name: query.name,
      document: liveDocument(query.api),
      query: query.api,
      variables,
      operationName: /^\s*query\s+(\w+)/.exec(query.api)?.[1],
    });
  }
  if (picked.length < count) throw new Error(`only ${picked.length} distinct live queries in the mix's samples`);
  return picked;
}
