import { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { apiError, ErrorCode } from '../common/error-codes';
import { currentScope } from '../observability/request-scope';
import { checkArguments, normalizeRequestText } from './argument-check';
import { ThrottleStatus } from './leaky-bucket';
import { measureQuery, QueryMeasures } from './query-analysis';
import { RateBudget } from './rate-budget';

/** Per-request ceilings, from the configuration. */
export interface QueryLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxFragments: number;
}

/** Why the measures break a ceiling (the first one broken), or undefined when they break none. */
export function tooComplex(measures: QueryMeasures, limits: QueryLimits): string | undefined {
  if (measures.depth > limits.maxDepth) return `query depth ${measures.depth} exceeds the limit of ${limits.maxDepth}`;
  if (measures.aliases > limits.maxAliases)
    return `query uses ${measures.aliases} aliases; the limit is ${limits.maxAliases}`;
  if (measures.fragments > limits.maxFragments)
    return `query defines ${measures.fragments} fragments; the limit is ${limits.maxFragments}`;
  if (measures.cost > limits.maxCost)
    return `query cost ${measures.cost} exceeds the limit of ${limits.maxCost}; ask for smaller pages or fewer nested lists`;
  return undefined;
}

/** One operation about to run, as the limits see it. */
export interface LimitedOperation {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
}

/**
 * Every check an operation passes before it runs, in order: its text normalized, its arguments
 * bounded, its measures under the ceilings (QUERY_TOO_COMPLEX), its cost taken from the caller's
 * budget (RATE_LIMITED). Throws the refusal; HTTP (the plugin below) and subscriptions
 * (src/live) call it alike, so both paths refuse the same documents and share one budget.
 * `observe` hears the cost as soon as it is known and then the budget's state, refused or not.
 */
export async function enforceQueryLimits(
  { schema, document, operation, variables }: LimitedOperation,
  limits: QueryLimits,
  budget: RateBudget,
  clientKey: string,
  observe: (report: { cost: number; throttle?: ThrottleStatus }) => void = () => {},
): Promise<{ measures: QueryMeasures; throttle: ThrottleStatus }> {
  normalizeRequestText(document, variables);
  checkArguments(schema, document, operation, variables);
  const measures = measureQuery(schema, document, operation, variables);
  observe({ cost: measures.cost });
  const problem = tooComplex(measures, limits);
  if (problem) {
    throw apiError(ErrorCode.QUERY_TOO_COMPLEX, problem, {
      measured: {
        cost: measures.cost,
        depth: measures.depth,
        aliases: measures.aliases,
        fragments: measures.fragments,
      },
    });
  }
  const taken = await budget.take(clientKey, measures.cost);
  observe({ cost: measures.cost, throttle: taken.status });
  if (!taken.allowed) {
    throw apiError(
      ErrorCode.RATE_LIMITED,
      `query budget spent: this query costs ${measures.cost}, ${taken.status.currentlyAvailable} points are available and ${taken.status.restoreRate} come back every second`,
      { retryAfterSeconds: taken.retryAfterSeconds },
      { 'retry-after': String(taken.retryAfterSeconds) },
    );
  }
  return { measures, throttle: taken.status };
}

/**
 * Checks every argument against its bounds and the rule for text, then measures every
 * operation, after validation and before execution, so that a refused query never reaches
 * the database; charges its cost to the caller's bucket; and reports the cost
 * in every response's `extensions.cost`.
 */
export function limitsPlugin(limits: QueryLimits, budget: RateBudget): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      let requested = 0;
      let throttle: ThrottleStatus | undefined;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const scope = currentScope();
          await enforceQueryLimits(
            { schema, document, operation, variables: request.variables ?? {} },
            limits,
            budget,
            scope?.clientKey ?? 'unknown',
            (report) => {
              requested = report.cost;
              throttle = report.throttle;
              if (scope) scope.cost = report.cost;
            },
          );
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          result.extensions = {
            ...result.extensions,
            cost: { requested, limit: limits.maxCost, ...(throttle && { throttle }) },
          };
        },
      };
    },
  };
}
