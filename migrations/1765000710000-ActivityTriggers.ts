import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Keeps agreement_activity and partner_activity (migration ActivityTables) in step with every
 * write that can move a last activity, in the writing transaction: through the API, the
 * importers, the seed or straight SQL. Statement-level triggers over transition tables, so a
 * bulk insert of 10,000 rows is one refresh; each refresh recomputes the touched agreements
 * and pairs from scratch, so a delete moves a last activity back as an insert moves it on.
 */
const HELPERS = [
  `
  -- An agreement's row, then the pairs its parties make (their rows read it).
  CREATE FUNCTION activity_refresh_agreements(targets uuid[]) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF COALESCE(cardinality(targets), 0) = 0 THEN RETURN; END IF;
    PERFORM agreement_activity_refresh(targets);
    PERFORM partner_activity_refresh(array_agg(x.municipality_id), array_agg(y.municipality_id))
       FROM agreement_party x
       JOIN agreement_party y ON y.agreement_id = x.agreement_id AND x.municipality_id < y.municipality_id
      WHERE x.agreement_id = ANY(targets);
  END $$`,
  `
  -- The pairs of visits given as (delegation, host): the delegation's city and the host.
  CREATE FUNCTION activity_refresh_visits(delegations uuid[], hosts uuid[]) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF COALESCE(cardinality(delegations), 0) = 0 THEN RETURN; END IF;
    PERFORM partner_activity_refresh(array_agg(LEAST(sender, host)), array_agg(GREATEST(sender, host)))
      FROM (SELECT COALESCE(d.sender_municipality_id, o.municipality_id) AS sender, t.host
              FROM unnest(delegations, hosts) t(delegation, host)
              JOIN delegation d ON d.id = t.delegation
              LEFT JOIN organization o ON o.id = d.sender_organization_id) pairs
     WHERE sender IS NOT NULL AND sender <> host;
  END $$`,
  `
  -- Memberships added or removed: every pair of such a party with another party, current or removed.
  CREATE FUNCTION activity_refresh_memberships(agreements uuid[], parties uuid[]) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    IF COALESCE(cardinality(agreements), 0) = 0 THEN RETURN; END IF;
    PERFORM partner_activity_refresh(array_agg(LEAST(t.party, o.party)), array_agg(GREATEST(t.party, o.party)))
       FROM (SELECT DISTINCT * FROM unnest(agreements, parties) touched(agreement, party)) t
       JOIN (SELECT p.agreement_id, p.municipality_id FROM agreement_party p WHERE p.agreement_id = ANY(agreements)
             UNION SELECT * FROM unnest(agreements, parties)) o(agreement, party)
         ON o.agreement = t.agreement AND o.party <> t.party;
  END $$`,
  `
  -- Citations of agreements and of visits, added, removed or re-dated through their source.
  CREATE FUNCTION activity_refresh_citations(agreements uuid[], visits uuid[]) RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM activity_refresh_agreements(agreements);
    IF COALESCE(cardinality(visits), 0) = 0 THEN RETURN; END IF;
    PERFORM activity_refresh_visits(array_agg(v.delegation_id), array_agg(v.host_municipality_id))
       FROM visit v WHERE v.id = ANY(visits);
  END $$`,
];

