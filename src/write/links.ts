import { ArrayMaxSize, ArrayMinSize, ArrayUnique } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ChangeInput } from './payloads';
import { IsGlobalId } from './validation';
import { databaseId, MutationTransaction } from './transaction';
import { RecordTypeName } from './records';
import { UserErrorCode, UserInputError } from '../common/errors';
import { insertLinks } from '../database/link-rows';

/**
 * Adding and removing the records a record owns links to (a visit's counterparts, an
 * agreement's parties): one input shape and one service for all of them. A link change is a
 * change of the owner: it needs the owner's version, bumps it, and is audited on the owner.
 */
export interface LinkSpec {
  owner: RecordTypeName;
  linked: RecordTypeName;
  /** The link table, its column naming the owner and the one naming the linked record. */
  table: string;
  ownerColumn: string;
  linkedColumn: string;
  /** The input's list field ("personIds"). */
  field: string;
  /** Keeps what depends on the links in step (an agreement's party_key), before the audit. */
  afterChange?: (tx: MutationTransaction, ownerId: string) => Promise<void>;
}

export type LinkInputShape = ChangeInput & Record<string, unknown>;

/** `<Name>Input { id, version, <field>: [ID!]! }` for a link spec. */
export function LinkInput(name: string, spec: LinkSpec, what: string) {
  @InputType(`${name}Input`, { description: `The ${spec.owner} (id and version read) and the ${what}.` })
  class LinkInputType extends ChangeInput {}
  Field(() => [ID], { name: spec.field, description: `Global ids of the ${what}; at least one, each once.` })(
    LinkInputType.prototype,
    spec.field,
  );
  for (const decorate of [ArrayMinSize(1), ArrayMaxSize(100), ArrayUnique(), IsGlobalId(spec.linked, { each: true })]) {
    decorate(LinkInputType.prototype, spec.field);
  }
  return LinkInputType;
}

/**
 * Adds links; a record linked already is refused (DUPLICATE), naming its index in the list.
 * `values` fills further columns of the new links (a signatory's role), from the service.
 */
export function addLinks<T extends object>(
  tx: MutationTransaction,
  spec: LinkSpec,
  input: LinkInputShape,
  values: Record<string, unknown> = {},
): Promise<T> {
  return changeLinks<T>(tx, spec, input, async (ownerId, ids) => {
    await tx.requireRecords(spec.linked, ids, ['input', spec.field]);
    const present = await linked(tx, spec, ownerId, ids);
    if (present.size)
      throw listErrors(
        spec,
        ids,
        (id) => present.has(id),
        `is already linked to this ${spec.owner}`,
        UserErrorCode.DUPLICATE,
      );
    await insertLinks(tx.manager, spec.table, spec.ownerColumn, spec.linkedColumn, ownerId, ids, values);
  });
}

/** Removes links; a record that is not linked is refused (NOT_FOUND), naming its index. */
export function removeLinks<T extends object>(
  tx: MutationTransaction,
  spec: LinkSpec,
  input: LinkInputShape,
): Promise<T> {
  return changeLinks<T>(tx, spec, input, async (ownerId, ids) => {
    const present = await linked(tx, spec, ownerId, ids);
    if (present.size < ids.length)
      throw listErrors(
        spec,
        ids,
        (id) => !present.has(id),
        `is not linked to this ${spec.owner}`,
        UserErrorCode.NOT_FOUND,
      );
    await tx.manager.query(
      `DELETE FROM ${spec.table} WHERE ${spec.ownerColumn} = $1 AND ${spec.linkedColumn} = ANY($2::uuid[])`,
      [ownerId, ids],
    );
  });
}

/**
 * What adding and removing share: the owner locked at the version read, the links changed, then
 * what depends on them kept in step, the owner's version bumped and the change audited on it.
 */
async function changeLinks<T extends object>(
  tx: MutationTransaction,
  spec: LinkSpec,
  input: LinkInputShape,
  change: (ownerId: string, ids: string[]) => Promise<void>,
): Promise<T> {
  const ownerId = databaseId(input.id);
  const ids = (input[spec.field] as string[]).map(databaseId);
  const before = await tx.lock(spec.owner, ownerId, input.version);
  await change(ownerId, ids);
  await spec.afterChange?.(tx, ownerId);
  await tx.touch(spec.owner, ownerId);
  return tx.changed<T & { id: string }>(spec.owner, ownerId, before);
}

async function linked(tx: MutationTransaction, spec: LinkSpec, ownerId: string, ids: string[]): Promise<Set<string>> {
  const rows: Array<{ id: string }> = await tx.manager.query(
    `SELECT ${spec.linkedColumn} AS id FROM ${spec.table} WHERE ${spec.ownerColumn} = $1 AND ${spec.linkedColumn} = ANY($2::uuid[])`,
    [ownerId, ids],
  );
  return new Set(rows.map((row) => row.id));
}

function listErrors(
  spec: LinkSpec,
  ids: string[],
  failing: (id: string) => boolean,
  message: string,
  code: UserErrorCode,
) {
  return new UserInputError(
    ids.flatMap((id, index) => (failing(id) ? [{ field: ['input', spec.field, String(index)], message, code }] : [])),
  );
}
