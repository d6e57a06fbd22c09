import { Context } from '../../context';
import { recordById, recordsByKey, rowsByKey } from '../../database/loaders';
import { CooperationArea } from '../cooperation-area';
import { Municipality } from '../municipality';
import { Agreement } from './agreement.entity';
import { AgreementStatus } from './agreement.enums';
import { agreementStatusOnSql } from './agreement.filter';
import { Signatory } from './signatory.entity';
import { StatusChange } from './status-change.entity';

export const agreementById = (context: Context) => recordById(context, Agreement);

/** The parties of each agreement, by name then slug. */
export const partiesOf = (context: Context) =>
  recordsByKey(
    context,
    'agreement:parties',
    Municipality,
    `SELECT m.*, p.agreement_id AS _key FROM agreement_party p JOIN municipality m ON m.id = p.municipality_id
      WHERE p.agreement_id = ANY($1::uuid[]) ORDER BY m.sort_name, m.slug`,
  );

/** The areas each agreement covers directly, by slug. */
export const areasOf = (context: Context) =>
  recordsByKey(
    context,
    'agreement:areas',
    CooperationArea,
    `SELECT c.*, aa.agreement_id AS _key FROM agreement_area aa JOIN cooperation_area c ON c.id = aa.area_id
      WHERE aa.agreement_id = ANY($1::uuid[]) ORDER BY c.slug`,
  );

/** Earlier agreements each one implements (an MoU putting a pact into practice). */
export const implementsOf = (context: Context) =>
  recordsByKey(
    context,
    'agreement:implements',
    Agreement,
    `SELECT a.*, i.agreement_id AS _key FROM agreement_implementation i JOIN agreement a ON a.id = i.implements_id
      WHERE i.agreement_id = ANY($1::uuid[]) ORDER BY a.signed_on NULLS FIRST, a.id`,
  );

/** Later agreements implementing each one. */
export const implementedByOf = (context: Context) =>
  recordsByKey(
    context,
    'agreement:implemented-by',
    Agreement,
    `SELECT a.*, i.implements_id AS _key FROM agreement_implementation i JOIN agreement a ON a.id = i.agreement_id
      WHERE i.implements_id = ANY($1::uuid[]) ORDER BY a.signed_on NULLS FIRST, a.id`,
  );

/** Each agreement's lifecycle, in the order it was recorded. */
export const statusHistoryOf = (context: Context) =>
  recordsByKey(
    context,
    'agreement:status-history',
    StatusChange,
    `SELECT s.*, s.agreement_id AS _key FROM agreement_status_change s
      WHERE s.agreement_id = ANY($1::uuid[]) ORDER BY s.seq`,
  );

/** Each agreement's status as of a day, by the SQL rule the filters and stats share; keys are `id|day`. */
export const statusOn = (context: Context) =>
  rowsByKey<{ _key: string; status: AgreementStatus }>(
    context,
    'agreement:status-on',
    `SELECT k.key AS _key, ${agreementStatusOnSql('a', "split_part(k.key, '|', 2)::date")} AS status
       FROM unnest($1::text[]) AS k(key) JOIN agreement a ON a.id = split_part(k.key, '|', 1)::uuid`,
  );

export const signatoriesOf = (context: Context) =>
  recordsByKey(
    context,
    'agreement:signatories',
    Signatory,
    `SELECT s.*, s.agreement_id AS _key FROM agreement_signatory s JOIN person p ON p.id = s.person_id
      WHERE s.agreement_id = ANY($1::uuid[]) ORDER BY s.role, p.sort_name, p.id`,
  );
