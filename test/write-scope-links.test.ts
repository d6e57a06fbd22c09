import { ApiKeyRole } from '../src/auth/api-key';
import { fromGlobalId, toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Writes that change what another record shows: an agreement that implements another (its
 * implementedBy), an agreement signed during a visit (the visit's agreementsSigned, and the
 * visit it was signed during before), and the deletes that undo either. The other record
 * must be in the key's scope too; when it is, its version goes up and it has an audit entry.
 */
const id = toGlobalId;
const uuid = (globalId: string) => fromGlobalId(globalId)!.id;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const SAINT_PETERSBURG = id('Municipality', SEED.municipality.saintPetersburg);
const MEMORANDUM = id('Agreement', SEED.agreement.moscowMemorandum);
const PETERSBURG_DOCUMENT = id('Agreement', SEED.agreement.saintPetersburgCooperation);
const MOSCOW_VISIT = id('Visit', SEED.visit.moscow);
const TEHRAN_DELEGATION = id('Delegation', SEED.delegation.tehranMunicipality);
const MOSCOW_DELEGATION = id('Delegation', SEED.delegation.moscowMunicipality);

let api: TestServer;
let editor: Key;
let tehranEditor: Key;
/** Set up by an unscoped editor: Moscow–Saint Petersburg records, outside Tehran's scope. */
let moscowProtocol: string;
let moscowVisit: string;
let signedInMoscowVisit: string;

const TABLES = ['agreement', 'agreement_implementation', 'committee', 'visit', 'audit_log', 'client_mutation'];
const { sql, mutate, refused } = writeHarness(() => api, TABLES);
/** Every record outside the scope here is Moscow and Saint Petersburg's; the refusal names them. */
const outside = (type: string, globalId: string) =>
  `API key "Tehran city portal" may change only records its municipalities take part in; ${type} ${globalId} is outside them (taking part: moscow (${MOSCOW}), saint-petersburg (${SAINT_PETERSBURG}))`;
const title = (value: string) => [{ lang: 'en', value }];
const visitInput = (extra: Record<string, unknown>) => ({
  delegationId: TEHRAN_DELEGATION,
  hostMunicipalityId: MOSCOW,
  status: 'PLANNED',
  ...extra,
});

async function given(field: string, record: string, input: Record<string, unknown>, key = editor) {
  const { response, result } = await mutate(field, `${record} { id version }`, input, key);
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  return result[record].id as string;
}

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
  tehranEditor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran city portal', [
    SEED.municipality.tehran,
  ]);
  moscowProtocol = await given('createAgreement', 'agreement', {
    kind: 'PROTOCOL',
    titles: title('Moscow–Petersburg protocol'),
    partyIds: [MOSCOW, SAINT_PETERSBURG],
  });
  signedInMoscowVisit = await given('createAgreement', 'agreement', {
    kind: 'COOPERATION_PROGRAMME',
    titles: title('Transit programme'),
    partyIds: [TEHRAN, MOSCOW],
  });
  moscowVisit = await given('recordVisit', 'visit', {
    delegationId: MOSCOW_DELEGATION,
    hostMunicipalityId: SAINT_PETERSBURG,
    startsOn: '2016-04-01',
    status: 'PLANNED',
    signedAgreementIds: [signedInMoscowVisit],
  });
});
afterAll(() => api.stop());

const state = (type: 'agreement' | 'visit', globalId: string) =>
  sql(
    type === 'agreement'
      ? `SELECT version, signed_on_visit_id, (SELECT coalesce(jsonb_agg(agreement_id ORDER BY agreement_id), '[]') FROM agreement_implementation
      WHERE implements_id = a.id) AS implemented_by FROM agreement a WHERE id = $1`
      : `SELECT version, (SELECT coalesce(jsonb_agg(id ORDER BY id), '[]') FROM agreement WHERE signed_on_visit_id = v.id) AS signed FROM visit v WHERE id = $1`,
    [uuid(globalId)],
  ).then((rows) => rows[0]);
