import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { startTestServer, TestServer } from './helpers/server';

/**
 * The "done when": an editor key scoped to Tehran records a new visit of the Tehran
 * delegation to Saint Petersburg with its sources, and cannot change a Moscow-only record.
 */
const id = (type: string, uuid: string) => toGlobalId(type, uuid);
const TEHRAN_DELEGATION = id('Delegation', SEED.delegation.tehranMunicipality);
const MOSCOW_DELEGATION = id('Delegation', SEED.delegation.moscowMunicipality);
const SAINT_PETERSBURG = id('Municipality', SEED.municipality.saintPetersburg);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const IRNA = id('Source', SEED.source.irna);
const SPUTNIK = id('Source', SEED.source.sputnik);

const RECORD_VISIT = `mutation ($input: RecordVisitInput!) {
  recordVisit(input: $input) {
    visit { id version status startsOn endsOn fa: startsOn(calendar: PERSIAN) datesAreBounds purpose
      delegation { id } host { slug } sources { publisher } counterparts { name } areas { slug } }
    userErrors { field message code }
    clientMutationId
  }
}`;
const UPDATE_VISIT = `mutation ($input: UpdateVisitInput!) {
  updateVisit(input: $input) { visit { id version status purpose } userErrors { field message code } }
}`;

let api: TestServer;
let tehranEditor: Awaited<ReturnType<typeof makeKey>>;
const visits = () =>
  api.database.dataSource.query(
    `SELECT host_municipality_id, starts_on, ends_on, status, version FROM visit ORDER BY starts_on, host_municipality_id, id`,
  );

beforeAll(async () => {
  api = await startTestServer();
  tehranEditor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran city portal', [
    SEED.municipality.tehran,
  ]);
});
afterAll(() => api.stop());

