import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * The first entry of a new agreement's status history (issue 16, item 3): an agreement
 * created as signed, with its signing date, was signed on that date, in the precision and
 * calendar the input gave; without a date, or created in another status, the entry has none.
 */
const TEHRAN = toGlobalId('Municipality', SEED.municipality.tehran);
const MOSCOW = toGlobalId('Municipality', SEED.municipality.moscow);

let api: TestServer;
let editor: Key;
const { mutate } = writeHarness(() => api, ['agreement', 'agreement_status_change']);

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
});
afterAll(() => api.stop());

async function created(input: Record<string, unknown>) {
  const { response, result } = await mutate(
    'createAgreement',
    'agreement { status signedOn statusHistory { status on fa: on(calendar: PERSIAN) } }',
    {
      kind: 'PROTOCOL',
      titles: [{ lang: 'en', value: 'Transit protocol' }],
      partyIds: [TEHRAN, MOSCOW],
      // One protocol per test, several on one day: separate instruments, not duplicates.
      separateInstrument: true,
      ...input,
    },
    editor,
  );
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  return result.agreement;
}

it('dates the first entry of an agreement created as signed with its signing date', async () => {
  expect(await created({ status: 'SIGNED', signedOn: '2016-05-10' })).toEqual({
    status: 'SIGNED',
    signedOn: '2016-05-10',
    statusHistory: [{ status: 'SIGNED', on: '2016-05-10', fa: '1395-02-21' }],
  });
});

it('keeps the precision and the calendar the signing date was given in', async () => {
  expect(await created({ status: 'SIGNED', signedOn: '1395-02-21', calendar: 'PERSIAN' })).toMatchObject({
    statusHistory: [{ status: 'SIGNED', on: '2016-05-10', fa: '1395-02-21' }],
  });
  expect(await created({ status: 'SIGNED', signedOn: '2016-05' })).toMatchObject({
    statusHistory: [{ status: 'SIGNED', on: '2016-05' }],
  });
});

it('leaves the entry undated without a signing date, or for a status other than signed', async () => {
  expect((await created({ status: 'SIGNED' })).statusHistory).toEqual([{ status: 'SIGNED', on: null, fa: null }]);
  expect((await created({ status: 'PROPOSED' })).statusHistory).toEqual([{ status: 'PROPOSED', on: null, fa: null }]);
  expect((await created({ status: 'IN_FORCE', signedOn: '2016-05-10' })).statusHistory).toEqual([
    { status: 'IN_FORCE', on: null, fa: null },
  ]);
});
