import { ObjectLiteral } from 'typeorm';

/**
 * What the write layer needs to know of a record type: its entity and table, the rows it owns
 * in other tables (parties, members, citations...), which belong in the record's audit
 * snapshot ("which sources did this visit cite before the change" is an audit question too),
 * and how the municipalities taking part in it are found for scope checks. The record types
 * themselves are listed in modules/record-types.ts, the one registry of them, which hands them
 * to this layer (registerRecordTypes).
 */
export interface RecordType {
  /** The entity class; its name is the GraphQL type, the global id's type and the audit log's record_type. */
  target: new () => ObjectLiteral;
  /** From the entity's `@Entity` metadata, never written by hand. */
  table: string;
  /** SQL for a jsonb array over $1, the record's id, in a stable order, by link name. */
  links: Record<string, string>;
  /**
   * The citation column that points at a record of the type, for those sources can support:
   * the source module finds a citation's record by it, and its link `sources` (citedSources)
   * lists the sources the record cites.
   */
  citedBy?: string;
  /** Columns never copied into the audit log. */
  secret?: string[];
  /**
   * Entities of the rows a record of the type owns that have no global id of their own (an
   * agreement's signatories and status history): the data source must know them too.
   */
  rows?: Array<new () => ObjectLiteral>;
  /**
   * SQL of (record id, municipality id) rows for the ids in $1 (auth/scope.ts applies the rule).
   * Without it, only a key without scope may change an existing record of the type.
   */
  participants?: string;
  /** Any scoped key may create one (a portal adds the people it sends and the articles it cites). */
  shared?: boolean;
  /**
   * A scoped key may create one outside its scope (a portal adds the foreign city its mayor
   * signed with); changing it later still takes a key whose scope it is in.
   */
  anyKeyCreates?: boolean;
  /**
   * A condition on the record's row `t` under which other records may not refer to it yet (a
   * proposed cooperation area), and why: `requireRecords` refuses it as NOT_ACCEPTED.
   */
  notYetUsable?: { condition: string; reason: string };
  /** Whether `node(id:)` finds it; API keys are not Nodes. */
  node: boolean;
}

/** A link of the citations the record's column points at: the sources it cites. */
export const citedSources = (column: string) =>
  `SELECT coalesce(jsonb_agg(source_id ORDER BY source_id), '[]') FROM citation WHERE ${column} = $1`;

/** A link of the ids in one column of a table, for the owner's id in another. */
export const linkedIds = (column: string, table: string, owner: string) =>
  `SELECT coalesce(jsonb_agg(${column} ORDER BY ${column}), '[]') FROM ${table} WHERE ${owner} = $1`;

/**
 * One statement for the records in $1 (uuid[]): each row as it is, and as `_snapshot` its audit
 * snapshot: the row without secrets, nor the timestamps (which the audit entry has itself),
 * and its links. No row for a record that does not exist. The links' $1 becomes the row's id.
 */
export function snapshotsSql(type: RecordType): string {
  // Built once per record type: every write reads snapshots, and the text never changes.
  let sql = snapshotStatements.get(type);
  if (sql === undefined) {
    sql = buildSnapshotsSql(type);
    snapshotStatements.set(type, sql);
  }
  return sql;
}

const snapshotStatements = new WeakMap<RecordType, string>();

function buildSnapshotsSql({ table, links, secret = [] }: RecordType): string {
  const hidden = ['created_at', 'updated_at', ...secret].map((column) => ` - '${column}'`).join('');
  const parts = Object.entries(links).map(([name, sql]) => `'${name}', (${sql.replaceAll('$1', 't.id')})`);
  const linked = parts.length ? ` || jsonb_build_object(${parts.join(', ')})` : '';
  return `SELECT t.*, (to_jsonb(t)${hidden})${linked} AS _snapshot FROM ${table} t WHERE t.id = ANY($1::uuid[])`;
}

/** A record type's name: the GraphQL type, the global id's type and the audit log's record_type ("Visit"). */
export type RecordTypeName = string;

const registered = new Map<RecordTypeName, RecordType>();

/**
 * Hands the write layer the record types (modules/record-types.ts calls it once, when it is
 * first imported): write/ sits below the modules and must not import them, yet locks, audits
 * and scope checks need each type's table, links and participants.
 */
export function registerRecordTypes(types: Record<RecordTypeName, RecordType>): void {
  for (const [name, type] of Object.entries(types)) registered.set(name, type);
}

/** The registered record type of that name; an unknown name is a programming error. */
export function recordTypeNamed(name: RecordTypeName): RecordType {
  const type = registered.get(name);
  if (!type) throw new Error(`no record type ${name} is registered (modules/record-types.ts lists them)`);
  return type;
}

/** The names of every registered record type (any of them may be changed by a ChangeInput). */
export function recordTypeNames(): RecordTypeName[] {
  return [...registered.keys()];
}

/** Every registered record type (the source module looks among them for the one a citation points at). */
export function registeredRecordTypes(): RecordType[] {
  return [...registered.values()];
}
