import { Context } from '../../context';
import { recordsByKey } from '../../database/loaders';
import { Agreement } from '../agreement';
import { Municipality } from '../municipality';
import { Visit } from './visit.entity';

/** Agreements each visit was about, by title. */
export const agreementsVisitWasAbout = (context: Context) =>
  recordsByKey(
    context,
    'visit:about-agreements',
    Agreement,
    `SELECT a.*, s.visit_id AS _key FROM visit_subject_agreement s JOIN agreement a ON a.id = s.agreement_id
      WHERE s.visit_id = ANY($1::uuid[]) ORDER BY a.sort_name, a.id`,
  );

/** Third municipalities each visit was about, by name. */
export const municipalitiesVisitWasAbout = (context: Context) =>
  recordsByKey(
    context,
    'visit:about-municipalities',
    Municipality,
    `SELECT m.*, s.visit_id AS _key FROM visit_subject_municipality s JOIN municipality m ON m.id = s.municipality_id
      WHERE s.visit_id = ANY($1::uuid[]) ORDER BY m.sort_name, m.id`,
  );

/** Visits each agreement was discussed on, earliest first (by first day, then id). */
export const visitsDiscussing = (context: Context) =>
  recordsByKey(
    context,
    'agreement:discussed-on-visits',
    Visit,
    `SELECT v.*, s.agreement_id AS _key FROM visit_subject_agreement s JOIN visit v ON v.id = s.visit_id
      WHERE s.agreement_id = ANY($1::uuid[]) ORDER BY v.starts_on NULLS LAST, v.id`,
  );
