import { storedDate } from '../../write/validation';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { Source } from './source.entity';
import { CreateSourceInput, UpdateSourceInput } from './source.input';

/**
 * Writes of sources. Every function runs inside a mutation's transaction (see write/mutation.ts).
 *
 * Sources are shared reference data: one report supports records of many cities. A scoped key
 * may create a source (the article its portal cites; `shared` in modules/record-types.ts),
 * but Source has no participating municipality, so tx.lock refuses (FORBIDDEN) a scoped key
 * any change or delete: a Tehran portal must not retitle the source of a Moscow record.
 */
export async function createSource(tx: MutationTransaction, input: CreateSourceInput): Promise<Source> {
  const published = storedDate(input.publishedOn ?? null, input.calendar);
  const [{ id }] = await tx.manager.query(
    `INSERT INTO source (kind, publisher, title, language, published_on, published_on_precision, url, reference, licence,
       confidence, confidence_note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
    [
      input.kind,
      input.publisher,
      input.title,
      input.language,
      published.date,
      published.precision,
      input.url ?? null,
      input.reference ?? null,
      input.licence ?? null,
      // Null: the source_confidence_default trigger takes it from the kind.
      input.confidence ?? null,
      input.confidenceNote ?? null,
    ],
  );
  return tx.created<Source>('Source', id);
}

export async function updateSource(tx: MutationTransaction, input: UpdateSourceInput): Promise<Source> {
  const id = databaseId(input.id);
  const before = await tx.lock('Source', id, input.version);
  const published = storedDate(input.publishedOn, input.calendar);
  await tx.update('Source', id, {
    kind: input.kind ?? undefined,
    publisher: input.publisher ?? undefined,
    title: input.title ?? undefined,
    language: input.language ?? undefined,
    published_on: published.date,
    published_on_precision: published.precision,
    url: input.url,
    reference: input.reference,
    licence: input.licence,
    confidence: input.confidence ?? undefined,
    confidence_note: input.confidenceNote,
  });
  return tx.changed<Source>('Source', id, before);
}

/** Deletes a source no record cites; a cited one is refused by citation_source_id_fkey. */
export async function deleteSource(tx: MutationTransaction, input: { id: string; version: number }): Promise<null> {
  const id = databaseId(input.id);
  const before = await tx.lock('Source', id, input.version);
  await tx.manager.query('DELETE FROM source WHERE id = $1', [id]);
  await tx.deleted('Source', id, before);
  return null;
}
