import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { hydrate } from '../../database/rows';
import { ApiKeyRole, generateApiKey, hashApiKey, SHOWN_PREFIX_LENGTH } from '../../auth/api-key';
import { ApiKey } from './api-key.type';
import { insertLinks } from '../../database/link-rows';

export interface NewApiKey {
  name: string;
  role: ApiKeyRole;
  expiresAt?: Date | null;
  /** Municipality ids an editor key is limited to; empty for no limit. */
  scope: string[];
  createdById: string | null;
  /**
   * The account (the portal) the key belongs to: its keys share idempotency keys, so a retry
   * sent with a rotated key finds the first write. Left out: an account of the key's own.
   */
  account?: string | null;
}

/**
 * Makes a key and stores its hash. The key itself is returned once and kept nowhere: a lost
 * key is revoked and replaced, never recovered.
 */
export async function insertApiKey(manager: EntityManager, spec: NewApiKey): Promise<{ id: string; secret: string }> {
  const secret = generateApiKey();
  const id = randomUUID();
  await manager.query(
    `INSERT INTO api_key (id, name, role, key_hash, key_prefix, expires_at, created_by_id, account)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      id,
      spec.name,
      spec.role,
      hashApiKey(secret),
      secret.slice(0, SHOWN_PREFIX_LENGTH),
      spec.expiresAt ?? null,
      spec.createdById,
      spec.account ?? `key-${id}`,
    ],
  );
  await insertLinks(manager, 'api_key_scope', 'api_key_id', 'municipality_id', id, spec.scope);
  return { id, secret };
}

/** Every key, newest first (revoked ones too: they explain audit entries). */
export async function listApiKeys(manager: EntityManager): Promise<ApiKey[]> {
  return hydrate(manager, ApiKey, await manager.query('SELECT * FROM api_key ORDER BY created_at DESC, id'));
}
