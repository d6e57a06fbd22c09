import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { loadConfig } from '../src/config';
import { SEED } from '../src/database/seed';
import { createServer } from '../src/server';
import { makeKey } from './helpers/keys';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Every refused write leaves the database exactly as it was: each case reads back a
 * fingerprint of every table a write could touch (row counts and version sums) before and after.
 */
const id = toGlobalId;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const DELEGATION = id('Delegation', SEED.delegation.tehranMunicipality);

let api: TestServer;
let editor: Awaited<ReturnType<typeof makeKey>>;
let reader: Awaited<ReturnType<typeof makeKey>>;

const FINGERPRINT = `SELECT ${[
  'municipality',
  'visit',
  'agreement',
  'agreement_party',
  'agreement_status_change',
  'mayoral_term',
  'citation',
  'visit_counterpart',
  'audit_log',
  'client_mutation',
  'api_key',
]
  .map((table) => `(SELECT count(*) FROM ${table})::int AS ${table}`)
  .join(', ')},
  (SELECT sum(version) FROM visit)::int AS visit_versions, (SELECT sum(version) FROM municipality)::int AS municipality_versions,
  (SELECT sum(version) FROM agreement)::int AS agreement_versions, (SELECT sum(version) FROM mayoral_term)::int AS term_versions`;
const fingerprint = () => api.database.dataSource.query(FINGERPRINT);

/** Sends `query` and expects the database untouched afterwards; returns the response. */
async function refused(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
  const before = await fingerprint();
  const response = await api.query(query, variables, headers);
  expect(await fingerprint()).toEqual(before);
  return response;
}

const RECORD_VISIT = `mutation ($input: RecordVisitInput!) { recordVisit(input: $input) { visit { id } userErrors { field message code } } }`;
const CREATE_MUNICIPALITY = `mutation ($input: CreateMunicipalityInput!) { createMunicipality(input: $input) { municipality { slug } userErrors { field message code } } }`;
const CREATE_AGREEMENT = `mutation ($input: CreateAgreementInput!) { createAgreement(input: $input) { agreement { id } userErrors { field message code } } }`;
const START_TERM = `mutation ($input: StartMayoralTermInput!) { startMayoralTerm(input: $input) { mayoralTerm { id } userErrors { field message code } } }`;
const UPDATE_MUNICIPALITY = `mutation ($input: UpdateMunicipalityInput!) { updateMunicipality(input: $input) { municipality { version isCapital } userErrors { field message code } } }`;
const visitInput = (extra: Record<string, unknown> = {}) => ({
  delegationId: DELEGATION,
  hostMunicipalityId: MOSCOW,
  startsOn: '2016-05-10',
  status: 'PLANNED',
  ...extra,
});
const codes = (response: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  response.errors?.map((error) => error.extensions?.code);

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
  reader = await makeKey(api.database.dataSource, ApiKeyRole.READER, 'Reader');
});
afterAll(() => api.stop());

