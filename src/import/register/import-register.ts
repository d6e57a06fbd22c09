import { access } from 'node:fs/promises';
import { DataSource, EntityManager } from 'typeorm';
import { REGISTER_TABLES, registerColumns, Section, SECTIONS } from '../../export/register-format';
import { RecordRows, recordRows } from './records';
import { readRegisterFile, RegisterFileError, RegisterHeaderRead } from './register-file';
import { setReferences, TableCounts, emptyCounts } from './upsert';
import { BatchContext, writeBatch } from './write-batch';

export { RegisterFileError } from './register-file';

/** Records per transaction. */
export const IMPORT_BATCH_SIZE = 500;

export interface ImportRegisterOptions {
  /** Records per transaction (IMPORT_BATCH_SIZE). */
  batchSize?: number;
}

/** A batch the database refused; the batches before it are committed, this one is not. */
export class RegisterImportError extends Error {
  override readonly name = 'RegisterImportError';
}

/**
 * Reads a register export (`npm run export -- file.json`) into the database so that the
 * register holds exactly what the file holds: ids are kept, a record already present with the
 * same values is left untouched, one with other values is overwritten, and nothing is deleted.
 * Running it again therefore changes nothing, and the report says so.
 *
 * The file is read twice, a record at a time: first to check it whole (header, JSON, fields)
 * without writing anything, then to write it in batches of IMPORT_BATCH_SIZE records, each in
 * its own transaction. A run stopped midway leaves whole batches, and a rerun completes it.
 */
export async function importRegister(
  dataSource: DataSource,
  file: string,
  options: ImportRegisterOptions = {},
): Promise<Record<string, unknown>> {
  try {
    await access(file);
  } catch {
    throw new RegisterFileError(`cannot read ${file}: no such file, or not readable`);
  }
  const columns = await registerColumns(dataSource.manager);
  const counts: Record<string, TableCounts> = Object.fromEntries(
    REGISTER_TABLES.map((table) => [table, emptyCounts()]),
  );
  const header = await checkFile(file, columns, counts);
  await writeFile(dataSource, file, options.batchSize ?? IMPORT_BATCH_SIZE, { columns, counts, pending: [] });
  const totals = emptyCounts();
  for (const tableCounts of Object.values(counts)) {
    for (const name of Object.keys(totals) as (keyof TableCounts)[]) totals[name] += tableCounts[name];
  }
  return {
    kind: 'json',
    file,
    format: header.format,
    formatVersion: header.formatVersion,
    exportedAt: header.exportedAt ?? null,
    tables: counts,
    ...totals,
    changed: totals.created + totals.updated > 0,
  };
}

/** First pass: the whole file must read as an export before anything is written. Counts rows read. */
async function checkFile(
  file: string,
  columns: Map<string, string[]>,
  counts: Record<string, TableCounts>,
): Promise<RegisterHeaderRead> {
  let header: RegisterHeaderRead | undefined;
  for await (const entry of readRegisterFile(file)) {
    if (entry.kind === 'header') {
      header = entry.header;
      continue;
    }
    const section = sectionNamed(entry.section);
    const { children } = recordRows(section, entry.record, columns, entry.where);
    counts[section.table].read++;
    for (const table of section.children ?? []) counts[table.table].read += children.get(table.name)?.length ?? 0;
  }
  return header!;
}

/**
 * A register file is a restore: its records carry their own updated_at, which the triggers of
 * migration UpdatedAt would otherwise stamp anew. For this transaction only.
 */
async function keepFileTimes(manager: EntityManager): Promise<void> {
  await manager.query(`SELECT set_config('register.restoring', 'on', true)`);
}

/** Second pass: batches of one section each, every batch in a transaction of its own. */
async function writeFile(
  dataSource: DataSource,
  file: string,
  batchSize: number,
  context: BatchContext,
): Promise<void> {
  let section: Section | undefined;
  let batch: RecordRows[] = [];
  for await (const entry of readRegisterFile(file)) {
    if (entry.kind === 'header') continue;
    if (section && (entry.section !== section.name || batch.length === batchSize)) {
      await flush(dataSource, section, batch, context);
      batch = [];
      if (entry.section !== section.name) await finishSection(dataSource, section, context);
    }
    section = sectionNamed(entry.section);
    batch.push(recordRows(section, entry.record, context.columns, entry.where));
  }
  if (section) {
    await flush(dataSource, section, batch, context);
    await finishSection(dataSource, section, context);
  }
}

async function flush(
  dataSource: DataSource,
  section: Section,
  batch: RecordRows[],
  context: BatchContext,
): Promise<void> {
  try {
    await dataSource.transaction(async (manager) => {
      await keepFileTimes(manager);
      await writeBatch(manager, section, batch, context);
    });
  } catch (error) {
    const span = `${batch[0].where} to ${batch[batch.length - 1].where}`;
    throw new RegisterImportError(
      `${section.name}, ${span}: ${(error as Error).message}. ` +
        'This batch was rolled back, earlier ones are kept; correct the file and run the import again.',
    );
  }
}

/** Sets the references that pointed forward within the section, now that every row is there. */
async function finishSection(dataSource: DataSource, section: Section, context: BatchContext): Promise<void> {
  if (!section.selfReference || context.pending.length === 0) return;
  const pending = context.pending.splice(0);
  try {
    await dataSource.transaction(async (manager) => {
      await keepFileTimes(manager);
      for (let start = 0; start < pending.length; start += IMPORT_BATCH_SIZE) {
        await setReferences(
          manager,
          section.table,
          section.selfReference!,
          pending.slice(start, start + IMPORT_BATCH_SIZE),
        );
      }
    });
  } catch (error) {
    throw new RegisterImportError(
      `${section.name}: a record refers to a ${section.table} the file and the register ` +
        `do not hold (${(error as Error).message})`,
    );
  }
}

function sectionNamed(name: string): Section {
  return SECTIONS.find((section) => section.name === name)!;
}
