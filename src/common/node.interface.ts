import { Field, ID, InterfaceType } from 'type-graphql';
import { toGlobalId } from './global-id';

/**
 * Every record the API serves. Entities extend this class, so the global id is computed from
 * the entity's own class name (which is its GraphQL type name) and database id.
 */
@InterfaceType('Node', {
  description: 'A record with a global id, fetchable by `node(id:)` whatever its type.',
  resolveType: (value: object) => value.constructor.name,
})
export abstract class Node {
  /** Database key (uuid); the API shows only the opaque global id. */
  abstract id: string;

  // Never a simple resolver, even on types that use them: the schema name (id) is not the
  // property (globalId), and graphql-js's default resolver would read the database id.
  @Field(() => ID, { name: 'id', simple: false, description: 'Opaque global id; stable, unique across all types.' })
  get globalId(): string {
    return toGlobalId(this.constructor.name, this.id);
  }
}
