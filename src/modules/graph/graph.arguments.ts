import { BadUserInputError } from '../../common/errors';

/**
 * Graph questions are bounded by the number of hops: beyond a few, the answer is most of the
 * register and the cost grows with it, so larger values are refused rather than served slowly.
 */
export function requireHops(argument: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new BadUserInputError(argument, `must be a whole number from 1 to ${max} (got ${value})`);
  }
  return value;
}
