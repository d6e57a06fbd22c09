import http, { IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { formatPartialDate } from '../../src/common/dates/partial-date';
import { MORE_FLOOR_STATEMENTS, nodeStatement } from './more-queries';
import { FloorStatement, FLOOR_STATEMENTS } from './queries';
import { PERSIAN_PATTERN } from './sql';

/**
 * The floor: the fastest this runtime serves the mix's bytes. Node's http and `pg`, one
 * hand-written statement per request, no GraphQL: the request's operationName picks the
 * statement, its variables are the parameters. Environment: DATABASE_URL, PORT, POOL_SIZE.
 */
const statements: Record<string, FloorStatement> = { ...FLOOR_STATEMENTS, ...MORE_FLOOR_STATEMENTS };
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.POOL_SIZE ?? 10) });

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** A node id names its type: decoding it is how the floor knows which statement to run. */
function statementFor(operationName: string, variables: Record<string, unknown>): FloorStatement | undefined {
  if (operationName !== 'NodeAndEvidence') return statements[operationName];
  const [type, uuid] = Buffer.from(String(variables.id), 'base64url').toString('utf8').split(':');
  variables.uuid = uuid;
  return nodeStatement(type);
}

async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { operationName, variables = {} } = JSON.parse(await readBody(request)) as {
    operationName?: string;
    variables?: Record<string, unknown>;
  };
  if (operationName === undefined) {
    // The runner's readiness probe ({ __typename }): answered without the database.
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end('{"data":{"__typename":"Query"}}');
    return;
  }
  const statement = statementFor(operationName, variables);
  if (!statement) throw new Error(`the floor has no statement for ${operationName}`);
  const { rows } = await pool.query<{ data: string }>(statement.sql, statement.params(variables));
  const data = rows[0].data.includes('~persian~')
    ? rows[0].data.replace(PERSIAN_PATTERN, (_, precision, date) =>
        JSON.stringify(formatPartialDate({ date, precision }, 'PERSIAN')),
      )
    : rows[0].data;
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-sql-statements': '1' });
  response.end(`{"data":${data}}`);
}

const server = http.createServer((request, response) => {
  answer(request, response).catch((error: Error) => {
    response.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
    response.end(JSON.stringify({ errors: [{ message: error.message }] }));
  });
});
server.listen(Number(process.env.PORT ?? 4100), '127.0.0.1', () => process.stdout.write('floor ready\n'));
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
