import { SEED } from './ids';
import type { CitationRow, SourceRow } from './rows';

const SOURCE = SEED.source;
const IRNA = SEED.citation.irna;
const SPUTNIK = SEED.citation.sputnik;

/**
 * Both reports are dated by month only: the article came out ahead of the trip that began on
 * 2015-11-18 and gives no day of its own. The news code is the one the quoting site gave it.
 */
export const sources: readonly SourceRow[] = [
  {
    id: SOURCE.irna,
    kind: 'NEWS_AGENCY_REPORT',
    publisher: 'IRNA',
    title: 'با سفر قالیباف تهران و مسکو خواهرخوانده می شوند',
    language: 'fa',
    published_on: '2015-11-01',
    published_on_precision: 'MONTH',
    url: null,
    reference: 'news code 465317',
  },
  {
    // Known only through IRNA's quotation: its headline, URL and day are unknown, so the title
    // describes it. 'fa' assumes Sputnik's Persian-language service; the quotation does not say.
    id: SOURCE.sputnik,
    kind: 'NEWS_AGENCY_REPORT',
    publisher: 'Sputnik',
    title:
      "Interview with Gashtasb Mozaffari, Tehran Municipality's Deputy for International Relations and " +
      'Cooperation, on the Tehran–Moscow talks (as quoted by IRNA)',
    language: 'fa',
    published_on: '2015-11-01',
    published_on_precision: 'MONTH',
    url: null,
    reference: 'quoted in IRNA, news code 465317',
  },
];

/** Everything the IRNA article states, record by record. */
const irnaCitations: readonly CitationRow[] = [
  {
    id: IRNA.tehran,
    source_id: SOURCE.irna,
    municipality_id: SEED.municipality.tehran,
    note: 'Capital of more than 10 million inhabitants; its mayor is chosen by a vote of the city council.',
  },
  {
    id: IRNA.moscow,
    source_id: SOURCE.irna,
    municipality_id: SEED.municipality.moscow,
    note: 'Capital of more than 10 million inhabitants; its mayoralty is a state body.',
  },
  {
    id: IRNA.saintPetersburg,
    source_id: SOURCE.irna,
    municipality_id: SEED.municipality.saintPetersburg,
    note: 'Its municipality already has a cooperation document with Tehran.',
  },
  {
    id: IRNA.tehranCityCouncil,
    source_id: SOURCE.irna,
    organization_id: SEED.organization.tehranCityCouncil,
    note: "Chooses Tehran's mayor by vote.",
  },
  {
    id: IRNA.ghalibaf,
    source_id: SOURCE.irna,
    person_id: SEED.person.ghalibaf,
    note: 'Mayor of Tehran, heads the Tehran Municipality delegation.',
  },
  {
    id: IRNA.sobyanin,
    source_id: SOURCE.irna,
    person_id: SEED.person.sobyanin,
    note: "Mayor of Moscow, Ghalibaf's counterpart.",
  },
  {
    id: IRNA.mozaffari,
    source_id: SOURCE.irna,
    person_id: SEED.person.mozaffari,
    note: "Tehran Municipality's Deputy for International Relations and Cooperation (his position; citations have no position column).",
  },
  {
    id: IRNA.ghalibafTehranTerm,
    source_id: SOURCE.irna,
    mayoral_term_id: SEED.mayoralTerm.ghalibafTehran,
    note: 'Mayor of Tehran in November 2015, chosen by the city council; the years of the term come from outside the article.',
  },
  {
    id: IRNA.sobyaninMoscowTerm,
    source_id: SOURCE.irna,
    mayoral_term_id: SEED.mayoralTerm.sobyaninMoscow,
    note: 'Mayor of Moscow in November 2015; the start of the term comes from outside the article.',
  },
  {
    id: IRNA.tehranDelegation,
    source_id: SOURCE.irna,
    delegation_id: SEED.delegation.tehranMunicipality,
    note: 'Headed by Ghalibaf; negotiates with the Moscow Municipality delegation.',
  },
  {
    id: IRNA.moscowDelegation,
    source_id: SOURCE.irna,
    delegation_id: SEED.delegation.moscowMunicipality,
    note: 'Negotiates with the Tehran Municipality delegation.',
  },
  {
    id: IRNA.moscowVisit,
    source_id: SOURCE.irna,
    visit_id: SEED.visit.moscow,
    note: 'Trip starting 27 Aban, "three days, from 27 to 30 Aban".',
  },
  {
    id: IRNA.saintPetersburgVisit,
    source_id: SOURCE.irna,
    visit_id: SEED.visit.saintPetersburg,
    note: 'Announced: the delegation also visits Saint Petersburg.',
  },
  {
    id: IRNA.sisterCityPact,
    source_id: SOURCE.irna,
    agreement_id: SEED.agreement.sisterCityPact,
    note: 'Concluded earlier; the trip is to make it operational. Names the fields it opens.',
  },
  {
    id: IRNA.moscowMemorandum,
    source_id: SOURCE.irna,
    agreement_id: SEED.agreement.moscowMemorandum,
    note: 'To be signed on the trip; names its fields and its purpose of implementing the pact.',
  },
  {
    id: IRNA.saintPetersburgCooperation,
    source_id: SOURCE.irna,
    agreement_id: SEED.agreement.saintPetersburgCooperation,
    note: 'The existing cooperation document the trip is to start carrying out.',
  },
  {
    id: IRNA.economyCommittee,
    source_id: SOURCE.irna,
    committee_id: SEED.committee.economy,
    note: 'Quoting Sputnik: specialized committees will start work on the economy.',
  },
  {
    id: IRNA.cultureCommittee,
    source_id: SOURCE.irna,
    committee_id: SEED.committee.culture,
    note: 'Quoting Sputnik: specialized committees will start work on culture.',
  },
];

