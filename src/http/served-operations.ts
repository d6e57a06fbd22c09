import { ASTVisitor, GraphQLError, ValidationContext } from 'graphql';

/**
 * Refuses, at validation, an operation whose root type the schema lacks: today a
 * `subscription`, since the schema has no Subscription type yet. graphql-js 16 has no such
 * rule (the specification's "Operation Type Existence"; graphql-js 17 adds it), so without
 * this the document validates and execution fails with an internal error. As a validation
 * failure it is GRAPHQL_VALIDATION_FAILED, HTTP 400, refused before any resolver or SQL.
 * It stops refusing by itself once the schema has a Subscription type.
 */
export function servedOperationsRule(context: ValidationContext): ASTVisitor {
  return {
    OperationDefinition(node) {
      if (context.getSchema().getRootType(node.operation)) return;
      const message =
        node.operation === 'subscription'
          ? 'subscriptions are not served yet: this API answers queries and mutations only'
          : `this API does not serve ${node.operation} operations`;
      context.reportError(new GraphQLError(message, { nodes: [node] }));
    },
  };
}