describe('an editor key scoped to Tehran', () => {
  it('records a visit of the Tehran delegation to Saint Petersburg, with its sources, in the Persian calendar', async () => {
    const input = {
      delegationId: TEHRAN_DELEGATION,
      hostMunicipalityId: SAINT_PETERSBURG,
      startsOn: '1394-09-01',
      endsOn: '1394-09-03',
      calendar: 'PERSIAN',
      status: 'COMPLETED',
      purpose: 'Carry out the cooperation document',
      sourceIds: [SPUTNIK, IRNA],
      counterpartIds: [],
      areaIds: [id('CooperationArea', SEED.cooperationArea.culture)],
      clientMutationId: 'spb-visit-1',
    };
    const response = await api.query(RECORD_VISIT, { input }, tehranEditor.headers);
    expect(response.errors).toBeUndefined();
    const { visit, userErrors, clientMutationId } = response.data!.recordVisit;
    expect(userErrors).toEqual([]);
    expect(clientMutationId).toBe('spb-visit-1');
    expect({ ...visit, id: undefined }).toEqual({
      id: undefined,
      version: 1,
      status: 'COMPLETED',
      startsOn: '2015-11-22',
      endsOn: '2015-11-24',
      fa: '1394-09-01',
      datesAreBounds: false,
      purpose: 'Carry out the cooperation document',
      delegation: { id: TEHRAN_DELEGATION },
      host: { slug: 'saint-petersburg' },
      sources: [{ publisher: 'IRNA' }, { publisher: 'Sputnik' }],
      counterparts: [],
      areas: [{ slug: 'culture' }],
    });
    // Read back through the public API, as any client would.
    const read = await api.query(
      `query ($id: ID!) { node(id: $id) { ... on Visit { host { slug } startsOn sources { publisher } } } }`,
      { id: visit.id },
    );
    expect(read.data!.node).toEqual({
      host: { slug: 'saint-petersburg' },
      startsOn: '2015-11-22',
      sources: [{ publisher: 'IRNA' }, { publisher: 'Sputnik' }],
    });

    // The retry of the same create (same key, same clientMutationId) returns the first visit and writes nothing.
    const before = await visits();
    const retried = await api.query(RECORD_VISIT, { input }, tehranEditor.headers);
    expect(retried.data!.recordVisit.visit.id).toBe(visit.id);
    expect(retried.data!.recordVisit.userErrors).toEqual([]);
    expect(await visits()).toEqual(before);
    expect(before).toHaveLength(3);
    const [visitId] = [Buffer.from(visit.id, 'base64url').toString().split(':')[1]];
    expect(
      await api.database.dataSource.query(
        `SELECT api_key_id, mutation, action, record_type, record_id, before, after - 'id' AS after FROM audit_log WHERE mutation = 'recordVisit'`,
      ),
    ).toEqual([
      {
        api_key_id: tehranEditor.id,
        mutation: 'recordVisit',
        action: 'CREATE',
        record_type: 'Visit',
        record_id: visitId,
        before: null,
        after: {
          delegation_id: SEED.delegation.tehranMunicipality,
          host_municipality_id: SEED.municipality.saintPetersburg,
          starts_on: '2015-11-22',
          starts_on_precision: 'DAY',
          starts_on_latest: '2015-11-22',
          ends_on: '2015-11-24',
          ends_on_precision: 'DAY',
          ends_on_latest: '2015-11-24',
          dates_are_bounds: false,
          status: 'COMPLETED',
          purpose: 'Carry out the cooperation document',
          version: 1,
          counterparts: [],
          areas: [SEED.cooperationArea.culture],
          sources: [SEED.source.irna, SEED.source.sputnik],
          agreementsSigned: [],
          aboutAgreements: [],
          aboutMunicipalities: [],
        },
      },
    ]);
  });

  it('cannot change a Moscow-only record: FORBIDDEN, and the record is unchanged', async () => {
    const delegation = () =>
      api.database.dataSource.query('SELECT purpose, version FROM delegation WHERE id = $1', [
        SEED.delegation.moscowMunicipality,
      ]);
    const unchanged = await delegation();
    const visit = await api.query(
      RECORD_VISIT,
      {
        input: {
          delegationId: MOSCOW_DELEGATION,
          hostMunicipalityId: SAINT_PETERSBURG,
          startsOn: '2016-03-01',
          status: 'PLANNED',
        },
      },
      tehranEditor.headers,
    );
    expect(visit.data).toEqual({ recordVisit: null });
    expect(visit.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    // A new record is named by the cities it would have: its own id is rolled back with it.
    expect(visit.errors?.[0].message).toBe(
      `API key "Tehran city portal" may change only records its municipalities take part in; the new Visit would be outside them (taking part: moscow (${MOSCOW}), saint-petersburg (${SAINT_PETERSBURG}))`,
    );
    expect(await visits()).toHaveLength(3);
    expect(await delegation()).toEqual(unchanged);

    const city = () =>
      api.database.dataSource.query('SELECT names, is_capital, version FROM municipality WHERE id = $1', [
        SEED.municipality.moscow,
      ]);
    const cityBefore = await city();
    const rename = await api.query(
      `mutation ($input: UpdateMunicipalityInput!) { updateMunicipality(input: $input) { municipality { version } } }`,
      { input: { id: MOSCOW, version: 1, isCapital: false } },
      tehranEditor.headers,
    );
    expect(rename.data).toEqual({ updateMunicipality: null });
    expect(rename.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(await city()).toEqual(cityBefore);
    expect(
      await api.database.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE mutation <> 'recordVisit'`),
    ).toEqual([{ n: 0 }]);
  });

  it("may change a visit Tehran's delegation made (inside its scope), not one it neither sent nor hosted", async () => {
    const inside = await api.query(
      UPDATE_VISIT,
      { input: { id: id('Visit', SEED.visit.moscow), version: 1, purpose: 'Make the pact operational' } },
      tehranEditor.headers,
    );
    expect(inside.data!.updateVisit).toEqual({
      visit: {
        id: id('Visit', SEED.visit.moscow),
        version: 2,
        status: 'COMPLETED',
        purpose: 'Make the pact operational',
      },
      userErrors: [],
    });
    const moscowVisit = await api.database.dataSource.query(
      `INSERT INTO visit (delegation_id, host_municipality_id, starts_on, starts_on_precision, status)
       VALUES ($1, $2, '2016-05-01', 'DAY', 'PLANNED') RETURNING id`,
      [SEED.delegation.moscowMunicipality, SEED.municipality.saintPetersburg],
    );
    const outside = await api.query(
      UPDATE_VISIT,
      { input: { id: id('Visit', moscowVisit[0].id), version: 1, status: 'CANCELLED' } },
      tehranEditor.headers,
    );
    expect(outside.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
    expect(
      await api.database.dataSource.query('SELECT status, version FROM visit WHERE id = $1', [moscowVisit[0].id]),
    ).toEqual([{ status: 'PLANNED', version: 1 }]);
  });
});
