import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { startTestServer, TestServer } from './helpers/server';

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
});
afterAll(() => api.stop());

const MOSCOW_VISIT = toGlobalId('Visit', SEED.visit.moscow);
const PETERSBURG_VISIT = toGlobalId('Visit', SEED.visit.saintPetersburg);
const TEHRAN_DELEGATION = toGlobalId('Delegation', SEED.delegation.tehranMunicipality);
const MOSCOW_DELEGATION = toGlobalId('Delegation', SEED.delegation.moscowMunicipality);

async function ok(query: string, variables?: Record<string, unknown>) {
  const { data, errors } = await api.query(query, variables);
  expect(errors).toBeUndefined();
  return data!;
}

const PERSON = `query Person($id: ID!) { node(id: $id) { ... on Person {
  name fa: name(lang: "fa") names { lang value }
  positions { title fa: title(lang: "fa") municipality { slug } organization { slug } since until person { name } }
  mayoralTerms { municipality { slug } since persianSince: since(calendar: PERSIAN) until selection sources { publisher } }
  delegations { totalCount nodes { id } }
  visits { totalCount nodes { id } }
  sources { publisher }
} } }`;

describe('Person', () => {
  it('has Ghalibaf’s names, mayoral term, delegation and both visits', async () => {
    const { node } = await ok(PERSON, { id: toGlobalId('Person', SEED.person.ghalibaf) });
    expect(node.name).toBe('Mohammad Bagher Ghalibaf');
    expect(node.fa).toBe('محمدباقر قالیباف');
    expect(node.names.map((name: any) => name.lang)).toEqual(['en', 'fa', 'ru']);
    expect(node.positions).toEqual([]);
    expect(node.mayoralTerms).toEqual([
      {
        municipality: { slug: 'tehran' },
        since: '2005',
        persianSince: '1383-10-12/1384-10-10',
        until: '2017',
        selection: 'COUNCIL_VOTE',
        sources: [{ publisher: 'IRNA' }],
      },
    ]);
    expect(node.delegations).toEqual({ totalCount: 1, nodes: [{ id: TEHRAN_DELEGATION }] });
    expect(node.visits).toEqual({ totalCount: 2, nodes: [{ id: PETERSBURG_VISIT }, { id: MOSCOW_VISIT }] });
    expect(node.sources).toEqual([{ publisher: 'IRNA' }]);
  });

  it('has Mozaffari’s position in Tehran Municipality and the visits he travelled on', async () => {
    const { node } = await ok(PERSON, { id: toGlobalId('Person', SEED.person.mozaffari) });
    expect(node.positions).toEqual([
      {
        title: 'Deputy for International Relations and Cooperation of Tehran Municipality',
        fa: 'معاون روابط بین‌الملل و همکاری‌های شهرداری تهران',
        municipality: { slug: 'tehran' },
        organization: null,
        since: null,
        until: null,
        person: { name: 'Gashtasb Mozaffari' },
      },
    ]);
    expect(node.mayoralTerms).toEqual([]);
    expect(node.visits.totalCount).toBe(2);
    expect(node.sources).toEqual([{ publisher: 'IRNA' }, { publisher: 'Sputnik' }]);
  });

  it('counts Sobyanin in the Moscow visit as the counterpart met, and in his own delegation', async () => {
    const { node } = await ok(PERSON, { id: toGlobalId('Person', SEED.person.sobyanin) });
    expect(node.visits).toEqual({ totalCount: 1, nodes: [{ id: MOSCOW_VISIT }] });
    expect(node.delegations).toEqual({ totalCount: 1, nodes: [{ id: MOSCOW_DELEGATION }] });
    expect(node.mayoralTerms[0]).toMatchObject({ municipality: { slug: 'moscow' }, since: '2010-10-21', until: null });
  });

  it('lists persons by name, filtered by name in any script, by position and by mayoralty', async () => {
    const names = async (args: string) =>
      (await ok(`{ persons${args} { totalCount nodes { name } } }`)).persons.nodes.map((person: any) => person.name);
    expect(await names('')).toEqual(['Gashtasb Mozaffari', 'Mohammad Bagher Ghalibaf', 'Sergey Sobyanin']);
    expect(await names('(orderBy: { field: NAME, direction: DESC }, first: 1)')).toEqual(['Sergey Sobyanin']);
    // Typed with the Arabic yeh (ي); the data has the Persian one (ی).
    expect(await names('(filter: { name: "قاليباف" })')).toEqual(['Mohammad Bagher Ghalibaf']);
    expect(await names('(filter: { name: "Собянин" })')).toEqual(['Sergey Sobyanin']);
    expect(await names('(filter: { name: "ghalibaf" })')).toEqual(['Mohammad Bagher Ghalibaf']);
    expect(await names('(filter: { name: "100%" })')).toEqual([]);
    expect(await names('(filter: { position: "international relations" })')).toEqual(['Gashtasb Mozaffari']);
    expect(await names('(filter: { position: "روابط بین‌الملل" })')).toEqual(['Gashtasb Mozaffari']);
    expect(await names('(filter: { mayorOf: ["moscow", "tehran"] })')).toEqual([
      'Mohammad Bagher Ghalibaf',
      'Sergey Sobyanin',
    ]);
    expect(await names('(filter: { mayorOf: ["moscow"], name: "ghalibaf" })')).toEqual([]);
  });
});

