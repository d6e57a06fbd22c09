import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createDataSource } from '../../src/open-database';
import { EmbeddedPostgres, startEmbeddedPostgres } from '../../src/database/embedded';
import { migrate } from '../../src/database/migrate';

/**
 * Hands out fresh databases to test files over a loopback HTTP endpoint, so that test
 * files (which run in jest's sandboxed workers, where PGlite cannot load) get databases made
 * in the global set-up process. POST /databases?state=migrated|empty -> { name, url };
 * DELETE /databases/<name> drops it.
 */
export interface DatabaseFactory {
  url: string;
  close(): Promise<void>;
}

interface Backend {
  create(name: string, state: 'migrated' | 'empty'): Promise<string>;
  drop(name: string): Promise<void>;
  close(): Promise<void>;
}

async function migrateAt(url: string): Promise<void> {
  const dataSource = createDataSource({ url, poolSize: 1 });
  await dataSource.initialize();
  try {
    await migrate(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Embedded: each database is its own PGlite, loaded from a dump of a migrated cluster. */
async function embeddedBackend(): Promise<Backend> {
  const template = await startEmbeddedPostgres({ maxConnections: 4 });
  await migrateAt(template.url);
  const migrated = await template.dump();
  await template.stop();
  const running = new Map<string, EmbeddedPostgres>();
  return {
    async create(name, state) {
      const database = await startEmbeddedPostgres({
        load: state === 'migrated' ? migrated : undefined,
        maxConnections: 30,
      });
      running.set(name, database);
      return database.url;
    },
    async drop(name) {
      await running.get(name)?.stop();
      running.delete(name);
    },
    async close() {
      await Promise.all([...running.values()].map((database) => database.stop()));
    },
  };
}

/** Server: databases cloned from a migrated template database, dropped afterwards. */
async function serverBackend(adminUrl: string): Promise<Backend> {
  const run = `mda_test_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client(adminUrl);
  await admin.connect();
  const urlOf = (name: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  await admin.query(`CREATE DATABASE ${run}_template TEMPLATE template0`);
  await migrateAt(urlOf(`${run}_template`));
  const created = new Set<string>();
  return {
    async create(name, state) {
      await admin.query(
        `CREATE DATABASE ${run}_${name} TEMPLATE ${state === 'migrated' ? `${run}_template` : 'template0'}`,
      );
      created.add(name);
      return urlOf(`${run}_${name}`);
    },
    async drop(name) {
      await admin.query(`DROP DATABASE IF EXISTS ${run}_${name} WITH (FORCE)`);
      created.delete(name);
    },
    async close() {
      for (const name of created) await admin.query(`DROP DATABASE IF EXISTS ${run}_${name} WITH (FORCE)`);
      await admin.query(`DROP DATABASE IF EXISTS ${run}_template WITH (FORCE)`);
      await admin.end();
    },
  };
}

export async function startDatabaseFactory(adminUrl: string | undefined): Promise<DatabaseFactory> {
  const backend = adminUrl ? await serverBackend(adminUrl) : await embeddedBackend();
  let counter = 0;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const answer = async () => {
      if (request.method === 'POST' && url.pathname === '/databases') {
        const name = `db${++counter}`;
        const state = url.searchParams.get('state') === 'empty' ? 'empty' : 'migrated';
        return { name, url: await backend.create(name, state) };
      }
      if (request.method === 'DELETE' && url.pathname.startsWith('/databases/')) {
        await backend.drop(url.pathname.slice('/databases/'.length));
        return { dropped: true };
      }
      throw new Error(`unknown request ${request.method} ${url.pathname}`);
    };
    // One request per connection: a kept-alive socket that the server closes after its idle
    // timeout just as a worker reuses it fails that worker's fetch ("other side closed"), which
    // a loaded machine makes likely.
    response.setHeader('connection', 'close');
    answer().then(
      (body) => response.end(JSON.stringify(body)),
      (error: Error) => {
        response.statusCode = 500;
        response.end(JSON.stringify({ error: error.message }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    },
  };
}
