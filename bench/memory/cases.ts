import { cycle, Register, textOf } from './register';

/**
 * The limits the hardening issue sets on list and text arguments (src/limits/argument-limits.ts
 * once it lands). Written out here so that the same requests go to the version before it.
 */
export const LIMITS = {
  parties: 10,
  partyCountries: 10,
  areas: 20,
  kinds: 20,
  statuses: 20,
  visitLists: 20,
  countries: 50,
  mayorOf: 20,
  searchTypes: 10,
  nodeIds: 100,
  text: 200,
};

/** Over the limits: what the attacks sent; must be refused with HTTP 400 before any SQL. */
export const OVER = { parties: 10_000, partyCountries: 1_000 };

export interface MemoryCase {
  name: string;
  /** accepted: at the limits, the worst a client may send; refused: over them. */
  expect: 'accepted' | 'refused';
  query: string;
  variables: Record<string, unknown>;
  /** The same operation with one-item lists, sent first so that caches are warm and the lists' cost alone is measured. */
  warmup: Record<string, unknown>;
  /** The lists sent and their lengths. */
  sent: string;
}

const AGREEMENTS = `query Agreements($filter: AgreementFilter!) {
  agreements(filter: $filter, first: 100) { totalCount pageInfo { hasNextPage endCursor }
    nodes { id kind status title(lang: "en") signedOn parties { slug countryCode } } } }`;
const STATS = `query Stats($filter: AgreementFilter!) { agreementStats(filter: $filter, groupBy: COUNTRY_PAIR) { key count } }`;
const VISITS = `query Visits($filter: VisitFilter!) { visits(filter: $filter, first: 100) { totalCount
  nodes { id status startsOn host { slug } delegation { sender { slug } } } } }`;
const DELEGATIONS = `query Delegations($filter: DelegationFilter!) { delegations(filter: $filter, first: 100) { totalCount
  nodes { id sender { slug } head { id } } } }`;
const MUNICIPALITIES = `query Municipalities($filter: MunicipalityFilter!) { municipalities(filter: $filter, first: 100) { totalCount
  nodes { slug countryCode } } }`;
const PERSONS = `query Persons($filter: PersonFilter!) { persons(filter: $filter, first: 100) { totalCount nodes { id name(lang: "en") } } }`;
const SEARCH = `query Search($query: String!, $types: [SearchType!]) { search(query: $query, types: $types, first: 100) { __typename
  ... on Municipality { slug } ... on Person { id } ... on Agreement { id } ... on CooperationArea { slug } ... on Source { id } } }`;
const NODES = `query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id __typename } }`;

const KINDS = [
  'COOPERATION_AGREEMENT',
  'COOPERATION_PROGRAMME',
  'DECLARATION',
  'MEMORANDUM_OF_UNDERSTANDING',
  'OTHER',
  'PROTOCOL',
  'SISTER_CITY',
];
const STATUSES = ['EXPIRED', 'IN_FORCE', 'PROPOSED', 'SIGNED', 'SUSPENDED', 'TERMINATED'];
const SEARCH_TYPES = ['AGREEMENT', 'COOPERATION_AREA', 'MUNICIPALITY', 'PERSON', 'SOURCE'];

/** How many of an over-limit list to send: all of it, or `cap` for a version that would run it. */
function capped(count: number, cap: number | null): { count: number; note: string } {
  return cap !== null && count > cap
    ? { count: cap, note: ` (capped from ${count.toLocaleString('en')})` }
    : { count, note: '' };
}

/** Every agreement filter at its limit at once: the worst agreement filter a client may send. */
function agreementFilterAtLimits(register: Register): Record<string, unknown> {
  return {
    parties: register.partySlugs.slice(0, LIMITS.parties),
    partyCountries: register.countries.slice(0, LIMITS.partyCountries),
    areas: cycle(register.areaSlugs, LIMITS.areas),
    kinds: KINDS,
    statuses: STATUSES,
    signedFrom: '1990',
    signedTo: '2026',
    text: textOf(register.names, LIMITS.text),
  };
}

