import { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { Context } from '../context';
import { RoutedReads } from '../database/replicas';
import { databaseRefusal } from '../errors/database-refusal';
import { currentScope, isAnonymousGetQuery } from '../observability/request-scope';

export interface ResponseCacheSettings {
  /** Memory for cached answers, in MiB; 0 turns the cache off. */
  responseCacheMb: number;
  /** How long an answer may be kept when nothing is written; writes drop it sooner. */
  responseCacheTtlSeconds: number;
}

/** The register version each cacheable request read, by its context (one per request). */
const versions = new WeakMap<Context, string>();

/** Anonymous GET queries: what dashboards poll, and what every anonymous client sees alike. */
function cacheable(request: GraphQLRequestContext<Context>): boolean {
  return isAnonymousGetQuery(request.request.http?.method, request.operation?.operation);
}

/**
 * The register's version, or undefined when the database failed to say: the request then goes
 * on uncached and its resolvers meet the failure, which they answer as DATABASE_UNAVAILABLE
 * (503). Thrown from this plugin's hook, it would leave Apollo as an opaque 500.
 */
async function registerVersion(context: Context): Promise<string | undefined> {
  // While the process hears every commit's NOTIFY, it knows the version without asking.
  const known = context.services.changeNotices.latestVersion;
  if (known !== undefined) return String(known);
  try {
    const [{ version }] = await context.services.manager.query('SELECT version FROM register_version');
    return String(version);
  } catch (error) {
    if (databaseRefusal(error)) return undefined;
    throw error;
  }
}

/**
 * A cache of whole answers to anonymous GET queries, in this process's memory, dropped by any
 * write to the register. Dashboards poll the same aggregates over and over; between writes
 * the answer cannot change, and computing it again costs the database far more (the
 * dashboard's four counts: about 60 ms of PostgreSQL at scale 1) than reading one number.
 *
 * Each request takes the register's version (migration RegisterVersion: moved on by every
 * writing transaction, visible with its rows) before anything else: as the last commit's
 * NOTIFY named it (src/database/change-notices.ts: every process hears every commit, so no
 * statement is needed), or, while the LISTEN connection is down, read with one statement. Its answer is kept
 * under that version and the day: rows read afterwards are at least as new, so an entry can be newer
 * than its version but never older. A write moves the version on and later requests look
 * under the new one; old entries age out of the LRU. It works the same for several server
 * processes over one database, each with its own memory: a commit through one reaches the
 * others by its NOTIFY, a moment (about a millisecond here) after it commits.
 *
 * Apollo's response-cache plugin does the keeping (data only, never answers with errors);
 * the cache hint it needs comes from here rather than from field-level hints, since every
 * field of an anonymous query is as cacheable as the register version makes it.
 */
export function responseCachePlugins(settings: ResponseCacheSettings): ApolloServerPlugin<Context>[] {
  if (settings.responseCacheMb === 0) return [];
  const keeping = responseCachePlugin<Context>({
    cache: new InMemoryLRUCache<string>({ maxSize: settings.responseCacheMb * 2 ** 20 }),
    async extraCacheKeyData(request) {
      if (!cacheable(request)) return null;
      const version = await registerVersion(request.contextValue);
      if (version === undefined) return null;
      versions.set(request.contextValue, version);
      // On a replica, the answer kept under this version must be read at this version or later.
      const { reads } = request.contextValue;
      if (reads instanceof RoutedReads) reads.require({ registerVersion: Number(version) });
      // The day too (UTC, as the resolvers read it): `currentMayor` changes at midnight with no write.
      return { version, day: new Date().toISOString().slice(0, 10) };
    },
    shouldReadFromCache: async (request) => versions.has(request.contextValue),
    shouldWriteToCache: async (request) => versions.has(request.contextValue),
  });
  const marking: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async didResolveOperation(request) {
          if (cacheable(request))
            request.overallCachePolicy.replace({ maxAge: settings.responseCacheTtlSeconds, scope: 'PUBLIC' });
        },
        async willSendResponse(request) {
          if (!versions.has(request.contextValue)) return;
          const hit = request.metrics.responseCacheHit === true;
          request.response.http.headers.set('x-response-cache', hit ? 'hit' : 'miss');
          // The entry is as fresh as the register (a write drops it), so the time it spent
          // here is no age for HTTP caches to count against their max-age.
          request.response.http.headers.delete('age');
          const scope = currentScope();
          if (scope) scope.responseCache = hit ? 'hit' : 'miss';
        },
      };
    },
  };
  // Apollo calls the plugins' willSendResponse hooks together, in this order: the keeping
  // one sets `age` on a hit before its first await, so the marking one finds it to remove.
  return [keeping, marking];
}