/** What Mozaffari told Sputnik, as IRNA quotes it. */
const sputnikCitations: readonly CitationRow[] = [
  {
    id: SPUTNIK.mozaffari,
    source_id: SOURCE.sputnik,
    person_id: SEED.person.mozaffari,
    note: 'Speaks as Deputy for International Relations and Cooperation of Tehran Municipality.',
  },
  {
    id: SPUTNIK.tehranDelegation,
    source_id: SOURCE.sputnik,
    delegation_id: SEED.delegation.tehranMunicipality,
    note: 'The two delegations will discuss developing relations between "two great metropolises and two important capitals".',
  },
  {
    id: SPUTNIK.moscowDelegation,
    source_id: SOURCE.sputnik,
    delegation_id: SEED.delegation.moscowMunicipality,
    note: 'The two delegations will discuss developing relations between the two capitals.',
  },
  {
    id: SPUTNIK.moscowVisit,
    source_id: SOURCE.sputnik,
    visit_id: SEED.visit.moscow,
    note: 'The talks in Moscow, the economy and culture first.',
  },
  {
    id: SPUTNIK.sisterCityPact,
    source_id: SOURCE.sputnik,
    agreement_id: SEED.agreement.sisterCityPact,
    note: 'The earlier sister-city pact the memorandum is to operationalize.',
  },
  {
    id: SPUTNIK.moscowMemorandum,
    source_id: SOURCE.sputnik,
    agreement_id: SEED.agreement.moscowMemorandum,
    note: 'The mayors will sign a joint memorandum of understanding.',
  },
  {
    id: SPUTNIK.economyCommittee,
    source_id: SOURCE.sputnik,
    committee_id: SEED.committee.economy,
    note: 'Specialized committees will start work on the economy.',
  },
  {
    id: SPUTNIK.cultureCommittee,
    source_id: SOURCE.sputnik,
    committee_id: SEED.committee.culture,
    note: 'Specialized committees will start work on culture.',
  },
];

export const citations: readonly CitationRow[] = [...irnaCitations, ...sputnikCitations];
