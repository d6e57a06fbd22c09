import { SEED } from './ids';
import { MOZAFFARI_TITLE } from './people';
import type { DelegationMemberRow, DelegationRow, VisitAreaRow, VisitCounterpartRow, VisitRow } from './rows';

const PERSON = SEED.person;
const CITY = SEED.municipality;
const DELEGATION = SEED.delegation;
const VISIT = SEED.visit;

export const delegations: readonly DelegationRow[] = [
  {
    id: DELEGATION.tehranMunicipality,
    names: { en: 'Tehran Municipality delegation', fa: 'هیئت شهرداری تهران', ru: 'Делегация мэрии Тегерана' },
    sender_municipality_id: CITY.tehran,
    head_person_id: PERSON.ghalibaf,
    purpose:
      'Official trip to Russia: negotiate with the Moscow Municipality delegation on widening cooperation ' +
      'between the two capitals, make the Tehran–Moscow sister-city pact operational, and start carrying out ' +
      "Tehran's cooperation document with Saint Petersburg.",
  },
  {
    id: DELEGATION.moscowMunicipality,
    names: { en: 'Moscow Municipality delegation', fa: 'هیئت شهرداری مسکو', ru: 'Делегация мэрии Москвы' },
    sender_municipality_id: CITY.moscow,
    head_person_id: PERSON.sobyanin,
    purpose: 'Negotiate with the Tehran Municipality delegation on widening cooperation between Tehran and Moscow.',
  },
];

export const delegationMembers: readonly DelegationMemberRow[] = [
  { delegation_id: DELEGATION.tehranMunicipality, person_id: PERSON.ghalibaf, title: 'Mayor of Tehran', ordinal: 1 },
  { delegation_id: DELEGATION.tehranMunicipality, person_id: PERSON.mozaffari, title: MOZAFFARI_TITLE.en, ordinal: 2 },
  { delegation_id: DELEGATION.moscowMunicipality, person_id: PERSON.sobyanin, title: 'Mayor of Moscow', ordinal: 1 },
];

/**
 * The article: "three days, from 27 to 30 Aban" (1394), i.e. 2015-11-18 to 2015-11-21.
 */
export const visits: readonly VisitRow[] = [
  {
    id: VISIT.moscow,
    delegation_id: DELEGATION.tehranMunicipality,
    host_municipality_id: CITY.moscow,
    starts_on: '2015-11-18',
    starts_on_precision: 'DAY',
    ends_on: '2015-11-21',
    ends_on_precision: 'DAY',
    dates_are_bounds: false,
    // Public reports of the MoU signed in Moscow on 2015-11-18 show the visit took place.
    status: 'COMPLETED',
    purpose:
      'Widen cooperation between Tehran and Moscow and make the earlier sister-city pact operational by ' +
      'signing a memorandum of understanding.',
  },
  {
    id: VISIT.saintPetersburg,
    delegation_id: DELEGATION.tehranMunicipality,
    host_municipality_id: CITY.saintPetersburg,
    // The day of this stop is not known, only that it fell within the trip.
    starts_on: '2015-11-18',
    starts_on_precision: 'DAY',
    ends_on: '2015-11-21',
    ends_on_precision: 'DAY',
    dates_are_bounds: true,
    // The article reports this stop ahead of the trip and no source in the seed confirms it
    // took place, so it stays as announced.
    status: 'PLANNED',
    purpose: "Start carrying out the existing cooperation document between Saint Petersburg's municipality and Tehran.",
  },
];

export const visitCounterparts: readonly VisitCounterpartRow[] = [
  { visit_id: VISIT.moscow, person_id: PERSON.sobyanin },
];

/** Mozaffari to Sputnik: the economy and culture come first. */
export const visitAreas: readonly VisitAreaRow[] = [
  { visit_id: VISIT.moscow, area_id: SEED.cooperationArea.economy },
  { visit_id: VISIT.moscow, area_id: SEED.cooperationArea.culture },
];
