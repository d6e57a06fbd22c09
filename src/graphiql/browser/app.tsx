import { explorerPlugin } from '@graphiql/plugin-explorer';
import '@graphiql/plugin-explorer/style.css';
import { GraphiQL, type GraphiQLProps } from 'graphiql';
import 'graphiql/style.css';
import { createRoot } from 'react-dom/client';
import './page.css';

/** One tab per contract operation; build.ts reads them from src/graphiql/operations and defines this constant. */
declare const CONTRACT_OPERATIONS: Array<{ name: string; query: string; variables: string | null }>;

// Relative to the page, so the API works behind a proxy that mounts it under a path prefix:
// the page is served at `/` and at `/graphql`, and both resolve this to the endpoint.
const endpoint = new URL('graphql', document.baseURI).href;

const fetcher: GraphiQLProps['fetcher'] = async (parameters, options) => {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...options?.headers,
    },
    body: JSON.stringify(parameters),
  });
  return response.json();
};

const tabs = CONTRACT_OPERATIONS.map(({ query, variables }) => ({ query, variables }));
const plugins = [explorerPlugin()];

const root = document.getElementById('graphiql');
if (!root) throw new Error('GraphiQL: the page has no #graphiql element');
createRoot(root).render(<GraphiQL fetcher={fetcher} plugins={plugins} defaultTabs={tabs} />);
