import { ArrayMaxSize, ArrayMinSize, IsOptional, Min, ValidateNested } from 'class-validator';
import { Arg, ClassType, Field, ID, InputType, Int, Mutation, ObjectType, UseMiddleware } from 'type-graphql';
import { RequireRole } from '../auth/access';
import { ApiKeyRole } from '../auth/api-key';
import { recordTypeNames } from './records';
import { IsGlobalId, IsLanguageTag, IsText, UniqueLanguages, validationUserErrors } from './validation';
import { UserError } from '../common/errors';

/*
 * The GraphQL shapes every mutation shares. See mutation.ts for how to add a mutation.
 */

/** Fields of every create input (the class itself is not in the schema: nothing refers to it). */
@InputType('CreateInput', { description: 'Fields of every create input.' })
export abstract class CreateInput {
  @Field(() => String, {
    nullable: true,
    description:
      'Idempotency key chosen by the client, kept per account (the portal, whichever of its API keys sends it): the same one again with the same input returns the first result and writes nothing; with another input it is refused (IDEMPOTENCY_MISMATCH, naming the first call).',
  })
  @IsOptional()
  @IsText(200)
  clientMutationId?: string | null;
}

/** Names a record and the version of it the client read: a stale version is refused with CONFLICT. */
@InputType('ChangeInput', { description: 'Fields of every change input.' })
export abstract class ChangeInput {
  // Any type of record here: a malformed id is refused as input; one of the wrong type is
  // NOT_FOUND where the mutation looks for it.
  @Field(() => ID, { description: 'The record to change.' })
  @IsGlobalId(recordTypeNames)
  id!: string;

  @Field(() => Int, {
    description: 'The `version` the client read; the change is refused with CONFLICT if the record has moved on.',
  })
  @Min(1)
  version!: number;
}

@InputType('DeleteInput', { description: 'The record to delete and the version read.' })
export class DeleteInput extends ChangeInput {}

export interface MutationResult<T> {
  record: T | null;
  userErrors: UserError[];
}

/**
 * The payload type `<Name>Payload { <field>: <Type>, userErrors, clientMutationId }` of
 * mutations on one record type. Build it once per type and reuse it for create, update and delete.
 */
export function Payload<T extends object>(type: ClassType<T>, name: string, field: string) {
  @ObjectType(`${name}Payload`, {
    description: `The outcome of a change to a ${name}: the record, or what was wrong with the input.`,
  })
  class PayloadType {
    @Field(() => type, {
      name: field,
      nullable: true,
      description: `The ${name} as it stands after the change; null when userErrors is not empty, or after a delete.`,
    })
    record!: T | null;

    @Field(() => [UserError], { description: 'What is wrong with the input; empty when the change was made.' })
    userErrors!: UserError[];

    @Field(() => String, { nullable: true, description: 'The clientMutationId sent, if any.' })
    clientMutationId!: string | null;
  }
  return PayloadType;
}

/** Wraps a service's result (and the input's clientMutationId) as a payload object. */
export function payload<T>(result: MutationResult<T>, input: object) {
  return {
    record: result.record,
    userErrors: result.userErrors,
    clientMutationId: (input as CreateInput).clientMutationId ?? null,
  };
}

/**
 * The `input:` argument of a mutation, validated by class-validator through type-graphql
 * (per argument, so that read queries pay nothing for validation).
 */
export function MutationInput(type: ClassType<object>): ReturnType<typeof Arg> {
  return Arg('input', () => type, {
    description: 'What to write.',
    validate: { forbidUnknownValues: false, validationError: { target: false } },
  });
}

/**
 * A mutation field: the caller's role is checked first (UNAUTHENTICATED / FORBIDDEN, before
 * the input is even looked at), then a failed input validation becomes the payload's
 * userErrors instead of a top-level error.
 */
export function MutationField(
  returns: () => ClassType<object>,
  options: { description: string; role?: ApiKeyRole },
): MethodDecorator {
  return (target, key, descriptor) => {
    // Nullable: a refusal (FORBIDDEN, CONFLICT) leaves this field null, not the whole response.
    Mutation(returns, { description: options.description, nullable: true })(target, key, descriptor);
    UseMiddleware(RequireRole(options.role ?? ApiKeyRole.EDITOR), async ({ args }, next) => {
      try {
        return await next();
      } catch (error) {
        const userErrors = validationUserErrors(error, 'input');
        if (!userErrors) throw error;
        return {
          record: null,
          userErrors,
          clientMutationId: (args.input as CreateInput | undefined)?.clientMutationId ?? null,
        };
      }
    })(target, key, descriptor);
  };
}

@InputType('LocalizedTextInput', { description: 'A name or title in one language.' })
export class LocalizedTextInput {
  @Field({ description: 'BCP 47 language tag ("en", "fa", "ru").' })
  @IsLanguageTag()
  lang!: string;

  @Field({ description: 'The text, in that language and its own script.' })
  @IsText(500)
  value!: string;
}

/** Validation of a `[LocalizedTextInput!]!` field: at least one entry, each language once, each entry checked. */
export const NamesRules = (): PropertyDecorator => (target, key) =>
  [ArrayMinSize(1), ArrayMaxSize(50), UniqueLanguages(), ValidateNested()].forEach((decorate) => decorate(target, key));

/** A list of localized texts as the jsonb object stored (language tag -> text). */
export function multilingual(texts: LocalizedTextInput[]): Record<string, string> {
  return Object.fromEntries(texts.map((text) => [text.lang, text.value]));
}
