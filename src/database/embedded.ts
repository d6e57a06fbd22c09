import { Extension, PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { DEFAULT_WORK_MEM } from '../config';

/**
 * The contrib extensions the migrations create. Loaded with require because their typings sit
 * behind package "exports" that `moduleResolution: node` cannot see; at run time the package
 * serves CommonJS builds of them.
 */
function contrib(name: 'btree_gist' | 'pg_trgm' | 'unaccent'): Extension {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(`@electric-sql/pglite/contrib/${name}`) as Record<string, Extension>)[name];
}

/**
 * Connections a pool may open to the embedded database: one. The socket server queues each
 * protocol message on its own, not each client's Parse/Bind/Execute/Sync group, so two
 * connections sending parameterized statements at once interleave: one binds the other's
 * unnamed statement ("portal does not exist", wrong rows). Seen under the load suite's mixed
 * reads and writes; a single connection cannot interleave, and PGlite runs one session at a
 * time anyway, so it costs no parallelism that was real.
 */
export const EMBEDDED_POOL_SIZE = 1;

/** A running embedded PostgreSQL, reachable by `url` like any PostgreSQL server. */
export interface EmbeddedPostgres {
  url: string;
  /** A copy of the whole cluster, loadable with `startEmbeddedPostgres({ load })`. */
  dump(): Promise<Blob>;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Directory that keeps the data across restarts; in memory when absent. */
  dataDirectory?: string;
  /** A dump to start from (from `dump()`), instead of an empty cluster. */
  load?: Blob;
  /** Connections the socket server accepts; it refuses, not queues, any beyond. */
  maxConnections: number;
  /** `work_mem` of the one session (default DEFAULT_WORK_MEM). */
  workMem?: string;
}

/**
 * The embedded database's guard. PGlite runs inside this process and cannot be interrupted
 * (no statement_timeout: there are no timers inside WebAssembly), so it is bounded by size
 * instead: work_mem per sort or hash, and a cap on the temporary files a statement may write.
 * The arguments' bounds (src/limits/argument-limits.ts) keep every statement small anyway.
 */
function guardSettings(workMem: string): string[] {
  // Added to PGlite's own start parameters (a configuration file of ours would replace the
  // one initdb wrote, time zone and date style included).
  return [
    ...PGlite.defaultStartParams,
    '-c',
    `work_mem=${workMem}`,
    '-c',
    `temp_file_limit=${EMBEDDED_TEMP_FILE_LIMIT}`,
  ];
}

export const EMBEDDED_TEMP_FILE_LIMIT = '1GB';

/**
 * PGlite (PostgreSQL compiled to WebAssembly) behind its socket server on a loopback port,
 * so that the application reaches it through the ordinary `pg` driver: one code path for
 * embedded and server PostgreSQL. The typeorm-pglite driver was tried and rejected: under
 * concurrent transactions it committed rows of rolled-back ones (see STACK-NOTES.md).
 *
 * PGlite runs one PostgreSQL session for all connections: an open transaction makes the
 * others wait, and session settings are shared. The application never relies on either.
 */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const db = await PGlite.create({
    dataDir: options.dataDirectory,
    loadDataDir: options.load,
    startParams: guardSettings(options.workMem ?? DEFAULT_WORK_MEM),
    extensions: { btree_gist: contrib('btree_gist'), pg_trgm: contrib('pg_trgm'), unaccent: contrib('unaccent') },
  });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres`,
    dump: () => db.dumpDataDir('none'),
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
