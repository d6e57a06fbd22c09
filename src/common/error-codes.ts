import { GraphQLError } from 'graphql';

/**
 * The closed set of `extensions.code`s clients may see. Clients branch on these, so they are
 * part of the API contract: add to the list, never rename. PERSISTED_QUERY_NOT_FOUND is the
 * automatic-persisted-query protocol's own signal (clients resend the full query on it).
 */
export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  GRAPHQL_PARSE_FAILED: 'GRAPHQL_PARSE_FAILED',
  GRAPHQL_VALIDATION_FAILED: 'GRAPHQL_VALIDATION_FAILED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
  SERVER_BUSY: 'SERVER_BUSY',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /** A change-feed cursor older than the feed's retention: the client must resync. */
  CURSOR_EXPIRED: 'CURSOR_EXPIRED',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const known = new Set<string>(Object.values(ErrorCode));

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && known.has(value);
}

/**
 * Apollo Server's own codes that are not in the set, translated: a malformed HTTP request is
 * bad input, and naming an operation the document lacks is a validation failure.
 */
export const apolloCodeTranslation: Record<string, ErrorCode> = {
  BAD_REQUEST: ErrorCode.BAD_USER_INPUT,
  OPERATION_RESOLUTION_FAILURE: ErrorCode.GRAPHQL_VALIDATION_FAILED,
  PERSISTED_QUERY_NOT_SUPPORTED: ErrorCode.BAD_USER_INPUT,
};

/** HTTP status for an error refused before execution (a request error). */
export const statusOf: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  QUERY_TOO_COMPLEX: 400,
  DATABASE_UNAVAILABLE: 503,
  SERVER_BUSY: 503,
  INTERNAL_SERVER_ERROR: 500,
  CURSOR_EXPIRED: 410,
};

/** A GraphQL error with a stable code and, when refused before execution, its HTTP status. */
export function apiError(
  code: ErrorCode,
  message: string,
  extensions: Record<string, unknown> = {},
  headers?: Record<string, string>,
): GraphQLError {
  const http = { status: statusOf[code] ?? 400, headers: new Map(Object.entries(headers ?? {})) };
  return new GraphQLError(message, { extensions: { code, ...extensions, http } });
}
