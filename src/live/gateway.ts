import {
  DocumentNode,
  ExecutionResult,
  FieldNode,
  FormattedExecutionResult,
  getOperationAST,
  GraphQLError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  parse,
  specifiedRules,
  subscribe,
  validate,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';
import { Caller } from '../auth/caller';
import { apiError, ErrorCode } from '../common/error-codes';
import { ServingConfig } from '../config';
import { createContext } from '../context';
import { enforceQueryLimits } from '../limits/limits.plugin';
import { RateBudget } from '../limits/rate-budget';
import { LiveMetrics } from '../observability/metrics';
import { LIVE_FIELD } from '../schema';
import { Services } from '../services';
import { Channel } from '../common/channel';
import { FormatError, LiveQueries } from './live-queries';
import { SubscriptionQuota } from './quota';

/** A subscription as a transport received it, with who sent it. */
export interface SubscriptionRequest {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  caller: Caller;
  /** Whose rate budget it spends: the same key HTTP requests use (`clientKeyOf`). */
  budgetKey: string;
  /** The client's address, whose quota an anonymous subscription counts in. */
  address: string;
  /** The transport's side of backpressure. */
  unsentBytes(): number;
  cutOff(): void;
  /** Told once when the subscription ends, from either side. */
  ended?(): void;
}

export type Opened = { results: Channel<FormattedExecutionResult> } | { errors: GraphQLError[] };

export interface GatewayOptions {
  schema: GraphQLSchema;
  services: Services;
  limits: ServingConfig;
  budget: RateBudget;
  quota: SubscriptionQuota;
  liveQueries: LiveQueries;
  metrics: LiveMetrics;
  formatError: FormatError;
  subscriberBufferBytes: number;
}

/**
 * Where WebSocket and SSE subscriptions meet: each document is parsed, validated and held to
 * the limits HTTP queries are (argument bounds, cost, depth, aliases, fragments, the shared
 * rate budget, charged once at subscribe) and to the per-key quota, before anything executes.
 * Queries and mutations are refused here: POST /graphql serves them with its response cache,
 * statement counting and idempotent writes, which a socket would bypass.
 */
export class SubscriptionGateway {
  /** Set by stop(): new subscriptions are refused. */
  stopping = false;

  constructor(private readonly options: GatewayOptions) {}

  async open(request: SubscriptionRequest): Promise<Opened> {
    try {
      return { results: await this.start(request) };
    } catch (error) {
      if (error instanceof GraphQLError) return { errors: [error] };
      if (Array.isArray(error)) return { errors: error as GraphQLError[] };
      throw error;
    }
  }

  private async start(request: SubscriptionRequest): Promise<Channel<FormattedExecutionResult>> {
    const { schema, limits, budget, quota } = this.options;
    if (this.stopping) throw shuttingDown();
    const document = parseDocument(request.query, limits.maxTokens);
    const validationErrors = validate(schema, document, specifiedRules);
    if (validationErrors.length) throw validationErrors.map(asValidationFailure);
    const operation = getOperationAST(document, request.operationName ?? undefined);
    if (!operation) throw asValidationFailure(new GraphQLError('no operation of that name in the document'));
    if (operation.operation !== 'subscription') {
      throw asValidationFailure(
        new GraphQLError(
          `this connection serves subscriptions only: send ${operation.operation} operations by POST (or GET) to /graphql`,
        ),
      );
    }
    const variables = coerceVariables(schema, operation, request.variables ?? {});
    await enforceQueryLimits({ schema, document, operation, variables }, limits, budget, request.budgetKey);
    // The take may wait on a shared store: a stop() that began meanwhile refuses it too.
    if (this.stopping) throw shuttingDown();
    const release = await quota.take(request.caller.kind === 'key' ? `key:${request.caller.keyId}` : request.address);
    // So may the quota's (Redis): what it counted is given back before refusing.
    if (this.stopping) {
      release();
      throw shuttingDown();
    }
    this.options.metrics.subscription(1);
    let done = false;
    const ended = () => {
      if (done) return;
      done = true;
      release();
      this.options.metrics.subscription(-1);
      request.ended?.();
    };
    try {
      const liveField = rootField(operation);
      if (liveField?.name.value === LIVE_FIELD) {
        return this.options.liveQueries.subscribe(
          { document, operation, liveField, variables, caller: request.caller },
          { unsentBytes: request.unsentBytes, cutOff: request.cutOff },
          ended,
        );
      }
      return this.stream(document, operation, variables, request, ended);
    } catch (error) {
      ended();
      throw error;
    }
  }

  /** Any other subscription field (the change stream): graphql-js subscribe, its results formatted. */
  private stream(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    variables: Record<string, unknown>,
    request: SubscriptionRequest,
    ended: () => void,
  ): Channel<FormattedExecutionResult> {
    let source: AsyncGenerator<ExecutionResult> | undefined;
    const channel = new Channel<FormattedExecutionResult>(() => {
      ended();
      void source?.return(undefined);
    });
    const format = (result: ExecutionResult): FormattedExecutionResult => ({
      ...(result.data !== undefined && { data: result.data }),
      ...(result.errors && { errors: result.errors.map(this.options.formatError) }),
    });
    void (async () => {
      const subscribed = await subscribe({
        schema: this.options.schema,
        document,
        operationName: operation.name?.value,
        variableValues: variables,
        contextValue: createContext(this.options.services, request.caller),
      });
      if (!(Symbol.asyncIterator in subscribed)) {
        channel.push(format(subscribed));
        return channel.end();
      }
      source = subscribed;
      if (channel.isEnded) return void source.return(undefined);
      for await (const result of source) {
        if (request.unsentBytes() > this.options.subscriberBufferBytes) {
          this.options.metrics.subscriberCutOff();
          request.cutOff();
          break;
        }
        channel.push(format(result));
      }
      channel.end();
    })().catch((error: unknown) => {
      channel.push({
        errors: [this.options.formatError(new GraphQLError('subscription failed', { originalError: error as Error }))],
      });
      channel.end();
    });
    return channel;
  }
}

function shuttingDown(): GraphQLError {
  return apiError(ErrorCode.SERVER_BUSY, 'the server is shutting down: subscribe again shortly');
}

function parseDocument(query: string, maxTokens: number): DocumentNode {
  if (typeof query !== 'string' || query === '')
    throw apiError(ErrorCode.BAD_USER_INPUT, 'a subscription needs its document in "query"');
  try {
    return parse(query, { maxTokens });
  } catch (error) {
    throw new GraphQLError((error as Error).message, { extensions: { code: ErrorCode.GRAPHQL_PARSE_FAILED } });
  }
}

function asValidationFailure(error: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code: ErrorCode.GRAPHQL_VALIDATION_FAILED },
  });
}

function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables);
  if (coerced.errors) {
    throw coerced.errors.map(
      (error) => new GraphQLError(error.message, { extensions: { code: ErrorCode.BAD_USER_INPUT } }),
    );
  }
  return variables;
}

/** The one root field of a subscription (validation makes it one). */
function rootField(operation: OperationDefinitionNode): FieldNode | undefined {
  const [first] = operation.selectionSet.selections;
  return first?.kind === Kind.FIELD ? first : undefined;
}
