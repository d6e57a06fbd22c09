import { ValueTransformer } from 'typeorm';

/**
 * `bigint` columns arrive as text from `pg` (to keep 64-bit values whole) and as numbers from
 * JSON (reads combined into one statement aggregate their rows with `json_agg`; a value over
 * 2^53 would lose precision there, and ours, GeoNames ids and sequence numbers, stay far
 * below). These give the entity one type whichever way the row came.
 */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

export const bigintAsText: ValueTransformer = {
  to: (value: string | null) => value,
  from: (value: string | number | null) => (value === null ? null : String(value)),
};

/** Kept in common/ with the record times every Node has; exported here beside its kin. */
export { timestampAsDate } from '../common/record-times';