/** The audit entries `mutation` wrote for the record: versions, and the link of its snapshot that changed. */
const audited = (mutation: string, globalId: string, link: 'implementedBy' | 'agreementsSigned') =>
  sql(
    `SELECT action,
  before->'version' AS was, after->'version' AS is, before->$3 AS before, after->$3 AS after FROM audit_log WHERE mutation = $1 AND record_id = $2`,
    [mutation, uuid(globalId), link],
  );

describe('implements', () => {
  it("refuses an agreement that implements another city's agreement, which stays as it was", async () => {
    const before = await state('agreement', moscowProtocol);
    const answer = await refused(
      'createAgreement',
      {
        kind: 'PROTOCOL',
        titles: title('Follow-up'),
        partyIds: [TEHRAN, SAINT_PETERSBURG],
        implementsIds: [moscowProtocol],
      },
      tehranEditor,
    );
    expect([answer.codes, answer.message]).toEqual([['FORBIDDEN'], outside('Agreement', moscowProtocol)]);
    expect(await state('agreement', moscowProtocol)).toEqual(before);
  });

  it('bumps and audits the agreement implemented when it is in scope; deleting the implementer does so again', async () => {
    const before = await state('agreement', MEMORANDUM);
    const follow = await given(
      'createAgreement',
      'agreement',
      {
        kind: 'COOPERATION_PROGRAMME',
        titles: title('Transport programme'),
        partyIds: [TEHRAN, MOSCOW],
        implementsIds: [MEMORANDUM],
        separateInstrument: true,
      },
      tehranEditor,
    );
    expect(await state('agreement', MEMORANDUM)).toEqual({
      ...before,
      version: before.version + 1,
      implemented_by: [uuid(follow)],
    });
    expect(await audited('createAgreement', MEMORANDUM, 'implementedBy')).toEqual([
      { action: 'UPDATE', was: before.version, is: before.version + 1, before: [], after: [uuid(follow)] },
    ]);
    const { result } = await mutate('deleteAgreement', '__typename', { id: follow, version: 1 }, tehranEditor);
    expect(result.userErrors).toEqual([]);
    expect(await state('agreement', MEMORANDUM)).toEqual({ ...before, version: before.version + 2 });
    expect(await audited('deleteAgreement', MEMORANDUM, 'implementedBy')).toEqual([
      { action: 'UPDATE', was: before.version + 1, is: before.version + 2, before: [uuid(follow)], after: [] },
    ]);
  });

  it("refuses deleting an agreement that implements another city's agreement", async () => {
    const implementer = await given('createAgreement', 'agreement', {
      kind: 'PROTOCOL',
      titles: title('Tehran joins'),
      partyIds: [TEHRAN, SAINT_PETERSBURG],
      implementsIds: [moscowProtocol],
    });
    const answer = await refused('deleteAgreement', { id: implementer, version: 1 }, tehranEditor);
    expect([answer.codes, answer.message]).toEqual([['FORBIDDEN'], outside('Agreement', moscowProtocol)]);
  });

  it('audits the committees deleted with their agreement', async () => {
    const doomed = await given(
      'createAgreement',
      'agreement',
      { kind: 'DECLARATION', titles: title('Short-lived'), partyIds: [TEHRAN, MOSCOW] },
      tehranEditor,
    );
    const committee = await given(
      'createCommittee',
      'committee',
      { agreementId: doomed, names: title('Youth committee') },
      tehranEditor,
    );
    const { result } = await mutate('deleteAgreement', '__typename', { id: doomed, version: 1 }, tehranEditor);
    expect(result.userErrors).toEqual([]);
    expect(
      await sql(
        `SELECT action, before->'names' AS names, after FROM audit_log WHERE mutation = 'deleteAgreement' AND record_id = $1`,
        [uuid(committee)],
      ),
    ).toEqual([{ action: 'DELETE', names: { en: 'Youth committee' }, after: null }]);
  });
});

