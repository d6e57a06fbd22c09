import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { contractOperation, startTestServer, TestServer } from './helpers/server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

describe('contract 03: agreements on transport, sub-areas included', () => {
  it('returns the Tehran–Moscow memorandum with its parties, areas, lineage, history and sources', async () => {
    const { data, errors } = await api.query(contractOperation('03-agreements-by-area.graphql'));
    expect(errors).toBeUndefined();
    const { totalCount, pageInfo, edges } = data!.agreements;
    expect(totalCount).toBe(1);
    expect(pageInfo).toEqual({ hasNextPage: false, endCursor: edges[0].cursor });
    const memorandum = edges[0].node;
    expect(memorandum).toMatchObject({
      id: toGlobalId('Agreement', SEED.agreement.moscowMemorandum),
      kind: 'MEMORANDUM_OF_UNDERSTANDING',
      status: 'SIGNED',
      signedOn: '2015-11-18',
      persianSigned: '1394-08-27',
      parties: [
        { slug: 'moscow', countryCode: 'RU' },
        { slug: 'tehran', countryCode: 'IR' },
      ],
      implements: [{ kind: 'SISTER_CITY' }],
      statusHistory: [
        { status: 'PROPOSED', on: null },
        { status: 'SIGNED', on: '2015-11-18' },
      ],
    });
    expect(memorandum.areas).toEqual(
      expect.arrayContaining([
        { slug: 'crisis-management', name: 'Crisis management', parent: { slug: 'safety' } },
        { slug: 'public-transport', name: 'Public transport systems', parent: { slug: 'transport' } },
      ]),
    );
    expect(memorandum.areas.map((area: { slug: string }) => area.slug)).toEqual([
      'crisis-management',
      'economy',
      'infrastructure',
      'investment',
      'public-transport',
      'safety-infrastructure',
    ]);
    expect(memorandum.sources.map((source: { publisher: string }) => source.publisher).sort()).toEqual([
      'IRNA',
      'Sputnik',
    ]);
  });

  it('filters by kind, status, party, countries, signing dates (either calendar) and title text', async () => {
    const count = async (filter: string) => {
      const { data, errors } = await api.query(`{ agreements(filter: ${filter}) { totalCount nodes { kind } } }`);
      expect(errors).toBeUndefined();
      return data!.agreements.totalCount;
    };
    expect(await count('{ kinds: [SISTER_CITY] }')).toBe(1);
    expect(await count('{ statuses: [SIGNED] }')).toBe(3);
    expect(await count('{ statuses: [IN_FORCE] }')).toBe(0);
    expect(await count('{ parties: ["tehran", "moscow"] }')).toBe(2);
    expect(await count('{ parties: ["saint-petersburg"] }')).toBe(1);
    expect(await count('{ partyCountries: ["IR", "RU"] }')).toBe(3);
    expect(await count('{ partyCountries: ["FR"] }')).toBe(0);
    expect(await count('{ areas: ["economy"] }')).toBe(2);
    expect(await count('{ areas: ["crisis-management"] }')).toBe(1);
    expect(await count('{ signedFrom: "2015-11", signedTo: "2015-11" }')).toBe(1);
    expect(await count('{ signedFrom: "1394", signedTo: "1394", calendar: PERSIAN }')).toBe(1);
    expect(await count('{ signedFrom: "2016" }')).toBe(0);
    expect(await count('{ text: "memorandum" }')).toBe(1);
  });

  it('reads agreements from a municipality and from an area, sub-areas included', async () => {
    const { data } = await api.query(`{
      municipality(slug: "saint-petersburg") { agreements { totalCount nodes { kind } } }
      cooperationArea(slug: "transport") { name(lang: "fa") children { slug } agreements { totalCount nodes { kind } } }
      economy: cooperationArea(slug: "economy") { direct: agreements(includeSubAreas: false) { totalCount } }
    }`);
    expect(data!.municipality.agreements).toEqual({ totalCount: 1, nodes: [{ kind: 'COOPERATION_AGREEMENT' }] });
    expect(data!.cooperationArea).toEqual({
      name: 'حمل و نقل',
      children: [{ slug: 'public-transport' }],
      agreements: { totalCount: 1, nodes: [{ kind: 'MEMORANDUM_OF_UNDERSTANDING' }] },
    });
    expect(data!.economy.direct.totalCount).toBe(2);
  });

  it('keeps aliases of one nested list apart when their filters differ', async () => {
    const { data } = await api.query(`{
      municipality(slug: "tehran") {
        pacts: agreements(filter: { kinds: [SISTER_CITY] }) { totalCount nodes { kind } }
        memoranda: agreements(filter: { kinds: [MEMORANDUM_OF_UNDERSTANDING] }) { totalCount nodes { kind } }
      }
    }`);
    expect(data!.municipality.pacts).toEqual({ totalCount: 1, nodes: [{ kind: 'SISTER_CITY' }] });
    expect(data!.municipality.memoranda).toEqual({ totalCount: 1, nodes: [{ kind: 'MEMORANDUM_OF_UNDERSTANDING' }] });
  });

  it('shows where and on which visit the memorandum was signed, by whom, and what it set up', async () => {
    const { data, errors } = await api.query(
      `query($id: ID!) { node(id: $id) { ... on Agreement {
      signedIn { slug } signedOnVisit { host { slug } }
      signatories { role person { name } onBehalfOf { slug } }
      committees { name status area { slug } }
      implements { implementedBy { kind } }
    } } }`,
      { id: toGlobalId('Agreement', SEED.agreement.moscowMemorandum) },
    );
    expect(errors).toBeUndefined();
    expect(data!.node.signedIn).toEqual({ slug: 'moscow' });
    expect(data!.node.signedOnVisit).toEqual({ host: { slug: 'moscow' } });
    expect(data!.node.signatories).toEqual([
      { role: 'SIGNATORY', person: { name: 'Mohammad Bagher Ghalibaf' }, onBehalfOf: { slug: 'tehran' } },
      { role: 'SIGNATORY', person: { name: 'Sergey Sobyanin' }, onBehalfOf: { slug: 'moscow' } },
    ]);
    expect(data!.node.committees.map((c: { area: { slug: string } }) => c.area.slug).sort()).toEqual([
      'culture',
      'economy',
    ]);
    expect(data!.node.implements).toEqual([{ implementedBy: [{ kind: 'MEMORANDUM_OF_UNDERSTANDING' }] }]);
  });
});