/** Trigger functions, by table; each reads `added` and/or `removed`, as its operation has them. */
const SYNC = {
  agreement: `
    PERFORM activity_refresh_agreements(ARRAY(SELECT id FROM added));`,
  agreement_party: `
    IF TG_OP = 'INSERT' THEN
      PERFORM activity_refresh_memberships(array_agg(agreement_id), array_agg(municipality_id)) FROM added;
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM activity_refresh_memberships(array_agg(agreement_id), array_agg(municipality_id)) FROM removed;
    ELSE
      PERFORM activity_refresh_memberships(array_agg(agreement_id), array_agg(municipality_id))
        FROM (SELECT agreement_id, municipality_id FROM added UNION SELECT agreement_id, municipality_id FROM removed) t;
    END IF;`,
  agreement_status_change: `
    IF TG_OP = 'INSERT' THEN
      PERFORM activity_refresh_agreements(ARRAY(SELECT DISTINCT agreement_id FROM added));
    ELSE
      PERFORM activity_refresh_agreements(ARRAY(SELECT DISTINCT agreement_id FROM removed));
    END IF;`,
  visit: `
    IF TG_OP = 'INSERT' THEN
      PERFORM activity_refresh_visits(array_agg(delegation_id), array_agg(host_municipality_id)) FROM added;
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM activity_refresh_visits(array_agg(delegation_id), array_agg(host_municipality_id)) FROM removed;
    ELSE
      PERFORM activity_refresh_visits(array_agg(delegation_id), array_agg(host_municipality_id))
        FROM (SELECT delegation_id, host_municipality_id FROM added
              UNION SELECT delegation_id, host_municipality_id FROM removed) t;
      PERFORM activity_refresh_agreements(ARRAY(SELECT a.id FROM agreement a WHERE a.signed_on_visit_id IN (SELECT id FROM added)));
    END IF;`,
  // A delegation's visits change pairs when its sender does: both the old and the new one's.
  delegation: `
    PERFORM partner_activity_refresh(array_agg(LEAST(sender, host)), array_agg(GREATEST(sender, host)))
       FROM (SELECT COALESCE(s.municipality_id, o.municipality_id) AS sender, v.host_municipality_id AS host
               FROM (SELECT n.id, n.sender_municipality_id AS municipality_id, n.sender_organization_id AS organization_id
                       FROM added n JOIN removed p ON p.id = n.id
                      WHERE (n.sender_municipality_id, n.sender_organization_id)
                        IS DISTINCT FROM (p.sender_municipality_id, p.sender_organization_id)
                     UNION
                     SELECT p.id, p.sender_municipality_id, p.sender_organization_id
                       FROM added n JOIN removed p ON p.id = n.id
                      WHERE (n.sender_municipality_id, n.sender_organization_id)
                        IS DISTINCT FROM (p.sender_municipality_id, p.sender_organization_id)) s
               JOIN visit v ON v.delegation_id = s.id
               LEFT JOIN organization o ON o.id = s.organization_id) pairs
      WHERE sender IS NOT NULL AND sender <> host;`,
  citation: `
    IF TG_OP = 'INSERT' THEN
      PERFORM activity_refresh_citations(ARRAY(SELECT agreement_id FROM added WHERE agreement_id IS NOT NULL),
                                         ARRAY(SELECT visit_id FROM added WHERE visit_id IS NOT NULL));
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM activity_refresh_citations(ARRAY(SELECT agreement_id FROM removed WHERE agreement_id IS NOT NULL),
                                         ARRAY(SELECT visit_id FROM removed WHERE visit_id IS NOT NULL));
    ELSE
      PERFORM activity_refresh_citations(
        ARRAY(SELECT agreement_id FROM added WHERE agreement_id IS NOT NULL
              UNION SELECT agreement_id FROM removed WHERE agreement_id IS NOT NULL),
        ARRAY(SELECT visit_id FROM added WHERE visit_id IS NOT NULL
              UNION SELECT visit_id FROM removed WHERE visit_id IS NOT NULL));
    END IF;`,
  // Only a new publication date matters; the citations of re-dated sources are refreshed.
  source: `
    PERFORM activity_refresh_citations(
      ARRAY(SELECT c.agreement_id FROM added n JOIN removed p ON p.id = n.id JOIN citation c ON c.source_id = n.id
             WHERE (n.published_on, n.published_on_precision) IS DISTINCT FROM (p.published_on, p.published_on_precision)
               AND c.agreement_id IS NOT NULL),
      ARRAY(SELECT c.visit_id FROM added n JOIN removed p ON p.id = n.id JOIN citation c ON c.source_id = n.id
             WHERE (n.published_on, n.published_on_precision) IS DISTINCT FROM (p.published_on, p.published_on_precision)
               AND c.visit_id IS NOT NULL));`,
};

