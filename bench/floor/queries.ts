import { globalId, gregorian, list, persian, pick, texts } from './sql';

/**
 * The floor: each operation of the benchmark mix as one hand-written statement that returns
 * the response's `data` as JSON text, exactly as the API shapes it. Parameters come from the
 * operation's variables, in the order of `params`.
 */
export interface FloorStatement {
  sql: string;
  params(variables: Record<string, unknown>): unknown[];
}

const cityCard: FloorStatement = {
  params: (v) => [v.slug],
  sql: `
SELECT json_build_object('municipality', (
  SELECT json_build_object(
    'id', ${globalId('Municipality', 'm.id')}, 'slug', m.slug,
    'name', ${pick('m.names', 'en')}, 'fa', ${pick('m.names', 'fa')}, 'ru', ${pick('m.names', 'ru')},
    'names', ${texts('m.names')}, 'countryCode', m.country_code, 'isCapital', m.is_capital, 'wikidataId', m.wikidata_id,
    'population', CASE WHEN m.population IS NULL THEN NULL ELSE json_build_object(
      'value', m.population, 'isLowerBound', m.population_is_lower_bound, 'year', m.population_year) END,
    'partners', ${list(`
      SELECT json_agg(json_build_object(
        'municipality', json_build_object('slug', p.slug, 'name', ${pick('p.names', 'en')}, 'countryCode', p.country_code),
        'agreements', p.agreements) ORDER BY p.sort_name, p.slug)
      FROM (
        SELECT partner.slug, partner.sort_name, partner.names, partner.country_code,
               json_agg(json_build_object('id', ${globalId('Agreement', 'a.id')}, 'kind', a.kind, 'status', a.status,
                 'signedOn', ${gregorian('a.signed_on', 'a.signed_on_precision')}) ORDER BY a.signed_on NULLS FIRST, a.id) AS agreements
          FROM agreement_party me
          JOIN agreement_party other ON other.agreement_id = me.agreement_id AND other.municipality_id <> me.municipality_id
          JOIN agreement a ON a.id = me.agreement_id
          JOIN municipality partner ON partner.id = other.municipality_id
         WHERE me.municipality_id = m.id
         GROUP BY partner.id) p`)})
  FROM municipality m WHERE m.slug = $1))::text AS data`,
};

/** Agreements on an area (sub-areas included) with a party in a country, newest signed first. */
const AGREEMENT_FILTER = `
  EXISTS (SELECT 1 FROM agreement_countries fc WHERE fc.agreement_id = a.id AND fc.codes @> ARRAY[$2::text])
  AND EXISTS (SELECT 1 FROM agreement_area fa WHERE fa.agreement_id = a.id AND fa.area_id IN (
    WITH RECURSIVE subtree AS (SELECT id FROM cooperation_area WHERE slug = $1
      UNION SELECT child.id FROM cooperation_area child JOIN subtree ON child.parent_id = subtree.id)
    SELECT id FROM subtree))`;
const SORT = `COALESCE(a.signed_on, '-infinity'::date)`;
const CURSOR = (alias: string) =>
  `translate(rtrim(replace(encode(convert_to('["Agreement:SIGNED_ON:DESC","' || ${alias}._sort || '","' || ${alias}.id || '"]', 'UTF8'), 'base64'), E'\\n', ''), '='), '+/', '-_')`;

const agreementsPage: FloorStatement = {
  params: (v) => {
    const position = v.after
      ? (JSON.parse(Buffer.from(String(v.after), 'base64url').toString('utf8')) as string[])
      : [null, null, null];
    return [v.area, v.country, position[1], position[2]];
  },
  sql: `
WITH page AS (
  SELECT a.*, ${SORT} AS _sort FROM agreement a
   WHERE ${AGREEMENT_FILTER} AND ($3::date IS NULL OR (${SORT}, a.id) < ($3::date, $4::uuid))
   ORDER BY ${SORT} DESC, a.id DESC LIMIT 21),
shown AS (SELECT * FROM page ORDER BY _sort DESC, id DESC LIMIT 20)
SELECT json_build_object('agreements', json_build_object(
  'totalCount', (SELECT count(*) FROM agreement a WHERE ${AGREEMENT_FILTER}),
  'pageInfo', json_build_object('hasNextPage', (SELECT count(*) FROM page) > 20,
    'endCursor', (SELECT ${CURSOR('s')} FROM shown s ORDER BY _sort, id LIMIT 1)),
  'edges', ${list(`SELECT json_agg(json_build_object('cursor', ${CURSOR('a')}, 'node', json_build_object(
    'id', ${globalId('Agreement', 'a.id')}, 'kind', a.kind, 'status', a.status,
    'title', COALESCE(${pick('a.titles', 'en')}, a.sort_name),
    'signedOn', ${gregorian('a.signed_on', 'a.signed_on_precision')},
    'persianSigned', ${persian('a.signed_on', 'a.signed_on_precision')},
    'parties', ${list(`SELECT json_agg(json_build_object('slug', m.slug, 'countryCode', m.country_code) ORDER BY m.sort_name, m.slug)
      FROM agreement_party p JOIN municipality m ON m.id = p.municipality_id WHERE p.agreement_id = a.id`)},
    'areas', ${list(`SELECT json_agg(json_build_object('slug', c.slug, 'name', COALESCE(${pick('c.labels', 'en')}, c.slug),
        'parent', CASE WHEN up.id IS NULL THEN NULL ELSE json_build_object('slug', up.slug) END) ORDER BY c.slug)
      FROM agreement_area aa JOIN cooperation_area c ON c.id = aa.area_id LEFT JOIN cooperation_area up ON up.id = c.parent_id
      WHERE aa.agreement_id = a.id`)},
    'implements', ${list(`SELECT json_agg(json_build_object('kind', earlier.kind) ORDER BY earlier.signed_on NULLS FIRST, earlier.id)
      FROM agreement_implementation i JOIN agreement earlier ON earlier.id = i.implements_id WHERE i.agreement_id = a.id`)},
    'statusHistory', ${list(`SELECT json_agg(json_build_object('status', s.status, 'on', ${gregorian('s.changed_on', 's.changed_on_precision')}) ORDER BY s.seq)
      FROM agreement_status_change s WHERE s.agreement_id = a.id`)},
    'sources', ${list(`SELECT json_agg(json_build_object('publisher', src.publisher) ORDER BY src.publisher, src.title, src.id)
      FROM citation ct JOIN source src ON src.id = ct.source_id WHERE ct.agreement_id = a.id`)}
  )) ORDER BY a._sort DESC, a.id DESC) FROM shown a`)}))::text AS data`,
};

