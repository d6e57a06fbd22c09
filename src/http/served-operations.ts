import { ASTVisitor, GraphQLError, ValidationContext } from 'graphql';

/**
 * Refuses, at validation of a plain HTTP request, what one HTTP answer cannot serve: a
 * `subscription` (a stream: src/live serves it over WebSocket and SSE on the same path), and an
 * operation whose root type the schema lacks (graphql-js 16 has no such rule, the
 * specification's "Operation Type Existence"; without it execution fails with an internal
 * error). As a validation failure it is GRAPHQL_VALIDATION_FAILED, HTTP 400, refused before any
 * resolver or SQL. Apollo applies it; the subscription transports validate without it.
 */
export function servedOperationsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (node.operation !== 'subscription' && context.getSchema().getRootType(node.operation)) return;
      const message =
        node.operation === 'subscription'
          ? 'subscriptions are served over WebSocket (graphql-ws protocol) and SSE (POST with Accept: text/event-stream) at /graphql, not over plain HTTP'
          : `this API does not serve ${node.operation} operations`;
      context.reportError(new GraphQLError(message, { nodes: [node] }));
    },
  };
}
