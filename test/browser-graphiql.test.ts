import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';
import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { buildGraphiQL, isGraphiQLBundleStale } from '../src/graphiql/build';
import { readExampleTabs } from '../src/graphiql/operations';
import { graphiqlSourceDirectory } from '../src/graphiql/paths';
import { makeKey } from './helpers/keys';
import { startTestServer, TestServer } from './helpers/server';

// Debian's chromium, installed by .ci/run when missing; playwright-core never downloads one.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const ARTIFACTS = path.resolve(__dirname, '../test-artifacts');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium && !process.env.CI) {
  process.stderr.write(
    `browser-graphiql: skipping the browser tests, ${CHROMIUM} is missing (apt-get install chromium); with CI set they fail instead\n`,
  );
}

/** The part of a CodeMirror 5 editor the test uses; GraphiQL 4's editors are CodeMirror 5. */
interface CodeMirrorInstance {
  getValue(): string;
  on(event: 'change', handler: () => void): void;
  heightAtLine(line: number, mode: 'local'): number;
  scrollTo(x: number | null, y: number): void;
}

/** Reads and scrolls a GraphiQL editor through the CodeMirror instance kept on its element. */
function editor(page: Page, container: string) {
  const element = page.locator(`${container} .CodeMirror`);
  return {
    /** The whole text: CodeMirror draws only the visible lines. */
    text: () =>
      element.evaluate((node) => (node as unknown as { CodeMirror: CodeMirrorInstance }).CodeMirror.getValue()),
    /**
     * Resolves once the whole text contains `fragment`, however many answers that takes; after
     * a generous 40 s it fails with the text as it stands, so a failure shows what arrived.
     */
    waitForText: (fragment: string) =>
      element.evaluate(
        (node, wanted) =>
          new Promise<void>((resolve, reject) => {
            const instance = (node as unknown as { CodeMirror: CodeMirrorInstance }).CodeMirror;
            const timer = setTimeout(
              () =>
                reject(new Error(`no "${wanted}" after 40 s; the pane shows: ${instance.getValue().slice(0, 2000)}`)),
              40_000,
            );
            const check = () => {
              if (!instance.getValue().includes(wanted)) return;
              clearTimeout(timer);
              resolve();
            };
            instance.on('change', check);
            check();
          }),
        fragment,
      ),
    scrollToLineWith: (fragment: string) =>
      element.evaluate((node, wanted) => {
        const instance = (node as unknown as { CodeMirror: CodeMirrorInstance }).CodeMirror;
        const line = instance
          .getValue()
          .split('\n')
          .findIndex((text) => text.includes(wanted));
        instance.scrollTo(null, instance.heightAtLine(line, 'local'));
      }, fragment),
  };
}

let api: TestServer;
let origin: string;

beforeAll(async () => {
  // `npm run build` makes the bundle; a test run straight after editing the page rebuilds it.
  if (isGraphiQLBundleStale()) await buildGraphiQL();
  api = await startTestServer({ seeded: true });
  origin = new URL(api.server.url).origin;
});
afterAll(() => api?.stop());

const get = (pathAndQuery: string, headers: Record<string, string> = {}) =>
  fetch(`${origin}${pathAndQuery}`, { headers });

