import { LinkSpec } from '../../write/links';

/*
 * What a visit was about, beyond its cooperation areas: agreements discussed and third
 * municipalities. Both are the visit's own statements (link rows of the visit, audited on it,
 * its version moved), so a key needs only the visit in its scope: a Tehran portal may say its
 * Moscow trip was about Minsk, or about the pact Moscow has with Saint Petersburg, without
 * either becoming its record. The agreement or city is not changed; it shows the visit in
 * `discussedOnVisits` / `visitsAbout`, as a city shows the visits of others that name it.
 */

export const visitAboutAgreements: LinkSpec = {
  owner: 'Visit',
  linked: 'Agreement',
  table: 'visit_subject_agreement',
  ownerColumn: 'visit_id',
  linkedColumn: 'agreement_id',
  field: 'agreementIds',
};

export const visitAboutMunicipalities: LinkSpec = {
  owner: 'Visit',
  linked: 'Municipality',
  table: 'visit_subject_municipality',
  ownerColumn: 'visit_id',
  linkedColumn: 'municipality_id',
  field: 'municipalityIds',
};