describe('who may write', () => {
  it('refuses a write without a key: UNAUTHENTICATED', async () => {
    const response = await refused(RECORD_VISIT, { input: visitInput() });
    expect(response.data).toEqual({ recordVisit: null });
    expect(codes(response)).toEqual(['UNAUTHENTICATED']);
  });

  it('refuses a write with a reader key: FORBIDDEN (before looking at the input)', async () => {
    const response = await refused(RECORD_VISIT, { input: visitInput({ endsOn: '2016-01-01' }) }, reader.headers);
    expect(codes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors?.[0].message).toBe('API key "Reader" has the READER role; this needs EDITOR');
  });

  it('refuses an unknown, a revoked and an expired key even for reads, with HTTP 401', async () => {
    const revoked = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Old portal');
    const expired = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Temporary');
    await api.database.dataSource.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1`, [revoked.id]);
    await api.database.dataSource.query(`UPDATE api_key SET expires_at = now() - interval '1 day' WHERE id = $1`, [
      expired.id,
    ]);
    const cases: Array<[Record<string, string>, string]> = [
      [{ authorization: 'Bearer mda_not-a-key' }, 'unknown API key'],
      [revoked.headers, 'API key "Old portal" was revoked'],
      [expired.headers, 'API key "Temporary" has expired'],
      [{ authorization: 'Basic dXNlcjpwYXNz' }, 'the Authorization header must be "Bearer <key>"'],
    ];
    for (const [headers, message] of cases) {
      const response = await refused('{ municipality(slug: "tehran") { slug } }', {}, headers);
      expect({
        status: response.status,
        errors: response.errors?.map((error) => [error.extensions?.code, error.message]),
      }).toEqual({ status: 401, errors: [['UNAUTHENTICATED', message]] });
    }
  });

  it('serves anonymous reads unless ANONYMOUS_READS=false, then asks for a key', async () => {
    expect((await api.query('{ municipality(slug: "tehran") { slug } }')).data).toEqual({
      municipality: { slug: 'tehran' },
    });
    const config = {
      ...loadConfig({ NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', ANONYMOUS_READS: 'false' }),
      databaseUrl: api.database.url,
    };
    const closed = await createServer(config, {
      dataSource: api.database.dataSource,
      kind: 'server',
      close: async () => {},
    });
    try {
      const ask = (headers: Record<string, string>) =>
        fetch(closed.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query: '{ municipality(slug: "tehran") { slug } }' }),
        }).then(async (response) => ({ status: response.status, body: await response.json() }));
      expect(await ask({})).toEqual({
        status: 401,
        body: {
          errors: [
            expect.objectContaining({
              message: 'this server needs an API key: send the header Authorization: Bearer <key>',
              extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }),
            }),
          ],
        },
      });
      expect(await ask(reader.headers)).toEqual({
        status: 200,
        body: expect.objectContaining({ data: { municipality: { slug: 'tehran' } } }),
      });
    } finally {
      await closed.stop();
    }
  });
});

describe('bad input comes back as userErrors naming the field, and nothing is written', () => {
  const cases: Array<[string, string, Record<string, unknown>, unknown[]]> = [
    [
      'a visit that ends before it starts',
      RECORD_VISIT,
      visitInput({ startsOn: '2016-05-10', endsOn: '2016-05-09' }),
      [{ field: ['input', 'endsOn'], message: 'must not be before startsOn', code: 'DATES_OUT_OF_ORDER' }],
    ],
    [
      'a day that does not exist',
      RECORD_VISIT,
      visitInput({ startsOn: '2015-02-29' }),
      [
        {
          field: ['input', 'startsOn'],
          message: '2015-02-29 does not exist (2015 is not a leap year)',
          code: 'INVALID_DATE',
        },
      ],
    ],
    [
      'an id of the wrong type',
      RECORD_VISIT,
      visitInput({ delegationId: TEHRAN }),
      [{ field: ['input', 'delegationId'], message: 'names a Municipality, not a Delegation', code: 'WRONG_TYPE' }],
    ],
    [
      'a delegation that does not exist',
      RECORD_VISIT,
      visitInput({ delegationId: id('Delegation', '00000007-5eed-4000-8000-0000000000ff') }),
      [{ field: ['input', 'delegationId'], message: 'no Delegation has this id', code: 'NOT_FOUND' }],
    ],
    [
      'a source that does not exist, named by its place in the list',
      RECORD_VISIT,
      visitInput({ sourceIds: [id('Source', SEED.source.irna), id('Source', '0000000c-5eed-4000-8000-0000000000ff')] }),
      [{ field: ['input', 'sourceIds', '1'], message: 'no Source has this id', code: 'NOT_FOUND' }],
    ],
    [
      'an unknown country code',
      CREATE_MUNICIPALITY,
      { slug: 'isfahan', names: [{ lang: 'en', value: 'Isfahan' }], countryCode: 'XX' },
      [
        {
          field: ['input', 'countryCode'],
          message: '"XX" is not an ISO 3166-1 alpha-2 country code in capitals (such as "IR", "RU")',
          code: 'UNKNOWN_COUNTRY',
        },
      ],
    ],
    [
      'an unknown language and a blank name',
      CREATE_MUNICIPALITY,
      {
        slug: 'isfahan',
        names: [
          { lang: 'en', value: 'Isfahan' },
          { lang: 'xx', value: ' ' },
        ],
        countryCode: 'IR',
      },
      [
        {
          field: ['input', 'names', '1', 'lang'],
          message: '"xx" is not a known BCP 47 language tag (such as "en", "fa", "ru", "zh-Hant")',
          code: 'UNKNOWN_LANGUAGE',
        },
        { field: ['input', 'names', '1', 'value'], message: 'must not be blank', code: 'BLANK' },
      ],
    ],
    [
      'a slug already in use',
      CREATE_MUNICIPALITY,
      { slug: 'moscow', names: [{ lang: 'en', value: 'Moscow' }], countryCode: 'RU' },
      [{ field: ['input', 'slug'], message: 'another municipality has this slug', code: 'TAKEN' }],
    ],
    [
      'an agreement with one party given twice',
      CREATE_AGREEMENT,
      { kind: 'PROTOCOL', titles: [{ lang: 'en', value: 'P' }], partyIds: [TEHRAN, TEHRAN] },
      [{ field: ['input', 'partyIds'], message: "All partyIds's elements must be unique", code: 'DUPLICATE' }],
    ],
    [
      'a party list with a person and a string that is no id: each named by its index',
      CREATE_AGREEMENT,
      {
        kind: 'PROTOCOL',
        titles: [{ lang: 'en', value: 'P' }],
        partyIds: [TEHRAN, id('Person', SEED.person.ghalibaf), 'tehran'],
      },
      [
        { field: ['input', 'partyIds', '1'], message: 'names a Person, not a Municipality', code: 'WRONG_TYPE' },
        { field: ['input', 'partyIds', '2'], message: '"tehran" is not an id this API made', code: 'WRONG_TYPE' },
      ],
    ],
    [
      'a second Tehran–Moscow sister-city pact, parties in the other order',
      CREATE_AGREEMENT,
      { kind: 'SISTER_CITY', titles: [{ lang: 'en', value: 'Twinning' }], partyIds: [MOSCOW, TEHRAN] },
      [
        {
          field: ['input', 'partyIds'],
          message: `a sister-city pact between these municipalities is already recorded: ${id('Agreement', SEED.agreement.sisterCityPact)}`,
          code: 'TAKEN',
        },
      ],
    ],
    [
      'a record to change named by something that is not an id',
      UPDATE_MUNICIPALITY,
      { id: 'tehran', version: 1, isCapital: false },
      [{ field: ['input', 'id'], message: '"tehran" is not an id this API made', code: 'WRONG_TYPE' }],
    ],
    [
      "a second mayor of Moscow during Sobyanin's term",
      START_TERM,
      { municipalityId: MOSCOW, personId: id('Person', SEED.person.ghalibaf), since: '2015-11-18' },
      [
        {
          field: ['input', 'since'],
          // Names the other mayor and their term, so a portal can end it first or fix a date.
          message: `the municipality has another mayor during these dates: Sergey Sobyanin (Person ${id('Person', SEED.person.sobyanin)}), since 2010-10-21, in office (MayoralTerm ${id('MayoralTerm', SEED.mayoralTerm.sobyaninMoscow)}); a date known only to the year or month covers all of it`,
          code: 'OVERLAPS',
        },
      ],
    ],
  ];
  it.each(cases)('%s', async (_case, query, input, userErrors) => {
    const response = await refused(query, { input }, editor.headers);
    expect(response.errors).toBeUndefined();
    expect(Object.values(response.data!)[0]).toEqual(expect.objectContaining({ userErrors }));
  });
});

describe('no lost updates', () => {
  it('refuses a stale version with CONFLICT and the current version', async () => {
    const response = await refused(
      UPDATE_MUNICIPALITY,
      { input: { id: TEHRAN, version: 7, isCapital: false } },
      editor.headers,
    );
    expect(response.data).toEqual({ updateMunicipality: null });
    expect(
      response.errors?.map((error) => [error.message, error.extensions?.code, error.extensions?.currentVersion]),
    ).toEqual([[`Municipality ${TEHRAN} is at version 1, not 7: read it again and retry`, 'CONFLICT', 1]]);
  });

  it('lets exactly one of two concurrent updates with the same version win', async () => {
    const send = (governanceNote: string) =>
      api.query(
        `mutation ($input: UpdateMunicipalityInput!) { updateMunicipality(input: $input) { municipality { version governanceNote } userErrors { code } } }`,
        { input: { id: MOSCOW, version: 1, governanceNote } },
        editor.headers,
      );
    const [first, second] = await Promise.all([send('first writer'), send('second writer')]);
    const winners = [first, second].filter((response) => response.data?.updateMunicipality);
    const losers = [first, second].filter((response) => !response.data?.updateMunicipality);
    expect(winners).toHaveLength(1);
    expect(losers.map((response) => [codes(response), response.errors?.[0].extensions?.currentVersion])).toEqual([
      [['CONFLICT'], 2],
    ]);
    const note = winners[0].data!.updateMunicipality.municipality.governanceNote;
    expect(
      await api.database.dataSource.query('SELECT governance_note, version FROM municipality WHERE id = $1', [
        SEED.municipality.moscow,
      ]),
    ).toEqual([{ governance_note: note, version: 2 }]);
    expect(
      await api.database.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE mutation = 'updateMunicipality'`,
      ),
    ).toEqual([{ n: 1 }]);
  });
});
