import { ApiKeyRole } from '../src/auth/api-key';
import { fromGlobalId, toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Duplicates refused for every kind (issue 16, a portal staying in step): the same kind, the
 * same parties and the same signing date is TAKEN, naming the agreement already recorded;
 * `separateInstrument` records a genuinely separate second document. Sister-city pacts stay
 * one per pair of cities.
 */
const id = toGlobalId;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const PETERSBURG = id('Municipality', SEED.municipality.saintPetersburg);
const MEMORANDUM = id('Agreement', SEED.agreement.moscowMemorandum);
const PACT = id('Agreement', SEED.agreement.sisterCityPact);
const SAME =
  'an agreement of this kind between these parties signed on this date is already recorded (set separateInstrument to record another document)';
const SAME_PACT = 'a sister-city pact between these municipalities is already recorded';
const ERRORS = 'userErrors { field message code recordId }';

let api: TestServer;
let editor: Key;
const { sql, mutate, refused } = writeHarness(() => api, ['agreement', 'agreement_party', 'audit_log']);

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran city portal', [SEED.municipality.tehran]);
});
afterAll(() => api.stop());

const memorandum = (extra: Record<string, unknown> = {}) => ({
  kind: 'MEMORANDUM_OF_UNDERSTANDING',
  titles: [{ lang: 'en', value: 'Transport memorandum' }],
  partyIds: [MOSCOW, TEHRAN],
  signedOn: '2015-11-18',
  status: 'SIGNED',
  ...extra,
});

async function created(input: Record<string, unknown>) {
  const { response, result } = await mutate(
    'createAgreement',
    `agreement { id separateInstrument } ${ERRORS}`,
    input,
    editor,
  );
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  return result.agreement as { id: string; separateInstrument: boolean };
}

async function refusedWith(field: string, input: Record<string, unknown>) {
  const before = await sql('SELECT count(*)::int AS n FROM agreement');
  const { response, result } = await mutate(field, `agreement { id } ${ERRORS}`, input, editor);
  expect(response.errors).toBeUndefined();
  expect(await sql('SELECT count(*)::int AS n FROM agreement')).toEqual(before);
  return result;
}

const version = async (globalId: string) =>
  (await api.query(`{ node(id: "${globalId}") { ... on Agreement { version } } }`)).data!.node.version;

describe('the same kind, parties and signing date', () => {
  it('refuses a second memorandum of Tehran and Moscow signed on 2015-11-18 (parties in either order), naming the first', async () => {
    for (const partyIds of [
      [MOSCOW, TEHRAN],
      [TEHRAN, MOSCOW],
    ]) {
      const { result } = await mutate(
        'createAgreement',
        `agreement { id } ${ERRORS}`,
        memorandum({ partyIds }),
        editor,
      );
      expect(result).toEqual({
        agreement: null,
        userErrors: [
          { field: ['input', 'partyIds'], message: `${SAME}: ${MEMORANDUM}`, code: 'TAKEN', recordId: MEMORANDUM },
        ],
        clientMutationId: null,
      });
    }
    const check = await refused('createAgreement', memorandum(), editor);
    expect(check.userErrors).toEqual([
      { field: ['input', 'partyIds'], message: `${SAME}: ${MEMORANDUM}`, code: 'TAKEN' },
    ]);
  });

  it('records it with separateInstrument: true, and reads the flag back', async () => {
    const second = await created(memorandum({ separateInstrument: true }));
    expect(second.separateInstrument).toBe(true);
    const data = (await api.query(`{ node(id: "${MEMORANDUM}") { ... on Agreement { separateInstrument } } }`)).data!;
    expect(data.node).toEqual({ separateInstrument: false });
    // A third of the same day, without the flag, still meets the first.
    expect((await refusedWith('createAgreement', memorandum())).userErrors[0].recordId).toBe(MEMORANDUM);
  });

  it('takes another date, another precision of the date, or another kind as another agreement', async () => {
    await created(memorandum({ signedOn: '2016-03-01' }));
    await created(memorandum({ signedOn: '2015' }));
    await created(memorandum({ signedOn: '2015-01-01' }));
    await created(memorandum({ kind: 'PROTOCOL' }));
  });

  it('tells spans apart by both ends: the same span is TAKEN, one ending another day is another agreement', async () => {
    const lateFebruary = await created(memorandum({ signedOn: '2018-02-20/2018-02-28' }));
    await created(memorandum({ signedOn: '2018-02-20/2018-02-25' }));
    const result = await refusedWith('createAgreement', memorandum({ signedOn: '2018-02-20/2018-02-28' }));
    expect(result.userErrors).toEqual([
      {
        field: ['input', 'partyIds'],
        message: `${SAME}: ${lateFebruary.id}`,
        code: 'TAKEN',
        recordId: lateFebruary.id,
      },
    ]);
    // The database holds the same for any other writer.
    await expect(
      sql(
        `INSERT INTO agreement (kind, titles, sort_name, status, signed_on, signed_on_precision, signed_on_latest, party_key)
         SELECT kind, titles, sort_name, status, signed_on, signed_on_precision, signed_on_latest, party_key FROM agreement
          WHERE id = $1`,
        [fromGlobalId(lateFebruary.id)!.id],
      ),
    ).rejects.toThrow('is already recorded as this instrument');
  });

  it('treats two undated agreements of one kind and parties as the same', async () => {
    const first = await created({
      kind: 'DECLARATION',
      titles: [{ lang: 'en', value: 'Joint statement' }],
      partyIds: [TEHRAN, PETERSBURG],
    });
    const result = await refusedWith('createAgreement', {
      kind: 'DECLARATION',
      titles: [{ lang: 'en', value: 'Joint statement, again' }],
      partyIds: [PETERSBURG, TEHRAN],
    });
    expect(result.userErrors).toEqual([
      { field: ['input', 'partyIds'], message: `${SAME}: ${first.id}`, code: 'TAKEN', recordId: first.id },
    ]);
  });

  it('refuses a second Tehran–Moscow sister-city pact even as a separate instrument, naming the pact', async () => {
    const result = await refusedWith('createAgreement', {
      kind: 'SISTER_CITY',
      titles: [{ lang: 'en', value: 'Twinning, again' }],
      partyIds: [TEHRAN, MOSCOW],
      signedOn: '2020-01-01',
      separateInstrument: true,
    });
    expect(result.userErrors).toEqual([
      { field: ['input', 'partyIds'], message: `${SAME_PACT}: ${PACT}`, code: 'TAKEN', recordId: PACT },
    ]);
  });
});

