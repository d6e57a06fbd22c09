import { SEED } from './ids';
import type {
  AgreementAreaRow,
  AgreementImplementationRow,
  AgreementPartyRow,
  AgreementRow,
  AgreementSignatoryRow,
  AgreementStatusChangeRow,
  CommitteeRow,
  Uuid,
} from './rows';

const AGREEMENT = SEED.agreement;
const CITY = SEED.municipality;
const AREA = SEED.cooperationArea;

/** The schema's key for "the same parties": ids as lowercase text, sorted, joined by ','. */
function partyKey(...municipalityIds: Uuid[]): string {
  return municipalityIds
    .map((id) => id.toLowerCase())
    .sort()
    .join(',');
}

const PARTIES: Readonly<Record<Uuid, readonly Uuid[]>> = {
  [AGREEMENT.sisterCityPact]: [CITY.tehran, CITY.moscow],
  [AGREEMENT.moscowMemorandum]: [CITY.tehran, CITY.moscow],
  [AGREEMENT.saintPetersburgCooperation]: [CITY.tehran, CITY.saintPetersburg],
};

/** Each agreement's status is the last of its history rows below. */
export const agreements: readonly AgreementRow[] = [
  {
    id: AGREEMENT.sisterCityPact,
    kind: 'SISTER_CITY',
    titles: {
      en: 'Tehran–Moscow sister-city pact',
      fa: 'سند خواهرخواندگی تهران و مسکو',
      ru: 'Соглашение о побратимстве Тегерана и Москвы',
    },
    sort_name: 'Tehran–Moscow sister-city pact',
    status: 'SIGNED',
    signed_on: null,
    signed_on_precision: null,
    summary:
      'Twinning pact concluded before November 2015 (date not given). Implementing it opens cultural, social, ' +
      'economic, artistic and urban cooperation and the exchange of experience between the two municipalities.',
    party_key: partyKey(...PARTIES[AGREEMENT.sisterCityPact]),
  },
  {
    id: AGREEMENT.moscowMemorandum,
    kind: 'MEMORANDUM_OF_UNDERSTANDING',
    titles: {
      en: 'Memorandum of understanding between the municipalities of Tehran and Moscow',
      fa: 'تفاهم‌نامه همکاری شهرداری‌های تهران و مسکو',
      ru: 'Меморандум о взаимопонимании между Тегераном и Москвой',
    },
    sort_name: 'Memorandum of understanding between the municipalities of Tehran and Moscow',
    status: 'SIGNED',
    signed_on: '2015-11-18',
    signed_on_precision: 'DAY',
    signed_in_municipality_id: CITY.moscow,
    signed_on_visit_id: SEED.visit.moscow,
    summary:
      'Signed by the two mayors to put the sister-city pact into practice: cooperation on the economy, joint ' +
      'investment, crisis management, safety capacities and infrastructure, and infrastructure and public ' +
      'transport systems. Specialized committees for the economy and culture are to start work first.',
    party_key: partyKey(...PARTIES[AGREEMENT.moscowMemorandum]),
  },
  {
    id: AGREEMENT.saintPetersburgCooperation,
    kind: 'COOPERATION_AGREEMENT',
    titles: {
      en: 'Tehran–Saint Petersburg cooperation document',
      fa: 'سند همکاری تهران و سن پترزبورگ',
      ru: 'Документ о сотрудничестве Тегерана и Санкт-Петербурга',
    },
    sort_name: 'Tehran–Saint Petersburg cooperation document',
    status: 'SIGNED',
    signed_on: null,
    signed_on_precision: null,
    summary:
      'Cooperation document in place before November 2015 (date not given); the trip was to start carrying it out.',
    party_key: partyKey(...PARTIES[AGREEMENT.saintPetersburgCooperation]),
  },
];

export const agreementParties: readonly AgreementPartyRow[] = Object.entries(PARTIES).flatMap(
  ([agreementId, municipalityIds]) =>
    municipalityIds.map((municipalityId) => ({ agreement_id: agreementId, municipality_id: municipalityId })),
);

