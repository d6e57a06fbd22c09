import { EntityManager } from 'typeorm';

/** How often a server process compacts the feed; any process may, one at a time. */
const COMPACTION_INTERVAL_MS = 60 * 60 * 1000;

/** Key of the advisory lock that lets one process at a time compact. */
const COMPACTION_LOCK = 1_765_001_000;

/**
 * Deletes the changes older than the retention, whole commits at a time, and moves the
 * horizon to the last position deleted, in one transaction: a cursor before the horizon is
 * then refused (CURSOR_EXPIRED) instead of reading a feed with a hole in it. Returns the
 * number of changes deleted (0 when another process holds the lock).
 */
export async function compactChanges(manager: EntityManager, retentionDays: number): Promise<number> {
  return manager.transaction(async (tx) => {
    const [{ locked }] = await tx.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [COMPACTION_LOCK]);
    if (!locked) return 0;
    const rows: Array<{ deleted: string }> = await tx.query(
      `WITH cutoff AS (
         SELECT max(commit_version) AS version FROM register_change
          WHERE changed_at < now() - make_interval(days => $1) AND commit_version IS NOT NULL
       ), deleted AS (
         DELETE FROM register_change c USING cutoff WHERE c.commit_version <= cutoff.version
         RETURNING c.commit_version, c.audit_seq
       ), last AS (
         SELECT commit_version, audit_seq FROM deleted ORDER BY commit_version DESC, audit_seq DESC LIMIT 1
       ), moved AS (
         UPDATE register_change_horizon h SET compacted_version = last.commit_version,
                compacted_seq = last.audit_seq, compacted_at = now()
           FROM last RETURNING 1
       )
       SELECT (SELECT count(*) FROM deleted)::text AS deleted, (SELECT count(*) FROM moved) AS moved`,
      [retentionDays],
    );
    return Number(rows[0].deleted);
  });
}

/** Compacts now and then every hour, until the returned function is called. */
export function startChangeCompaction(
  manager: EntityManager,
  retentionDays: number,
  onError: (error: unknown) => void,
): () => void {
  const run = () => void compactChanges(manager, retentionDays).catch(onError);
  run();
  const timer = setInterval(run, COMPACTION_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
