import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/*
 * Every path ARCHITECTURE.md names in backticks exists, so the map fails a test when a file
 * moves. A path is a token under src/, test/, bench/ or migrations/, or a file at the top
 * (`README.md`); a trailing `:line` or `#anchor` is dropped. Patterns (`src/modules/<x>/`,
 * `*.resolver.ts`) and commands (anything with a space) are not paths.
 */

const ROOT = path.join(__dirname, '..');
const UNDER = /^(src|test|bench|migrations)\//;
const TOP_LEVEL_FILE = /^[\w.-]+\.(md|json|graphql|ya?ml|[cm]?js|ts)$/;

function citedPaths(markdown: string): string[] {
  const tokens = [...markdown.matchAll(/`([^`\n]+)`/g)].map((match) => match[1].replace(/[:#].*$/, ''));
  return [...new Set(tokens)].filter(
    (token) => !/[<*\s]/.test(token) && (UNDER.test(token) || TOP_LEVEL_FILE.test(token)),
  );
}

describe('ARCHITECTURE.md', () => {
  const cited = citedPaths(readFileSync(path.join(ROOT, 'ARCHITECTURE.md'), 'utf8'));

  it('cites paths at all', () => {
    expect(cited.length).toBeGreaterThan(20);
  });

  it('names only paths that exist', () => {
    expect(cited.filter((token) => !existsSync(path.join(ROOT, token)))).toEqual([]);
  });
});