describe('Delegation', () => {
  it('has its sender, head, members in order, itinerary and sources', async () => {
    const data = await ok(`{ delegations { totalCount nodes {
      id name fa: name(lang: "fa") purpose sender { slug } senderOrganization { slug } head { name }
      members { ordinal title person { name } delegation { id } }
      visits { id host { slug } startsOn endsOn datesAreBounds status }
      sources { publisher }
    } } }`);
    expect(data.delegations.totalCount).toBe(2);
    // Latest first visit first; the Moscow delegation made no visit on record, so it counts as earliest.
    const [tehran, moscow] = data.delegations.nodes;
    expect(tehran).toMatchObject({
      id: TEHRAN_DELEGATION,
      name: 'Tehran Municipality delegation',
      fa: 'هیئت شهرداری تهران',
      sender: { slug: 'tehran' },
      senderOrganization: null,
      head: { name: 'Mohammad Bagher Ghalibaf' },
    });
    expect(tehran.members).toEqual([
      {
        ordinal: 1,
        title: 'Mayor of Tehran',
        person: { name: 'Mohammad Bagher Ghalibaf' },
        delegation: { id: TEHRAN_DELEGATION },
      },
      {
        ordinal: 2,
        title: 'Deputy for International Relations and Cooperation of Tehran Municipality',
        person: { name: 'Gashtasb Mozaffari' },
        delegation: { id: TEHRAN_DELEGATION },
      },
    ]);
    expect(tehran.visits).toEqual([
      {
        id: MOSCOW_VISIT,
        host: { slug: 'moscow' },
        startsOn: '2015-11-18',
        endsOn: '2015-11-21',
        datesAreBounds: false,
        status: 'COMPLETED',
      },
      {
        id: PETERSBURG_VISIT,
        host: { slug: 'saint-petersburg' },
        startsOn: '2015-11-18',
        endsOn: '2015-11-21',
        datesAreBounds: true,
        status: 'PLANNED',
      },
    ]);
    expect(tehran.sources).toEqual([{ publisher: 'IRNA' }, { publisher: 'Sputnik' }]);
    expect(moscow).toMatchObject({
      id: MOSCOW_DELEGATION,
      sender: { slug: 'moscow' },
      head: { name: 'Sergey Sobyanin' },
      visits: [],
    });
  });

  it('filters delegations by sender, person and host', async () => {
    const ids = async (filter: string) =>
      (await ok(`{ delegations(filter: ${filter}) { nodes { id } } }`)).delegations.nodes.map((d: any) => d.id);
    expect(await ids('{ sender: ["moscow"] }')).toEqual([MOSCOW_DELEGATION]);
    expect(await ids(`{ person: ["${toGlobalId('Person', SEED.person.mozaffari)}"] }`)).toEqual([TEHRAN_DELEGATION]);
    expect(await ids('{ host: ["saint-petersburg"] }')).toEqual([TEHRAN_DELEGATION]);
    expect(await ids('{ host: ["tehran"] }')).toEqual([]);
  });
});