const hostVisits: FloorStatement = {
  params: (v) => [v.host, v.from, v.to],
  sql: `
WITH matching AS (
  SELECT v.* FROM visit v
   WHERE v.host_municipality_id IN (SELECT id FROM municipality WHERE slug = $1)
     AND partial_date_end(COALESCE(v.ends_on, v.starts_on), COALESCE(v.ends_on_precision, v.starts_on_precision)) >= $2::date
     AND v.starts_on <= $3::date),
shown AS (SELECT * FROM matching ORDER BY starts_on DESC, id DESC LIMIT 10)
SELECT json_build_object('visits', json_build_object(
  'totalCount', (SELECT count(*) FROM matching),
  'nodes', ${list(`SELECT json_agg(json_build_object(
    'id', ${globalId('Visit', 'v.id')},
    'startsOn', ${gregorian('v.starts_on', 'v.starts_on_precision')}, 'endsOn', ${gregorian('v.ends_on', 'v.ends_on_precision')},
    'persianStart', ${persian('v.starts_on', 'v.starts_on_precision')}, 'persianEnd', ${persian('v.ends_on', 'v.ends_on_precision')},
    'status', v.status,
    'host', (SELECT json_build_object('slug', h.slug) FROM municipality h WHERE h.id = v.host_municipality_id),
    'delegation', (SELECT json_build_object(
      'sender', (SELECT json_build_object('slug', s.slug) FROM municipality s WHERE s.id = d.sender_municipality_id),
      'head', (SELECT json_build_object('name', COALESCE(${pick('hp.names', 'en')}, hp.sort_name), 'fa', COALESCE(${pick('hp.names', 'fa')}, hp.sort_name))
                 FROM person hp WHERE hp.id = d.head_person_id),
      'members', ${list(`SELECT json_agg(json_build_object('person', json_build_object('name', COALESCE(${pick('mp.names', 'en')}, mp.sort_name)),
          'title', dm.title) ORDER BY dm.ordinal, dm.person_id)
        FROM delegation_member dm JOIN person mp ON mp.id = dm.person_id WHERE dm.delegation_id = d.id`)},
      'visits', ${list(`SELECT json_agg(json_build_object('host', json_build_object('slug', oh.slug)) ORDER BY ov.starts_on, ov.id)
        FROM visit ov JOIN municipality oh ON oh.id = ov.host_municipality_id WHERE ov.delegation_id = d.id`)})
      FROM delegation d WHERE d.id = v.delegation_id),
    'counterparts', ${list(`SELECT json_agg(json_build_object('name', COALESCE(${pick('cp.names', 'en')}, cp.sort_name)) ORDER BY cp.sort_name, cp.id)
      FROM visit_counterpart vc JOIN person cp ON cp.id = vc.person_id WHERE vc.visit_id = v.id`)},
    'agreementsSigned', ${list(`SELECT json_agg(json_build_object('kind', sa.kind) ORDER BY sa.signed_on NULLS FIRST, sa.id)
      FROM agreement sa WHERE sa.signed_on_visit_id = v.id`)},
    'sources', ${list(`SELECT json_agg(json_build_object('publisher', src.publisher, 'title', src.title, 'language', src.language,
        'reference', src.reference) ORDER BY src.publisher, src.title, src.id)
      FROM citation ct JOIN source src ON src.id = ct.source_id WHERE ct.visit_id = v.id`)}
  ) ORDER BY v.starts_on DESC, v.id DESC) FROM shown v`)}))::text AS data`,
};

export const FLOOR_STATEMENTS: Record<string, FloorStatement> = {
  CityCard: cityCard,
  AgreementsPage: agreementsPage,
  HostVisits: hostVisits,
};
