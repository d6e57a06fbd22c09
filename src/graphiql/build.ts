import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readExampleTabs } from './operations';
import { graphiqlBundleDirectory, graphiqlSourceDirectory, GRAPHIQL_ASSET_PATH, projectRoot } from './paths';

export interface GraphiQLBundle {
  directory: string;
  /** Asset file names (content-hashed) with their sizes in bytes. */
  assets: Record<string, number>;
  milliseconds: number;
}

/**
 * Bundles the GraphiQL page (React, GraphiQL, the Explorer plugin, the example tabs)
 * into static files the server serves as they are: nothing is fetched from a CDN, so the page
 * works on a closed network. Runs at build time only; the server never loads esbuild.
 */
export async function buildGraphiQL(
  sourceDirectory = graphiqlSourceDirectory(),
  outputDirectory = graphiqlBundleDirectory(),
): Promise<GraphiQLBundle> {
  const startedAt = Date.now();
  const tabs = readExampleTabs(sourceDirectory);
  // Old hashed files would otherwise pile up, one pair per build.
  rmSync(outputDirectory, { recursive: true, force: true });
  const result = await build({
    entryPoints: { graphiql: path.join(sourceDirectory, 'browser', 'app.tsx') },
    tsconfig: path.join(sourceDirectory, 'browser', 'tsconfig.json'),
    outdir: path.join(outputDirectory, 'assets'),
    // Names change with content, so browsers may cache assets forever and never run a stale one.
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari16'],
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"', EXAMPLE_TABS: JSON.stringify(tabs) },
    metafile: true,
    logLevel: 'warning',
  });
  const assets: Record<string, number> = {};
  for (const [file, output] of Object.entries(result.metafile.outputs)) assets[path.basename(file)] = output.bytes;
  const script = Object.keys(assets).find((name) => name.endsWith('.js'));
  const stylesheet = Object.keys(assets).find((name) => name.endsWith('.css'));
  if (!script || !stylesheet)
    throw new Error(`esbuild produced no script or stylesheet: ${Object.keys(assets).join(', ')}`);
  writeAtomically(path.join(outputDirectory, 'index.html'), page(script, stylesheet));
  return { directory: outputDirectory, assets, milliseconds: Date.now() - startedAt };
}

/** Relative asset URLs: the page is served at `/` and `/graphql`, both one level deep. */
function page(script: string, stylesheet: string): string {
  const base = GRAPHIQL_ASSET_PATH.slice(1);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphiQL · municipal-diplomacy-api</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}${stylesheet}">
<script defer src="${base}${script}"></script>
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
</body>
</html>
`;
}

/**
 * True when the bundle is missing or older than what it is made of (the browser code, the
 * example tabs, this builder, the locked package versions), so `npm run build` can skip esbuild.
 */
export function isGraphiQLBundleStale(
  sourceDirectory = graphiqlSourceDirectory(),
  outputDirectory = graphiqlBundleDirectory(),
): boolean {
  const page = path.join(outputDirectory, 'index.html');
  if (!existsSync(page)) return true;
  const inputs = [...filesUnder(sourceDirectory), path.join(projectRoot(sourceDirectory), 'package-lock.json')];
  const builtAt = statSync(page).mtimeMs;
  return inputs.some((file) => existsSync(file) && statSync(file).mtimeMs > builtAt);
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(directory, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function writeAtomically(file: string, text: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

if (require.main === module) {
  if (!process.argv.includes('--force') && !isGraphiQLBundleStale()) {
    process.stdout.write('GraphiQL bundle is up to date (--force rebuilds it)\n');
    process.exit(0);
  }
  buildGraphiQL()
    .then(({ directory, assets, milliseconds }) => {
      const sizes = Object.entries(assets).map(([name, bytes]) => `${name} ${(bytes / 1024).toFixed(0)} KiB`);
      process.stdout.write(
        `GraphiQL bundle in ${path.relative(process.cwd(), directory)}: ${sizes.join(', ')} (${milliseconds} ms)\n`,
      );
    })
    .catch((error: unknown) => {
      process.stderr.write(`GraphiQL bundle failed: ${(error as Error)?.stack ?? error}\n`);
      process.exit(1);
    });
}
