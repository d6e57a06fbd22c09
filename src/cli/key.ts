import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { ApiKeyRole } from '../auth/api-key';
import { ACCOUNT, insertApiKey, listApiKeys } from '../modules/api-key';
import { ConfigError, loadConfig } from '../config';
import { openDatabase } from '../open-database';

const USAGE = `usage:
  npm run key -- create --role admin|editor|reader --name "<who it is for>" [--account <portal>] [--scope <slug>,<slug>] [--expires <ISO date>]
  npm run key -- list
  npm run key -- revoke <key id prefix or uuid>`;

/** A mistake in the command line: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/**
 * The key command, on an open database; returns what to print. Made for the first admin
 * key (no key exists yet to call createApiKey with); its changes are audited with no key.
 */
export async function keyCommand(argv: string[], dataSource: DataSource): Promise<string> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      name: { type: 'string' },
      account: { type: 'string' },
      scope: { type: 'string' },
      expires: { type: 'string' },
    },
  });
  const [command, target] = positionals;
  if (command === 'create') return create(dataSource, values);
  if (command === 'list') {
    const keys = await listApiKeys(dataSource.manager);
    return keys
      .map(
        (key) =>
          `${key.id}  ${key.prefix}…  ${key.role.padEnd(6)}  ${key.revokedAt ? 'revoked' : 'active '}  ${key.name}  (account ${key.account})`,
      )
      .join('\n');
  }
  if (command === 'revoke' && target) return revoke(dataSource, target);
  throw new UsageError(USAGE);
}

async function create(dataSource: DataSource, values: Record<string, string | undefined>): Promise<string> {
  const role = values.role?.toUpperCase() as ApiKeyRole;
  if (!Object.values(ApiKeyRole).includes(role))
    throw new UsageError(`--role must be admin, editor or reader\n${USAGE}`);
  if (!values.name?.trim()) throw new UsageError(`--name is required\n${USAGE}`);
  const expiresAt = values.expires ? new Date(values.expires) : null;
  if (expiresAt && Number.isNaN(expiresAt.getTime()))
    throw new UsageError(`--expires: "${values.expires}" is not a date`);
  if (expiresAt && expiresAt.getTime() <= Date.now())
    throw new UsageError(`--expires: ${values.expires} is not in the future: the key would never work`);
  if (values.account !== undefined && !ACCOUNT.test(values.account))
    throw new UsageError(
      `--account: "${values.account}" must be lowercase letters, digits, ".", "_" or "-" (at most 100)`,
    );
  const slugs = values.scope ? values.scope.split(',').map((slug) => slug.trim()) : [];
  if (slugs.length && role !== ApiKeyRole.EDITOR) throw new UsageError('--scope is for editor keys only');
  return dataSource.transaction(async (manager) => {
    const rows: Array<{ id: string; slug: string }> = await manager.query(
      'SELECT id, slug FROM municipality WHERE slug = ANY($1)',
      [slugs],
    );
    const unknown = slugs.filter((slug) => !rows.some((row) => row.slug === slug));
    if (unknown.length) throw new UsageError(`--scope: no municipality has the slug ${unknown.join(', ')}`);
    const { id, secret } = await insertApiKey(manager, {
      name: values.name!.trim(),
      role,
      expiresAt,
      scope: rows.map((row) => row.id),
      createdById: null,
      account: values.account ?? null,
    });
    await manager.query(
      `INSERT INTO audit_log (mutation, action, record_type, record_id, after)
       SELECT 'cli:key create', 'CREATE', 'ApiKey', id, to_jsonb(k) - 'key_hash' - 'created_at' FROM api_key k WHERE id = $1`,
      [id],
    );
    return `${role} key "${values.name!.trim()}" (id ${id}). It is shown only this once:\n${secret}`;
  });
}

async function revoke(dataSource: DataSource, target: string): Promise<string> {
  return dataSource.transaction(async (manager) => {
    const keys: Array<{ id: string; name: string }> = await manager.query(
      `SELECT id, name FROM api_key WHERE (id::text = $1 OR key_prefix = $1) AND revoked_at IS NULL`,
      [target],
    );
    if (keys.length !== 1) throw new UsageError(`no single active key has the id or prefix "${target}"`);
    const before = await manager.query(
      `SELECT to_jsonb(k) - 'key_hash' - 'created_at' AS s FROM api_key k WHERE id = $1`,
      [keys[0].id],
    );
    await manager.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [keys[0].id]);
    await manager.query(
      `INSERT INTO audit_log (mutation, action, record_type, record_id, before, after)
       SELECT 'cli:key revoke', 'UPDATE', 'ApiKey', id, $2, to_jsonb(k) - 'key_hash' - 'created_at' FROM api_key k WHERE id = $1`,
      [keys[0].id, before[0].s],
    );
    return `revoked key "${keys[0].name}" (id ${keys[0].id})`;
  });
}

async function main(): Promise<void> {
  const database = await openDatabase(loadConfig());
  try {
    process.stdout.write(`${await keyCommand(process.argv.slice(2), database.dataSource)}\n`);
  } finally {
    await database.close();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    const known = error instanceof ConfigError || error instanceof UsageError;
    process.stderr.write(known ? `${(error as Error).message}\n` : `${(error as Error)?.stack ?? error}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
