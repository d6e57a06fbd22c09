import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding package.json. Code here runs from src/ under jest and from dist/src/
 * once compiled (and from /app/dist/src in the image), so paths are found from the root,
 * not from this file.
 */
export function projectRoot(from: string = __dirname): string {
  let directory = from;
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error(`no package.json in ${from} or above it`);
    directory = parent;
  }
  return directory;
}

/** Where `npm run build` writes the GraphiQL page and its assets, and where the server reads them. */
export function graphiqlBundleDirectory(): string {
  return path.join(projectRoot(), 'dist', 'graphiql');
}

/** The browser entry and the contract operations the page opens with (source tree only). */
export function graphiqlSourceDirectory(): string {
  return path.join(projectRoot(), 'src', 'graphiql');
}

/** URL path under which the page's script and stylesheet are served. */
export const GRAPHIQL_ASSET_PATH = '/graphiql/assets/';
