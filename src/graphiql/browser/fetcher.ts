import type { GraphiQLProps } from 'graphiql';
import { type ExecutionResult, Kind, type OperationDefinitionNode, OperationTypeNode, parse } from 'graphql';
import { type Client, CloseCode, createClient } from 'graphql-ws';

/**
 * GraphiQL's fetcher: queries and mutations as POSTs to the endpoint, subscriptions (live
 * queries, `registerChanged`) over graphql-ws on the same origin and path, ws: or wss: as the
 * page was loaded. Not @graphiql/toolkit's createGraphiQLFetcher: it opens a new WebSocket client
 * for every subscription and never closes it, and would send the Headers pane as it is.
 */
export function createFetcher(endpoint: string): Fetcher {
  const sockets = new SocketClients(webSocketUrlOf(endpoint));
  return (given, options) => {
    const headers = headersOf(options);
    const parameters = withOperationOfText(given);
    if (!isSubscription(parameters)) return post(endpoint, parameters, headers);
    return answers(sockets.for(headers.authorization), parameters);
  };
}

type Fetcher = GraphiQLProps['fetcher'];
type FetcherParams = Parameters<Fetcher>[0];
type FetcherOpts = Parameters<Fetcher>[1];

/** http://host/graphql → ws://host/graphql, https → wss. */
function webSocketUrlOf(endpoint: string): string {
  const url = new URL(endpoint);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.href;
}

async function post(endpoint: string, parameters: FetcherParams, headers: Record<string, string>) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: JSON.stringify(parameters),
  });
  return response.json();
}

/**
 * A subscription's answers as the server formatted them, which is what GraphiQL shows of any
 * result; a closed socket becomes an error saying why (the close code and the server's reason:
 * a refused key, a reader too slow, a server going away), where GraphiQL would show `{}`.
 */
async function* answers(client: Client, parameters: FetcherParams): AsyncGenerator<ExecutionResult> {
  try {
    yield* client.iterate(parameters) as AsyncIterable<ExecutionResult>;
  } catch (problem) {
    if (problem instanceof CloseEvent)
      throw new Error(`the WebSocket closed: ${problem.code} ${problem.reason}`.trim());
    throw problem;
  }
}

/**
 * The request with an operation name its text defines. GraphiQL keeps the operation name in
 * state of its own, which right after a tab switch can still be the previous tab's (seen under
 * load: the live tab's subscription went out as a POST named after the tab before it). A
 * document of one operation is sent as that operation; a name the text lacks is dropped, and
 * the server then names the problem.
 */
function withOperationOfText(parameters: FetcherParams): FetcherParams {
  const operations = operationsOf(parameters.query);
  if (operations.length === 1) return { ...parameters, operationName: operations[0].name?.value ?? null };
  const named = operations.some((operation) => operation.name?.value === parameters.operationName);
  return named ? parameters : { ...parameters, operationName: null };
}

/** Decided from the text being sent (GraphiQL's own parse of the editor comes after a debounce). */
function isSubscription(parameters: FetcherParams): boolean {
  const operations = operationsOf(parameters.query);
  const operation =
    operations.find((candidate) => candidate.name?.value === parameters.operationName) ??
    (operations.length === 1 ? operations[0] : undefined);
  return operation?.operation === OperationTypeNode.SUBSCRIPTION;
}

function operationsOf(query: string): OperationDefinitionNode[] {
  try {
    return parse(query).definitions.filter(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
  } catch {
    return []; // the server answers the syntax error
  }
}

/** The Headers pane, with names in lower case so that `Authorization` and `authorization` are one. */
function headersOf(options?: FetcherOpts): Record<string, string> {
  const entries = Object.entries(options?.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]);
  return Object.fromEntries(entries);
}

/**
 * One graphql-ws client per key: the server reads the key once, from connection_init, so a
 * subscription run with another Authorization header needs a socket of its own. Each client is
 * lazy: it connects on its first subscription and closes when its last one ends.
 */
class SocketClients {
  private readonly clients = new Map<string, Client>();

  constructor(private readonly url: string) {}

  for(authorization: string | undefined): Client {
    const known = this.clients.get(authorization ?? '');
    if (known) return known;
    const client = createClient({
      url: this.url,
      connectionParams: authorization ? { authorization } : {},
      // A dropped connection is retried a few times; a refused key (4403) is not, it would only be refused again.
      retryAttempts: 3,
      shouldRetry: (problem) => problem instanceof CloseEvent && problem.code !== CloseCode.Forbidden,
    });
    this.clients.set(authorization ?? '', client);
    return client;
  }
}
