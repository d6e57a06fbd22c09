import {
  Arg,
  Args,
  Ctx,
  Field,
  FieldResolver,
  ID,
  InputType,
  Query,
  Resolver,
  Root,
  UseMiddleware,
} from 'type-graphql';
import { RequireRole } from '../../auth/access';
import { ApiKeyRole } from '../../auth/api-key';
import { ApiKey } from '../api-key';
import { Connection, PageArgs } from '../../common/connection';
import { BadUserInputError } from '../../common/errors';
import { fromGlobalId } from '../../common/global-id';
import { fetchPage, ListQuery } from '../../database/pagination';
import { SqlParams } from '../../common/sql';
import { Context } from '../../context';
import { recordById } from '../../database/loaders';
import { AuditAction, AuditEntry } from './audit-entry.entity';

const AuditEntryConnection = Connection(AuditEntry, 'AuditEntry', 'audit entry');

@InputType('AuditLogFilter', { description: 'Which audit entries; every condition given must hold.' })
class AuditLogFilter {
  @Field(() => ID, { nullable: true, description: 'Changes to this record (its global id).' })
  recordId?: string;

  @Field(() => String, { nullable: true, description: 'Changes to records of this type ("Visit").' })
  recordType?: string;

  @Field(() => ID, { nullable: true, description: 'Changes made with this API key (ApiKey.id).' })
  apiKeyId?: string;

  @Field(() => [AuditAction], { nullable: true, description: 'Any of these actions.' })
  actions?: AuditAction[];
}

function databaseIdOf(globalId: string, field: string, type?: string): string {
  const decoded = fromGlobalId(globalId);
  if (!decoded || (type && decoded.type !== type))
    throw new BadUserInputError(field, `"${globalId}" is not ${type ? `an ${type} id` : 'an id'} this API made`);
  return decoded.id;
}

function auditLogQuery(filter: AuditLogFilter | undefined): ListQuery {
  const params = new SqlParams();
  const where: string[] = [];
  if (filter?.recordId) where.push(`l.record_id = ${params.add(databaseIdOf(filter.recordId, 'filter.recordId'))}`);
  if (filter?.recordType) where.push(`l.record_type = ${params.add(filter.recordType)}`);
  if (filter?.apiKeyId)
    where.push(`l.api_key_id = ${params.add(databaseIdOf(filter.apiKeyId, 'filter.apiKeyId', 'ApiKey'))}`);
  if (filter?.actions?.length) where.push(`l.action = ANY(${params.add(filter.actions)}::text[])`);
  return {
    kind: 'AuditEntry',
    select: 'l.*',
    from: 'audit_log l',
    where,
    params,
    sortKey: 'l.seq',
    sortType: 'bigint',
    tieBreaker: 'l.id',
    direction: 'DESC',
  };
}

/** The audit trail, for admins: read-only here and append-only in the database. */
@Resolver(() => AuditEntry)
export class AuditLogResolver {
  @Query(() => AuditEntryConnection, {
    description: 'Every change made to the register, newest first (ADMIN keys only).',
  })
  @UseMiddleware(RequireRole(ApiKeyRole.ADMIN))
  async auditLog(
    @Ctx() context: Context,
    @Args() page: PageArgs,
    @Arg('filter', () => AuditLogFilter, { nullable: true, description: 'Which entries.' }) filter?: AuditLogFilter,
  ): Promise<InstanceType<typeof AuditEntryConnection>> {
    return new AuditEntryConnection(await fetchPage(context.loaders.reader, AuditEntry, auditLogQuery(filter), page));
  }

  @FieldResolver(() => ApiKey, {
    nullable: true,
    description: 'The key that made the change; null for changes from the command line.',
  })
  apiKey(@Root() entry: AuditEntry, @Ctx() context: Context): Promise<ApiKey | null> | null {
    return entry.apiKeyId ? recordById(context, ApiKey).load(entry.apiKeyId) : null;
  }
}
