import { GraphQLError } from 'graphql';

/** Refused input, named by its argument the way the rest of the API names fields. */
export function badInput(argument: string, message: string): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field: argument } });
}

/**
 * Graph questions are bounded by the number of hops: beyond a few, the answer is most of the
 * register and the cost grows with it, so larger values are refused rather than served slowly.
 */
export function requireHops(argument: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw badInput(argument, `must be a whole number from 1 to ${max} (got ${value})`);
  }
  return value;
}
