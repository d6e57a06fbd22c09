import { GraphQLError } from 'graphql';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ErrorCode } from './error-codes';

/**
 * Two kinds of failure (STYLE.md, "errors are values with codes"):
 * - what the caller may not do, or asked of a stale version: a GraphQLError subclass below,
 *   with `extensions.code`; the mutation's payload is null and nothing is written.
 * - what is wrong with the input (a date range backwards, an unknown party, a duplicate pact):
 *   `userErrors` in the payload (Shopify's convention), naming the input field.
 */

export enum UserErrorCode {
  INVALID = 'INVALID',
  BLANK = 'BLANK',
  TOO_LONG = 'TOO_LONG',
  INVALID_DATE = 'INVALID_DATE',
  DATES_OUT_OF_ORDER = 'DATES_OUT_OF_ORDER',
  UNKNOWN_COUNTRY = 'UNKNOWN_COUNTRY',
  UNKNOWN_LANGUAGE = 'UNKNOWN_LANGUAGE',
  NOT_FOUND = 'NOT_FOUND',
  WRONG_TYPE = 'WRONG_TYPE',
  TOO_FEW = 'TOO_FEW',
  DUPLICATE = 'DUPLICATE',
  TAKEN = 'TAKEN',
  OVERLAPS = 'OVERLAPS',
  IN_USE = 'IN_USE',
  ALREADY_USED = 'ALREADY_USED',
  IDEMPOTENCY_MISMATCH = 'IDEMPOTENCY_MISMATCH',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
}

registerEnumType(UserErrorCode, {
  name: 'UserErrorCode',
  description: 'Why an input was refused.',
  valuesConfig: {
    INVALID: { description: 'The value is not acceptable here.' },
    BLANK: { description: 'The value is empty.' },
    TOO_LONG: { description: 'The value is longer than allowed.' },
    INVALID_DATE: { description: 'Not a date of the calendar given (2015-02-30, a Persian year alone).' },
    DATES_OUT_OF_ORDER: { description: 'A date range that ends before it starts.' },
    UNKNOWN_COUNTRY: { description: 'Not an assigned ISO 3166-1 alpha-2 country code.' },
    UNKNOWN_LANGUAGE: { description: 'Not a known BCP 47 language tag.' },
    NOT_FOUND: { description: 'No record has this id.' },
    WRONG_TYPE: { description: 'The id names a record of another type.' },
    TOO_FEW: { description: 'Fewer items than required (an agreement needs two distinct parties).' },
    DUPLICATE: { description: 'The same item given twice.' },
    TAKEN: {
      description:
        'Another record already holds this (a second sister-city pact of the same cities, the same agreement signed on the same day, a slug in use).',
    },
    OVERLAPS: {
      description: 'The dates meet another record that must not share them (two mayors of one city at once).',
    },
    IN_USE: { description: 'Other records still refer to this one; remove them first.' },
    ALREADY_USED: { description: "This clientMutationId was used by this key's account for another mutation." },
    IDEMPOTENCY_MISMATCH: {
      description:
        "This clientMutationId was used by this key's account for the same mutation with another input: a retry must send the same input, a new write a new clientMutationId.",
    },
    NOT_ACCEPTED: {
      description:
        'The record is proposed and not accepted by an admin yet (a new cooperation area): nothing may refer to it.',
    },
  },
});

@ObjectType('UserError', { description: 'What is wrong with an input; nothing was written.' })
export class UserError {
  @Field(() => [String], { description: 'Path to the input field at fault, from the argument: ["input", "endsOn"].' })
  field!: string[];

  @Field({ description: 'What is wrong, for people.' })
  message!: string;

  @Field(() => UserErrorCode, { description: 'What is wrong, for programs.' })
  code!: UserErrorCode;

  @Field(() => ID, {
    nullable: true,
    description:
      'The record in the way, when there is one: the agreement already recorded (TAKEN), the record the first call made (IDEMPOTENCY_MISMATCH).',
  })
  recordId?: string | null;
}

/**
 * Thrown inside a mutation's work to stop it with userErrors: the transaction rolls back and
 * the payload carries the errors. Never reaches the client as an error.
 */
export class UserInputError extends Error {
  constructor(readonly userErrors: UserError[]) {
    super(userErrors.map((error) => `${error.field.join('.')}: ${error.message}`).join('; '));
  }

  static of(field: string[], message: string, code: UserErrorCode, recordId?: string | null): UserInputError {
    return new UserInputError([{ field, message, code, recordId }]);
  }
}

/** No key, or a key that is unknown, revoked or expired. */
export class UnauthenticatedError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
  }
}

/** A known key whose role or municipality scope does not allow the change. */
export class ForbiddenError extends GraphQLError {
  constructor(message: string) {
    super(message, { extensions: { code: ErrorCode.FORBIDDEN } });
  }
}

/**
 * The version sent is not the record's current one: someone changed it since it was read.
 * `extensions.currentVersion` tells the client what to re-read and merge against.
 */
export class ConflictError extends GraphQLError {
  constructor(recordType: string, globalId: string, sentVersion: number, currentVersion: number) {
    super(`${recordType} ${globalId} is at version ${currentVersion}, not ${sentVersion}: read it again and retry`, {
      extensions: { code: ErrorCode.CONFLICT, field: ['input', 'version'], currentVersion },
    });
  }
}

/** Input refused before any work: a malformed argument outside a mutation's input. */
export class BadUserInputError extends GraphQLError {
  constructor(field: string, message: string) {
    super(`${field}: ${message}`, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
  }
}
