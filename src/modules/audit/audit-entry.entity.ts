import { GraphQLDateTime, GraphQLJSONObject } from 'graphql-scalars';
import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { timestampAsDate } from '../../database/column-transformers';
import { toGlobalId } from '../../common/global-id';

export enum AuditAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}

registerEnumType(AuditAction, {
  name: 'AuditAction',
  description: 'What a change did to its record.',
  valuesConfig: {
    CREATE: { description: 'Made it.' },
    UPDATE: { description: 'Changed it (its own fields or the records it links to).' },
    DELETE: { description: 'Deleted it.' },
  },
});

/**
 * One change to one record. Rows are append-only: a trigger refuses UPDATE, DELETE and
 * TRUNCATE of audit_log, whoever sends them.
 */
@ObjectType('AuditEntry', {
  description: 'One change to one record: who made it, when, and the record before and after.',
})
@Entity('audit_log')
export class AuditEntry {
  @PrimaryColumn('uuid')
  id!: string;

  @Field(() => ID, { name: 'id', description: 'Opaque id of the entry.' })
  get globalId(): string {
    return toGlobalId('AuditEntry', this.id);
  }

  @Field(() => GraphQLDateTime, { description: 'When the change was made.' })
  @Column('timestamptz', { transformer: timestampAsDate })
  at!: Date;

  @Column('uuid', { name: 'api_key_id', nullable: true })
  apiKeyId!: string | null;

  @Field({ description: 'The mutation that made it ("recordVisit"), or "cli:…" for the command line.' })
  @Column('text')
  mutation!: string;

  @Field(() => AuditAction, { description: 'What the change did.' })
  @Column('text')
  action!: AuditAction;

  @Field({ description: 'Type of the record changed ("Visit").' })
  @Column('text', { name: 'record_type' })
  recordType!: string;

  @Column('uuid', { name: 'record_id' })
  recordDatabaseId!: string;

  @Field(() => ID, { description: 'Global id of the record changed (it may no longer exist).' })
  get recordId(): string {
    return toGlobalId(this.recordType, this.recordDatabaseId);
  }

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      'The record before the change, as stored (database column names, with the rows it links to); null for CREATE.',
  })
  @Column('jsonb', { nullable: true })
  before!: Record<string, unknown> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'The record after the change; null for DELETE.' })
  @Column('jsonb', { nullable: true })
  after!: Record<string, unknown> | null;
}
