import { ApiKeyRole } from '../src/auth/api-key';
import { fromGlobalId, toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Agreements linked to the visit they were signed during after the fact (issue 16, item 4 in
 * part): add and remove on an existing visit, the agreements and any visit they leave changed,
 * version-bumped and audited, and the key's scope checked on every record that changes.
 */
const id = toGlobalId;
const uuid = (globalId: string) => fromGlobalId(globalId)!.id;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const SAINT_PETERSBURG = id('Municipality', SEED.municipality.saintPetersburg);
const MOSCOW_VISIT = id('Visit', SEED.visit.moscow);
const MEMORANDUM = id('Agreement', SEED.agreement.moscowMemorandum);
const TEHRAN_DELEGATION = id('Delegation', SEED.delegation.tehranMunicipality);

let api: TestServer;
let editor: Key;
let tehranEditor: Key;
let transit: string;
let secondVisit: string;

const { sql, mutate, refused } = writeHarness(() => api, ['agreement', 'visit', 'audit_log']);
const title = (value: string) => [{ lang: 'en', value }];
const version = async (table: 'agreement' | 'visit', globalId: string) =>
  (await sql(`SELECT version FROM ${table} WHERE id = $1`, [uuid(globalId)]))[0].version as number;
const signedDuring = async (globalId: string) =>
  (await sql('SELECT signed_on_visit_id FROM agreement WHERE id = $1', [uuid(globalId)]))[0].signed_on_visit_id;

async function given(field: string, record: string, input: Record<string, unknown>, key = editor) {
  const { response, result } = await mutate(field, `${record} { id }`, input, key);
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  return result[record].id as string;
}

async function link(field: string, visit: string, agreementIds: string[], key = tehranEditor) {
  return mutate(
    field,
    'visit { id agreementsSigned { id signedOnVisit { id } } }',
    { id: visit, version: await version('visit', visit), agreementIds },
    key,
  );
}

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
  tehranEditor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran city portal', [
    SEED.municipality.tehran,
  ]);
  transit = await given('createAgreement', 'agreement', {
    kind: 'PROTOCOL',
    titles: title('Transit protocol'),
    partyIds: [TEHRAN, MOSCOW],
  });
  secondVisit = await given('recordVisit', 'visit', {
    delegationId: TEHRAN_DELEGATION,
    hostMunicipalityId: MOSCOW,
    startsOn: '2016-04-01',
    status: 'COMPLETED',
  });
});
afterAll(() => api.stop());

it('links an agreement to an existing visit, bumping and auditing both', async () => {
  const [agreementVersion, visitVersion] = [await version('agreement', transit), await version('visit', MOSCOW_VISIT)];
  const { result } = await link('addVisitSignedAgreements', MOSCOW_VISIT, [transit]);
  expect(result.userErrors).toEqual([]);
  expect(result.visit.agreementsSigned).toEqual(
    expect.arrayContaining([
      { id: MEMORANDUM, signedOnVisit: { id: MOSCOW_VISIT } },
      { id: transit, signedOnVisit: { id: MOSCOW_VISIT } },
    ]),
  );
  expect(result.visit.agreementsSigned).toHaveLength(2);
  expect([await version('agreement', transit), await version('visit', MOSCOW_VISIT)]).toEqual([
    agreementVersion + 1,
    visitVersion + 1,
  ]);
  const audited = await sql(
    `SELECT record_type, before->'signed_on_visit_id' AS before_visit, after->'signed_on_visit_id' AS after_visit,
            jsonb_array_length(after->'agreementsSigned') AS signed
       FROM audit_log WHERE mutation = 'addVisitSignedAgreements' ORDER BY record_type`,
  );
  expect(audited).toEqual([
    { record_type: 'Agreement', before_visit: null, after_visit: SEED.visit.moscow, signed: null },
    { record_type: 'Visit', before_visit: null, after_visit: null, signed: 2 },
  ]);
});

it('refuses an agreement linked to this visit already, naming its index', async () => {
  const answer = await refused(
    'addVisitSignedAgreements',
    { id: MOSCOW_VISIT, version: await version('visit', MOSCOW_VISIT), agreementIds: [MEMORANDUM, transit] },
    tehranEditor,
  );
  expect(answer.userErrors).toEqual([
    { field: ['input', 'agreementIds', '0'], message: 'is already linked to this Visit', code: 'DUPLICATE' },
    { field: ['input', 'agreementIds', '1'], message: 'is already linked to this Visit', code: 'DUPLICATE' },
  ]);
});