describe('signed during a visit', () => {
  it("refuses claiming an agreement signed during another city's visit, which keeps it", async () => {
    const [agreement, visit] = [await state('agreement', signedInMoscowVisit), await state('visit', moscowVisit)];
    const answer = await refused(
      'recordVisit',
      visitInput({ startsOn: '2016-05-01', signedAgreementIds: [signedInMoscowVisit] }),
      tehranEditor,
    );
    expect([answer.codes, answer.message]).toEqual([['FORBIDDEN'], outside('Visit', moscowVisit)]);
    expect([await state('agreement', signedInMoscowVisit), await state('visit', moscowVisit)]).toEqual([
      agreement,
      visit,
    ]);
  });

  it('bumps and audits the agreements and the visit they were signed during, in as many statements for two as for one', async () => {
    const [memorandum, previous] = [await state('agreement', MEMORANDUM), await state('visit', MOSCOW_VISIT)];
    const first = await mutate(
      'recordVisit',
      'visit { id agreementsSigned { id } }',
      visitInput({ startsOn: '2016-05-02', signedAgreementIds: [MEMORANDUM] }),
      tehranEditor,
    );
    const visit = first.result.visit.id;
    expect(first.result.visit.agreementsSigned).toEqual([{ id: MEMORANDUM }]);
    expect(await state('visit', MOSCOW_VISIT)).toEqual({ version: previous.version + 1, signed: [] });
    expect(await state('agreement', MEMORANDUM)).toEqual({
      ...memorandum,
      version: memorandum.version + 1,
      signed_on_visit_id: uuid(visit),
    });
    expect(await audited('recordVisit', MOSCOW_VISIT, 'agreementsSigned')).toEqual([
      {
        action: 'UPDATE',
        was: previous.version,
        is: previous.version + 1,
        before: [SEED.agreement.moscowMemorandum],
        after: [],
      },
    ]);

    const second = await mutate(
      'recordVisit',
      'visit { id agreementsSigned { id } }',
      visitInput({ startsOn: '2016-05-03', signedAgreementIds: [MEMORANDUM, PETERSBURG_DOCUMENT] }),
      tehranEditor,
    );
    expect(second.result.visit.agreementsSigned.map((agreement: { id: string }) => agreement.id).sort()).toEqual(
      [MEMORANDUM, PETERSBURG_DOCUMENT].sort(),
    );
    expect(await state('visit', visit)).toEqual({ version: 2, signed: [] });
    expect(second.response.statements).toBe(first.response.statements);
  });

  it('refuses deleting a visit an agreement outside the scope was signed during; bumps and audits one inside', async () => {
    const visit = await given(
      'recordVisit',
      'visit',
      visitInput({ startsOn: '2016-06-01', signedAgreementIds: [moscowProtocol] }),
    );
    const answer = await refused('deleteVisit', { id: visit, version: 1 }, tehranEditor);
    expect([answer.codes, answer.message]).toEqual([['FORBIDDEN'], outside('Agreement', moscowProtocol)]);

    const inside = await given(
      'recordVisit',
      'visit',
      visitInput({ startsOn: '2016-06-02', signedAgreementIds: [PETERSBURG_DOCUMENT] }),
      tehranEditor,
    );
    const document = await state('agreement', PETERSBURG_DOCUMENT);
    const { result } = await mutate('deleteVisit', '__typename', { id: inside, version: 1 }, tehranEditor);
    expect(result.userErrors).toEqual([]);
    expect(await state('agreement', PETERSBURG_DOCUMENT)).toEqual({
      ...document,
      version: document.version + 1,
      signed_on_visit_id: null,
    });
    expect(
      await sql(
        `SELECT action, before->'signed_on_visit_id' AS before, after->'signed_on_visit_id' AS after FROM audit_log
      WHERE mutation = 'deleteVisit' AND record_id = $1`,
        [SEED.agreement.saintPetersburgCooperation],
      ),
    ).toEqual([{ action: 'UPDATE', before: uuid(inside), after: null }]);
  });
});
