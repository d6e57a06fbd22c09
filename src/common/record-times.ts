import { GraphQLDateTime } from 'graphql-scalars';
import { ArgsType, Field } from 'type-graphql';
import type { ValueTransformer } from 'typeorm';
import { BadUserInputError } from './errors';
import { SqlParams } from './sql';

/** `timestamptz` as a Date: `pg` parses it, JSON carries it as an ISO 8601 string. */
export const timestampAsDate: ValueTransformer = {
  to: (value: Date | null) => value,
  from: (value: Date | string | null) => (value === null || value instanceof Date ? value : new Date(value)),
};

/**
 * What `updatedSince` means wherever a list takes it. A write stamps the moment its
 * transaction began, so a portal that syncs asks from a little before its last sync.
 */
export const UPDATED_SINCE_DESCRIPTION =
  'Only records created or changed at or after this moment (their `updatedAt`), as RFC 3339 ' +
  '("2026-01-31T09:00:00Z"): what a portal asks for to catch up since its last sync.';

/** The field of a list's filter input: `updatedSince: DateTime`. */
export const UpdatedSinceField = (): PropertyDecorator =>
  Field(() => GraphQLDateTime, { nullable: true, description: UPDATED_SINCE_DESCRIPTION });

/** The `updatedSince:` argument of a top-level list without a filter input. */
@ArgsType()
export class UpdatedSinceArgs {
  @UpdatedSinceField()
  updatedSince?: Date | null;
}

/**
 * The moments `updatedSince` accepts: four-digit years in UTC. DateTime lets through year 0000
 * and offsets that carry 9999-12-31 into year 10000, which PostgreSQL refuses.
 */
export const UPDATED_SINCE_RANGE = { first: '0001-01-01T00:00:00.000Z', last: '9999-12-31T23:59:59.999Z' };

/**
 * The condition on `alias.updated_at`, or none; an index on updated_at serves it. A filter
 * that went through a loader's key arrives as JSON, its moment as text. `field` names the
 * argument in the error for a moment out of range.
 */
export function updatedSinceConditions(
  since: Date | string | null | undefined,
  params: SqlParams,
  alias: string,
  field: string,
): string[] {
  if (since === null || since === undefined) return [];
  const moment = new Date(since).toISOString();
  if (moment < UPDATED_SINCE_RANGE.first || moment > UPDATED_SINCE_RANGE.last || moment.startsWith('+')) {
    throw new BadUserInputError(
      field,
      `${moment} is out of range: give a moment from ${UPDATED_SINCE_RANGE.first} to ${UPDATED_SINCE_RANGE.last} (UTC)`,
    );
  }
  return [`${alias}.updated_at >= ${params.add(moment)}::timestamptz`];
}
