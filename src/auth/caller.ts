import { EntityManager } from 'typeorm';
import { UnauthenticatedError } from '../common/errors';
import { ApiKeyRole, hashApiKey } from './api-key';

/** Who sends a request: nobody, or the holder of an API key. */
export type Caller =
  | { kind: 'anonymous' }
  | {
      kind: 'key';
      keyId: string;
      name: string;
      role: ApiKeyRole;
      /** The account (portal) the key belongs to: the owner of its clientMutationIds. */
      account: string;
      /** Municipality ids an editor may change records of; null means all. */
      scope: string[] | null;
    };

export const ANONYMOUS: Caller = { kind: 'anonymous' };

interface KeyRow {
  id: string;
  name: string;
  role: ApiKeyRole;
  account: string;
  revoked: boolean;
  expired: boolean;
  scope: string[];
}

/** The token of an `Authorization: Bearer <token>` value (a header, a WebSocket's connection_init), if it is one. */
export function bearerTokenIn(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/**
 * The caller named by an `Authorization: Bearer <key>` header. A header that is present but
 * wrong is refused even for reads: a client that means to use a key should hear that it does
 * not work, not be served as anonymous.
 */
export async function authenticate(
  manager: EntityManager,
  authorization: string | undefined,
  anonymousReads: boolean,
): Promise<Caller> {
  if (!authorization) {
    if (anonymousReads) return ANONYMOUS;
    throw new UnauthenticatedError('this server needs an API key: send the header Authorization: Bearer <key>');
  }
  const token = bearerTokenIn(authorization);
  if (!token) throw new UnauthenticatedError('the Authorization header must be "Bearer <key>"');
  const rows: KeyRow[] = await manager.query(
    `SELECT k.id, k.name, k.role, k.account, k.revoked_at IS NOT NULL AS revoked, coalesce(k.expires_at <= now(), false) AS expired,
            ARRAY(SELECT s.municipality_id FROM api_key_scope s WHERE s.api_key_id = k.id ORDER BY 1)::text[] AS scope
       FROM api_key k WHERE k.key_hash = $1`,
    [hashApiKey(token)],
  );
  const key = rows[0];
  if (!key) throw new UnauthenticatedError('unknown API key');
  if (key.revoked) throw new UnauthenticatedError(`API key "${key.name}" was revoked`);
  if (key.expired) throw new UnauthenticatedError(`API key "${key.name}" has expired`);
  return {
    kind: 'key',
    keyId: key.id,
    name: key.name,
    role: key.role,
    account: key.account,
    scope: key.scope.length ? key.scope : null,
  };
}
