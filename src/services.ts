import { DataSource, EntityManager } from 'typeorm';
import { PreparedStatements } from './database/prepared-statements';
import { SendStatement } from './database/read-waves';

/**
 * What resolvers reach through the context. Built once per server; the services hold no
 * per-request state (that lives in the context's loaders).
 */
export class Services {
  readonly manager: EntityManager;
  /** How loaders' statements are sent: prepared on server PostgreSQL, plain on the embedded one. */
  readonly sendRead: SendStatement;

  constructor(readonly dataSource: DataSource, kind: 'embedded' | 'server' = 'server') {
    this.manager = dataSource.manager;
    const prepared = kind === 'server' ? new PreparedStatements(this.manager) : undefined;
    this.sendRead = prepared ? (sql, params) => prepared.query(sql, params) : (sql, params) => this.manager.query(sql, params);
  }
}
