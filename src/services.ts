import { DataSource, EntityManager } from 'typeorm';
import { ChangeNotices } from './database/change-notices';
import { PreparedStatements } from './database/prepared-statements';
import { SendStatement } from './database/read-waves';

/**
 * What resolvers reach through the context. Built once per server; the services hold no
 * per-request state (that lives in the context's loaders).
 */
export class Services {
  readonly manager: EntityManager;
  /** How loaders' statements are sent: key lookups prepared on server PostgreSQL, the rest plain. */
  readonly sendRead: SendStatement;
  /** The register's commits as they happen (createServer starts and stops it). */
  readonly changeNotices: ChangeNotices;

  constructor(
    readonly dataSource: DataSource,
    kind: 'embedded' | 'server',
  ) {
    this.manager = dataSource.manager;
    this.changeNotices = new ChangeNotices(dataSource, kind);
    const prepared = kind === 'server' ? new PreparedStatements(this.manager) : undefined;
    this.sendRead = (sql, params, prepare) =>
      prepared && prepare ? prepared.query(sql, params) : this.manager.query(sql, params);
  }
}