it('moves an agreement to another visit: the visit it leaves changes too', async () => {
  const leftVersion = await version('visit', MOSCOW_VISIT);
  const { result } = await link('addVisitSignedAgreements', secondVisit, [transit]);
  expect(result.visit.agreementsSigned).toEqual([{ id: transit, signedOnVisit: { id: secondVisit } }]);
  expect(await version('visit', MOSCOW_VISIT)).toBe(leftVersion + 1);
  const [left] = await sql(
    `SELECT jsonb_array_length(before->'agreementsSigned') AS before, jsonb_array_length(after->'agreementsSigned') AS after
       FROM audit_log WHERE mutation = 'addVisitSignedAgreements' AND record_id = $1 ORDER BY seq DESC LIMIT 1`,
    [SEED.visit.moscow],
  );
  expect(left).toEqual({ before: 2, after: 1 });
});

it('unlinks an agreement, and refuses one that is not linked to the visit', async () => {
  const { result } = await link('removeVisitSignedAgreements', secondVisit, [transit]);
  expect([result.userErrors, result.visit.agreementsSigned]).toEqual([[], []]);
  expect(await signedDuring(transit)).toBeNull();
  const answer = await refused(
    'removeVisitSignedAgreements',
    { id: secondVisit, version: await version('visit', secondVisit), agreementIds: [transit] },
    tehranEditor,
  );
  expect(answer.userErrors).toEqual([
    { field: ['input', 'agreementIds', '0'], message: 'is not linked to this Visit', code: 'NOT_FOUND' },
  ]);
});

it('refuses a scoped key an agreement outside its cities, and changes nothing', async () => {
  const moscowProtocol = await given('createAgreement', 'agreement', {
    kind: 'PROTOCOL',
    titles: title('Moscow–Petersburg protocol'),
    partyIds: [MOSCOW, SAINT_PETERSBURG],
  });
  const answer = await refused(
    'addVisitSignedAgreements',
    { id: MOSCOW_VISIT, version: await version('visit', MOSCOW_VISIT), agreementIds: [moscowProtocol] },
    tehranEditor,
  );
  expect(answer.codes).toEqual(['FORBIDDEN']);
  expect(answer.message).toContain(`Agreement ${moscowProtocol} is outside them`);
});

it('sets and clears the visit from the agreement: updateAgreement signedOnVisitId, both visits changed', async () => {
  const update = async (signedOnVisitId: string | null) => {
    const { response, result } = await mutate(
      'updateAgreement',
      'agreement { signedOnVisit { id } }',
      { id: transit, version: await version('agreement', transit), signedOnVisitId },
      tehranEditor,
    );
    expect([response.errors, result.userErrors]).toEqual([undefined, []]);
    return result.agreement.signedOnVisit;
  };
  const [first, second] = [await version('visit', MOSCOW_VISIT), await version('visit', secondVisit)];
  expect(await update(MOSCOW_VISIT)).toEqual({ id: MOSCOW_VISIT });
  expect(await update(secondVisit)).toEqual({ id: secondVisit });
  // Moscow's visit gained it, then lost it; the second visit gained it.
  expect([await version('visit', MOSCOW_VISIT), await version('visit', secondVisit)]).toEqual([first + 2, second + 1]);
  expect(await update(null)).toBeNull();
  expect(await signedDuring(transit)).toBeNull();
  const audited = await sql(
    `SELECT record_type, count(*)::int AS n FROM audit_log WHERE mutation = 'updateAgreement' GROUP BY 1 ORDER BY 1`,
  );
  expect(audited).toEqual([
    { record_type: 'Agreement', n: 3 },
    { record_type: 'Visit', n: 4 },
  ]);
  const answer = await refused(
    'updateAgreement',
    { id: transit, version: await version('agreement', transit), signedOnVisitId: MEMORANDUM },
    tehranEditor,
  );
  expect(answer.userErrors).toEqual([
    { field: ['input', 'signedOnVisitId'], message: 'names an Agreement, not a Visit', code: 'WRONG_TYPE' },
  ]);
});
