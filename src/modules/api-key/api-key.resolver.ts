import { Ctx, Field, ObjectType, Query, Resolver, UseMiddleware } from 'type-graphql';
import { UserErrorCode, UserInputError } from '../../common/errors';
import { runMutation } from '../../write/mutation';
import { databaseId, MutationTransaction } from '../../write/transaction';
import { MutationField, MutationInput, Payload, payload } from '../../write/payloads';
import { Context } from '../../context';
import { RequireRole } from '../../auth/access';
import { ApiKeyRole } from '../../auth/api-key';
import { CreateApiKeyInput, RevokeApiKeyInput } from './api-key.input';
import { insertApiKey, listApiKeys } from './api-key.service';
import { ApiKey } from './api-key.type';

const RevokeApiKeyPayload = Payload(ApiKey, 'RevokeApiKey', 'apiKey');

@ObjectType('CreateApiKeyPayload', { description: 'A new key, shown this once.' })
class CreateApiKeyPayload extends Payload(ApiKey, 'ApiKey', 'apiKey') {
  @Field(() => String, {
    nullable: true,
    description: 'The key to send as `Authorization: Bearer <key>`. Shown only now: the server keeps only its hash.',
  })
  key!: string | null;
}

async function createApiKey(tx: MutationTransaction, input: CreateApiKeyInput): Promise<ApiKey & { secret: string }> {
  const scope = input.municipalityIds.map(databaseId);
  if (scope.length && input.role !== ApiKeyRole.EDITOR) {
    throw UserInputError.of(
      ['input', 'municipalityIds'],
      'only EDITOR keys can be limited to municipalities',
      UserErrorCode.INVALID,
    );
  }
  await tx.requireRecords('Municipality', scope, ['input', 'municipalityIds']);
  if (input.expiresAt) await assertInFuture(tx, input.expiresAt);
  const { id, secret } = await insertApiKey(tx.manager, { ...input, scope, createdById: tx.caller.keyId });
  return Object.assign(await tx.created<ApiKey>('ApiKey', id), { secret });
}

/** A key that has expired when it is made would never work; the database's clock is the one authenticate reads. */
async function assertInFuture(tx: MutationTransaction, expiresAt: Date): Promise<void> {
  const [{ future }] = await tx.manager.query('SELECT $1::timestamptz > now() AS future', [expiresAt]);
  if (!future)
    throw UserInputError.of(
      ['input', 'expiresAt'],
      'must be in the future: the key would never work',
      UserErrorCode.INVALID,
    );
}

async function revokeApiKey(tx: MutationTransaction, input: RevokeApiKeyInput): Promise<ApiKey> {
  const id = databaseId(input.id);
  const before = await tx.lock('ApiKey', id, null);
  if (before.revoked_at) throw UserInputError.of(['input', 'id'], 'this key is already revoked', UserErrorCode.INVALID);
  await tx.manager.query('UPDATE api_key SET revoked_at = now() WHERE id = $1', [id]);
  return tx.changed<ApiKey>('ApiKey', id, before);
}

/** Managing API keys: admins only. */
@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: 'Every API key, newest first, revoked ones included (ADMIN keys only).' })
  @UseMiddleware(RequireRole(ApiKeyRole.ADMIN))
  apiKeys(@Ctx() context: Context): Promise<ApiKey[]> {
    return listApiKeys(context.services.manager);
  }

  @MutationField(() => CreateApiKeyPayload, {
    role: ApiKeyRole.ADMIN,
    description: 'Makes an API key and shows it once (ADMIN keys only).',
  })
  async createApiKey(@Ctx() context: Context, @MutationInput(CreateApiKeyInput) input: CreateApiKeyInput) {
    const result = await runMutation(
      context,
      { name: 'createApiKey', input, role: ApiKeyRole.ADMIN, recordType: 'ApiKey' },
      (tx) => createApiKey(tx, input),
    );
    return { ...payload(result, input), key: result.record?.secret ?? null };
  }

  @MutationField(() => RevokeApiKeyPayload, {
    role: ApiKeyRole.ADMIN,
    description: 'Revokes an API key at once; it stays listed (ADMIN keys only).',
  })
  async revokeApiKey(@Ctx() context: Context, @MutationInput(RevokeApiKeyInput) input: RevokeApiKeyInput) {
    return payload(
      await runMutation(context, { name: 'revokeApiKey', input, role: ApiKeyRole.ADMIN }, (tx) =>
        revokeApiKey(tx, input),
      ),
      input,
    );
  }
}
