import { DocumentNode, FieldNode, Kind, parse, SelectionSetNode } from 'graphql';
import { Samples } from './lib/samples';

/**
 * The benchmark's query mix: for each question, the API's operation (the contract's, with
 * variables for random records), the same question asked of PostGraphile's schema, and the
 * floor's statement (bench/floor) found by operation name.
 */
export interface MixQuery {
  name: string;
  contract: string;
  api: string;
  /** The same question for PostGraphile; absent where its schema has no equivalent. */
  peer?: string;
  /** False where the floor has no statement (search: its ranking is the API's own SQL). */
  floor?: boolean;
  /** Variables of request `i` for the API and the floor, and for the peer. */
  variables(samples: Samples, i: number): Record<string, unknown>;
  peerVariables(samples: Samples, i: number): Record<string, unknown>;
}

const AGREEMENT_FIELDS = `id kind status title(lang: "en") signedOn persianSigned: signedOn(calendar: PERSIAN)
  parties { slug countryCode } areas { slug name(lang: "en") parent { slug } } implements { kind }
  statusHistory { status on } sources { publisher }`;
const PEER_AGREEMENT_FIELDS = `rowId kind status titles signedOn signedOnPrecision
  agreementPartiesByAgreementId { nodes { municipalityByMunicipalityId { slug countryCode } } }
  agreementAreasByAgreementId { nodes { cooperationAreaByAreaId { slug labels cooperationAreaByParentId { slug } } } }
  agreementImplementationsByAgreementId { nodes { agreementByImplementsId { kind } } }
  agreementStatusChangesByAgreementId(orderBy: SEQ_ASC) { nodes { status changedOn changedOnPrecision } }
  sources { nodes { publisher } }`;
const agreementsApi = `query AgreementsPage($area: String!, $country: String!, $after: String) {
  agreements(filter: { areas: [$area], partyCountries: [$country] }, orderBy: { field: SIGNED_ON, direction: DESC }, first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${AGREEMENT_FIELDS} } } } }`;
const agreementsPeer = `query AgreementsPage($area: String!, $country: String!, $after: Cursor) {
  peerAgreementsOn(area: $area, country: $country, first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${PEER_AGREEMENT_FIELDS} } } } }`;

