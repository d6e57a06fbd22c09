import { EntityManager } from 'typeorm';
import { formatPartialDate, DatePrecision } from '../common/dates';
import { OutputFile } from './output';
import { eachPage, pageClause } from './pages';

/** Joins the several values of one cell (an agreement's parties, areas, sources). */
export const LIST_SEPARATOR = '; ';

export const PACT_COLUMNS = [
  'id',
  'kind',
  'title',
  'status',
  'signed_on',
  'party_slugs',
  'party_names',
  'party_countries',
  'areas',
  'sources',
  'source_urls',
] as const;

/**
 * One CSV field as RFC 4180 has it: quoted when it holds a quote, a comma or a line break,
 * quotes inside doubled. Everything else is written as is.
 */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

interface PactRow {
  id: string;
  kind: string;
  title: string;
  status: string;
  signed_on: string | null;
  signed_on_precision: DatePrecision | null;
  party_slugs: string[];
  party_names: string[];
  party_countries: string[];
  areas: string[];
  sources: string[];
  source_urls: string[];
}

/**
 * Parties in slug order, in all three party columns alike, so the n-th slug, name and country
 * are one city's. Sources by publisher; names and titles in English where there is English.
 */
const pactsSql = (after: boolean) => `
  SELECT a.id, a.kind, coalesce(a.titles->>'en', a.sort_name) AS title, a.status, a.signed_on, a.signed_on_precision,
         ARRAY(SELECT m.slug FROM agreement_party p JOIN municipality m ON m.id = p.municipality_id
                WHERE p.agreement_id = a.id ORDER BY m.slug COLLATE "C") AS party_slugs,
         ARRAY(SELECT coalesce(m.names->>'en', m.sort_name) FROM agreement_party p JOIN municipality m ON m.id = p.municipality_id
                WHERE p.agreement_id = a.id ORDER BY m.slug COLLATE "C") AS party_names,
         ARRAY(SELECT m.country_code::text FROM agreement_party p JOIN municipality m ON m.id = p.municipality_id
                WHERE p.agreement_id = a.id ORDER BY m.slug COLLATE "C") AS party_countries,
         ARRAY(SELECT c.slug FROM agreement_area x JOIN cooperation_area c ON c.id = x.area_id
                WHERE x.agreement_id = a.id ORDER BY c.slug COLLATE "C") AS areas,
         ARRAY(SELECT s.publisher FROM citation t JOIN source s ON s.id = t.source_id
                WHERE t.agreement_id = a.id ORDER BY s.publisher COLLATE "C", s.id) AS sources,
         ARRAY(SELECT s.url FROM citation t JOIN source s ON s.id = t.source_id
                WHERE t.agreement_id = a.id AND s.url IS NOT NULL ORDER BY s.publisher COLLATE "C", s.id) AS source_urls
    FROM agreement a
  ${pageClause('a', after)}`;

/** Writes one row per agreement, in id order, page by page. Returns the number of rows. */
export async function writePactsCsv(manager: EntityManager, output: OutputFile): Promise<Record<string, number>> {
  await output.write(csvLine(PACT_COLUMNS));
  const written = await eachPage<PactRow>(manager, pactsSql, async (rows) => {
    await output.write(rows.map((row) => csvLine(pactValues(row))).join(''));
  });
  return { agreement: written };
}

function pactValues(row: PactRow): string[] {
  const signedOn =
    row.signed_on && row.signed_on_precision
      ? formatPartialDate({ date: row.signed_on, precision: row.signed_on_precision })
      : '';
  return [
    row.id,
    row.kind,
    row.title,
    row.status,
    signedOn,
    ...[row.party_slugs, row.party_names, row.party_countries, row.areas, row.sources, row.source_urls].map((values) =>
      values.join(LIST_SEPARATOR),
    ),
  ];
}
