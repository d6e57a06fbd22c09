import { ArrayMaxSize, ArrayUnique, IsOptional, Matches } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InputType } from 'type-graphql';
import { CreateInput } from '../../write/payloads';
import { IsGlobalId, IsText } from '../../write/validation';
import { ApiKeyRole } from '../../auth/api-key';

/** An account name, as the database checks it (api_key_account_valid). */
export const ACCOUNT = /^[a-z0-9][a-z0-9._-]{0,99}$/;

@InputType('CreateApiKeyInput', { description: 'A new API key.' })
export class CreateApiKeyInput extends CreateInput {
  @Field({ description: 'Who or what the key is for ("Tehran city portal").' })
  @IsText(200)
  name!: string;

  @Field(() => ApiKeyRole, { description: 'What the key may do.' })
  role!: ApiKeyRole;

  @Field(() => String, {
    nullable: true,
    description:
      'The account (the portal) it belongs to, to share clientMutationIds with its other keys (a rotated key names the old one\'s): lowercase letters, digits, ".", "_" and "-" ("tehran.ir"). Left out: an account of its own.',
  })
  @IsOptional()
  @Matches(ACCOUNT, {
    message: 'must be lowercase letters, digits, ".", "_" or "-", at most 100, starting with a letter or digit',
  })
  account?: string | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the key stops working; left out: never.' })
  @IsOptional()
  expiresAt?: Date | null;

  @Field(() => [ID], {
    defaultValue: [],
    description: 'For an EDITOR key: the municipalities whose records it may change (empty: all).',
  })
  @ArrayMaxSize(100)
  @ArrayUnique()
  @IsGlobalId('Municipality', { each: true })
  municipalityIds!: string[];
}

@InputType('RevokeApiKeyInput', { description: 'The key to revoke.' })
export class RevokeApiKeyInput {
  @Field(() => ID, { description: 'Id of the key (ApiKey.id).' })
  @IsGlobalId('ApiKey')
  id!: string;
}