describe('the GraphiQL page over HTTP', () => {
  test('is served at / and to a browser asking /graphql for HTML, from the API itself', async () => {
    const root = await get('/', { accept: 'text/html' });
    const graphql = await get('/graphql', { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' });
    expect([root.status, graphql.status]).toEqual([200, 200]);
    expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(root.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await root.text();
    expect(await graphql.text()).toBe(html);
    expect(html).toMatch(/<script defer src="graphiql\/assets\/graphiql-\w+\.js"><\/script>/);
    expect(html).toMatch(/<link rel="stylesheet" href="graphiql\/assets\/graphiql-\w+\.css">/);
    expect(html).not.toMatch(/https?:/);
  });

  test('serves its assets compressed and cacheable, and nothing else under their path', async () => {
    const html = await (await get('/')).text();
    const script = /src="(graphiql\/assets\/[^"]+)"/.exec(html)![1];
    const asset = await get(`/${script}`, { 'accept-encoding': 'gzip' });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await asset.text()).length).toBeGreaterThan(100_000);
    expect((await get('/graphiql/assets/nothing-here.js')).status).toBe(404);
  });

  test('leaves GraphQL requests to the API: a GET with a query, and POSTs', async () => {
    const viaGet = await get('/graphql?query=%7B__typename%7D', {
      accept: 'text/html, application/json',
      'apollo-require-preflight': 'true',
    });
    expect(viaGet.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await viaGet.json()) as { data: unknown }).data).toEqual({ __typename: 'Query' });
    expect((await api.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  test('is not served when GRAPHIQL=false', async () => {
    const off = await startTestServer({ seeded: false, env: { GRAPHIQL: 'false' } });
    try {
      const offOrigin = new URL(off.server.url).origin;
      expect((await fetch(`${offOrigin}/`, { headers: { accept: 'text/html' } })).status).toBe(404);
      const graphql = await fetch(`${offOrigin}/graphql`, { headers: { accept: 'text/html' } });
      expect(graphql.headers.get('content-type')).not.toMatch(/text\/html/);
    } finally {
      await off.stop();
    }
  });
});

(hasChromium || process.env.CI ? describe : describe.skip)('GraphiQL in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const webSockets: string[] = [];
  const problems: string[] = [];

  beforeAll(async () => {
    if (!hasChromium) throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium package`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.on('request', (request) => requests.push(request.url()));
    page.on('websocket', (socket) => webSockets.push(socket.url()));
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.goto(`${origin}/graphql`);
  });
  afterAll(() => browser?.close());

  test("opens with the contract operations and the subscriptions as tabs, and runs the first: Tehran's partners in the result pane", async () => {
    const tabs = page.locator('.graphiql-tabs .graphiql-tab');
    await tabs.first().waitFor();
    const operations = readExampleTabs(graphiqlSourceDirectory());
    expect((await tabs.allInnerTexts()).map((text) => text.trim())).toEqual(operations.map((tab) => tab.name));
    expect(await editor(page, '.graphiql-query-editor').text()).toBe(operations[0].query);

    await page.locator('.graphiql-execute-button').click();
    await page.locator('.result-window .CodeMirror-line', { hasText: '"data"' }).waitFor();
    const result = JSON.parse(await editor(page, '.result-window').text());
    expect(result.errors).toBeUndefined();
    expect(result.data.municipality.name).toBe('Tehran');
    expect(
      result.data.municipality.partners.map((partner: { municipality: { slug: string } }) => partner.municipality.slug),
    ).toEqual(['moscow', 'saint-petersburg']);
    // Scroll the result to the partners, so the screenshot shows them, and check they are drawn.
    await editor(page, '.result-window').scrollToLineWith('"partners"');
    await page.locator('.result-window .CodeMirror-line', { hasText: '"saint-petersburg"' }).waitFor();
    await page.locator('.result-window .CodeMirror-line', { hasText: 'COOPERATION_AGREEMENT' }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql-city-partners.png') });

    // Everything the page loaded came from the API's own origin, and the browser saw no error.
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    expect(requests.filter((url) => url.startsWith(`${origin}/graphiql/assets/`))).toHaveLength(2);
    expect(problems).toEqual([]);
  });

  test("shows the schema's descriptions in the docs pane, and offers the Explorer", async () => {
    const { data } = await api.query('{ __type(name: "Query") { description fields { name description } } }');
    const municipality = data!.__type.fields.find((field: { name: string }) => field.name === 'municipality');
    await page.getByLabel('Show Documentation Explorer').click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs
      .locator('a', { hasText: /^Query$/ })
      .first()
      .click();
    await expect(docs.getByText(data!.__type.description, { exact: true }).count()).resolves.toBe(1);
    await expect(docs.getByText(municipality.description, { exact: true }).count()).resolves.toBe(1);
    await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql-docs.png') });
    await expect(page.getByLabel('Show GraphiQL Explorer').count()).resolves.toBe(1);
  });

  test('runs the live tab over its WebSocket: the first answer, then the new one a committed change brings', async () => {
    await page.locator('.graphiql-tabs .graphiql-tab-button', { hasText: 'TehranPartnersLive' }).click();
    expect(await editor(page, '.graphiql-query-editor').text()).toContain('subscription TehranPartnersLive');
    await page.locator('.graphiql-execute-button').click();
    await editor(page, '.result-window').waitForText('"saint-petersburg"');
    const agreementsOf = (result: LiveResult, slug: string) =>
      result.data.live.municipality.partners.find((partner) => partner.municipality.slug === slug)!.agreements;
    const first = JSON.parse(await editor(page, '.result-window').text()) as LiveResult;
    expect(first.errors).toBeUndefined();
    expect(first.data.live.municipality.name).toBe('Tehran');
    expect(agreementsOf(first, 'saint-petersburg')).toEqual([
      {
        id: toGlobalId('Agreement', SEED.agreement.saintPetersburgCooperation),
        kind: 'COOPERATION_AGREEMENT',
        title: 'Tehran–Saint Petersburg cooperation document',
        signedOn: null,
        version: 1,
      },
    ]);

    // A change committed through the API, as an editor's portal would make it.
    const editorKey = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'GraphiQL live test');
    const changed = await api.query(
      `mutation ($input: UpdateAgreementInput!) { updateAgreement(input: $input) { userErrors { field message } } }`,
      { input: { id: agreementsOf(first, 'saint-petersburg')[0].id, version: 1, signedOn: '2016-04' } },
      editorKey.headers,
    );
    expect(changed.data!.updateAgreement.userErrors).toEqual([]);

    await editor(page, '.result-window').waitForText('"2016-04"');
    const second = JSON.parse(await editor(page, '.result-window').text()) as LiveResult;
    expect(agreementsOf(second, 'saint-petersburg')).toEqual([
      { ...agreementsOf(first, 'saint-petersburg')[0], signedOn: '2016-04', version: 2 },
    ]);
    expect(agreementsOf(second, 'moscow')).toEqual(agreementsOf(first, 'moscow'));
    await editor(page, '.result-window').scrollToLineWith('"2016-04"');
    await page.screenshot({ path: path.join(ARTIFACTS, 'graphiql-live-query.png') });

    // One socket, at the page's own origin and path; stopping the run ends the subscription.
    expect(webSockets).toEqual([`${origin.replace(/^http/, 'ws')}/graphql`]);
    await page.locator('.graphiql-execute-button').click();
    expect(problems).toEqual([]);
  }, 120_000);

  test('says why when the WebSocket refuses the key in the Headers pane', async () => {
    await page.locator('.graphiql-tabs .graphiql-tab-button', { hasText: 'TehranPartnersLive' }).click();
    await page.locator('.graphiql-editor-tools button', { hasText: 'Headers' }).click();
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror');
    const setHeaders = (text: string) =>
      headers.evaluate(
        (node, value) =>
          (node as unknown as { CodeMirror: { setValue(text: string): void } }).CodeMirror.setValue(value),
        text,
      );
    await setHeaders('{ "Authorization": "Bearer mda_not-a-key" }');
    await page.locator('.graphiql-execute-button').click();
    await editor(page, '.result-window').waitForText('the WebSocket closed: 4403 unknown API key');
    await setHeaders('');
    // The page's own errors are the console's too; this one was asked for.
    expect(problems.filter((problem) => !problem.includes('4403'))).toEqual([]);
  });
});

/** What the live tab answers (the fields the test reads). */
interface LiveResult {
  errors?: unknown[];
  data: {
    live: {
      municipality: {
        name: string;
        partners: Array<{
          municipality: { slug: string };
          agreements: Array<{ id: string; kind: string; title: string; signedOn: string | null; version: number }>;
        }>;
      };
    };
  };
}
