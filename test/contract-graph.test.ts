import { DataSource } from 'typeorm';
import { contractOperation, startTestServer, TestServer } from './helpers/server';

describe('on the seed data', () => {
  let api: TestServer;
  beforeAll(async () => (api = await startTestServer()));
  afterAll(() => api?.stop());

  it('contract 06: Moscow reaches Saint Petersburg through Tehran', async () => {
    const { data, errors } = await api.query(contractOperation('06-network-and-path.graphql'));
    expect(errors).toBeUndefined();
    expect(data!.municipality.network).toEqual([
      { municipality: { slug: 'tehran' }, distance: 1 },
      { municipality: { slug: 'saint-petersburg' }, distance: 2 },
    ]);
    expect(data!.path.hops).toEqual([
      { from: { slug: 'moscow' }, to: { slug: 'tehran' }, agreement: { kind: 'SISTER_CITY' } },
      { from: { slug: 'tehran' }, to: { slug: 'saint-petersburg' }, agreement: { kind: 'COOPERATION_AGREEMENT' } },
    ]);
  });

  it('contract 07: counts by kind, area, year and country pair, all four in one statement', async () => {
    const { data, errors, statements } = await api.query(contractOperation('07-dashboard-stats.graphql'));
    expect(errors).toBeUndefined();
    expect(statements).toBe(1);
    expect(data!.byKind).toEqual([
      { key: 'COOPERATION_AGREEMENT', label: 'Cooperation agreement', count: 1 },
      { key: 'MEMORANDUM_OF_UNDERSTANDING', label: 'Memorandum of understanding', count: 1 },
      { key: 'SISTER_CITY', label: 'Sister-city pact', count: 1 },
    ]);
    // The pact and the MoU both cover the economy; every other area is covered by one of them.
    expect(data!.byArea[0]).toEqual({ key: 'economy', label: 'Economy', count: 2 });
    expect(data!.byArea.slice(1).map((stat: any) => [stat.key, stat.count])).toEqual(
      [
        'arts',
        'crisis-management',
        'culture',
        'environment',
        'experience-exchange',
        'infrastructure',
        'investment',
        'private-participation',
        'public-transport',
        'safety-infrastructure',
        'society',
        'trade',
        'urban-development',
        'urban-education',
        'urban-security',
        'youth',
      ].map((key) => [key, 1]),
    );
    expect(data!.byYear).toEqual([
      { key: 'unknown', count: 2 },
      { key: '2015', count: 1 },
    ]);
    expect(data!.byCountryPair).toEqual([{ key: 'IR-RU', count: 3 }]);
  });

  it('labels areas in the language asked for', async () => {
    const { data } = await api.query(
      '{ agreementStats(groupBy: AREA, filter: { kinds: [MEMORANDUM_OF_UNDERSTANDING], areas: ["transport"] }) { key label(lang: "fa") count } }',
    );
    expect(data!.agreementStats.find((stat: any) => stat.key === 'public-transport')).toEqual({
      key: 'public-transport',
      label: 'سامانه‌های حمل و نقل عمومی',
      count: 1,
    });
    expect(data!.agreementStats).toHaveLength(6);
  });
});

/**
 * A register of its own, small enough to answer by hand: a chain, a ring (two equally short
 * ways round), a diamond (a tie broken by slug, two agreements between one pair), a
 * multilateral agreement, and a star of 24 cities around a hub.
 */
