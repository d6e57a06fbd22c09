import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../open-database';
import { checkExportTarget, EXPORT_FORMATS, ExportError, exportRegister } from './export-register';

const USAGE = `usage: npm run export -- <file> [--format ${EXPORT_FORMATS.join('|')}]
  .json     the whole register, which \`npm run import -- json <file>\` reads back
  .csv      one row per agreement, for spreadsheets
  .geojson  municipalities as points, agreements as lines, for maps`;

function parseArguments(args: string[]): { file: string; format?: string } {
  const positional: string[] = [];
  let format: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--format') format = args[++index];
    else if (arg.startsWith('--format=')) format = arg.slice('--format='.length);
    else if (arg.startsWith('-')) throw new ExportError(`unknown option ${arg}\n${USAGE}`);
    else positional.push(arg);
  }
  if (positional.length !== 1 || (args.includes('--format') && !format)) throw new ExportError(USAGE);
  return { file: positional[0], format };
}

/**
 * npm run export -- <file>: writes the register of the configured database. On the embedded
 * database, stop the server first: one process at a time owns its data directory.
 */
async function run(): Promise<void> {
  const { file, format } = parseArguments(process.argv.slice(2));
  await checkExportTarget(file, format); // refuse a bad target before starting a database
  // Exporting reads: an empty register is exported empty, not seeded first.
  const database = await openDatabase({ ...loadConfig(), seedWhenEmpty: false });
  try {
    const summary = await exportRegister(database.dataSource, file, format);
    const counts = Object.entries(summary.counts)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ');
    process.stdout.write(`export: wrote ${summary.file} (${summary.format}): ${counts}\n`);
  } finally {
    await database.close();
  }
}

run().catch((error: unknown) => {
  const known = error instanceof ConfigError || error instanceof ExportError;
  const prefix = error instanceof ConfigError ? 'configuration error: ' : 'export: ';
  process.stderr.write(known ? `${prefix}${(error as Error).message}\n` : `${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
});
