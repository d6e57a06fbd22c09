import { BadUserInputError } from './errors';

/**
 * Opaque global ids (Relay): base64url of "Type:uuid". Clients must not parse them; we keep
 * the type inside so that `node(id:)` knows where to look and a Visit id given where an
 * Agreement is expected is refused by name.
 */
export function toGlobalId(type: string, id: string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface DecodedId {
  type: string;
  id: string;
}

/** Decodes a global id, or returns null when it is not one of ours. */
export function fromGlobalId(globalId: string): DecodedId | null {
  if (!/^[A-Za-z0-9_-]+$/.test(globalId)) return null;
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const colon = text.indexOf(':');
  const type = text.slice(0, colon);
  const id = text.slice(colon + 1);
  if (colon < 1 || !/^[A-Z][A-Za-z]+$/.test(type) || !UUID.test(id)) return null;
  return { type, id };
}

/** Decodes an id that must name a record of `type`; `field` names the argument in errors. */
export function expectGlobalId(globalId: string, type: string, field: string): string {
  const decoded = fromGlobalId(globalId);
  if (!decoded) {
    throw new BadUserInputError(field, `"${globalId}" is not a valid id`);
  }
  if (decoded.type !== type) {
    throw new BadUserInputError(field, `the id names a ${decoded.type}, not a ${type}`);
  }
  return decoded.id;
}
