/**
 * A position in PostgreSQL's write-ahead log, as PostgreSQL prints a `pg_lsn` ("16/B374D848":
 * two hexadecimal halves of a 64-bit byte offset). Mutations hand the commit's position to
 * clients as their consistency token; a replica has a commit once it has replayed past it.
 */
const LSN_TEXT = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;

/** The position as a number to compare; undefined when `text` is not a WAL position. */
export function parseWalPosition(text: string): bigint | undefined {
  const match = LSN_TEXT.exec(text);
  if (!match) return undefined;
  return (BigInt(`0x${match[1]}`) << 32n) | BigInt(`0x${match[2]}`);
}

/** The position as PostgreSQL prints it (upper-case halves, no leading zeros). */
export function formatWalPosition(position: bigint): string {
  return `${(position >> 32n).toString(16).toUpperCase()}/${(position & 0xffffffffn).toString(16).toUpperCase()}`;
}
