import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/*
 * The shape of src/ that ARCHITECTURE.md draws, checked: layers that only point down, and
 * modules that use each other only through their faces (each module's index.ts). A failure
 * names the importing file and what it imports.
 */

const SRC = path.join(__dirname, '..', 'src');

/**
 * From the bottom up. A unit (a folder of src/, or a file at its top) may import units of
 * lower layers only: never one of its own layer, never one above.
 */
const LAYERS: string[][] = [
  ['common'],
  ['config'],
  ['logger', 'graphiql'],
  ['observability'],
  ['database'],
  ['auth', 'errors', 'limits'],
  ['services'],
  ['context'],
  ['write'],
  ['modules'],
  ['open-database', 'schema'],
  ['export', 'http', 'live'],
  ['import', 'server'],
  ['cli', 'main'],
];

interface Import {
  from: string;
  to: string;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return entry.name === 'browser' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

/** Every relative import (and `import type`, and re-export) between files of src/. */
function imports(): Import[] {
  return sourceFiles(SRC).flatMap((from) =>
    ts
      .preProcessFile(readFileSync(from, 'utf8'), true, true)
      .importedFiles.filter(({ fileName }) => fileName.startsWith('.'))
      .map(({ fileName }) => ({ from, to: resolveImport(from, fileName) }))
      .filter((edge): edge is Import => edge.to !== null && edge.to.startsWith(SRC)),
  );
}

const relative = (file: string) => path.relative(SRC, file);
const unitOf = (file: string) =>
  relative(file)
    .split(path.sep)[0]
    .replace(/\.tsx?$/, '');
/** The module folder a file belongs to (modules/<name>/...), if any. */
const moduleOf = (file: string) => {
  const [top, name, ...rest] = relative(file).split(path.sep);
  return top === 'modules' && rest.length > 0 ? name : null;
};

const all = imports();

/** One cycle of a graph, as the path around it (its first node again at the end); null when it has none. */
function aCycle(graph: Map<string, Set<string>>): string[] | null {
  const path: string[] = [];
  const done = new Set<string>();
  const walk = (node: string): string[] | null => {
    if (path.includes(node)) return [...path.slice(path.indexOf(node)), node];
    if (done.has(node)) return null;
    path.push(node);
    for (const next of [...(graph.get(node) ?? [])].sort()) {
      const cycle = walk(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(node);
    return null;
  };
  for (const node of [...graph.keys()].sort()) {
    const cycle = walk(node);
    if (cycle) return cycle;
  }
  return null;
}

describe('the layers of src/', () => {
  const rank = new Map(LAYERS.flatMap((units, index) => units.map((unit) => [unit, index] as const)));

  it('name every folder and top-level file of src/', () => {
    const units = [...new Set(sourceFiles(SRC).map(unitOf))].sort();
    expect(units.filter((unit) => !rank.has(unit))).toEqual([]);
  });

  it('only point down', () => {
    const upward = all
      .filter(({ from, to }) => unitOf(from) !== unitOf(to) && rank.get(unitOf(to))! >= rank.get(unitOf(from))!)
      .map(({ from, to }) => `${relative(from)} -> ${relative(to)}`);
    expect(upward).toEqual([]);
  });
});

describe('the modules', () => {
  it('use each other only through their faces (index.ts)', () => {
    const internal = all
      .filter(
        ({ from, to }) => moduleOf(to) !== null && moduleOf(to) !== moduleOf(from) && path.basename(to) !== 'index.ts',
      )
      .map(({ from, to }) => `${relative(from)} -> ${relative(to)}`);
    expect(internal).toEqual([]);
  });

  it('import each other one way only', () => {
    // Files directly in modules/ (record-types.ts, entities.ts) gather every module: no folder of their own.
    const uses = new Map<string, Set<string>>();
    for (const { from, to } of all) {
      const [user, used] = [moduleOf(from), moduleOf(to)];
      if (user && used && user !== used) uses.set(user, (uses.get(user) ?? new Set()).add(used));
    }
    expect(aCycle(uses)?.join(' -> ') ?? 'no cycle').toBe('no cycle');
  });

  it('each have a face', () => {
    const folders = readdirSync(path.join(SRC, 'modules'), { withFileTypes: true }).filter((entry) =>
      entry.isDirectory(),
    );
    expect(
      folders
        .filter((folder) => !existsSync(path.join(SRC, 'modules', folder.name, 'index.ts')))
        .map((folder) => folder.name),
    ).toEqual([]);
  });
});
