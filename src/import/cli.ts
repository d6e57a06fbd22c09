import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../open-database';
import { ImportFileError } from './csv-file';
import { RegisterFileError, RegisterImportError } from './register/import-register';
import { describeReport, ImportReport, writeReport } from './report';
import { checkImportFile, IMPORT_KINDS, ImportKind, runImport } from './run-import';

const USAGE = `usage: npm run import -- <${IMPORT_KINDS.join('|')}> <file> [--report <path>]`;

class UsageError extends Error {}

function parseArguments(argv: string[]): { kind: ImportKind; file: string; report?: string } {
  const positional: string[] = [];
  let report: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    if (argv[index] === '--report') {
      report = argv[++index];
      if (!report) throw new UsageError('--report needs a path');
    } else if (argv[index].startsWith('--report=')) {
      report = argv[index].slice('--report='.length);
    } else {
      positional.push(argv[index]);
    }
  }
  const [kind, file, ...rest] = positional;
  if (!IMPORT_KINDS.includes(kind as ImportKind)) throw new UsageError(`unknown kind "${kind ?? ''}"`);
  if (!file || rest.length > 0) throw new UsageError('give exactly one file');
  return { kind: kind as ImportKind, file, report };
}

/**
 * npm run import -- <kind> <file> [--report path]: imports into the configured database (the
 * embedded one in DATA_DIR when DATABASE_URL is unset: stop the server first, PGlite serves
 * one process). Prints the report and writes it as JSON.
 */
async function run(): Promise<void> {
  const { kind, file, report: reportPath } = parseArguments(process.argv.slice(2));
  // A register export brings its own founding records: seeding a new database first would
  // put the seed's rows in the way of the file's.
  const config = { ...loadConfig(), ...(kind === 'json' ? { seedWhenEmpty: false } : {}) };
  await checkImportFile(kind, file);
  const database = await openDatabase(config);
  try {
    const report = await runImport(database.dataSource, kind, file, { progress: true });
    const lines = kind === 'json' ? [JSON.stringify(report, null, 2)] : describeReport(report as ImportReport);
    const written = await writeReport(report, file, reportPath);
    process.stdout.write(`${lines.join('\n')}\nreport written to ${written}\n`);
  } finally {
    await database.close();
  }
}

run().catch((error: unknown) => {
  if (error instanceof UsageError) process.stderr.write(`import: ${error.message}\n${USAGE}\n`);
  else if (error instanceof ConfigError) process.stderr.write(`configuration error: ${error.message}\n`);
  else if (error instanceof ImportFileError || error instanceof RegisterFileError) {
    process.stderr.write(`import: ${error.message}; nothing was written\n`);
  } else if (error instanceof RegisterImportError) process.stderr.write(`import: ${error.message}\n`);
  else process.stderr.write(`import failed: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
