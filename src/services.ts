import { DataSource, EntityManager } from 'typeorm';

/**
 * What resolvers reach through the context. Built once per server; the services hold no
 * per-request state (that lives in the context's loaders).
 */
export class Services {
  readonly manager: EntityManager;

  constructor(readonly dataSource: DataSource) {
    this.manager = dataSource.manager;
  }
}
