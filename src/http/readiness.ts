import { DataSource } from 'typeorm';
import { migrationsCurrent } from '../database/migrate';

export interface Readiness {
  ready: boolean;
  database: boolean;
  migrations: boolean;
  stopping: boolean;
}

/**
 * Ready means: not shutting down, the database answers, and every migration this code knows
 * is applied. Bounded in time, so a load balancer's probe never hangs on a dead database.
 */
export async function checkReadiness(dataSource: DataSource, stopping: boolean, timeoutMs: number): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('readiness check timed out')), timeoutMs);
  });
  try {
    const migrations = await Promise.race([dataSource.query('SELECT 1').then(() => migrationsCurrent(dataSource)), timeout]);
    return { ready: migrations && !stopping, database: true, migrations, stopping };
  } catch {
    return { ready: false, database: false, migrations: false, stopping };
  } finally {
    clearTimeout(timer);
  }
}
