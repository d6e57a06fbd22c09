import DataLoader from 'dataloader';
import { EntityManager } from 'typeorm';
import { Reader, ReadWaves, SendStatement } from './read-waves';

/**
 * Per-request DataLoaders, made on first use. New for every request, so no request ever
 * sees another's cached rows, and a write is never hidden by a stale cache. Their batches
 * read through the request's waves: the loaders of one query level share one statement.
 */
export class Loaders {
  private readonly loaders = new Map<string, DataLoader<unknown, unknown>>();
  readonly reader: Reader;

  constructor(
    readonly manager: EntityManager,
    send?: SendStatement,
  ) {
    this.reader = new ReadWaves(manager, send);
  }

  /** The request's loader named `name`, made from `batch` the first time it is asked for. */
  get<K, V>(name: string, batch: (reader: Reader, keys: readonly K[]) => Promise<V[]>): DataLoader<K, V> {
    let loader = this.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => batch(this.reader, keys), { maxBatchSize: 1000 });
      this.loaders.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }
}

/** What the loaders need of a request's context (context.ts has the whole of it). */
export interface WithLoaders {
  loaders: Loaders;
}
