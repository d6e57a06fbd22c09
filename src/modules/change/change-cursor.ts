import { BadUserInputError } from '../../common/errors';

/** A place in the feed: after the change with this commit version and audit sequence number. */
export interface ChangePosition {
  version: string;
  seq: string;
}

/** After everything: a sequence number beyond any change of the commit (a position at a commit's end). */
export const END_OF_COMMIT = '9223372036854775807';

const POSITION = /^(0|[1-9]\d{0,18})\.(0|[1-9]\d{0,18})$/;
const INT8_MAX = 2n ** 63n - 1n;

/** Opaque to clients (base64url of "version.seq"), validated on the way back. */
export function changeCursor(position: ChangePosition): string {
  return Buffer.from(`${position.version}.${position.seq}`, 'utf8').toString('base64url');
}

/** The position a cursor names; BAD_USER_INPUT naming `field` for anything this feed did not make. */
export function parseChangeCursor(cursor: string, field: string): ChangePosition {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
  const match = POSITION.exec(text);
  if (!match || BigInt(match[1]) > INT8_MAX || BigInt(match[2]) > INT8_MAX) {
    throw new BadUserInputError(field, 'is not a cursor of the change feed');
  }
  return { version: match[1], seq: match[2] };
}

/** -1, 0 or 1 as `a` is before, at or after `b`. */
export function comparePositions(a: ChangePosition, b: ChangePosition): number {
  const [av, as, bv, bs] = [a.version, a.seq, b.version, b.seq].map(BigInt);
  if (av !== bv) return av < bv ? -1 : 1;
  return as === bs ? 0 : as < bs ? -1 : 1;
}