describe('Organization and Municipality', () => {
  it('ties Tehran City Council to Tehran, both ways', async () => {
    const data = await ok(`{
      organization(slug: "tehran-city-council") {
        name fa: name(lang: "fa") kind countryCode municipality { slug } sources { publisher }
        positions { totalCount } delegationsSent { totalCount }
      }
      municipality(slug: "tehran") { organizations { slug } }
      missing: organization(slug: "nowhere") { slug }
    }`);
    expect(data.organization).toEqual({
      name: 'Tehran City Council',
      fa: 'شورای اسلامی شهر تهران',
      kind: 'CITY_COUNCIL',
      countryCode: null,
      municipality: { slug: 'tehran' },
      sources: [{ publisher: 'IRNA' }],
      positions: { totalCount: 0 },
      delegationsSent: { totalCount: 0 },
    });
    expect(data.municipality.organizations).toEqual([{ slug: 'tehran-city-council' }]);
    expect(data.missing).toBeNull();
  });

  it('gives each city the delegations it sent, the visits it hosted and made, and the offices in it', async () => {
    const city = `delegationsSent { totalCount nodes { id } }
      visitsHosted { totalCount nodes { id } } visitsMade { totalCount nodes { id } }
      completed: visitsMade(filter: { statuses: [COMPLETED] }) { totalCount nodes { id } }
      positions { totalCount nodes { person { name } } }`;
    const data =
      await ok(`{ tehran: municipality(slug: "tehran") { ${city} } moscow: municipality(slug: "moscow") { ${city} }
      petersburg: municipality(slug: "saint-petersburg") { ${city} } }`);
    expect(data.tehran).toEqual({
      delegationsSent: { totalCount: 1, nodes: [{ id: TEHRAN_DELEGATION }] },
      visitsHosted: { totalCount: 0, nodes: [] },
      visitsMade: { totalCount: 2, nodes: [{ id: PETERSBURG_VISIT }, { id: MOSCOW_VISIT }] },
      // Two aliases with different filters: each gets its own batch.
      completed: { totalCount: 1, nodes: [{ id: MOSCOW_VISIT }] },
      positions: { totalCount: 1, nodes: [{ person: { name: 'Gashtasb Mozaffari' } }] },
    });
    expect(data.moscow).toMatchObject({
      delegationsSent: { totalCount: 1, nodes: [{ id: MOSCOW_DELEGATION }] },
      visitsHosted: { totalCount: 1, nodes: [{ id: MOSCOW_VISIT }] },
      visitsMade: { totalCount: 0, nodes: [] },
    });
    expect(data.petersburg.visitsHosted).toEqual({ totalCount: 1, nodes: [{ id: PETERSBURG_VISIT }] });
  });

  it('pages a nested connection backward', async () => {
    const data = await ok(
      `{ municipality(slug: "tehran") { visitsMade(last: 1) { nodes { id } pageInfo { hasPreviousPage hasNextPage } } } }`,
    );
    expect(data.municipality.visitsMade).toEqual({
      nodes: [{ id: MOSCOW_VISIT }],
      pageInfo: { hasPreviousPage: true, hasNextPage: false },
    });
  });
});

