/**
 * How many rows an UPDATE changed. TypeORM's `query()` answers an UPDATE or DELETE with
 * `[rows, rowCount]` rather than the rows, unlike INSERT and SELECT.
 */
export function updatedRows(result: unknown): number {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[1];
  }
  throw new Error('expected the [rows, rowCount] answer of an UPDATE');
}
