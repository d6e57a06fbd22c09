import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import path from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { writePactsCsv } from './export-csv';
import { writeRegisterGeoJson } from './export-geojson';
import { writeRegisterJson } from './export-json';
import { OutputFile } from './output';

export const EXPORT_FORMATS = ['json', 'csv', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A request the export cannot carry out (unknown format); the CLI prints its message alone. */
export class ExportError extends Error {
  override readonly name = 'ExportError';
}

export interface ExportSummary {
  file: string;
  format: ExportFormat;
  /** Rows written: per table (json), agreements (csv), points and lines (geojson). */
  counts: Record<string, number>;
}

const WRITERS: Record<ExportFormat, (manager: EntityManager, output: OutputFile) => Promise<Record<string, number>>> = {
  json: writeRegisterJson,
  csv: writePactsCsv,
  geojson: writeRegisterGeoJson,
};

/** The format asked for, or else the one the file's extension names. */
export function exportFormatOf(file: string, requested?: string): ExportFormat {
  const format = (requested ?? path.extname(file).slice(1)).toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(format)) return format as ExportFormat;
  throw new ExportError(
    requested
      ? `unknown export format "${requested}": use ${EXPORT_FORMATS.join(', ')}`
      : `cannot tell the format of "${file}" from its extension: name it .json, .csv or .geojson, or give --format`,
  );
}

/** The format to write `file` in, having checked its directory can be written to. */
export async function checkExportTarget(file: string, requestedFormat?: string): Promise<ExportFormat> {
  const format = exportFormatOf(file, requestedFormat);
  const directory = path.dirname(path.resolve(file));
  try {
    await access(directory, constants.W_OK);
  } catch {
    throw new ExportError(`cannot write ${file}: ${directory} is not a directory this process can write to`);
  }
  return format;
}

/**
 * Writes the register to `file`. Everything is read in one read-only REPEATABLE READ
 * transaction, so the file is one consistent snapshot even while others write (an agreement
 * never names a city that the municipality pages, read earlier, did not have).
 */
export async function exportRegister(
  dataSource: DataSource,
  file: string,
  requestedFormat?: string,
): Promise<ExportSummary> {
  const format = await checkExportTarget(file, requestedFormat);
  const output = new OutputFile(file);
  try {
    const counts = await dataSource.transaction('REPEATABLE READ', async (manager) => {
      await manager.query('SET TRANSACTION READ ONLY');
      return WRITERS[format](manager, output);
    });
    await output.commit();
    return { file, format, counts };
  } catch (error) {
    await output.discard();
    throw error;
  }
}
