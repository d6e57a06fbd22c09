import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Transform, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';

/** A file the import refuses as a whole (wrong columns, not UTF-8, empty, not CSV). */
export class ImportFileError extends Error {}

/** One data row: its line in the file, its fields by column name, and how many it had. */
export interface CsvRecord {
  line: number;
  fields: Readonly<Record<string, string>>;
  fieldCount: number;
}

/**
 * Decodes bytes as UTF-8 and fails on the first invalid sequence, instead of silently putting
 * U+FFFD into names that would then be stored.
 */
function strictUtf8(file: string): Transform {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let offset = 0;
  const fail = () => new ImportFileError(`${file} is not UTF-8 text (invalid bytes after byte ${offset})`);
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        offset += chunk.length;
        callback(null, text);
      } catch {
        callback(fail());
      }
    },
    flush(callback) {
      try {
        callback(null, decoder.decode());
      } catch {
        callback(fail());
      }
    },
  });
}

/**
 * The file's data rows, streamed: the memory used does not depend on the file's size. The
 * header must name every column in `columns` (others are ignored). Quoted fields may hold
 * commas and line breaks; a row with the wrong number of fields is passed on with its count,
 * for the caller to reject by line.
 */
export async function* readCsv(file: string, columns: readonly string[]): AsyncGenerator<CsvRecord> {
  const size = await stat(file).then(
    (info) => info.size,
    () => -1,
  );
  if (size < 0) throw new ImportFileError(`${file}: no such file`);
  if (size === 0) throw new ImportFileError(`${file} is empty`);
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  pipeline(createReadStream(file), strictUtf8(file), parser, () => undefined);
  let header: string[] | undefined;
  let indexes: number[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((name) => name.trim());
        indexes = columnIndexes(file, header, columns);
        continue;
      }
      const fields: Record<string, string> = {};
      columns.forEach((column, position) => (fields[column] = record[indexes[position]] ?? ''));
      yield { line: info.lines, fields, fieldCount: record.length };
    }
  } catch (error) {
    if (error instanceof CsvError) throw new ImportFileError(`${file} is not valid CSV: ${error.message}`);
    throw error;
  }
  if (!header) throw new ImportFileError(`${file} is empty`);
}

function columnIndexes(file: string, header: string[], columns: readonly string[]): number[] {
  const missing = columns.filter((column) => !header.includes(column));
  if (missing.length > 0) {
    throw new ImportFileError(
      `${file} does not have the expected columns: missing ${missing.join(', ')} ` +
        `(expected ${columns.join(',')}; found ${header.join(',')})`,
    );
  }
  return columns.map((column) => header.indexOf(column));
}

/**
 * Reads the whole file once before anything is written, so that a bad file stops the import
 * with nothing changed. Calls `visit` for each row; returns the number of data rows.
 */
export async function checkCsv(
  file: string,
  columns: readonly string[],
  visit: (record: CsvRecord) => void = () => undefined,
): Promise<number> {
  let rows = 0;
  for await (const record of readCsv(file, columns)) {
    rows += 1;
    visit(record);
  }
  if (rows === 0) throw new ImportFileError(`${file} has a header but no data rows`);
  return rows;
}
