import { parse, validate } from 'graphql';
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keyCommand } from '../src/cli/key';
import { projectRoot } from '../src/graphiql/paths';
import { buildApiSchema } from '../src/schema';
import { eventually } from './helpers/live-client';
import { startTestServer, TestServer } from './helpers/server';

/**
 * The README's "Following the register live" is run as written, in order, on a fresh seed:
 * each curl command (its URL, headers and body, with the test server's address and an editor
 * key for $EDITOR_KEY), the dashboard script under node, and `curl -N`'s event stream; every
 * output block must be what the step before it printed (`extensions` and stack traces left
 * out, as the README says; the time of a change is the test's own).
 */
const readme = readFileSync(path.resolve(__dirname, '../README.md'), 'utf8');
const start = readme.indexOf('## Following the register live');
const section = readme.slice(start, readme.indexOf('\n## ', start + 1));
const blocks = [...section.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((match) => ({ lang: match[1], text: match[2] }));
const README_ORIGIN = 'http://localhost:4000';

interface CurlRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  stream: boolean;
}

/** The request a README curl command sends: words in single quotes, double quotes (with $EDITOR_KEY) or bare. */
function curlRequest(command: string, origin: string, editorKey: string): CurlRequest {
  const words = [...command.replace(/\\\n\s*/g, ' ').matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map(
    (match) => match[1] ?? (match[2] !== undefined ? match[2].replace('$EDITOR_KEY', editorKey) : match[3]),
  );
  expect(words[0]).toBe('curl');
  const request: CurlRequest = { url: '', headers: {}, body: '', stream: false };
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index];
    if (word === '-H') {
      const [name, ...value] = words[(index += 1)].split(':');
      request.headers[name.trim().toLowerCase()] = value.join(':').trim();
    } else if (word === '-d') request.body = words[(index += 1)];
    else if (word === '-N') request.stream = true;
    else if (word !== '-s') request.url = word.replace(README_ORIGIN, origin);
  }
  return request;
}

/** An answer as the README shows it: no `extensions`, errors without locations, path and stack trace. */
function asShown(body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) {
  const shown: Record<string, unknown> = {};
  if (body.errors) {
    shown.errors = body.errors.map(({ message, extensions }) => {
      const { stacktrace: _stacktrace, ...rest } = extensions ?? {};
      return { message, extensions: rest };
    });
  }
  if ('data' in body) shown.data = body.data;
  return shown;
}

/** Every `changedAt` in an answer, set to one value: when the test ran is not the README's. */
function sameTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sameTimes);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([name, item]) => [name, name === 'changedAt' ? 'the moment' : sameTimes(item)]),
  );
}

/** The `data:` lines of an event stream's `next` events, as JSON. */
function eventsOf(stream: string): unknown[] {
  return [...stream.matchAll(/^event: next\ndata: (.*)$/gm)].map((match) => JSON.parse(match[1]));
}

let api: TestServer;
let origin: string;
let editorKey: string;
let dashboard: ChildProcessWithoutNullStreams | undefined;
let events: AbortController | undefined;

beforeAll(async () => {
  api = await startTestServer({ seeded: true });
  origin = new URL(api.server.url).origin;
  // Made as the README says, by the key command (which audits it: the audit sequence, and so
  // the cursors shown, count that entry).
  const printed = await keyCommand(['create', '--role', 'editor', '--name', 'newsroom'], api.database.dataSource);
  editorKey = printed.split('\n').pop()!;
});
afterAll(async () => {
  dashboard?.kill();
  events?.abort();
  await api?.stop();
});

async function send(command: string) {
  const request = curlRequest(command, origin, editorKey);
  const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body });
  return asShown((await response.json()) as Parameters<typeof asShown>[0]);
}

const json = (block: { text: string }) => JSON.parse(block.text);

test('the section holds its steps in order: the feed, the stream, the dashboard, curl -N, the change', () => {
  expect(blocks.map((block) => block.lang)).toEqual([
    ...['sh', 'json', 'sh', 'json', 'sh', 'json', 'json', 'graphql'],
    ...['js', 'text', 'sh', 'text', 'sh', 'json', 'text', 'text'],
  ]);
  expect(blocks[10].text).toMatch(/^curl -N /);
});

test('every step answers what the README shows', async () => {
  // The change feed: its end, an editor's change, the change read from the cursor kept.
  expect(await send(blocks[0].text)).toEqual(json(blocks[1]));
  expect(await send(blocks[2].text)).toEqual(json(blocks[3]));
  expect(sameTimes(await send(blocks[4].text))).toEqual(sameTimes(json(blocks[5])));

  // The same request once a compaction has passed the cursor.
  const sql = (text: string) => api.database.dataSource.query(text);
  const [horizon] = await sql(
    'SELECT compacted_version::text AS version, compacted_seq::text AS seq FROM register_change_horizon',
  );
  await sql(`UPDATE register_change_horizon SET compacted_version = 3, compacted_seq = 2`);
  try {
    expect(await send(blocks[4].text)).toEqual(json(blocks[6]));
  } finally {
    await sql(
      `UPDATE register_change_horizon SET compacted_version = ${horizon.version}, compacted_seq = ${horizon.seq}`,
    );
  }

  // registerChanged, as written, is a valid subscription of the schema.
  expect(validate(buildApiSchema(), parse(blocks[7].text)).map((error) => error.message)).toEqual([]);

  // The dashboard script and curl -N, both running; each gets the answer at once.
  const lines: string[] = [];
  dashboard = spawn(process.execPath, ['--input-type=module'], { cwd: projectRoot() });
  dashboard.stdout.on('data', (chunk: Buffer) => lines.push(...String(chunk).split('\n').filter(Boolean)));
  dashboard.stdin.end(blocks[8].text.replace('ws://localhost:4000', origin.replace(/^http/, 'ws')));
  let stream = '';
  const request = curlRequest(blocks[10].text, origin, editorKey);
  events = new AbortController();
  const response = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    signal: events.signal,
  });
  void (async () => {
    for await (const chunk of response.body!) stream += Buffer.from(chunk).toString('utf8');
  })().catch(() => undefined);
  await eventually(() => lines.length >= 1 && eventsOf(stream).length >= 1, 'the first answers');
  expect(lines.map((line) => JSON.parse(line))).toEqual([json(blocks[9])]);
  expect(stream.startsWith(':\n\n')).toBe(true);
  expect(eventsOf(stream)).toEqual(eventsOf(blocks[11].text));

  // The editor's second change reaches both.
  expect(await send(blocks[12].text)).toEqual(json(blocks[13]));
  await eventually(() => lines.length >= 2 && eventsOf(stream).length >= 2, 'the new answers');
  expect(lines.map((line) => JSON.parse(line))).toEqual([json(blocks[9]), json(blocks[14])]);
  expect(eventsOf(stream)).toEqual([...eventsOf(blocks[11].text), ...eventsOf(blocks[15].text)]);
});
