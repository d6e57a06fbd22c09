import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { graphiqlBundleDirectory, GRAPHIQL_ASSET_PATH } from '../graphiql/paths';

/** Serves the GraphiQL page built by `npm run build` (src/graphiql/build.ts). */
export interface GraphiQLHandler {
  /** Answers a request for the page or one of its assets and returns true; false leaves it to the API. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
}

interface StaticFile {
  body: Buffer;
  gzipped: Buffer;
  contentType: string;
  cacheControl: string;
}

const PAGE = 'index.html';

// The page loads nothing but its own two files and talks only to this server: a browser
// enforcing this also proves that nothing comes from a CDN. Editors set inline styles.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

export function createGraphiQLHandler(directory: string = graphiqlBundleDirectory()): GraphiQLHandler {
  // Read on first use, so servers that never show the page (tests, API-only use) pay nothing.
  let files: Map<string, StaticFile> | undefined;
  return {
    handle(request, response) {
      const name = requestedFile(request);
      if (name === undefined) return false;
      files ??= loadBundle(directory);
      const file = files?.get(name);
      if (file) sendFile(request, response, file);
      else if (name === PAGE)
        sendPlain(response, 503, 'GraphiQL is not built: run `npm run build` (it writes dist/graphiql).\n');
      else sendPlain(response, 404, `no such GraphiQL asset: ${name}\n`);
      return true;
    },
  };
}

/**
 * The bundle file a request asks for: the page for a browser's GET of `/`, or of `/graphql`
 * without a query string (a GET with `?query=` is a GraphQL request); an asset by name.
 */
function requestedFile(request: IncomingMessage): string | undefined {
  if (request.method !== 'GET' && request.method !== 'HEAD') return undefined;
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (url.pathname === '/') return PAGE;
  if (url.pathname === '/graphql') {
    const wantsHtml = (request.headers.accept ?? '').includes('text/html');
    return wantsHtml && url.search === '' ? PAGE : undefined;
  }
  if (url.pathname.startsWith(GRAPHIQL_ASSET_PATH)) return `assets/${url.pathname.slice(GRAPHIQL_ASSET_PATH.length)}`;
  return undefined;
}

/** Every file of the bundle, compressed once; undefined while the bundle is missing, to retry later. */
function loadBundle(directory: string): Map<string, StaticFile> | undefined {
  if (!existsSync(path.join(directory, PAGE))) return undefined;
  const names = [PAGE, ...readdirSync(path.join(directory, 'assets')).map((name) => `assets/${name}`)];
  const files = new Map<string, StaticFile>();
  for (const name of names) {
    const body = readFileSync(path.join(directory, name));
    files.set(name, {
      body,
      gzipped: gzipSync(body),
      contentType: CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream',
      // Asset names carry a content hash; the page names the current ones, so it is revalidated.
      cacheControl: name === PAGE ? 'no-cache' : 'public, max-age=31536000, immutable',
    });
  }
  return files;
}

function sendFile(request: IncomingMessage, response: ServerResponse, file: StaticFile) {
  const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const body = gzip ? file.gzipped : file.body;
  response.statusCode = 200;
  response.setHeader('content-type', file.contentType);
  response.setHeader('content-length', body.length);
  response.setHeader('cache-control', file.cacheControl);
  response.appendHeader('vary', 'accept-encoding');
  response.setHeader('x-content-type-options', 'nosniff');
  if (gzip) response.setHeader('content-encoding', 'gzip');
  if (file.contentType.startsWith('text/html')) {
    response.setHeader('content-security-policy', CONTENT_SECURITY_POLICY);
    response.setHeader('referrer-policy', 'no-referrer');
  }
  response.end(request.method === 'HEAD' ? undefined : body);
}

function sendPlain(response: ServerResponse, status: number, text: string) {
  response.statusCode = status;
  response.setHeader('content-type', 'text/plain; charset=utf-8');
  response.end(text);
}
