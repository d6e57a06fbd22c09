import { EntityManager } from 'typeorm';
import { apiError, ErrorCode } from '../../common/error-codes';
import { BadUserInputError } from '../../common/errors';
import { SqlParams } from '../../common/sql';
import { ChangePosition, comparePositions, END_OF_COMMIT, parseChangeCursor } from './change-cursor';
import { ChangeRow } from './change.type';

/** Changes per page of the feed; a portal catching up reads page after page. */
export const MAX_CHANGES_PAGE = 100;
export const DEFAULT_CHANGES_PAGE = 50;

/** Which changes a reader follows: all, or those of some record types, or of some municipalities. */
export interface ChangeFilter {
  /** Record type names ("Agreement"); undefined: every type. */
  types?: string[];
  /** Municipality ids; undefined: every change, with or without municipalities. */
  municipalityIds?: string[];
}

export interface ChangePage {
  rows: ChangeRow[];
  /** Where to resume: after the last row, or after everything committed so far when the feed is read to its end. */
  end: ChangePosition;
  hasNextPage: boolean;
}

/** The feed's start: before any change. */
export const FEED_START: ChangePosition = { version: '0', seq: '0' };

/** The page size asked for, or BAD_USER_INPUT naming `first`. */
export function changesPageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_CHANGES_PAGE;
  if (!Number.isInteger(first) || first < 0 || first > MAX_CHANGES_PAGE) {
    throw new BadUserInputError('first', `must be from 0 to ${MAX_CHANGES_PAGE} (got ${first})`);
  }
  return first;
}

/** The cursor's position, or the start; refuses one older than the retention kept (CURSOR_EXPIRED). */
export async function startingPosition(
  manager: EntityManager,
  after: string | null | undefined,
): Promise<ChangePosition> {
  if (after === null || after === undefined) return FEED_START;
  const position = parseChangeCursor(after, 'after');
  const [horizon]: Array<{ version: string; seq: string }> = await manager.query(
    'SELECT compacted_version::text AS version, compacted_seq::text AS seq FROM register_change_horizon',
  );
  if (horizon && comparePositions(position, horizon) < 0) {
    throw apiError(
      ErrorCode.CURSOR_EXPIRED,
      'after: this cursor is older than the changes the feed still keeps (CHANGE_RETENTION_DAYS, 30 by default); resync: take changes(first: 0) { pageInfo { endCursor } } first, read the register again (npm run export, or the queries you sync with), then follow the feed from that cursor',
      { field: 'after' },
    );
  }
  return position;
}

/**
 * One page of committed changes after `from`, in commit order. The register's version is read
 * first: every commit up to it is visible to the page's statement, which runs later, so when
 * the page comes back short the reader may skip to the end of that version without passing a
 * change it has not seen (later commits have higher versions).
 */
export async function readChanges(
  manager: EntityManager,
  from: ChangePosition,
  first: number,
  filter: ChangeFilter,
): Promise<ChangePage> {
  const [{ version: head }]: Array<{ version: string }> = await manager.query(
    'SELECT version::text AS version FROM register_version',
  );
  if (first === 0) return { rows: [], end: later(from, { version: head, seq: END_OF_COMMIT }), hasNextPage: false };
  const params = new SqlParams();
  const conditions = [
    `(c.commit_version, c.audit_seq) > (${params.add(from.version)}::bigint, ${params.add(from.seq)}::bigint)`,
  ];
  if (filter.types) conditions.push(`c.record_type = ANY(${params.add(filter.types)}::text[])`);
  if (filter.municipalityIds) conditions.push(`c.municipality_ids && ${params.add(filter.municipalityIds)}::uuid[]`);
  const rows: ChangeRow[] = await manager.query(
    `SELECT c.commit_version::text AS commit_version, c.audit_seq::text AS audit_seq, c.changed_at, c.action,
            c.record_type, c.record_id::text AS record_id, c.record_version, c.fields, c.municipality_ids::text[] AS municipality_ids
       FROM register_change c
      WHERE ${conditions.join(' AND ')}
      ORDER BY c.commit_version, c.audit_seq
      LIMIT ${params.add(first + 1)}`,
    params.values,
  );
  const hasNextPage = rows.length > first;
  const page = rows.slice(0, first);
  const last = page.length
    ? { version: page[page.length - 1].commit_version, seq: page[page.length - 1].audit_seq }
    : from;
  const end = hasNextPage ? last : later(last, { version: head, seq: END_OF_COMMIT });
  return { rows: page, end, hasNextPage };
}

function later(a: ChangePosition, b: ChangePosition): ChangePosition {
  return comparePositions(a, b) >= 0 ? a : b;
}

/** Municipality ids for slugs (those that name none are left out: a deleted city's changes are still found by id). */
export async function municipalityIdsOf(manager: EntityManager, slugs: string[]): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(
    'SELECT id::text AS id FROM municipality WHERE slug = ANY($1::text[])',
    [slugs],
  );
  return rows.map((row) => row.id);
}
