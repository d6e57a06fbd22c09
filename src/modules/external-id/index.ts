/**
 * The external-id module's face: a record's ids in other systems (a portal's own), the lookup
 * by them, and `externalIds` on records. Other modules import from here only.
 */
export { ExternalId } from './external-id.type';
export { ExternalIdInput } from './external-id.input';
