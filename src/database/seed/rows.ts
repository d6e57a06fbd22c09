/**
 * The seed's rows, typed as the tables hold them: keys are column names, so each data file
 * reads like the rows it becomes. Columns left out take their database default (or null).
 * Partial dates are two columns, `x` (first day of the period) and `x_precision`.
 */
import type { DatePrecision } from '../../common/dates/partial-date';

/** BCP 47 language tag -> text. */
export type Names = Readonly<Record<string, string>>;
export type Uuid = string;

export interface CooperationAreaRow {
  id: Uuid;
  slug: string;
  parent_id: Uuid | null;
  labels: Names;
  sort_name: string;
}

export interface MunicipalityRow {
  id: Uuid;
  slug: string;
  names: Names;
  sort_name: string;
  country_code: string;
  region?: string | null;
  is_capital: boolean;
  population?: number | null;
  population_is_lower_bound?: boolean;
  population_year?: number | null;
  latitude: number;
  longitude: number;
  governance:
    'COUNCIL_ELECTED_MAYOR' | 'DIRECTLY_ELECTED_MAYOR' | 'STATE_BODY' | 'APPOINTED_MAYOR' | 'OTHER' | 'UNKNOWN';
  governance_note?: string | null;
  wikidata_id: string;
  geonames_id: number;
}

export interface OrganizationRow {
  id: Uuid;
  slug: string;
  names: Names;
  sort_name: string;
  kind:
    | 'CITY_COUNCIL'
    | 'MUNICIPAL_DEPARTMENT'
    | 'MUNICIPAL_ADMINISTRATION'
    | 'EMBASSY'
    | 'MINISTRY'
    | 'GOVERNMENT_BODY'
    | 'CITY_NETWORK'
    | 'NEWS_AGENCY'
    | 'OTHER';
  municipality_id?: Uuid | null;
  country_code?: string | null;
}

export interface PersonRow {
  id: Uuid;
  names: Names;
  sort_name: string;
}

export interface PersonPositionRow {
  id: Uuid;
  person_id: Uuid;
  titles: Names;
  municipality_id?: Uuid | null;
  organization_id?: Uuid | null;
  since?: string | null;
  since_precision?: DatePrecision | null;
  until?: string | null;
  until_precision?: DatePrecision | null;
}

export interface MayoralTermRow {
  id: Uuid;
  municipality_id: Uuid;
  person_id: Uuid;
  since: string;
  since_precision: DatePrecision;
  until: string | null;
  until_precision: DatePrecision | null;
  selection: 'COUNCIL_VOTE' | 'DIRECT_ELECTION' | 'APPOINTED' | 'ACTING' | 'OTHER' | 'UNKNOWN';
}

export interface DelegationRow {
  id: Uuid;
  names: Names;
  sender_municipality_id?: Uuid | null;
  sender_organization_id?: Uuid | null;
  head_person_id: Uuid;
  purpose: string;
}

export interface DelegationMemberRow {
  delegation_id: Uuid;
  person_id: Uuid;
  title: string;
  ordinal: number;
}

export type VisitStatus = 'PLANNED' | 'UNDER_WAY' | 'COMPLETED' | 'CANCELLED' | 'POSTPONED';

export interface VisitRow {
  id: Uuid;
  delegation_id: Uuid;
  host_municipality_id: Uuid;
  starts_on: string;
  starts_on_precision: DatePrecision;
  ends_on: string | null;
  ends_on_precision: DatePrecision | null;
  dates_are_bounds: boolean;
  status: VisitStatus;
  purpose: string;
}

export interface VisitCounterpartRow {
  visit_id: Uuid;
  person_id: Uuid;
}

export interface VisitAreaRow {
  visit_id: Uuid;
  area_id: Uuid;
}

export type AgreementStatus = 'PROPOSED' | 'SIGNED' | 'IN_FORCE' | 'SUSPENDED' | 'EXPIRED' | 'TERMINATED';

export interface AgreementRow {
  id: Uuid;
  kind:
    | 'SISTER_CITY'
    | 'MEMORANDUM_OF_UNDERSTANDING'
    | 'COOPERATION_AGREEMENT'
    | 'COOPERATION_PROGRAMME'
    | 'PROTOCOL'
    | 'DECLARATION'
    | 'OTHER';
  titles: Names;
  sort_name: string;
  /** Must equal the last status change below: the history trigger copies it anyway. */
  status: AgreementStatus;
  signed_on: string | null;
  signed_on_precision: DatePrecision | null;
  signed_in_municipality_id?: Uuid | null;
  signed_at_venue?: string | null;
  signed_on_visit_id?: Uuid | null;
  summary: string;
  party_key: string;
}

export interface AgreementPartyRow {
  agreement_id: Uuid;
  municipality_id: Uuid;
}

export interface AgreementAreaRow {
  agreement_id: Uuid;
  area_id: Uuid;
}

export interface AgreementStatusChangeRow {
  id: Uuid;
  agreement_id: Uuid;
  status: AgreementStatus;
  changed_on: string | null;
  changed_on_precision: DatePrecision | null;
  note: string;
}

export interface AgreementImplementationRow {
  agreement_id: Uuid;
  implements_id: Uuid;
}

export interface AgreementSignatoryRow {
  agreement_id: Uuid;
  person_id: Uuid;
  role: 'SIGNATORY' | 'WITNESS' | 'ATTENDEE';
  on_behalf_of_id: Uuid;
}

export interface CommitteeRow {
  id: Uuid;
  agreement_id: Uuid;
  names: Names;
  area_id: Uuid;
  status: 'PLANNED' | 'ACTIVE' | 'DISSOLVED';
}

export interface SourceRow {
  id: Uuid;
  kind:
    'OFFICIAL_DOCUMENT' | 'NEWS_AGENCY_REPORT' | 'NEWS_REPORT' | 'SECONDARY_COMPILATION' | 'DATASET' | 'BLOG' | 'OTHER';
  publisher: string;
  title: string;
  language: string;
  published_on: string | null;
  published_on_precision: DatePrecision | null;
  url: string | null;
  reference: string | null;
}

/** Exactly one of the record columns is set: the record the source supports. */
export interface CitationRow {
  id: Uuid;
  source_id: Uuid;
  agreement_id?: Uuid;
  visit_id?: Uuid;
  delegation_id?: Uuid;
  municipality_id?: Uuid;
  person_id?: Uuid;
  mayoral_term_id?: Uuid;
  organization_id?: Uuid;
  committee_id?: Uuid;
  note: string;
}
