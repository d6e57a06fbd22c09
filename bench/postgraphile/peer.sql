-- What PostGraphile needs beyond the tables to answer the mix: the questions its generated
-- schema cannot ask (an area with its sub-areas, a date overlap, a graph walk, group counts),
-- written as SQL functions the way PostGraphile users add custom queries. In a schema of their
-- own, so the project's schema is untouched; the runner recreates it before each run.
DROP SCHEMA IF EXISTS peer CASCADE;
CREATE SCHEMA peer;

CREATE FUNCTION peer.agreements_on(area text, country text) RETURNS SETOF agreement
LANGUAGE sql STABLE AS $$
  SELECT a.* FROM agreement a
   WHERE EXISTS (SELECT 1 FROM agreement_countries fc WHERE fc.agreement_id = a.id AND fc.codes @> ARRAY[country])
     AND EXISTS (SELECT 1 FROM agreement_area fa WHERE fa.agreement_id = a.id AND fa.area_id IN (
       WITH RECURSIVE subtree AS (SELECT id FROM cooperation_area WHERE slug = area
         UNION SELECT child.id FROM cooperation_area child JOIN subtree ON child.parent_id = subtree.id)
       SELECT id FROM subtree))
   ORDER BY COALESCE(a.signed_on, '-infinity'::date) DESC, a.id DESC
$$;

CREATE FUNCTION peer.visits_hosted(host text, from_day date, to_day date) RETURNS SETOF visit
LANGUAGE sql STABLE AS $$
  SELECT v.* FROM visit v
   WHERE v.host_municipality_id IN (SELECT id FROM municipality WHERE slug = host)
     AND partial_date_end(COALESCE(v.ends_on, v.starts_on), COALESCE(v.ends_on_precision, v.starts_on_precision)) >= from_day
     AND v.starts_on <= to_day
   ORDER BY v.starts_on DESC, v.id DESC
$$;

CREATE FUNCTION peer.network(slug text) RETURNS TABLE (reached text, distance int)
LANGUAGE sql STABLE AS $$
  WITH start AS (SELECT id FROM municipality m WHERE m.slug = network.slug),
  first AS (
    SELECT DISTINCT other.municipality_id AS id FROM start
      JOIN agreement_party mine ON mine.municipality_id = start.id
      JOIN agreement_party other ON other.agreement_id = mine.agreement_id AND other.municipality_id <> start.id),
  second AS (
    SELECT DISTINCT other.municipality_id AS id FROM first
      JOIN agreement_party mine ON mine.municipality_id = first.id
      JOIN agreement_party other ON other.agreement_id = mine.agreement_id
     WHERE other.municipality_id NOT IN (SELECT id FROM first) AND other.municipality_id NOT IN (SELECT id FROM start)),
  reached AS (SELECT id, 1 AS distance FROM first UNION ALL SELECT id, 2 FROM second)
  SELECT m.slug, r.distance FROM reached r JOIN municipality m ON m.id = r.id ORDER BY r.distance, m.slug COLLATE "C"
$$;

CREATE FUNCTION peer.agreement_stats(group_by text, country text) RETURNS TABLE (key text, labels jsonb, count int)
LANGUAGE sql STABLE AS $$
  SELECT g.key, g.labels, g.count FROM (
    SELECT a.kind AS key, NULL::jsonb AS labels, count(*)::int AS count FROM agreement a WHERE group_by = 'KIND' GROUP BY 1
    UNION ALL
    SELECT area.slug, area.labels, count(*)::int FROM agreement a
      JOIN agreement_area covered ON covered.agreement_id = a.id JOIN cooperation_area area ON area.id = covered.area_id
     WHERE group_by = 'AREA' AND (country IS NULL OR EXISTS (SELECT 1 FROM agreement_countries fc
                    WHERE fc.agreement_id = a.id AND fc.codes @> ARRAY[country]))
     GROUP BY 1, 2
    UNION ALL
    SELECT COALESCE(extract(year FROM a.signed_on)::int::text, 'unknown'), NULL, count(*)::int FROM agreement a WHERE group_by = 'YEAR' GROUP BY 1
    UNION ALL
    SELECT countries.countries, NULL, count(*)::int FROM agreement a JOIN agreement_countries countries ON countries.agreement_id = a.id
     WHERE group_by = 'COUNTRY_PAIR' GROUP BY 1
  ) g ORDER BY g.count DESC, g.key COLLATE "C"
$$;

-- The evidence of a record. citation's foreign keys are indexed by partial unique indexes only,
-- which PostGraphile does not count, so it offers no citationsBy... relations: these computed
-- columns stand in for them.
CREATE FUNCTION peer.agreement_sources(record agreement) RETURNS SETOF source LANGUAGE sql STABLE AS $$
  SELECT s.* FROM citation c JOIN source s ON s.id = c.source_id WHERE c.agreement_id = record.id ORDER BY s.publisher, s.title, s.id
$$;
CREATE FUNCTION peer.visit_sources(record visit) RETURNS SETOF source LANGUAGE sql STABLE AS $$
  SELECT s.* FROM citation c JOIN source s ON s.id = c.source_id WHERE c.visit_id = record.id ORDER BY s.publisher, s.title, s.id
$$;
CREATE FUNCTION peer.delegation_sources(record delegation) RETURNS SETOF source LANGUAGE sql STABLE AS $$
  SELECT s.* FROM citation c JOIN source s ON s.id = c.source_id WHERE c.delegation_id = record.id ORDER BY s.publisher, s.title, s.id
$$;