export const MIX: readonly MixQuery[] = [
  {
    name: 'city card',
    contract: '01',
    api: `query CityCard($slug: String!) { municipality(slug: $slug) { id slug name(lang: "en") fa: name(lang: "fa") ru: name(lang: "ru")
      names { lang value } countryCode isCapital wikidataId population { value isLowerBound year }
      partners { municipality { slug name(lang: "en") countryCode } agreements { id kind status signedOn } } } }`,
    peer: `query CityCard($slug: String!) { municipalityBySlug(slug: $slug) { rowId slug names countryCode isCapital wikidataId
      population populationIsLowerBound populationYear
      agreementPartiesByMunicipalityId { nodes { agreementByAgreementId { rowId kind status signedOn signedOnPrecision
        agreementPartiesByAgreementId { nodes { municipalityByMunicipalityId { slug names countryCode } } } } } } } }`,
    variables: (s, i) => ({ slug: s.at(s.cities, i) }),
    peerVariables: (s, i) => ({ slug: s.at(s.cities, i) }),
  },
  {
    name: 'agreements page',
    contract: '03',
    api: agreementsApi,
    peer: agreementsPeer,
    variables: (s, i) => ({ ...s.at(s.agreementFilters, i) }),
    peerVariables: (s, i) => ({ ...s.at(s.agreementFilters, i) }),
  },
  {
    name: 'agreements next page',
    contract: '03',
    api: agreementsApi,
    peer: agreementsPeer,
    variables: (s, i) => {
      const next = s.at(s.nextPages, i);
      return { area: next.area, country: next.country, after: next.apiCursor };
    },
    peerVariables: (s, i) => {
      const next = s.at(s.nextPages, i);
      return { area: next.area, country: next.country, after: next.peerCursor };
    },
  },
  {
    name: "host's visits in a year",
    contract: '02',
    api: `query HostVisits($host: String!, $from: PartialDate!, $to: PartialDate!) {
      visits(filter: { host: [$host], from: $from, to: $to }, first: 10) { totalCount nodes {
        id startsOn endsOn persianStart: startsOn(calendar: PERSIAN) persianEnd: endsOn(calendar: PERSIAN) status host { slug }
        delegation { sender { slug } head { name(lang: "en") fa: name(lang: "fa") } members { person { name(lang: "en") } title }
          visits { host { slug } } }
        counterparts { name(lang: "en") } agreementsSigned { kind } sources { publisher title language reference } } } }`,
    peer: `query HostVisits($host: String!, $from: Date!, $to: Date!) {
      peerVisitsHosted(host: $host, fromDay: $from, toDay: $to, first: 10) { totalCount nodes {
        rowId startsOn startsOnPrecision endsOn endsOnPrecision status municipalityByHostMunicipalityId { slug }
        delegationByDelegationId { municipalityBySenderMunicipalityId { slug } personByHeadPersonId { names }
          delegationMembersByDelegationId { nodes { personByPersonId { names } title ordinal } }
          visitsByDelegationId(orderBy: STARTS_ON_ASC) { nodes { municipalityByHostMunicipalityId { slug } } } }
        visitCounterpartsByVisitId { nodes { personByPersonId { names sortName } } }
        agreementsBySignedOnVisitId { nodes { kind } }
        sources { nodes { publisher title language reference } } } } }`,
    variables: (s, i) => ({ ...s.at(s.hostYears, i) }),
    peerVariables: (s, i) => ({ ...s.at(s.hostYears, i) }),
  },
  {
    name: 'dashboard stats',
    contract: '07',
    api: `query DashboardStats($country: String!) {
      byKind: agreementStats(groupBy: KIND) { key label count }
      byArea: agreementStats(groupBy: AREA, filter: { partyCountries: [$country] }) { key label count }
      byYear: agreementStats(groupBy: YEAR) { key count }
      byCountryPair: agreementStats(groupBy: COUNTRY_PAIR) { key count } }`,
    peer: `query DashboardStats($country: String!) {
      byKind: peerAgreementStats(groupBy: "KIND") { nodes { key labels count } }
      byArea: peerAgreementStats(groupBy: "AREA", country: $country) { nodes { key labels count } }
      byYear: peerAgreementStats(groupBy: "YEAR") { nodes { key count } }
      byCountryPair: peerAgreementStats(groupBy: "COUNTRY_PAIR") { nodes { key count } } }`,
    variables: (s, i) => ({ country: s.at(s.countries, i) }),
    peerVariables: (s, i) => ({ country: s.at(s.countries, i) }),
  },
  {
    name: 'network depth 2',
    contract: '06',
    api: `query Network($slug: String!) { municipality(slug: $slug) { network(depth: 2) { municipality { slug } distance } } }`,
    peer: `query Network($slug: String!) { peerNetwork(slug: $slug) { nodes { reached distance } } }`,
    variables: (s, i) => ({ slug: s.at(s.cities, i + 7) }),
    peerVariables: (s, i) => ({ slug: s.at(s.cities, i + 7) }),
  },
  {
    name: 'node lookup',
    contract: '08',
    api: `query NodeAndEvidence($id: ID!) { node(id: $id) { id __typename
      ... on Agreement { kind sources { publisher publishedOn url reference } }
      ... on Visit { startsOn sources { publisher } }
      ... on Delegation { sources { publisher } } } }`,
    peer: `query NodeAndEvidence($id: ID!) { node(id: $id) { id __typename
      ... on Agreement { kind sources { nodes { publisher publishedOn url reference } } }
      ... on Visit { startsOn sources { nodes { publisher } } }
      ... on Delegation { sources { nodes { publisher } } } } }`,
    variables: (s, i) => ({ id: s.at(s.nodes, i).apiId }),
    peerVariables: (s, i) => ({ id: s.at(s.nodes, i).peerId }),
  },
];

/** Search (contract 05), once the API has it: the API alone, no floor or peer equivalent. */
export const SEARCH: MixQuery = {
  name: 'search',
  contract: '05',
  floor: false,
  api: `query Search($query: String!) { search(query: $query, first: 5) { __typename
    ... on Municipality { slug } ... on Person { name(lang: "en") } ... on Agreement { title(lang: "en") } } }`,
  variables: (s, i) => ({ query: s.at(s.searchTerms, i) }),
  peerVariables: () => ({}),
};

/** Inlines fragments: each selection set's fields, as a flat list, spreads and inline fragments opened. */
function fieldsOf(set: SelectionSetNode, fragments: Map<string, SelectionSetNode>): FieldNode[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet, fragments);
    const fragment = fragments.get(selection.name.value);
    return fragment ? fieldsOf(fragment, fragments) : [];
  });
}

interface Parts {
  fragments: Map<string, SelectionSetNode>;
  operations: SelectionSetNode[];
}

function parts(document: string | DocumentNode): Parts {
  const parsed = typeof document === 'string' ? parse(document) : document;
  const fragments = new Map(
    parsed.definitions.flatMap((d) =>
      d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [],
    ),
  );
  const operations = parsed.definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION ? [d.selectionSet] : []));
  return { fragments, operations };
}

/**
 * Nesting depth of an operation: the deepest chain of fields that have selections, every
 * level counted (connection wrappers such as edges and node included), fragments inlined.
 * The statement bound of a query is this depth plus one: the API reads each level's relations
 * together (src/database/read-waves.ts), so a request goes over it only by an N+1 read.
 */
export function nestingDepth(document: string | DocumentNode): number {
  const { fragments, operations } = parts(document);
  const depthOf = (set: SelectionSetNode): number =>
    Math.max(0, ...fieldsOf(set, fragments).map((field) => (field.selectionSet ? 1 + depthOf(field.selectionSet) : 0)));
  return Math.max(0, ...operations.map(depthOf));
}