function covers(agreementId: Uuid, areaIds: readonly Uuid[]): AgreementAreaRow[] {
  return areaIds.map((areaId) => ({ agreement_id: agreementId, area_id: areaId }));
}

export const agreementAreas: readonly AgreementAreaRow[] = [
  // What implementing the pact opens, then the fields the article names as open to both cities.
  ...covers(AGREEMENT.sisterCityPact, [
    AREA.culture,
    AREA.society,
    AREA.economy,
    AREA.arts,
    AREA.urbanDevelopment,
    AREA.experienceExchange,
    AREA.privateParticipation,
    AREA.environment,
    AREA.urbanEducation,
    AREA.trade,
    AREA.urbanSecurity,
    AREA.youth,
  ]),
  ...covers(AGREEMENT.moscowMemorandum, [
    AREA.economy,
    AREA.investment,
    AREA.crisisManagement,
    AREA.safetyInfrastructure,
    AREA.infrastructure,
    AREA.publicTransport,
  ]),
];

/** In the order they happened: the `seq` column records insertion order. */
export const agreementStatusChanges: readonly AgreementStatusChangeRow[] = [
  {
    id: SEED.agreementStatusChange.sisterCityPactSigned,
    agreement_id: AGREEMENT.sisterCityPact,
    status: 'SIGNED',
    changed_on: null,
    changed_on_precision: null,
    note: 'Concluded before the November 2015 trip; the date is not given.',
  },
  {
    id: SEED.agreementStatusChange.moscowMemorandumProposed,
    agreement_id: AGREEMENT.moscowMemorandum,
    status: 'PROPOSED',
    changed_on: null,
    changed_on_precision: null,
    note: "Announced before the trip, to be signed during the Tehran delegation's visit to Moscow.",
  },
  {
    id: SEED.agreementStatusChange.moscowMemorandumSigned,
    agreement_id: AGREEMENT.moscowMemorandum,
    status: 'SIGNED',
    changed_on: '2015-11-18',
    changed_on_precision: 'DAY',
    note: 'Signed in Moscow by the mayors of Tehran and Moscow.',
  },
  {
    id: SEED.agreementStatusChange.saintPetersburgCooperationSigned,
    agreement_id: AGREEMENT.saintPetersburgCooperation,
    status: 'SIGNED',
    changed_on: null,
    changed_on_precision: null,
    note: 'Already in place before the November 2015 trip; the date is not given.',
  },
];

export const agreementImplementations: readonly AgreementImplementationRow[] = [
  { agreement_id: AGREEMENT.moscowMemorandum, implements_id: AGREEMENT.sisterCityPact },
];

export const agreementSignatories: readonly AgreementSignatoryRow[] = [
  {
    agreement_id: AGREEMENT.moscowMemorandum,
    person_id: SEED.person.ghalibaf,
    role: 'SIGNATORY',
    on_behalf_of_id: CITY.tehran,
  },
  {
    agreement_id: AGREEMENT.moscowMemorandum,
    person_id: SEED.person.sobyanin,
    role: 'SIGNATORY',
    on_behalf_of_id: CITY.moscow,
  },
];

/** Mozaffari to Sputnik: specialized committees start work on the economy and culture. */
export const committees: readonly CommitteeRow[] = [
  {
    id: SEED.committee.economy,
    agreement_id: AGREEMENT.moscowMemorandum,
    names: {
      en: 'Tehran–Moscow specialized committee on the economy',
      fa: 'کمیته تخصصی اقتصادی تهران و مسکو',
      ru: 'Специализированный комитет Тегерана и Москвы по экономике',
    },
    area_id: AREA.economy,
    status: 'PLANNED',
  },
  {
    id: SEED.committee.culture,
    agreement_id: AGREEMENT.moscowMemorandum,
    names: {
      en: 'Tehran–Moscow specialized committee on culture',
      fa: 'کمیته تخصصی فرهنگی تهران و مسکو',
      ru: 'Специализированный комитет Тегерана и Москвы по культуре',
    },
    area_id: AREA.culture,
    status: 'PLANNED',
  },
];
