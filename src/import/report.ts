import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A row left out of the import, by its line in the file. */
export interface Rejection {
  line: number;
  reason: string;
}

export interface TwinCitiesReport {
  kind: 'twin-cities';
  file: string;
  rowsRead: number;
  municipalities: {
    created: number;
    /** Distinct municipalities that were already in the register before this run. */
    matched: number;
    /** Existing municipalities given what they lacked: coordinates, region or parent city. */
    completed: number;
  };
  pacts: {
    created: number;
    /** Rows naming a pact this run had already created from an earlier row (listed from both sides). */
    merged: number;
    /** Rows naming a pact that was in the register before this run (the seed's, or a previous import's). */
    alreadyPresent: number;
  };
  citationsAdded: number;
  rowsRejected: number;
  rejected: Rejection[];
  nothingNew: boolean;
  seconds: number;
}

export interface CityTableReport {
  kind: 'simplemaps' | 'geonames';
  file: string;
  rowsRead: number;
  municipalities: {
    /** Municipalities paired with exactly one row of the table. */
    matched: number;
    /** Of those, the ones whose stored data changed. */
    updated: number;
    /** Municipalities with no row of their name and country in the table. */
    notInTable: number;
    /** Municipalities with several rows of their name and country that the region did not tell apart. */
    ambiguous: number;
  };
  ambiguous: Array<{ municipality: string; country: string; region: string | null; lines: number[] }>;
  /** GeoNames ids not stored because another municipality already has them. */
  geonamesIdsTaken: number;
  citationsAdded: number;
  rowsRejected: number;
  rejected: Rejection[];
  nothingNew: boolean;
  seconds: number;
}

export type ImportReport = TwinCitiesReport | CityTableReport;

/** The report as lines for a person; the JSON file has every detail. */
export function describeReport(report: ImportReport): string[] {
  const lines = [`${report.kind} import of ${report.file}: ${report.rowsRead} rows read in ${report.seconds} s`];
  if (report.kind === 'twin-cities') {
    const { municipalities: m, pacts: p } = report;
    lines.push(`municipalities: ${m.created} created, ${m.matched} matched, ${m.completed} completed`);
    lines.push(`pacts: ${p.created} created, ${p.merged} merged, ${p.alreadyPresent} already present`);
  } else {
    const m = report.municipalities;
    lines.push(
      `municipalities: ${m.matched} matched, ${m.updated} updated, ${m.notInTable} not in the table, ` +
        `${m.ambiguous} ambiguous (left unmatched)`,
    );
    if (report.geonamesIdsTaken > 0)
      lines.push(`GeoNames ids already held by another municipality: ${report.geonamesIdsTaken}`);
  }
  lines.push(`citations added: ${report.citationsAdded}`);
  lines.push(`rows rejected: ${report.rowsRejected}`);
  for (const rejection of report.rejected.slice(0, 20)) lines.push(`  line ${rejection.line}: ${rejection.reason}`);
  if (report.rejected.length > 20) lines.push(`  ... and ${report.rejected.length - 20} more in the JSON report`);
  if (report.nothingNew) lines.push('nothing new: the register already held everything in this file');
  return lines;
}

/**
 * Writes the report as JSON to `target`, or next to the input. When the input's directory is
 * read-only (shared data sets are), falls back to the working directory and says so.
 */
export async function writeReport(report: object, input: string, target?: string): Promise<string> {
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (target) {
    await writeFile(target, json);
    return target;
  }
  const beside = `${input}.import-report.json`;
  try {
    await writeFile(beside, json);
    return beside;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw error;
    const fallback = path.resolve(path.basename(beside));
    await writeFile(fallback, json);
    return fallback;
  }
}