const cityId = (n: number) => `00000e00-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const agreementId = (n: number) => `00000e01-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
const series = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}-${String(i + 1).padStart(2, '0')}`);

const COUNTRIES: Record<string, string> = { 'trio-a': 'IR', 'trio-b': 'RU', 'trio-c': 'CN', 'trio-d': 'CN' };
const CITIES = [
  ...series('chain', 6),
  ...series('ring', 8),
  'diamond-top',
  'diamond-alpha',
  'diamond-beta',
  'diamond-bottom',
  'trio-a',
  'trio-b',
  'trio-c',
  'trio-d',
  'star-hub',
  ...series('star', 24),
];

interface TestAgreement {
  parties: string[];
  kind?: string;
  signed?: string;
  id?: number;
}
const AGREEMENTS: TestAgreement[] = [
  ...series('chain', 5).map((slug, i) => ({ parties: [slug, series('chain', 6)[i + 1]], signed: '2019-01-01' })),
  ...series('ring', 8).map((slug, i) => ({ parties: [slug, series('ring', 8)[(i + 1) % 8]] })),
  { parties: ['diamond-top', 'diamond-alpha'] },
  { parties: ['diamond-top', 'diamond-beta'] },
  { parties: ['diamond-alpha', 'diamond-bottom'], id: 901 },
  // Recorded later, but first by id: the path takes it.
  { parties: ['diamond-bottom', 'diamond-alpha'], kind: 'PROTOCOL', id: 900 },
  { parties: ['diamond-beta', 'diamond-bottom'] },
  { parties: ['trio-a', 'trio-b', 'trio-c'], kind: 'DECLARATION' },
  { parties: ['trio-c', 'trio-d'] },
  ...series('star', 24).map((slug) => ({ parties: ['star-hub', slug] })),
];

async function insertGraph(dataSource: DataSource): Promise<void> {
  const ids = new Map(CITIES.map((slug, i) => [slug, cityId(i + 1)]));
  const agreements = AGREEMENTS.map((agreement, i) => ({
    ...agreement,
    uuid: agreementId(agreement.id ?? i + 1),
    partyIds: agreement.parties.map((slug) => ids.get(slug)!),
  }));
  // One transaction: the party check is deferred to commit, when every party is in place.
  await dataSource.transaction(async (manager) => {
    await manager.query(
      `INSERT INTO municipality (id, slug, names, sort_name, country_code)
       SELECT id, slug, jsonb_build_object('en', slug), slug, country FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(id, slug, country)`,
      [[...ids.values()], [...ids.keys()], [...ids.keys()].map((slug) => COUNTRIES[slug] ?? 'XX')],
    );
    await manager.query(
      `INSERT INTO agreement (id, kind, titles, sort_name, status, party_key, signed_on, signed_on_precision)
       SELECT id, kind, jsonb_build_object('en', title), title, 'SIGNED', party_key, signed, CASE WHEN signed IS NOT NULL THEN 'YEAR' END
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[]) AS t(id, kind, title, party_key, signed)`,
      [
        agreements.map((a) => a.uuid),
        agreements.map((a) => a.kind ?? 'MEMORANDUM_OF_UNDERSTANDING'),
        agreements.map((a) => a.parties.join(' – ')),
        agreements.map((a) => [...a.partyIds].sort().join(',')),
        agreements.map((a) => a.signed ?? null),
      ],
    );
    await manager.query(
      `INSERT INTO agreement_party (agreement_id, municipality_id) SELECT * FROM unnest($1::uuid[], $2::uuid[])`,
      [agreements.flatMap((a) => a.partyIds.map(() => a.uuid)), agreements.flatMap((a) => a.partyIds)],
    );
  });
}

describe('on a generated register', () => {
  let api: TestServer;
  beforeAll(async () => {
    api = await startTestServer({ seeded: false });
    await insertGraph(api.database.dataSource);
  });
  afterAll(() => api?.stop());

  const network = async (slug: string, depth?: number) => {
    const { data, errors } = await api.query(
      `query ($slug: String!, $depth: Int) {
      municipality(slug: $slug) { network(depth: $depth) { municipality { slug } distance via { slug } } } }`,
      { slug, depth },
    );
    expect(errors).toBeUndefined();
    return data!.municipality.network.map((entry: any) => [
      entry.municipality.slug,
      entry.distance,
      entry.via?.slug ?? null,
    ]);
  };

  const path = async (from: string, to: string, maxHops?: number) => {
    const { data, errors } = await api.query(
      `query ($from: String!, $to: String!, $maxHops: Int) {
      path(from: $from, to: $to, maxHops: $maxHops) { length hops { from { slug } to { slug } agreement { kind } } } }`,
      { from, to, maxHops: maxHops ?? 4 },
    );
    expect(errors).toBeUndefined();
    if (data!.path === null) return null;
    expect(data!.path.length).toBe(data!.path.hops.length);
    return data!.path.hops.map((hop: any) => `${hop.from.slug} -> ${hop.to.slug} (${hop.agreement.kind})`);
  };

  it('follows a chain to the depth asked, and no further', async () => {
    expect(await network('chain-01')).toEqual([
      ['chain-02', 1, null],
      ['chain-03', 2, 'chain-02'],
    ]);
    expect(await network('chain-01', 1)).toEqual([['chain-02', 1, null]]);
    expect(await network('chain-03', 3)).toEqual([
      ['chain-02', 1, null],
      ['chain-04', 1, null],
      ['chain-01', 2, 'chain-02'],
      ['chain-05', 2, 'chain-04'],
      ['chain-06', 3, 'chain-05'],
    ]);
  });

  it('goes round a ring each way once, stopping before the far side', async () => {
    expect(await network('ring-01', 3)).toEqual([
      ['ring-02', 1, null],
      ['ring-08', 1, null],
      ['ring-03', 2, 'ring-02'],
      ['ring-07', 2, 'ring-08'],
      ['ring-04', 3, 'ring-03'],
      ['ring-06', 3, 'ring-07'],
    ]);
  });

  it('reaches a city through the first neighbour by slug, and counts a multilateral agreement as ties between all its parties', async () => {
    expect(await network('diamond-top')).toEqual([
      ['diamond-alpha', 1, null],
      ['diamond-beta', 1, null],
      ['diamond-bottom', 2, 'diamond-alpha'],
    ]);
    expect(await network('trio-a', 3)).toEqual([
      ['trio-b', 1, null],
      ['trio-c', 1, null],
      ['trio-d', 2, 'trio-c'],
    ]);
  });

  it('finds the shortest path, the first by slugs among equals, and the first agreement by id', async () => {
    const M = 'MEMORANDUM_OF_UNDERSTANDING';
    expect(await path('chain-01', 'chain-05')).toEqual([
      `chain-01 -> chain-02 (${M})`,
      `chain-02 -> chain-03 (${M})`,
      `chain-03 -> chain-04 (${M})`,
      `chain-04 -> chain-05 (${M})`,
    ]);
    expect(await path('chain-05', 'chain-03')).toEqual([`chain-05 -> chain-04 (${M})`, `chain-04 -> chain-03 (${M})`]);
    expect(await path('ring-01', 'ring-05')).toEqual([
      `ring-01 -> ring-02 (${M})`,
      `ring-02 -> ring-03 (${M})`,
      `ring-03 -> ring-04 (${M})`,
      `ring-04 -> ring-05 (${M})`,
    ]);
    expect(await path('ring-05', 'ring-01')).toEqual([
      `ring-05 -> ring-04 (${M})`,
      `ring-04 -> ring-03 (${M})`,
      `ring-03 -> ring-02 (${M})`,
      `ring-02 -> ring-01 (${M})`,
    ]);
    expect(await path('diamond-top', 'diamond-bottom')).toEqual([
      `diamond-top -> diamond-alpha (${M})`,
      'diamond-alpha -> diamond-bottom (PROTOCOL)',
    ]);
    expect(await path('trio-a', 'trio-d')).toEqual(['trio-a -> trio-c (DECLARATION)', `trio-c -> trio-d (${M})`]);
    expect(await path('star-07', 'star-19')).toEqual([`star-07 -> star-hub (${M})`, `star-hub -> star-19 (${M})`]);
  });

  it('answers null beyond maxHops or between unconnected cities, and an empty path from a city to itself', async () => {
    expect(await path('chain-01', 'chain-06')).toBeNull();
    expect(await path('chain-01', 'chain-05', 3)).toBeNull();
    expect(await path('ring-01', 'star-hub')).toBeNull();
    const { data } = await api.query('{ path(from: "ring-01", to: "ring-01") { length hops { agreement { kind } } } }');
    expect(data!.path).toEqual({ length: 0, hops: [] });
  });

  it('answers the networks of 2 or 20 municipalities in the same number of statements', async () => {
    const ask = (slugs: string[]) =>
      api.query(
        `{ ${slugs
          .map(
            (slug, i) =>
              `m${i}: municipality(slug: "${slug}") { network { municipality { slug } distance via { slug } } }`,
          )
          .join(' ')} }`,
      );
    const two = await ask(series('star', 2));
    const twenty = await ask(series('star', 20));
    expect(twenty.errors).toBeUndefined();
    // One statement finds the municipalities by slug, one computes all their networks.
    expect([two.statements, twenty.statements]).toEqual([2, 2]);
    const network19 = twenty.data!.m18.network;
    expect(network19).toHaveLength(24);
    expect(network19[0]).toEqual({ municipality: { slug: 'star-hub' }, distance: 1, via: null });
    expect(network19[1]).toEqual({ municipality: { slug: 'star-01' }, distance: 2, via: { slug: 'star-hub' } });
    expect(network19.map((entry: any) => entry.municipality.slug)).not.toContain('star-19');
  });

  it('counts by kind, year and countries under the agreement filter', async () => {
    const { data, errors } = await api.query(`{
      kind: agreementStats(groupBy: KIND) { key count }
      year: agreementStats(groupBy: YEAR) { key label count }
      countries: agreementStats(groupBy: COUNTRY_PAIR) { key count }
      chinese: agreementStats(groupBy: COUNTRY_PAIR, filter: { partyCountries: ["CN"] }) { key count }
      alpha: agreementStats(groupBy: KIND, filter: { parties: ["diamond-alpha"] }) { key count }
    }`);
    expect(errors).toBeUndefined();
    expect(data!.kind).toEqual([
      { key: 'MEMORANDUM_OF_UNDERSTANDING', count: 42 },
      { key: 'DECLARATION', count: 1 },
      { key: 'PROTOCOL', count: 1 },
    ]);
    expect(data!.year).toEqual([
      { key: 'unknown', label: null, count: 39 },
      { key: '2019', label: null, count: 5 },
    ]);
    expect(data!.countries).toEqual([
      { key: 'XX', count: 42 },
      { key: 'CN', count: 1 },
      { key: 'CN-IR-RU', count: 1 },
    ]);
    expect(data!.chinese).toEqual([
      { key: 'CN', count: 1 },
      { key: 'CN-IR-RU', count: 1 },
    ]);
    expect(data!.alpha).toEqual([
      { key: 'MEMORANDUM_OF_UNDERSTANDING', count: 2 },
      { key: 'PROTOCOL', count: 1 },
    ]);
  });

  it('refuses a count whose filter is wrong with its own error, not one for every count batched with it', async () => {
    const { data, errors } = await api.query(`{
      kind: agreementStats(groupBy: KIND, filter: { parties: ["diamond-alpha"] }) { key count }
      wrong: agreementStats(groupBy: YEAR, filter: { signedFrom: "2015-02-29" }) { key count } }`);
    expect(
      errors!.map((error) => [(error as { path?: string[] }).path, error.extensions?.code, error.message]),
    ).toEqual([
      [['wrong'], 'BAD_USER_INPUT', 'filter.signedFrom: 2015-02-29 does not exist (2015 is not a leap year)'],
    ]);
    expect(data).toBeNull(); // the list is non-null, so the refusal nulls the whole answer
  });

  it('refuses depths, hop limits and slugs it cannot answer, naming the argument', async () => {
    const refused = async (query: string) => {
      const { errors } = await api.query(query);
      expect(errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
      return [errors![0].extensions!.field, errors![0].message];
    };
    expect(await refused('{ municipality(slug: "ring-01") { network(depth: 4) { distance } } }')).toEqual([
      'depth',
      'depth: must be a whole number from 1 to 3 (got 4)',
    ]);
    expect(await refused('{ municipality(slug: "ring-01") { network(depth: 0) { distance } } }')).toEqual([
      'depth',
      'depth: must be a whole number from 1 to 3 (got 0)',
    ]);
    expect(await refused('{ path(from: "ring-01", to: "ring-02", maxHops: 5) { length } }')).toEqual([
      'maxHops',
      'maxHops: must be a whole number from 1 to 4 (got 5)',
    ]);
    expect(await refused('{ path(from: "atlantis", to: "ring-02") { length } }')).toEqual([
      'from',
      'from: no municipality has the slug "atlantis"',
    ]);
    expect(await refused('{ path(from: "ring-01", to: "atlantis") { length } }')).toEqual([
      'to',
      'to: no municipality has the slug "atlantis"',
    ]);
  });
});