describe('changes that would make a duplicate', () => {
  it('refuses an update moving a memorandum onto the signing date of another (field signedOn), and allows it as a separate instrument', async () => {
    const later = await created(memorandum({ signedOn: '2017-05-05' }));
    const input = { id: later.id, version: await version(later.id), signedOn: '2015-11-18' };
    expect((await refusedWith('updateAgreement', input)).userErrors).toEqual([
      { field: ['input', 'signedOn'], message: `${SAME}: ${MEMORANDUM}`, code: 'TAKEN', recordId: MEMORANDUM },
    ]);
    const { result } = await mutate(
      'updateAgreement',
      `agreement { signedOn separateInstrument } ${ERRORS}`,
      { ...input, separateInstrument: true },
      editor,
    );
    expect(result).toEqual({
      agreement: { signedOn: '2015-11-18', separateInstrument: true },
      userErrors: [],
      clientMutationId: null,
    });
  });

  it('refuses taking a party off when the rest is an agreement already recorded (field municipalityIds)', async () => {
    const three = await created(memorandum({ partyIds: [TEHRAN, MOSCOW, PETERSBURG] }));
    const result = await refusedWith('removeAgreementParties', {
      id: three.id,
      version: await version(three.id),
      municipalityIds: [PETERSBURG],
    });
    expect(result.userErrors).toEqual([
      { field: ['input', 'municipalityIds'], message: `${SAME}: ${MEMORANDUM}`, code: 'TAKEN', recordId: MEMORANDUM },
    ]);
  });
});

describe('in the database', () => {
  it('refuses a duplicate written in SQL, naming the first in the error detail', async () => {
    const insert = `INSERT INTO agreement (kind, titles, sort_name, status, signed_on, signed_on_precision, party_key)
      VALUES ('MEMORANDUM_OF_UNDERSTANDING', '{"en":"x"}', 'x', 'SIGNED', '2015-11-18', 'DAY', $1)`;
    const key = [SEED.municipality.tehran, SEED.municipality.moscow].sort().join(',');
    await expect(sql(insert, [key])).rejects.toMatchObject({
      driverError: expect.objectContaining({
        constraint: 'agreement_one_instrument_per_signing',
        detail: SEED.agreement.moscowMemorandum,
      }),
    });
  });

  it('keeps the unique index as the last line when the trigger is not there (two writers racing)', async () => {
    const key = [SEED.municipality.tehran, SEED.municipality.moscow].sort().join(',');
    await expect(
      api.database.dataSource.transaction(async (manager) => {
        await manager.query('ALTER TABLE agreement DISABLE TRIGGER agreement_same_instrument_check');
        await manager.query(
          `INSERT INTO agreement (kind, titles, sort_name, status, signed_on, signed_on_precision, party_key)
           VALUES ('MEMORANDUM_OF_UNDERSTANDING', '{"en":"x"}', 'x', 'SIGNED', '2015-11-18', 'DAY', $1)`,
          [key],
        );
      }),
    ).rejects.toMatchObject({
      driverError: expect.objectContaining({ constraint: 'agreement_one_instrument_per_signing' }),
    });
    expect(await sql(`SELECT tgenabled FROM pg_trigger WHERE tgname = 'agreement_same_instrument_check'`)).toEqual([
      { tgenabled: 'O' },
    ]);
  });
});
