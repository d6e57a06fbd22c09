import { MiddlewareFn } from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../common/errors';
import { ApiKeyRole } from './api-key';
import { Caller } from './caller';

export type KeyCaller = Extract<Caller, { kind: 'key' }>;

const rank: Record<ApiKeyRole, number> = { READER: 0, EDITOR: 1, ADMIN: 2 };

/** The caller, if its key has at least `role`; UNAUTHENTICATED without a key, FORBIDDEN with too weak a one. */
export function requireRole(caller: Caller, role: ApiKeyRole): KeyCaller {
  if (caller.kind === 'anonymous') {
    throw new UnauthenticatedError(
      `this needs an API key with the ${role} role: send the header Authorization: Bearer <key>`,
    );
  }
  if (rank[caller.role] < rank[role]) {
    throw new ForbiddenError(`API key "${caller.name}" has the ${caller.role} role; this needs ${role}`);
  }
  return caller;
}

/** Resolver middleware: refuses before arguments are even validated. */
export function RequireRole(role: ApiKeyRole): MiddlewareFn<{ caller: Caller }> {
  return async ({ context }, next) => {
    requireRole(context.caller, role);
    return next();
  };
}
