import { DatePrecision, partialDateEnd } from '../../common/dates';
import { UserErrorCode, UserInputError } from '../../common/errors';
import { insertLinks } from '../../database/link-rows';
import { LinkSpec } from '../../write/links';
import { multilingual } from '../../write/payloads';
import { storedDate } from '../../write/validation';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { Position } from './position.entity';
import { CreatePositionInput, UpdatePositionInput } from './position.input';

/**
 * Writes of positions (offices other than the mayoralty). Every function runs inside a
 * mutation's transaction (see write/mutation.ts).
 *
 * An office is held in a municipality or in one of its bodies, so that municipality takes part
 * in it (modules/record-types.ts): a Tehran portal records, changes and ends the offices of
 * Tehran and of its city council, not Moscow's, nor those in a body of no city (an embassy),
 * which unscoped keys keep. The person stays shared: the office is a record of its own. Ending
 * an office is an update of `until`; delete is for a position recorded in error (the audit log keeps it).
 */
export const positionSources: LinkSpec = {
  owner: 'Position',
  linked: 'Source',
  table: 'citation',
  ownerColumn: 'person_position_id',
  linkedColumn: 'source_id',
  field: 'sourceIds',
};

export async function createPosition(tx: MutationTransaction, input: CreatePositionInput): Promise<Position> {
  const personId = databaseId(input.personId);
  const municipalityId = input.municipalityId ? databaseId(input.municipalityId) : null;
  const organizationId = input.organizationId ? databaseId(input.organizationId) : null;
  if ((municipalityId === null) === (organizationId === null)) {
    throw UserInputError.of(
      ['input', 'municipalityId'],
      'give exactly one of municipalityId and organizationId',
      UserErrorCode.INVALID,
    );
  }
  await tx.requireRecord('Person', personId, ['input', 'personId']);
  if (municipalityId) await tx.requireRecord('Municipality', municipalityId, ['input', 'municipalityId']);
  if (organizationId) await tx.requireRecord('Organization', organizationId, ['input', 'organizationId']);
  const sources = input.sourceIds.map(databaseId);
  await tx.requireRecords('Source', sources, ['input', 'sourceIds']);
  const since = storedDate(input.since ?? null, input.calendar);
  const until = storedDate(input.until ?? null, input.calendar);
  const [{ id }] = await tx.manager.query(
    `INSERT INTO person_position (person_id, titles, municipality_id, organization_id, since, since_precision, until, until_precision)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      personId,
      JSON.stringify(multilingual(input.titles)),
      municipalityId,
      organizationId,
      since.date,
      since.precision,
      until.date,
      until.precision,
    ],
  );
  await insertLinks(tx.manager, 'citation', 'person_position_id', 'source_id', id, sources);
  return tx.created<Position>('Position', id);
}

export async function updatePosition(tx: MutationTransaction, input: UpdatePositionInput): Promise<Position> {
  const id = databaseId(input.id);
  const before = await tx.lock('Position', id, input.version);
  const since = storedDate(input.since, input.calendar);
  const until = storedDate(input.until, input.calendar);
  // Either side may change while the other stays as stored, which the input's NotBefore cannot
  // see; the database's check has no name to map, so the order is checked here.
  const start = since.date !== undefined ? since.date : (before.since as string | null);
  const end =
    until.date !== undefined
      ? until
      : { date: before.until as string | null, precision: before.until_precision as DatePrecision | null };
  if (start && end.date && partialDateEnd({ date: end.date, precision: end.precision! }) < start) {
    const field = input.until === undefined ? 'since' : 'until';
    throw UserInputError.of(
      ['input', field],
      `the position would end (${end.date}) before it began (${start})`,
      UserErrorCode.DATES_OUT_OF_ORDER,
    );
  }
  await tx.update('Position', id, {
    titles: input.titles ? JSON.stringify(multilingual(input.titles)) : undefined,
    since: since.date,
    since_precision: since.precision,
    until: until.date,
    until_precision: until.precision,
  });
  return tx.changed<Position>('Position', id, before);
}

export async function deletePosition(tx: MutationTransaction, input: { id: string; version: number }): Promise<null> {
  const id = databaseId(input.id);
  const before = await tx.lock('Position', id, input.version);
  await tx.manager.query('DELETE FROM person_position WHERE id = $1', [id]);
  await tx.deleted('Position', id, before);
  return null;
}
