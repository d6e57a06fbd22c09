import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * People at a signing who sign nothing, and the body each signs for (issue 16, item 1):
 * addAgreementSignatories writes the role (SIGNATORY, WITNESS, ATTENDEE) and the body, a
 * municipality or one of its organizations; read back through the API and the audit log.
 */
const id = toGlobalId;
const PACT = id('Agreement', SEED.agreement.sisterCityPact);
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const COUNCIL = id('Organization', SEED.organization.tehranCityCouncil);
const GHALIBAF = id('Person', SEED.person.ghalibaf);
const MOZAFFARI = id('Person', SEED.person.mozaffari);
const SOBYANIN = id('Person', SEED.person.sobyanin);
const SIGNATORIES =
  'agreement { version signatories { person { id } role onBehalfOf { slug } onBehalfOfOrganization { id } } }';

let api: TestServer;
let tehranEditor: Key;
const { sql, mutate, refused } = writeHarness(() => api, ['agreement', 'agreement_signatory', 'audit_log']);

beforeAll(async () => {
  api = await startTestServer();
  tehranEditor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran city portal', [
    SEED.municipality.tehran,
  ]);
});
afterAll(() => api.stop());

const version = async () =>
  (await sql('SELECT version FROM agreement WHERE id = $1', [SEED.agreement.sisterCityPact]))[0].version;

async function add(input: Record<string, unknown>) {
  const { response, result } = await mutate(
    'addAgreementSignatories',
    SIGNATORIES,
    { id: PACT, version: await version(), ...input },
    tehranEditor,
  );
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  return result.agreement.signatories;
}

it('adds a witness for a city council and a signatory for the city, each read back with its part and body', async () => {
  expect(await add({ personIds: [MOZAFFARI], role: 'WITNESS', onBehalfOfId: COUNCIL })).toEqual([
    { person: { id: MOZAFFARI }, role: 'WITNESS', onBehalfOf: null, onBehalfOfOrganization: { id: COUNCIL } },
  ]);
  expect(await add({ personIds: [GHALIBAF], onBehalfOfId: TEHRAN })).toEqual([
    { person: { id: GHALIBAF }, role: 'SIGNATORY', onBehalfOf: { slug: 'tehran' }, onBehalfOfOrganization: null },
    { person: { id: MOZAFFARI }, role: 'WITNESS', onBehalfOf: null, onBehalfOfOrganization: { id: COUNCIL } },
  ]);
  const [entry] = await sql(
    `SELECT after->'signatories' AS signatories FROM audit_log WHERE mutation = 'addAgreementSignatories' ORDER BY seq DESC LIMIT 1`,
  );
  expect(entry.signatories).toEqual(
    [
      {
        person_id: SEED.person.ghalibaf,
        role: 'SIGNATORY',
        on_behalf_of_id: SEED.municipality.tehran,
        on_behalf_of_organization_id: null,
      },
      {
        person_id: SEED.person.mozaffari,
        role: 'WITNESS',
        on_behalf_of_id: null,
        on_behalf_of_organization_id: SEED.organization.tehranCityCouncil,
      },
    ].sort((a, b) => a.person_id.localeCompare(b.person_id)),
  );
});

it('adds an attendee for no body', async () => {
  expect(await add({ personIds: [SOBYANIN], role: 'ATTENDEE' })).toContainEqual({
    person: { id: SOBYANIN },
    role: 'ATTENDEE',
    onBehalfOf: null,
    onBehalfOfOrganization: null,
  });
});

it('refuses a body that is not a municipality or organization, or does not exist, naming onBehalfOfId', async () => {
  const input = async (onBehalfOfId: string) => ({
    id: PACT,
    version: await version(),
    personIds: [id('Person', SEED.person.mozaffari)],
    onBehalfOfId,
  });
  await sql(`DELETE FROM agreement_signatory WHERE agreement_id = $1 AND person_id = $2`, [
    SEED.agreement.sisterCityPact,
    SEED.person.mozaffari,
  ]);
  expect((await refused('addAgreementSignatories', await input(GHALIBAF), tehranEditor)).userErrors).toEqual([
    {
      field: ['input', 'onBehalfOfId'],
      message: 'names a Person, not a Municipality or an Organization',
      code: 'WRONG_TYPE',
    },
  ]);
  const missing = id('Organization', '00000003-5eed-4000-8000-0000000000ff');
  expect((await refused('addAgreementSignatories', await input(missing), tehranEditor)).userErrors).toEqual([
    { field: ['input', 'onBehalfOfId'], message: expect.stringContaining('no Organization'), code: 'NOT_FOUND' },
  ]);
});

it('refuses a role the vocabulary does not have, before anything runs', async () => {
  const answer = await refused(
    'addAgreementSignatories',
    { id: PACT, version: await version(), personIds: [MOZAFFARI], role: 'MEDIATOR' },
    tehranEditor,
  );
  expect(answer.codes).toEqual(['BAD_USER_INPUT']);
  expect(answer.message).toContain('MEDIATOR');
});

it('removes people only: a role or a body given to removal is refused, naming it', async () => {
  const base = { id: PACT, personIds: [SOBYANIN] };
  expect(
    (await refused('removeAgreementSignatories', { ...base, version: await version(), role: 'ATTENDEE' }, tehranEditor))
      .userErrors,
  ).toEqual([
    { field: ['input', 'role'], message: 'is for adding signatories; removing takes the people only', code: 'INVALID' },
  ]);
  expect(
    (
      await refused(
        'removeAgreementSignatories',
        { ...base, version: await version(), onBehalfOfId: TEHRAN },
        tehranEditor,
      )
    ).userErrors,
  ).toEqual([
    {
      field: ['input', 'onBehalfOfId'],
      message: 'is for adding signatories; removing takes the people only',
      code: 'INVALID',
    },
  ]);
  const { result } = await mutate(
    'removeAgreementSignatories',
    SIGNATORIES,
    { ...base, version: await version() },
    tehranEditor,
  );
  expect(result.userErrors).toEqual([]);
  expect(result.agreement.signatories.map((signatory: { person: { id: string } }) => signatory.person.id)).toEqual([
    GHALIBAF,
  ]);
});
