import { Context } from '../../context';
import { rowsByKey } from '../../database/loaders';
import { groupByKey, hydrate } from '../../database/rows';
import { recordTypeNamed, RecordTypeName } from '../../write/records';
import { Citation } from './citation.entity';
import { Confidence, STRONGEST_CONFIDENCE_SQL } from './confidence';

function citedByColumn(type: RecordTypeName): string {
  const column = recordTypeNamed(type).citedBy;
  if (!column) throw new Error(`${type} records cite no sources (its entry in modules/record-types.ts has no citedBy)`);
  return column;
}

type CitationRow = Record<string, unknown> & {
  _key: string;
  _source_confidence: Confidence;
  _source_note: string | null;
};

/**
 * Each record's citations with their sources' levels, in the order of its `sources` (publisher,
 * then title): one statement per batch, by the citation column's index.
 */
export const citationsOf = (context: Context, type: RecordTypeName) => {
  const column = citedByColumn(type);
  return context.loaders.get<string, Citation[]>(`citation:${column}`, async (reader, keys) => {
    const rows: CitationRow[] = await reader.query(
      `SELECT c.*, s.confidence AS _source_confidence, s.confidence_note AS _source_note, c.${column} AS _key
         FROM citation c JOIN source s ON s.id = c.source_id
        WHERE c.${column} = ANY($1::uuid[]) ORDER BY s.publisher, s.title, s.id`,
      [keys],
      { byKeys: true },
    );
    const keyed = hydrate(reader.manager, Citation, rows).map((citation, index) => ({
      key: rows[index]._key,
      citation: Object.assign(citation, {
        sourceConfidence: rows[index]._source_confidence,
        sourceConfidenceNote: rows[index]._source_note,
      }),
    }));
    return groupByKey(keys, keyed, (item) => item.key).map((group) => group.map((item) => item.citation));
  });
};

/** Each record's strongest effective confidence; no row for a record that cites nothing. */
export const recordConfidenceOf = (context: Context, type: RecordTypeName) => {
  const column = citedByColumn(type);
  return rowsByKey<{ _key: string; confidence: Confidence }>(
    context,
    `confidence:${column}`,
    `SELECT c.${column} AS _key, ${STRONGEST_CONFIDENCE_SQL} AS confidence
       FROM citation c JOIN source s ON s.id = c.source_id
      WHERE c.${column} = ANY($1::uuid[]) GROUP BY c.${column}`,
  );
};
