import { createHash, randomBytes } from 'node:crypto';
import { registerEnumType } from 'type-graphql';

export enum ApiKeyRole {
  READER = 'READER',
  EDITOR = 'EDITOR',
  ADMIN = 'ADMIN',
}

registerEnumType(ApiKeyRole, {
  name: 'ApiKeyRole',
  description: 'What an API key may do.',
  valuesConfig: {
    READER: { description: 'Read only (for when anonymous reads are switched off).' },
    EDITOR: { description: 'Read and change records; limited to its municipalities when it has a scope.' },
    ADMIN: { description: 'Everything, including managing API keys and reading the audit log.' },
  },
});

/** Prefix of every key: recognisable in logs and by secret scanners. */
const KEY_PREFIX = 'mda_';

/** Characters of a key shown in key lists, so that people can tell their keys apart. */
export const SHOWN_PREFIX_LENGTH = 12;

/** A new key: 32 random bytes (256 bits), base64url, behind the prefix. */
export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

/**
 * What the database keeps of a key: its SHA-256. Not bcrypt or argon2: those are slow on
 * purpose, to make guessing a low-entropy password expensive; a 256-bit random key cannot be
 * guessed whatever the hash costs, and a fast, unsalted hash lets each request find its key
 * by an indexed lookup instead of paying ~100 ms of hashing per request.
 */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}
