import { DataSource } from 'typeorm';
import { ApiKeyRole } from '../../src/auth/api-key';
import { insertApiKey } from '../../src/modules/api-key/api-key.service';

/** An API key made straight in the database, and the header that sends it. */
export async function makeKey(dataSource: DataSource, role: ApiKeyRole, name: string, scope: string[] = []) {
  const { id, secret } = await insertApiKey(dataSource.manager, { name, role, scope, createdById: null });
  return { id, secret, headers: { authorization: `Bearer ${secret}` } };
}
