import { GraphQLError } from 'graphql';

/**
 * Apollo's and our codes for a GraphQL request error: the document did not parse or validate
 * (our limits are validation too), names no operation, or its variables do not coerce. Not
 * among them: a malformed HTTP request (BAD_REQUEST), a persisted-query refusal (no code),
 * authentication, the rate limit, or the database, which keep their own statuses.
 */
const requestErrorCodes = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_USER_INPUT',
  'QUERY_TOO_COMPLEX',
]);

/** True when a response without data is refused for GraphQL request errors only. */
export function isGraphQLRequestError(errors: readonly GraphQLError[] | undefined, hasData: boolean): boolean {
  return !hasData && !!errors?.length && errors.every((error) => requestErrorCodes.has(String(error.extensions.code)));
}

/**
 * The status for a GraphQL request error in the media type the client gets. GraphQL over HTTP:
 * application/graphql-response+json answers it 400; the legacy application/json answers a
 * well-formed request 200 whatever its GraphQL errors, because clients of that type read
 * errors from the body and treat a 4xx as a failure of the HTTP request itself (and
 * intermediaries may replace a 4xx body). Apollo gives 400 to both; this restores the 200.
 */
export function statusForMediaType(status: number, contentType: string | undefined, requestError: boolean): number {
  const legacy = /^application\/json\b/i.test(contentType ?? '');
  return legacy && requestError && status === 400 ? 200 : status;
}
