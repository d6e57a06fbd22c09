// The peer: PostGraphile 5 (amber preset) over the benchmark database, in production mode,
// on a port of the runner's choosing. Run as `node -r ./polyfill.js server.js`.
// Environment: DATABASE_URL, PORT, PEER_SCHEMA (the schema of the peer's query functions).
const http = require('node:http');
const { postgraphile } = require('postgraphile');
const { PostGraphileAmberPreset } = require('postgraphile/presets/amber');
const { makePgService } = require('postgraphile/adaptors/pg');
const { grafserv } = require('postgraphile/grafserv/node');

const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ['public', process.env.PEER_SCHEMA || 'peer'],
      poolConfig: { max: Number(process.env.POOL_SIZE || 10) },
    }),
  ],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};

async function main() {
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = http.createServer();
  serv.addTo(server);
  await pgl.getSchema();
  if (process.env.PRINT_SCHEMA) {
    const { printSchema } = require('postgraphile/graphql');
    process.stdout.write(printSchema(await pgl.getSchema()));
    await pgl.release();
    return;
  }
  server.listen(Number(process.env.PORT || 5678), '127.0.0.1', () => process.stdout.write('postgraphile ready\n'));
  const stop = () => server.close(() => pgl.release().then(() => process.exit(0)));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error) => {
  process.stderr.write(`${error.stack || error}\n`);
  process.exit(1);
});