describe('contract 08: any record by global id, with its evidence', () => {
  const operation = contractOperation('08-node-and-evidence.graphql');

  it('returns an agreement with its sources', async () => {
    const id = toGlobalId('Agreement', SEED.agreement.sisterCityPact);
    const { data, errors } = await api.query(operation, { id });
    expect(errors).toBeUndefined();
    expect(data!.node.id).toBe(id);
    expect(data!.node.__typename).toBe('Agreement');
    expect(data!.node.kind).toBe('SISTER_CITY');
    expect(data!.node.sources).toEqual([
      { publisher: 'IRNA', publishedOn: '2015-11', url: null, reference: 'news code 465317' },
      expect.objectContaining({ publisher: 'Sputnik', publishedOn: '2015-11' }),
    ]);
  });

  it('returns a visit and a delegation with their sources', async () => {
    const visit = await api.query(operation, { id: toGlobalId('Visit', SEED.visit.moscow) });
    expect(visit.data!.node).toMatchObject({ __typename: 'Visit', startsOn: '2015-11-18' });
    expect(visit.data!.node.sources.map((s: { publisher: string }) => s.publisher)).toEqual(['IRNA', 'Sputnik']);
    const delegation = await api.query(operation, { id: toGlobalId('Delegation', SEED.delegation.tehranMunicipality) });
    expect(delegation.data!.node.__typename).toBe('Delegation');
    expect(delegation.data!.node.sources.map((s: { publisher: string }) => s.publisher)).toEqual(['IRNA', 'Sputnik']);
  });

  it('answers null for an id of nothing, and nodes() keeps the order asked', async () => {
    const missing = await api.query(operation, { id: toGlobalId('Agreement', '00000000-0000-4000-8000-000000000000') });
    expect(missing.data).toEqual({ node: null });
    const garbage = await api.query(operation, { id: 'not-an-id' });
    expect(garbage.data).toEqual({ node: null });
    const { data } = await api.query('query($ids: [ID!]!) { nodes(ids: $ids) { __typename } }', {
      ids: [toGlobalId('Person', SEED.person.sobyanin), 'nope', toGlobalId('Municipality', SEED.municipality.tehran)],
    });
    expect(data!.nodes).toEqual([{ __typename: 'Person' }, null, { __typename: 'Municipality' }]);
  });

  it('lists what a source supports', async () => {
    const { data } = await api.query(
      `query($id: ID!) { node(id: $id) { ... on Source { publisher supports(first: 100) { totalCount nodes { __typename } } } } }`,
      { id: toGlobalId('Source', SEED.source.sputnik) },
    );
    expect(data!.node.publisher).toBe('Sputnik');
    expect(data!.node.supports.totalCount).toBe(8);
    expect(data!.node.supports.nodes.map((n: { __typename: string }) => n.__typename).sort()).toEqual([
      'Agreement',
      'Agreement',
      'Committee',
      'Committee',
      'Delegation',
      'Delegation',
      'Person',
      'Visit',
    ]);
  });
});
