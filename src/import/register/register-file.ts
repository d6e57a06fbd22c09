import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { REGISTER_FORMAT, REGISTER_FORMAT_VERSION, SECTIONS } from '../../export/register-format';

/** The file cannot be read as a register export; the message names the line and the problem. */
export class RegisterFileError extends Error {
  override readonly name = 'RegisterFileError';
}

export interface RegisterHeaderRead {
  format: string;
  formatVersion: number;
  exportedAt?: string;
}

/** `where` locates the entry for messages: 'line 12', or 'municipalities[3]' in a file read whole. */
export type RegisterEntry =
  | { kind: 'header'; header: RegisterHeaderRead; where: string }
  | { kind: 'record'; section: string; record: Record<string, unknown>; where: string };

/** Above this, a file not in the export's one-record-a-line layout is refused rather than parsed whole. */
const WHOLE_FILE_LIMIT = 256 * 1024 * 1024;

/**
 * Reads a register export as a stream of entries: the header first, then every record with
 * its section, in file order. A file as `npm run export` writes it (one record a line) is read
 * a line at a time, so memory does not grow with the file; any other valid JSON of the same
 * shape (say, pretty-printed by another tool) is parsed whole. Bytes must be UTF-8.
 */
export async function* readRegisterFile(file: string): AsyncGenerator<RegisterEntry> {
  const lines = readLines(file);
  const first = await lines.next();
  const header = first.done ? undefined : parseHeaderLine(first.value);
  if (!header) {
    await lines.return(undefined);
    yield* readWholeFile(file);
    return;
  }
  yield { kind: 'header', header: checkHeader(header, 'line 1'), where: 'line 1' };
  const order = sectionOrder();
  let section: string | undefined;
  let number = 1;
  let ended = false;
  for await (const text of lines) {
    const where = `line ${++number}`;
    const start = /^"(\w+)":\[(\],?)?$/.exec(text);
    if (ended) {
      if (text.trim() !== '') throw new RegisterFileError(`${where}: text after the end of the export`);
    } else if (!section && start) {
      order(start[1], where);
      section = start[2] ? undefined : start[1];
    } else if (section && /^\],?$/.test(text)) {
      section = undefined;
    } else if (section && text.startsWith('{')) {
      const record = parseRecord(text.endsWith(',') ? text.slice(0, -1) : text, where);
      yield { kind: 'record', section, record, where };
    } else if (!section && text === '}') {
      ended = true;
    } else {
      throw new RegisterFileError(`${where}: not a line of a register export (${JSON.stringify(text.slice(0, 60))})`);
    }
  }
  if (!ended) throw new RegisterFileError(`the file ends at line ${number} before the export does: it was cut short`);
}

/** The export's first line: the header object, left open for the sections that follow. */
function parseHeaderLine(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{') || !text.endsWith(',')) return undefined;
  try {
    const header: unknown = JSON.parse(`${text.slice(0, -1)}}`);
    return typeof header === 'object' && header !== null && 'format' in header
      ? (header as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Refuses anything that is not this format, or a version this code does not know. */
function checkHeader(header: Record<string, unknown>, where: string): RegisterHeaderRead {
  if (header.format !== REGISTER_FORMAT) {
    throw new RegisterFileError(
      `${where}: the format field is ${JSON.stringify(header.format ?? null)}, ` +
        `expected "${REGISTER_FORMAT}": this is not a register export`,
    );
  }
  if (header.formatVersion !== REGISTER_FORMAT_VERSION) {
    throw new RegisterFileError(
      `${where}: formatVersion ${JSON.stringify(header.formatVersion ?? null)} ` +
        `is not supported (this version reads ${REGISTER_FORMAT_VERSION})`,
    );
  }
  return header as unknown as RegisterHeaderRead;
}

/** Checks that each section is known and comes once, in the export's (foreign-key) order. */
function sectionOrder(): (name: string, where: string) => void {
  let last = -1;
  return (name, where) => {
    const index = SECTIONS.findIndex((section) => section.name === name);
    if (index < 0) {
      throw new RegisterFileError(
        `${where}: unknown section "${name}" (known: ${SECTIONS.map((s) => s.name).join(', ')})`,
      );
    }
    if (index <= last) {
      throw new RegisterFileError(
        `${where}: section "${name}" repeated or out of order ` +
          `(the order is ${SECTIONS.map((s) => s.name).join(', ')})`,
      );
    }
    last = index;
  };
}

function parseRecord(text: string, where: string): Record<string, unknown> {
  let record: unknown;
  try {
    record = JSON.parse(text);
  } catch (error) {
    throw new RegisterFileError(`${where}: not JSON (${(error as Error).message})`);
  }
  return checkObject(record, where);
}

function checkObject(record: unknown, where: string): Record<string, unknown> {
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new RegisterFileError(`${where}: a record must be a JSON object`);
  }
  return record as Record<string, unknown>;
}

/** Any other layout: parsed whole, then given out in the same order as the line reader would. */
async function* readWholeFile(file: string): AsyncGenerator<RegisterEntry> {
  if ((await stat(file)).size > WHOLE_FILE_LIMIT) {
    throw new RegisterFileError(
      `${file} is not laid out one record a line as npm run export writes it, ` + 'and is too large to read whole',
    );
  }
  let document: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(file));
    if (text.trim() === '')
      throw new RegisterFileError(`${file} is empty: expected a register export (npm run export -- file.json)`);
    document = JSON.parse(text);
  } catch (error) {
    if (error instanceof RegisterFileError) throw error;
    const notUtf8 = error instanceof TypeError;
    throw new RegisterFileError(`${file} is not ${notUtf8 ? 'UTF-8' : 'JSON'} (${(error as Error).message})`);
  }
  const object = checkObject(document, `${file}`);
  yield { kind: 'header', header: checkHeader(object, 'the header'), where: 'the header' };
  const order = sectionOrder();
  for (const key of Object.keys(object)) {
    if (!['format', 'formatVersion', 'exportedAt'].includes(key)) order(key, `section "${key}"`);
  }
  for (const section of SECTIONS) {
    const records = object[section.name] ?? [];
    if (!Array.isArray(records)) throw new RegisterFileError(`section "${section.name}" must be an array`);
    for (const [index, record] of records.entries()) {
      const where = `${section.name}[${index}]`;
      yield { kind: 'record', section: section.name, record: checkObject(record, where), where };
    }
  }
}

/** The file's lines without their line ends, decoded strictly as UTF-8 as they stream in. */
async function* readLines(file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let count = 0;
  const decode = (bytes: Uint8Array, last: boolean): string => {
    try {
      return decoder.decode(bytes, { stream: !last });
    } catch {
      throw new RegisterFileError(`line ${count + badLineIn(pending, bytes)}: not UTF-8 (the file must be UTF-8)`);
    }
  };
  for await (const chunk of createReadStream(file)) {
    const pieces = (pending + decode(chunk as Buffer, false)).split('\n');
    pending = pieces.pop()!;
    for (const piece of pieces) {
      count++;
      yield piece.endsWith('\r') ? piece.slice(0, -1) : piece;
    }
  }
  pending += decode(new Uint8Array(), true);
  if (pending !== '') yield pending;
}

/** Which line, counted from the start of `pending`, holds the first byte that is not UTF-8. */
function badLineIn(pending: string, bytes: Uint8Array): number {
  const text = pending + new TextDecoder('utf-8').decode(bytes);
  const bad = text.indexOf('\uFFFD');
  return text.slice(0, bad < 0 ? text.length : bad).split('\n').length;
}
