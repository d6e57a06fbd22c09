import { DataSource, EntityManager } from 'typeorm';
import { ChangeNotices } from './database/change-notices';
import { PreparedStatements } from './database/prepared-statements';
import { SendStatement } from './database/read-waves';
import { ReadReplicas, ReadSource, ReplicaSettings } from './database/replicas';

/** Read replicas for Services: their data sources (not yet connected) and how they are judged. */
export interface ServiceReplicas extends ReplicaSettings {
  dataSources: DataSource[];
}

/** How Services reach the server PostgreSQL beyond the pool (all optional; the defaults suit a direct connection). */
export interface ServiceOptions {
  replicas?: ServiceReplicas;
  /** Where the LISTEN connection goes (DATABASE_DIRECT_URL): PostgreSQL itself, past any transaction pooler. */
  listenUrl?: string;
  /** Send key lookups as named prepared statements (DATABASE_PREPARED_STATEMENTS); on by default. */
  prepareStatements?: boolean;
}

const NO_REPLICAS: ServiceReplicas = { dataSources: [], maxLagMs: 0, checkIntervalMs: 1000 };

/**
 * What resolvers reach through the context. Built once per server; the services hold no
 * per-request state (that lives in the context's loaders).
 */
export class Services {
  /** The primary's: writes, and reads that must see them (keys, mutations, the change stream). */
  readonly manager: EntityManager;
  /** How loaders' statements are sent to the primary: key lookups prepared on server PostgreSQL, the rest plain. */
  readonly sendRead: SendStatement;
  /** The register's commits as they happen (createServer starts and stops it). */
  readonly changeNotices: ChangeNotices;
  /** Where queries read: replicas when configured (createServer starts and stops their checks), else the primary. */
  readonly reads: ReadReplicas;

  constructor(
    readonly dataSource: DataSource,
    readonly kind: 'embedded' | 'server',
    { replicas = NO_REPLICAS, listenUrl, prepareStatements = true }: ServiceOptions = {},
  ) {
    this.manager = dataSource.manager;
    this.changeNotices = new ChangeNotices(dataSource, kind, undefined, listenUrl);
    const prepared = kind === 'server' && prepareStatements ? new PreparedStatements(this.manager) : undefined;
    this.sendRead = (sql, params, prepare) =>
      prepared && prepare ? prepared.query(sql, params) : this.manager.query(sql, params);
    const primary: ReadSource = { name: 'primary', manager: this.manager, sendRead: this.sendRead };
    this.reads = new ReadReplicas(primary, replicas.dataSources, replicas);
  }
}
