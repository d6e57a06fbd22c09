import { createHash } from 'node:crypto';

/**
 * A statement text's stable name: the name it is prepared under on server PostgreSQL
 * (pg_prepared_statements shows it) and the name the slow-statement log gives it, so one
 * can be found from the other, and the same text has the same name in every process.
 */
export function statementName(sql: string): string {
  return `read_${createHash('sha1').update(sql).digest('hex').slice(0, 20)}`;
}

/** The first part of a statement, on one line, for a log: enough to recognise it, never its parameters. */
export function statementExcerpt(sql: string, length = 300): string {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > length ? `${line.slice(0, length)}…` : line;
}
