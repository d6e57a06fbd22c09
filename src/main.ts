import 'reflect-metadata';
import { ConfigError, loadConfig } from './config';
import { openDatabase } from './open-database';
import { createLogger } from './logger';
import { createServer } from './server';

/** Process entry: config -> database -> server -> signals. */
async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const logger = createLogger(config);
  const database = await openDatabase(config, logger);
  logger.info(
    { database: database.kind, migrationsApplied: database.migrationsApplied, seededRows: database.seededRows },
    'database ready',
  );
  const server = await createServer(config, database, logger);
  logger.info({ url: server.url, startupMs: Date.now() - startedAt }, 'serving GraphQL');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    const { shutdownDrainDelayMs: drainMs, shutdownTimeoutMs: deadlineMs } = config.serving;
    logger.info({ signal, drainMs, deadlineMs }, 'stopping: /readyz fails, serving on through the drain delay');
    // The server cuts requests at the deadline; this guards against a pool that will not close.
    setTimeout(
      () => {
        logger.error('shutdown overran its deadline: exiting now');
        process.exit(1);
      },
      drainMs + deadlineMs + 5000,
    ).unref();
    try {
      await server.stop();
    } finally {
      await database.close();
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((error: unknown) => {
  // A configuration problem is one line naming the variable; anything else keeps its stack.
  process.stderr.write(
    error instanceof ConfigError ? `configuration error: ${error.message}\n` : `${(error as Error)?.stack ?? error}\n`,
  );
  process.exit(1);
});
