import { PageArgs } from '../../common/connection';
import { nestedPages } from '../../database/pagination';
import { Context } from '../../context';
import { recordById, recordsByKey } from '../../database/loaders';
import { Agreement } from '../agreement';
import { CooperationArea } from '../cooperation-area';
import { sentByMunicipalitySql } from '../delegation';
import { Person } from '../person';
import { Visit } from './visit.entity';
import { tookPartSql, VisitFilter, visitList, VisitOrder } from './visit.filter';

export const visitById = (context: Context) => recordById(context, Visit);

/** Each delegation's visits in the order of its itinerary (by first day, then id). */
export const visitsOfDelegation = (context: Context) =>
  recordsByKey(
    context,
    'visit:delegation',
    Visit,
    `SELECT v.*, v.delegation_id AS _key FROM visit v
      WHERE v.delegation_id = ANY($1::uuid[]) ORDER BY v.starts_on, v.id`,
  );

/** The people each visit's delegation met, by name. */
export const counterpartsOf = (context: Context) =>
  recordsByKey(
    context,
    'visit:counterparts',
    Person,
    `SELECT p.*, vc.visit_id AS _key FROM visit_counterpart vc JOIN person p ON p.id = vc.person_id
      WHERE vc.visit_id = ANY($1::uuid[]) ORDER BY p.sort_name, p.id`,
  );

/** The cooperation areas discussed on each visit, by slug. */
export const areasOfVisit = (context: Context) =>
  recordsByKey(
    context,
    'visit:areas',
    CooperationArea,
    `SELECT c.*, va.visit_id AS _key FROM visit_area va JOIN cooperation_area c ON c.id = va.area_id
      WHERE va.visit_id = ANY($1::uuid[]) ORDER BY c.slug`,
  );

/** Agreements signed during each visit, earliest signed first (undated first), then by title. */
export const agreementsSignedDuring = (context: Context) =>
  recordsByKey(
    context,
    'visit:agreements-signed',
    Agreement,
    `SELECT a.*, a.signed_on_visit_id AS _key FROM agreement a
      WHERE a.signed_on_visit_id = ANY($1::uuid[]) ORDER BY a.signed_on NULLS FIRST, a.sort_name, a.id`,
  );

/** How a nested visit list is tied to its parent record. */
const SCOPES = {
  hostedBy: 'v.host_municipality_id = $parent',
  madeBy: `EXISTS (SELECT 1 FROM delegation md WHERE md.id = v.delegation_id AND ${sentByMunicipalitySql('= $parent', 'md')})`,
  tookPart: tookPartSql('= $parent'),
  about:
    'EXISTS (SELECT 1 FROM visit_subject_municipality vs WHERE vs.visit_id = v.id AND vs.municipality_id = $parent)',
} as const;

export type VisitRelation = keyof typeof SCOPES;

/**
 * Pages of one relation's visits for many parents in one statement. The filter and order
 * are part of the loader's name: two aliases of a field with different filters must not
 * share a batch.
 */
export function visitPages(
  context: Context,
  relation: VisitRelation,
  page: PageArgs,
  filter?: VisitFilter,
  orderBy?: VisitOrder,
) {
  const name = `visit:${relation}:${JSON.stringify([filter ?? null, orderBy ?? null])}`;
  return nestedPages(context, name, Visit, () => visitList(filter, orderBy, [SCOPES[relation]]), page);
}