export function buildCases(register: Register, maxSlugsBefore: number | null): MemoryCase[] {
  const [slug] = register.partySlugs;
  const [country] = register.countries;
  const overParties = capped(OVER.parties, maxSlugsBefore);
  const overCountries = capped(OVER.partyCountries, maxSlugsBefore);
  const areas = cycle(register.areaSlugs, LIMITS.areas);
  const distinctAreas = new Set(areas).size;
  const agreements = (
    name: string,
    expect: MemoryCase['expect'],
    filter: Record<string, unknown>,
    warmup: Record<string, unknown>,
    sent: string,
  ): MemoryCase => ({ name, expect, query: AGREEMENTS, variables: { filter }, warmup: { filter: warmup }, sent });
  const visitFilter = {
    host: register.hostSlugs.slice(0, LIMITS.visitLists),
    sender: register.senderSlugs.slice(0, LIMITS.visitLists),
    person: register.personIds.slice(0, LIMITS.visitLists),
  };
  const visitWarmup = { host: visitFilter.host.slice(0, 1) };
  const listSizes = `host ${visitFilter.host.length}, sender ${visitFilter.sender.length}, person ${visitFilter.person.length}`;
  return [
    agreements(
      'parties-10',
      'accepted',
      { parties: register.partySlugs.slice(0, LIMITS.parties) },
      { parties: [slug] },
      `parties ${LIMITS.parties} (the busiest municipalities)`,
    ),
    agreements(
      'party-countries-10',
      'accepted',
      { partyCountries: register.countries.slice(0, LIMITS.partyCountries) },
      { partyCountries: [country] },
      `partyCountries ${LIMITS.partyCountries} (distinct, most municipalities first)`,
    ),
    agreements(
      'areas-20',
      'accepted',
      { areas },
      { areas: areas.slice(0, 1) },
      `areas ${LIMITS.areas} (${distinctAreas} distinct: all the register has)`,
    ),
    agreements(
      'text-200',
      'accepted',
      { text: textOf(register.names, LIMITS.text) },
      { text: 'a' },
      `text of ${LIMITS.text} characters`,
    ),
    agreements(
      'agreement-filters-at-limits',
      'accepted',
      agreementFilterAtLimits(register),
      { parties: [slug] },
      `parties 10, partyCountries 10, areas 20, kinds ${KINDS.length}, statuses ${STATUSES.length}, signed 1990–2026, text 200`,
    ),
    {
      name: 'agreement-stats-at-limits',
      expect: 'accepted',
      query: STATS,
      variables: { filter: agreementFilterAtLimits(register) },
      warmup: { filter: { parties: [slug] } },
      sent: 'the filter above, groupBy COUNTRY_PAIR',
    },
    {
      name: 'visits-lists-20',
      expect: 'accepted',
      query: VISITS,
      variables: { filter: visitFilter },
      warmup: { filter: visitWarmup },
      sent: listSizes,
    },
    {
      name: 'delegations-lists-20',
      expect: 'accepted',
      query: DELEGATIONS,
      variables: { filter: visitFilter },
      warmup: { filter: visitWarmup },
      sent: listSizes,
    },
    {
      name: 'municipalities-countries-50',
      expect: 'accepted',
      query: MUNICIPALITIES,
      variables: { filter: { countries: cycle(register.countries, LIMITS.countries) } },
      warmup: { filter: { countries: [country] } },
      sent: `countries ${LIMITS.countries} (${Math.min(register.countries.length, LIMITS.countries)} distinct: all the register has)`,
    },
    {
      name: 'persons-mayor-of-20',
      expect: 'accepted',
      query: PERSONS,
      variables: { filter: { mayorOf: register.partySlugs.slice(0, LIMITS.mayorOf) } },
      warmup: { filter: { mayorOf: [slug] } },
      sent: `mayorOf ${LIMITS.mayorOf}`,
    },
    {
      name: 'search-200',
      expect: 'accepted',
      query: SEARCH,
      variables: { query: textOf(register.names, LIMITS.text), types: SEARCH_TYPES },
      warmup: { query: 'tehr', types: SEARCH_TYPES },
      sent: `query of ${LIMITS.text} characters, types ${SEARCH_TYPES.length} (all), first 100`,
    },
    {
      name: 'nodes-100',
      expect: 'accepted',
      query: NODES,
      variables: { ids: register.nodeIds.slice(0, LIMITS.nodeIds) },
      warmup: { ids: register.nodeIds.slice(0, 1) },
      sent: `ids ${LIMITS.nodeIds} (20 each of 5 types)`,
    },
    agreements(
      'parties-10000',
      'refused',
      { parties: cycle(register.partySlugs, overParties.count) },
      { parties: [slug] },
      `parties ${overParties.count.toLocaleString('en')}${overParties.note}`,
    ),
    agreements(
      'party-countries-1000',
      'refused',
      { partyCountries: cycle(register.countries, overCountries.count) },
      { partyCountries: [country] },
      `partyCountries ${overCountries.count.toLocaleString('en')}${overCountries.note} (the register's ${register.countries.length} countries in turn)`,
    ),
  ];
}