/** The operations each table's trigger follows. */
const EVENTS: Record<keyof typeof SYNC, Array<'INSERT' | 'UPDATE' | 'DELETE'>> = {
  agreement: ['INSERT'],
  agreement_party: ['INSERT', 'UPDATE', 'DELETE'],
  agreement_status_change: ['INSERT', 'DELETE'],
  visit: ['INSERT', 'UPDATE', 'DELETE'],
  delegation: ['UPDATE'],
  citation: ['INSERT', 'UPDATE', 'DELETE'],
  source: ['UPDATE'],
};

const TRANSITIONS = {
  INSERT: 'REFERENCING NEW TABLE AS added',
  UPDATE: 'REFERENCING OLD TABLE AS removed NEW TABLE AS added',
  DELETE: 'REFERENCING OLD TABLE AS removed',
};

export class ActivityTriggers1765000710000 implements MigrationInterface {
  name = 'ActivityTriggers1765000710000';

  async up(db: QueryRunner): Promise<void> {
    for (const helper of HELPERS) await db.query(helper);
    for (const [table, body] of Object.entries(SYNC)) {
      await db.query(`
        CREATE FUNCTION ${table}_activity_sync() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN${body}
          RETURN NULL;
        END $$`);
      for (const event of EVENTS[table as keyof typeof SYNC]) {
        await db.query(`
          CREATE TRIGGER ${table}_activity_${event.toLowerCase()} AFTER ${event} ON ${table} ${TRANSITIONS[event]}
          FOR EACH STATEMENT EXECUTE FUNCTION ${table}_activity_sync()`);
      }
    }
    // Row-level, and only for the dates and the visit: the status kept from the history, the
    // version and the titles change far more often and move no activity (a statement-level
    // trigger ran on each status entry's own UPDATE: 5,000 imported pacts took 12 s, not 4).
    await db.query(`
      CREATE FUNCTION agreement_activity_resync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM activity_refresh_agreements(ARRAY[NEW.id]);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER agreement_activity_update AFTER UPDATE OF signed_on, signed_on_precision, signed_on_latest, signed_on_visit_id
      ON agreement FOR EACH ROW WHEN ((OLD.signed_on, OLD.signed_on_precision, OLD.signed_on_latest, OLD.signed_on_visit_id)
        IS DISTINCT FROM (NEW.signed_on, NEW.signed_on_precision, NEW.signed_on_latest, NEW.signed_on_visit_id))
      EXECUTE FUNCTION agreement_activity_resync()`);
    // Row-level: a body moving to another city moves its delegations' visits (rare).
    await db.query(`
      CREATE FUNCTION organization_activity_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM partner_activity_refresh(array_agg(LEAST(city, v.host_municipality_id)),
                                         array_agg(GREATEST(city, v.host_municipality_id)))
           FROM visit v JOIN delegation d ON d.id = v.delegation_id
          CROSS JOIN unnest(ARRAY[OLD.municipality_id, NEW.municipality_id]) city
          WHERE d.sender_organization_id = NEW.id AND city IS NOT NULL AND city <> v.host_municipality_id;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER organization_activity_update AFTER UPDATE OF municipality_id ON organization
      FOR EACH ROW WHEN (OLD.municipality_id IS DISTINCT FROM NEW.municipality_id)
      EXECUTE FUNCTION organization_activity_sync()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TRIGGER organization_activity_update ON organization`);
    await db.query(`DROP FUNCTION organization_activity_sync()`);
    await db.query(`DROP TRIGGER agreement_activity_update ON agreement`);
    await db.query(`DROP FUNCTION agreement_activity_resync()`);
    for (const [table, events] of Object.entries(EVENTS)) {
      for (const event of events) await db.query(`DROP TRIGGER ${table}_activity_${event.toLowerCase()} ON ${table}`);
      await db.query(`DROP FUNCTION ${table}_activity_sync()`);
    }
    await db.query(`DROP FUNCTION activity_refresh_citations(uuid[], uuid[])`);
    await db.query(`DROP FUNCTION activity_refresh_memberships(uuid[], uuid[])`);
    await db.query(`DROP FUNCTION activity_refresh_visits(uuid[], uuid[])`);
    await db.query(`DROP FUNCTION activity_refresh_agreements(uuid[])`);
  }
}
