import { migrations } from '../migrations';
import { createDataSource } from '../src/open-database';
import { migrate } from '../src/database/migrate';
import { createTestDatabase, TestDatabase } from './helpers/database';

/**
 * The migrations on a database that starts with nothing: up, down, and up again. The tests
 * run in order on one database, each starting from the state the previous one left.
 */
const PROJECT_TABLES = [
  'api_key',
  'api_key_scope',
  'audit_log',
  'client_mutation',
  'agreement',
  'agreement_activity',
  'agreement_area',
  'agreement_countries',
  'agreement_implementation',
  'agreement_party',
  'agreement_signatory',
  'agreement_status_change',
  'agreement_support',
  'citation',
  'committee',
  'cooperation_area',
  'delegation',
  'delegation_member',
  'external_id',
  'mayoral_term',
  'municipality',
  'organization',
  'partner_activity',
  'person',
  'person_position',
  'rate_budget',
  'register_change',
  'register_change_horizon',
  'register_version',
  'search_entry',
  'source',
  'visit',
  'visit_area',
  'visit_counterpart',
  'visit_subject_agreement',
  'visit_subject_municipality',
];
const PROJECT_FUNCTIONS = [
  'activity_rebuild',
  'activity_refresh_agreements',
  'activity_refresh_citations',
  'activity_refresh_memberships',
  'activity_refresh_visits',
  'agreement_activity_refresh',
  'agreement_activity_resync',
  'agreement_activity_sync',
  'agreement_countries_refresh',
  'agreement_parties_check',
  'agreement_parties_verify',
  'agreement_party_activity_sync',
  'agreement_party_countries_sync',
  'agreement_same_instrument',
  'agreement_same_instrument_check',
  'agreement_signed_on_latest',
  'agreement_status_change_activity_sync',
  'agreement_status_change_keep',
  'agreement_status_follow_history',
  'agreement_status_matches_history',
  'agreement_status_on',
  'agreement_status_rule',
  'agreement_support_refresh',
  'citation_activity_sync',
  'citation_support_sync',
  'confidence_strength',
  'cooperation_area_accepted_check',
  'cooperation_area_stays_accepted',
  'delegation_activity_sync',
  'external_id_forget',
  'municipality_countries_sync',
  'names_valid',
  'organization_activity_sync',
  'partial_date_end',
  'partial_date_valid',
  'partner_activity_refresh',
  'refuse_history_rewrite',
  'register_version_bump',
  'search_entry_sync',
  'search_normalize',
  'search_terms',
  'search_texts',
  'source_activity_sync',
  'source_confidence_default',
  'source_kind_confidence',
  'source_support_sync',
  'updated_at_stamp',
  'updated_at_touch_owners',
  'visit_activity_sync',
  'visit_dates_latest',
];

const MIGRATION_NAMES = migrations.map((migration) => migration.name);
const RECORDED = MIGRATION_NAMES.map((name) => ({ timestamp: name.match(/\d+$/)![0], name }));

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase({ state: 'empty' });
});
afterAll(() => database.drop());

async function names(sql: string): Promise<string[]> {
  const rows: Array<{ name: string }> = await database.dataSource.query(sql);
  return rows.map((row) => row.name);
}

const tables = () =>
  names(`
  SELECT table_name AS name FROM information_schema.tables
  WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`);

/** Functions of our own: those btree_gist put in the schema belong to the extension. */
const functions = () =>
  names(`
  SELECT p.proname AS name FROM pg_proc p
  WHERE p.pronamespace = 'public'::regnamespace
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
  ORDER BY 1`);

/**
 * Every relation (table, index, sequence, view) that neither an extension nor TypeORM's
 * schema_migration table owns: what is left of the project once it is migrated down.
 */
const projectRelations = () =>
  names(`
  SELECT c.relname AS name FROM pg_class c
  WHERE c.relnamespace = 'public'::regnamespace AND c.oid <> 'schema_migration'::regclass
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.refobjid = 'schema_migration'::regclass)
    AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indexrelid = c.oid AND i.indrelid = 'schema_migration'::regclass)
  ORDER BY 1`);

const recorded = () => database.dataSource.query('SELECT timestamp::text, name FROM schema_migration ORDER BY id');

describe('migrations on an empty database', () => {
  it('starts with nothing in the public schema', async () => {
    expect(await tables()).toEqual([]);
    expect(await functions()).toEqual([]);
  });

  it('migrates up from empty: every table and function, and the migration recorded', async () => {
    expect(await migrate(database.dataSource)).toEqual(MIGRATION_NAMES);
    expect(await tables()).toEqual([...PROJECT_TABLES, 'schema_migration'].sort());
    expect(await functions()).toEqual(PROJECT_FUNCTIONS);
    expect(await recorded()).toEqual(RECORDED);
    expect(await database.dataSource.showMigrations()).toBe(false);
  });

  it('applies nothing when the database is up to date', async () => {
    expect(await migrate(database.dataSource)).toEqual([]);
    expect(await recorded()).toEqual(RECORDED);
    expect(await tables()).toEqual([...PROJECT_TABLES, 'schema_migration'].sort());
  });

  it('migrates down: undoing every migration leaves no project table, function or trigger', async () => {
    for (let i = 0; i < migrations.length; i++) {
      await database.dataSource.undoLastMigration({ transaction: 'all' });
    }
    // TypeORM's own bookkeeping table stays, empty; btree_gist stays (see the migration's down).
    expect(await projectRelations()).toEqual([]);
    expect(await tables()).toEqual(['schema_migration']);
    expect(await functions()).toEqual([]);
    expect(await recorded()).toEqual([]);
    expect(await names(`SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal`)).toEqual([]);
    expect(await database.dataSource.showMigrations()).toBe(true);
  });

  it('migrates up a second time, to the same schema', async () => {
    expect(await migrate(database.dataSource)).toEqual(MIGRATION_NAMES);
    expect(await tables()).toEqual([...PROJECT_TABLES, 'schema_migration'].sort());
    expect(await functions()).toEqual(PROJECT_FUNCTIONS);
    expect(await recorded()).toEqual(RECORDED);
    expect(await migrate(database.dataSource)).toEqual([]);
  });
});

describe('migrations under the serving statement_timeout', () => {
  // PGlite accepts statement_timeout but never enforces it: only server PostgreSQL can show this.
  (process.env.DATABASE_URL ? it : it.skip)(
    'run to the end whatever the timeout, which holds again afterwards',
    async () => {
      const empty = await createTestDatabase({ state: 'empty' });
      // A timeout far shorter than creating the schema takes: without lifting it, migrating fails.
      // Not 1 ms: a new backend's first statement (TypeORM's SELECT version()) can take longer.
      const strict = createDataSource({ url: empty.url, poolSize: 1, statementTimeoutMs: 25 });
      try {
        await strict.initialize();
        expect(await migrate(strict)).toEqual(MIGRATION_NAMES);
        expect((await strict.query('SHOW statement_timeout'))[0].statement_timeout).toBe('25ms');
      } finally {
        await strict.destroy();
        await empty.drop();
      }
    },
  );
});
