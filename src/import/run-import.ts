import { DataSource } from 'typeorm';
import { GEONAMES, SIMPLEMAPS } from './city-tables/city-rows';
import { importCityTable } from './city-tables/import-city-table';
import { importRegister } from './register/import-register';
import { checkCsv } from './csv-file';
import { ImportReport } from './report';
import { TWIN_CITY_COLUMNS } from './twin-cities/pair';
import { importTwinCities } from './twin-cities/import-twin-cities';

export const IMPORT_KINDS = ['twin-cities', 'simplemaps', 'geonames', 'json'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface RunImportOptions {
  progress?: boolean;
}

/** Runs one kind of import; the report is the kind's own (the register import's for json). */
export async function runImport(
  dataSource: DataSource,
  kind: ImportKind,
  file: string,
  options: RunImportOptions = {},
): Promise<ImportReport | Record<string, unknown>> {
  switch (kind) {
    case 'twin-cities':
      return importTwinCities(dataSource, file, options);
    case 'simplemaps':
      return importCityTable(dataSource, SIMPLEMAPS, file, options);
    case 'geonames':
      return importCityTable(dataSource, GEONAMES, file, options);
    case 'json':
      return importRegister(dataSource, file);
  }
}

/**
 * Reads a CSV input whole and throws ImportFileError if it is not one the kind can import, so
 * that the command can refuse a bad file before it opens (and perhaps seeds) the database.
 * The register export is checked by its own import, which writes nothing before its check.
 */
export async function checkImportFile(kind: ImportKind, file: string): Promise<void> {
  const columns = {
    'twin-cities': TWIN_CITY_COLUMNS,
    simplemaps: SIMPLEMAPS.columns,
    geonames: GEONAMES.columns,
    json: null,
  }[kind];
  if (columns) await checkCsv(file, columns);
}
