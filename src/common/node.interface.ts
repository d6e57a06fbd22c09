import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, InterfaceType } from 'type-graphql';
import { Column } from 'typeorm';
import { timestampAsDate } from './record-times';
import { toGlobalId } from './global-id';

/**
 * Every record the API serves. Entities extend this class, so the global id is computed from
 * the entity's own class name (which is its GraphQL type name) and database id. Every record
 * table has created_at and updated_at; the columns are declared once here and inherited.
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

  @Field(() => GraphQLDateTime, { description: 'When the record was created (the moment its write began).' })
  @Column('timestamptz', { name: 'created_at', transformer: timestampAsDate })
  createdAt!: Date;

  // Moved by every write of the record or of the rows it owns (parties, members, citations):
  // the service touches it, and triggers (migration UpdatedAt) catch writes from elsewhere.
  @Field(() => GraphQLDateTime, {
    description:
      'When the record or anything it owns (its links, signatories, history, citations) last changed; `updatedSince` on the lists filters by it.',
  })
  @Column('timestamptz', { name: 'updated_at', transformer: timestampAsDate })
  updatedAt!: Date;
}