describe('statements per request', () => {
  const VISITS = `{ visits(first: 100) { totalCount nodes {
    id startsOn host { slug }
    delegation { name sender { slug } head { name } members { title person { name } } sources { publisher } }
    counterparts { name } sources { publisher } agreementsSigned { kind }
  } } }`;
  const PEOPLE = `{ persons { nodes { name positions { title } mayoralTerms { since }
    visits(first: 100) { totalCount nodes { host { slug } counterparts { name } } }
    delegations { totalCount nodes { members { person { name } } } } } } }`;
  /*
   * hostMayor's person and the delegation's head are loaded by one person loader, each after
   * its own loader's rows return; both of those are read in one wave, so the two people land
   * in one batch too.
   */
  const WITH_MAYOR = `{ visits(first: 100) { nodes { hostMayor { person { name } } delegation { head { name } } } } }`;

  let crowded: TestServer;
  beforeAll(async () => {
    crowded = await startTestServer();
  });
  afterAll(() => crowded.stop());

  /**
   * 19 more delegations with two members each, making 38 more visits, each with a counterpart
   * and a source. They keep the seed's shape (sent by Tehran, headed by Ghalibaf with Mozaffari,
   * hosted by Moscow or Saint Petersburg) so that the per-request cache hits the same loaders as
   * on the seed: were a sender also a host, its batch would be served from the cache, and the
   * count would fall rather than stay.
   */
  async function addVisits(): Promise<void> {
    const { tehran, moscow, saintPetersburg } = SEED.municipality;
    const { ghalibaf, sobyanin, mozaffari } = SEED.person;
    await crowded.database.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO delegation (id, names, sender_municipality_id, head_person_id)
        SELECT md5('delegation' || i)::uuid, jsonb_build_object('en', 'Delegation ' || i), $1, $2
          FROM generate_series(1, 19) i`,
        [tehran, ghalibaf],
      );
      await manager.query(
        `INSERT INTO delegation_member (delegation_id, person_id, title, ordinal)
        SELECT md5('delegation' || i)::uuid, member.id, member.title, member.ordinal
          FROM generate_series(1, 19) i, (VALUES ($1::uuid, 'Mayor', 1), ($2::uuid, 'Deputy', 2)) AS member(id, title, ordinal)`,
        [ghalibaf, mozaffari],
      );
      await manager.query(
        `INSERT INTO visit (id, delegation_id, host_municipality_id, starts_on, starts_on_precision, ends_on, ends_on_precision, status)
        SELECT md5('visit' || i)::uuid, md5('delegation' || (1 + i % 19))::uuid, ($1::uuid[])[1 + i % 2],
               date '2016-01-01' + i, 'DAY', date '2016-01-03' + i, 'DAY', 'COMPLETED'
          FROM generate_series(1, 38) i`,
        [[moscow, saintPetersburg]],
      );
      await manager.query(
        `INSERT INTO visit_counterpart (visit_id, person_id)
        SELECT md5('visit' || i)::uuid, $1 FROM generate_series(1, 38) i`,
        [sobyanin],
      );
      await manager.query(
        `INSERT INTO citation (source_id, visit_id, note)
        SELECT $1, md5('visit' || i)::uuid, 'test' FROM generate_series(1, 38) i`,
        [SEED.source.irna],
      );
    });
  }

  it('does not grow with the number of visits', async () => {
    const before = {
      visits: await crowded.query(VISITS),
      people: await crowded.query(PEOPLE),
      withMayor: await crowded.query(WITH_MAYOR),
    };
    expect(before.visits.errors).toBeUndefined();
    expect(before.visits.data!.visits.totalCount).toBe(2);
    await addVisits();
    const after = {
      visits: await crowded.query(VISITS),
      people: await crowded.query(PEOPLE),
      withMayor: await crowded.query(WITH_MAYOR),
    };
    expect(after.visits.errors).toBeUndefined();
    expect(after.people.errors).toBeUndefined();
    expect(after.visits.data!.visits.nodes).toHaveLength(40);
    // Mozaffari, Ghalibaf, Sobyanin: the seed's visits plus the 38 added, which all three took part in.
    expect(after.people.data!.persons.nodes.map((person: any) => person.visits.totalCount)).toEqual([40, 40, 39]);
    expect(after.visits.statements).toBe(before.visits.statements);
    expect(after.people.statements).toBe(before.people.statements);
    // One statement per level the resolvers reach: the page; its count with every relation of
    // a visit; the delegations' relations; the members' people. (12 when each relation had
    // its own statement; 11 for the people.)
    expect(after.visits.statements).toBe(4);
    expect(after.people.statements).toBe(4);
    for (const { withMayor } of [before, after]) {
      expect(withMayor.errors).toBeUndefined();
      expect(withMayor.statements).toBe(3);
    }
  });
});
