import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampAsDate } from '../../database/column-transformers';
import { toGlobalId } from '../../common/global-id';
import { ApiKeyRole } from '../../auth/api-key';

@ObjectType('ApiKey', {
  description: 'A key that lets a client read or write; the key itself is shown only once, when it is made.',
})
@Entity('api_key')
export class ApiKey {
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID, { name: 'id', description: 'Opaque id of the key (not the key itself).' })
  get globalId(): string {
    return toGlobalId('ApiKey', this.id);
  }

  @Field({ description: 'Who or what the key is for ("Tehran city portal").' })
  @Column('text')
  name!: string;

  @Field({
    description:
      'The account (the portal) the key belongs to: its keys share clientMutationIds, so a key rotated within it replays, never repeats, a write. `key-<uuid>` for a key made without one.',
  })
  @Column('text')
  account!: string;

  @Field(() => ApiKeyRole, { description: 'What the key may do.' })
  @Column('text')
  role!: ApiKeyRole;

  @Field({ description: 'The first characters of the key, to tell keys apart.' })
  @Column('text', { name: 'key_prefix' })
  prefix!: string;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the key stops working; null: never.' })
  @Column('timestamptz', { name: 'expires_at', nullable: true, transformer: timestampAsDate })
  expiresAt!: Date | null;

  @Field(() => GraphQLDateTime, { nullable: true, description: 'When the key was revoked; null while it is valid.' })
  @Column('timestamptz', { name: 'revoked_at', nullable: true, transformer: timestampAsDate })
  revokedAt!: Date | null;

  @Field(() => GraphQLDateTime, { description: 'When the key was made.' })
  @Column('timestamptz', { name: 'created_at', transformer: timestampAsDate })
  createdAt!: Date;
}
