import { explorerPlugin } from '@graphiql/plugin-explorer';
import '@graphiql/plugin-explorer/style.css';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createRoot } from 'react-dom/client';
import { createFetcher } from './fetcher';
import './page.css';

/**
 * One tab per contract operation, then one per subscription example: build.ts reads them from
 * src/graphiql/operations and src/graphiql/subscriptions and defines this constant.
 */
declare const EXAMPLE_TABS: Array<{ name: string; query: string; variables: string | null }>;

// Relative to the page, so the API works behind a proxy that mounts it under a path prefix:
// the page is served at `/` and at `/graphql`, and both resolve this to the endpoint.
const endpoint = new URL('graphql', document.baseURI).href;
const fetcher = createFetcher(endpoint);

const tabs = EXAMPLE_TABS.map(({ query, variables }) => ({ query, variables }));
const plugins = [explorerPlugin()];

const root = document.getElementById('graphiql');
if (!root) throw new Error('GraphiQL: the page has no #graphiql element');
createRoot(root).render(<GraphiQL fetcher={fetcher} plugins={plugins} defaultTabs={tabs} />);
