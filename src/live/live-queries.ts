import {
  DocumentNode,
  execute,
  FieldNode,
  FormattedExecutionResult,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLSchema,
  Kind,
  OperationDefinitionNode,
  OperationTypeNode,
  print,
} from 'graphql';
import { Caller } from '../auth/caller';
import { LiveConfig } from '../config';
import { createContext } from '../context';
import { LiveMetrics } from '../observability/metrics';
import { Services } from '../services';
import { Channel } from '../common/channel';
import { Cohort, CohortSubscriber } from './cohort';
import { ExecutionGate } from './execution-gate';
import { concerns, recordTypesReached } from './relevance';

/** A validated subscription document whose one root field is `live`. */
export interface LiveQueryRequest {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  liveField: FieldNode;
  variables: Record<string, unknown>;
  caller: Caller;
}

/** How one error leaves for a client: the server's formatError. */
export type FormatError = (error: GraphQLError) => GraphQLFormattedError;

export interface LiveQueriesOptions {
  schema: GraphQLSchema;
  services: Services;
  settings: LiveConfig;
  metrics: LiveMetrics;
  formatError: FormatError;
}

/**
 * Every live query the process serves, as cohorts: one per distinct printed document,
 * operation name, variables and caller (key id, or anonymous: what a key may see can differ).
 * Hears the register's change notices and asks each concerned cohort to run again; after the
 * LISTEN connection came back from a drop, or on a notice that names no types, every cohort.
 */
export class LiveQueries {
  private readonly cohorts = new Map<string, Cohort>();
  private unlisten: (() => void) | undefined;
  private readonly gate: ExecutionGate;

  constructor(private readonly options: LiveQueriesOptions) {
    this.gate = new ExecutionGate(options.settings.maxConcurrentExecutions);
  }

  start(): void {
    this.unlisten = this.options.services.changeNotices.on({
      notice: (notice) => {
        for (const cohort of this.cohorts.values()) if (concerns(cohort.reach, notice.types)) cohort.request();
      },
      resumed: () => this.cohorts.forEach((cohort) => cohort.request()),
    });
  }

  /**
   * Joins (or starts) the request's cohort; the returned channel carries its answers until it
   * ends, from either side, and then calls `ended`.
   */
  subscribe(
    request: LiveQueryRequest,
    subscriber: Omit<CohortSubscriber, 'channel'>,
    ended: () => void,
  ): Channel<FormattedExecutionResult> {
    const key = cohortKey(request);
    let cohort = this.cohorts.get(key);
    if (!cohort) {
      cohort = this.createCohort(key, request);
      this.cohorts.set(key, cohort);
      this.options.metrics.cohort(1);
    }
    const joined = cohort;
    const member: CohortSubscriber = {
      ...subscriber,
      channel: new Channel(() => {
        joined.leave(member);
        ended();
        if (joined.subscribers.size === 0 && this.cohorts.get(key) === joined) this.endCohort(joined);
      }),
    };
    joined.join(member);
    return member.channel;
  }

  /** Resolves when every execution in flight has pushed its answer. */
  async settled(): Promise<void> {
    await Promise.all([...this.cohorts.values()].map((cohort) => cohort.settled()));
  }

  /** Stops hearing changes and ends every cohort (their subscribers' transports end the streams). */
  async stop(): Promise<void> {
    this.unlisten?.();
    for (const cohort of [...this.cohorts.values()]) this.endCohort(cohort);
  }

  private endCohort(cohort: Cohort): void {
    this.cohorts.delete(cohort.key);
    cohort.close();
    this.options.metrics.cohort(-1);
  }

  private createCohort(key: string, request: LiveQueryRequest): Cohort {
    const { schema, services, settings, metrics } = this.options;
    const document = liveQueryDocument(request);
    return new Cohort(key, {
      execute: () => this.gate.run(() => this.execute(document, request)),
      reach: recordTypesReached(schema, document, services.dataSource),
      throttleMs: settings.throttleMs,
      subscriberBufferBytes: settings.subscriberBufferBytes,
      observe: {
        executed: () => metrics.executed(),
        pushed: (subscribers) => metrics.pushed(subscribers),
        cutOff: () => metrics.subscriberCutOff(),
      },
    });
  }

  /** One run: a fresh context (fresh loaders: no cached row outlives the change that moved it). */
  private async execute(document: DocumentNode, request: LiveQueryRequest): Promise<FormattedExecutionResult> {
    const field = request.liveField.alias?.value ?? request.liveField.name.value;
    const format = (error: GraphQLError) =>
      this.options.formatError(
        new GraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          path: error.path ? [field, ...error.path] : undefined,
          originalError: error.originalError,
          extensions: error.extensions,
        }),
      );
    // A run answers a change: on a replica, it must read at least the version that change made
    // (while the LISTEN connection is down the process cannot tell which: the primary answers).
    const { reads, changeNotices } = this.options.services;
    const version = changeNotices.latestVersion;
    const source = version === undefined ? reads.primary : reads.forRequest({ registerVersion: version });
    try {
      const result = await execute({
        schema: this.options.schema,
        document,
        contextValue: createContext(this.options.services, request.caller, source),
        variableValues: request.variables,
        operationName: request.operation.name?.value,
      });
      return {
        data: result.data ? { [field]: result.data } : null,
        ...(result.errors && { errors: result.errors.map(format) }),
      };
    } catch (error) {
      return { data: null, errors: [format(new GraphQLError('live query failed', { originalError: error as Error }))] };
    }
  }
}

/** The live field's selection as a query of its own, with the document's fragments. */
function liveQueryDocument({ document, operation, liveField }: LiveQueryRequest): DocumentNode {
  const query: OperationDefinitionNode = {
    ...operation,
    operation: OperationTypeNode.QUERY,
    selectionSet: liveField.selectionSet ?? { kind: Kind.SELECTION_SET, selections: [] },
  };
  const fragments = document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION);
  return { kind: Kind.DOCUMENT, definitions: [query, ...fragments] };
}

function cohortKey({ document, operation, variables, caller }: LiveQueryRequest): string {
  const identity = caller.kind === 'key' ? `key:${caller.keyId}` : 'anonymous';
  return JSON.stringify([print(document), operation.name?.value ?? null, variables, identity]);
}
