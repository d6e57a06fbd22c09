import { DataSource } from 'typeorm';
import { migrationsCurrent } from '../database/migrate';
import { isDatabaseUnavailable } from '../database/errors';

export interface Readiness {
  ready: boolean;
  database: boolean;
  migrations: boolean;
  stopping: boolean;
  /** Why the server is not ready; absent when it is. */
  reason?: string;
}

/**
 * The longest a readiness check waits for the database: below the 1 s a Kubernetes probe
 * waits by default, so a dead or blackholed database reads as "not ready" with its reason
 * rather than as a probe that timed out (which says nothing about why).
 */
export const READINESS_TIMEOUT_MS = 800;

class ReadinessTimeout extends Error {}

/**
 * Ready means: not shutting down, the database answers, and every migration this code knows
 * is applied. Bounded in time, so a load balancer's probe never hangs on a dead database.
 * The reasons name the failure without its details (addresses, SQL): the endpoint is public.
 */
export async function checkReadiness(dataSource: DataSource, stopping: boolean, timeoutMs: number): Promise<Readiness> {
  const waitMs = Math.min(timeoutMs, READINESS_TIMEOUT_MS);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ReadinessTimeout()), waitMs);
  });
  try {
    const migrations = await Promise.race([
      dataSource.query('SELECT 1').then(() => migrationsCurrent(dataSource)),
      timeout,
    ]);
    const reason = stopping ? 'shutting down' : migrations ? undefined : 'migrations pending';
    return { ready: migrations && !stopping, database: true, migrations, stopping, ...(reason && { reason }) };
  } catch (error) {
    // Shutting down is the reason that holds whatever the database does: the process is leaving.
    const reason = stopping ? 'shutting down' : failure(error, waitMs);
    return { ready: false, database: false, migrations: false, stopping, reason };
  } finally {
    clearTimeout(timer);
  }
}

function failure(error: unknown, waitMs: number): string {
  if (error instanceof ReadinessTimeout) return `database did not answer within ${waitMs} ms`;
  return isDatabaseUnavailable(error) ? 'database unreachable' : 'database check failed';
}
