import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Writes of delegations, persons and positions (issue 6, item 1): each mutation's success read
 * back through the API, and its refusals, each leaving the database as it was.
 * Sources, organizations, committees and cooperation areas: write-entities-reference.test.ts.
 */
const id = toGlobalId;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const GHALIBAF = id('Person', SEED.person.ghalibaf);
const MOZAFFARI = id('Person', SEED.person.mozaffari);
const SOBYANIN = id('Person', SEED.person.sobyanin);
const IRNA = id('Source', SEED.source.irna);
const SPUTNIK = id('Source', SEED.source.sputnik);
const TEHRAN_DELEGATION = id('Delegation', SEED.delegation.tehranMunicipality);
const MOSCOW_DELEGATION = id('Delegation', SEED.delegation.moscowMunicipality);

let api: TestServer;
let editor: Key;
let tehranEditor: Key;

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
  tehranEditor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran city portal', [
    SEED.municipality.tehran,
  ]);
});
afterAll(() => api.stop());

const TABLES = [
  'delegation',
  'delegation_member',
  'person',
  'person_position',
  'citation',
  'visit',
  'audit_log',
  'client_mutation',
];
const { sql, fingerprint, mutate, refused, node } = writeHarness(() => api, TABLES);

const DELEGATION = `delegation { id version name names { lang value } sender { slug } senderOrganization { slug } head { name } purpose
  members { person { name } title ordinal } sources { publisher } }`;
const READ_DELEGATION = `... on Delegation { version name sender { slug } head { name } purpose members { person { name } title ordinal } sources { publisher } }`;

describe('delegations', () => {
  let created: string;

  it('an editor scoped to Tehran records a Tehran delegation with its head, members and sources; a retry writes one row', async () => {
    const input = {
      names: [
        { lang: 'en', value: 'Tehran delegation to Minsk' },
        { lang: 'fa', value: 'هیئت تهران به مینسک' },
      ],
      senderMunicipalityId: TEHRAN,
      headPersonId: MOZAFFARI,
      purpose: 'Prepare a cooperation programme',
      members: [{ personId: MOZAFFARI, title: 'Deputy for International Relations' }, { personId: GHALIBAF }],
      sourceIds: [SPUTNIK],
      clientMutationId: 'minsk-delegation',
    };
    const { response, result } = await mutate('createDelegation', DELEGATION, input, tehranEditor);
    expect(response.errors).toBeUndefined();
    created = result.delegation.id;
    expect(result).toEqual({
      delegation: {
        id: created,
        version: 1,
        name: 'Tehran delegation to Minsk',
        names: [
          { lang: 'en', value: 'Tehran delegation to Minsk' },
          { lang: 'fa', value: 'هیئت تهران به مینسک' },
        ],
        sender: { slug: 'tehran' },
        senderOrganization: null,
        head: { name: 'Gashtasb Mozaffari' },
        purpose: 'Prepare a cooperation programme',
        members: [
          { person: { name: 'Gashtasb Mozaffari' }, title: 'Deputy for International Relations', ordinal: 1 },
          { person: { name: 'Mohammad Bagher Ghalibaf' }, title: null, ordinal: 2 },
        ],
        sources: [{ publisher: 'Sputnik' }],
      },
      userErrors: [],
      clientMutationId: 'minsk-delegation',
    });
    expect(await node(created, READ_DELEGATION)).toEqual({
      version: 1,
      name: 'Tehran delegation to Minsk',
      sender: { slug: 'tehran' },
      head: { name: 'Gashtasb Mozaffari' },
      purpose: 'Prepare a cooperation programme',
      sources: [{ publisher: 'Sputnik' }],
      members: [
        { person: { name: 'Gashtasb Mozaffari' }, title: 'Deputy for International Relations', ordinal: 1 },
        { person: { name: 'Mohammad Bagher Ghalibaf' }, title: null, ordinal: 2 },
      ],
    });
    const before = await fingerprint();
    const retried = await mutate('createDelegation', 'delegation { id }', input, tehranEditor);
    expect(retried.result).toEqual({
      delegation: { id: created },
      userErrors: [],
      clientMutationId: 'minsk-delegation',
    });
    expect(await fingerprint()).toEqual(before);
    expect(await sql('SELECT count(*)::int AS n FROM delegation')).toEqual([{ n: 3 }]);
  });

  it('updates the purpose and clears the head; a stale version is refused with CONFLICT', async () => {
    const { result } = await mutate(
      'updateDelegation',
      'delegation { version head { name } purpose }',
      { id: created, version: 1, headPersonId: null, purpose: 'Sign a cooperation programme' },
      tehranEditor,
    );
    expect(result.delegation).toEqual({ version: 2, head: null, purpose: 'Sign a cooperation programme' });
    expect(await node(created, '... on Delegation { version head { name } purpose }')).toEqual({
      version: 2,
      head: null,
      purpose: 'Sign a cooperation programme',
    });
    const stale = await refused('updateDelegation', { id: created, version: 1, purpose: 'Lost update' }, tehranEditor);
    expect(stale.codes).toEqual(['CONFLICT']);
  });

  it('adds members after the others and removes one; the others keep their order', async () => {
    const added = await mutate(
      'addDelegationMembers',
      'delegation { version members { person { name } title ordinal } }',
      { id: created, version: 2, members: [{ personId: SOBYANIN, title: 'Guest' }] },
      tehranEditor,
    );
    expect(added.result.delegation).toEqual({
      version: 3,
      members: [
        { person: { name: 'Gashtasb Mozaffari' }, title: 'Deputy for International Relations', ordinal: 1 },
        { person: { name: 'Mohammad Bagher Ghalibaf' }, title: null, ordinal: 2 },
        { person: { name: 'Sergey Sobyanin' }, title: 'Guest', ordinal: 3 },
      ],
    });
    const removed = await mutate(
      'removeDelegationMembers',
      'delegation { version members { person { name } ordinal } }',
      { id: created, version: 3, personIds: [GHALIBAF] },
      tehranEditor,
    );
    expect(removed.result.delegation).toEqual({
      version: 4,
      members: [
        { person: { name: 'Gashtasb Mozaffari' }, ordinal: 1 },
        { person: { name: 'Sergey Sobyanin' }, ordinal: 3 },
      ],
    });
    expect(await node(created, '... on Delegation { members { person { name } } }')).toEqual({
      members: [{ person: { name: 'Gashtasb Mozaffari' } }, { person: { name: 'Sergey Sobyanin' } }],
    });
  });

  it('refuses a member already listed or given twice, and removing one who is not a member, by index', async () => {
    const twice = await refused(
      'addDelegationMembers',
      { id: created, version: 4, members: [{ personId: GHALIBAF }, { personId: SOBYANIN }, { personId: GHALIBAF }] },
      tehranEditor,
    );
    expect(twice.userErrors).toEqual([
      {
        field: ['input', 'members', '1', 'personId'],
        message: 'is already a member of this delegation',
        code: 'DUPLICATE',
      },
      { field: ['input', 'members', '2', 'personId'], message: 'is given twice', code: 'DUPLICATE' },
    ]);
    const absent = await refused(
      'removeDelegationMembers',
      { id: created, version: 4, personIds: [GHALIBAF] },
      tehranEditor,
    );
    expect(absent.userErrors).toEqual([
      { field: ['input', 'personIds', '0'], message: 'is not linked to this Delegation', code: 'NOT_FOUND' },
    ]);
  });

  it('cites sources for the delegation and removes them', async () => {
    const added = await mutate(
      'addDelegationSources',
      'delegation { version sources { publisher } }',
      { id: created, version: 4, sourceIds: [IRNA] },
      tehranEditor,
    );
    expect(added.result.delegation).toEqual({ version: 5, sources: [{ publisher: 'IRNA' }, { publisher: 'Sputnik' }] });
    const removed = await mutate(
      'removeDelegationSources',
      'delegation { version sources { publisher } }',
      { id: created, version: 5, sourceIds: [SPUTNIK] },
      tehranEditor,
    );
    expect(removed.result.delegation).toEqual({ version: 6, sources: [{ publisher: 'IRNA' }] });
    expect(await node(created, '... on Delegation { sources { publisher } }')).toEqual({
      sources: [{ publisher: 'IRNA' }],
    });
  });

  it('refuses bad input naming the field', async () => {
    const cases: Array<[Record<string, unknown>, unknown[]]> = [
      [
        { senderMunicipalityId: TEHRAN, senderOrganizationId: id('Organization', SEED.organization.tehranCityCouncil) },
        [
          {
            field: ['input', 'senderOrganizationId'],
            message: 'a delegation has one sender: a municipality or an organization, not both',
            code: 'INVALID',
          },
        ],
      ],
      [
        { purpose: 'No sender' },
        [
          {
            field: ['input', 'senderMunicipalityId'],
            message: 'give the sending municipality or organization',
            code: 'INVALID',
          },
        ],
      ],
      [
        { senderMunicipalityId: TEHRAN, members: [{ personId: TEHRAN, title: ' ' }] },
        [
          {
            field: ['input', 'members', '0', 'personId'],
            message: 'names a Municipality, not a Person',
            code: 'WRONG_TYPE',
          },
          { field: ['input', 'members', '0', 'title'], message: 'must not be blank', code: 'BLANK' },
        ],
      ],
      [
        { senderMunicipalityId: TEHRAN, headPersonId: id('Person', '00000004-5eed-4000-8000-0000000000ff') },
        [{ field: ['input', 'headPersonId'], message: 'no Person has this id', code: 'NOT_FOUND' }],
      ],
    ];
    for (const [input, userErrors] of cases)
      expect((await refused('createDelegation', input, editor)).userErrors).toEqual(userErrors);
  });

  it("refuses a scoped editor a Moscow delegation, and handing Tehran's to Moscow: FORBIDDEN", async () => {
    expect((await refused('createDelegation', { senderMunicipalityId: MOSCOW }, tehranEditor)).codes).toEqual([
      'FORBIDDEN',
    ]);
    expect(
      (await refused('updateDelegation', { id: MOSCOW_DELEGATION, version: 1, purpose: 'x' }, tehranEditor)).codes,
    ).toEqual(['FORBIDDEN']);
    const handOver = await refused(
      'updateDelegation',
      { id: created, version: 6, senderMunicipalityId: MOSCOW },
      tehranEditor,
    );
    expect(handOver.codes).toEqual(['FORBIDDEN']);
    expect(handOver.message).toMatch(
      /^API key "Tehran city portal" may change only records its municipalities take part in; Delegation /,
    );
    expect((await refused('deleteDelegation', { id: MOSCOW_DELEGATION, version: 1 }, tehranEditor)).codes).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('refuses deleting a delegation that has visits (IN_USE), and deletes one that has none, with its members and citations', async () => {
    const inUse = await refused('deleteDelegation', { id: TEHRAN_DELEGATION, version: 1 }, tehranEditor);
    expect(inUse.userErrors).toEqual([
      { field: ['input', 'id'], message: 'the delegation has recorded visits; delete them first', code: 'IN_USE' },
    ]);
    const { result } = await mutate('deleteDelegation', 'delegation { id }', { id: created, version: 6 }, tehranEditor);
    expect(result).toEqual({ delegation: null, userErrors: [], clientMutationId: null });
    expect(await node(created, '... on Delegation { id }')).toBeNull();
    const uuid = Buffer.from(created, 'base64url').toString().split(':')[1];
    expect(
      await sql(
        `SELECT (SELECT count(*) FROM delegation_member WHERE delegation_id = $1)::int AS members,
      (SELECT count(*) FROM citation WHERE delegation_id = $1)::int AS citations`,
        [uuid],
      ),
    ).toEqual([{ members: 0, citations: 0 }]);
    expect(
      await sql(
        `SELECT action, before->'members' AS members, before->'sources' AS sources FROM audit_log WHERE mutation = 'deleteDelegation'`,
      ),
    ).toEqual([
      {
        action: 'DELETE',
        sources: [SEED.source.irna],
        members: [
          { person_id: SEED.person.mozaffari, title: 'Deputy for International Relations', ordinal: 1 },
          { person_id: SEED.person.sobyanin, title: 'Guest', ordinal: 3 },
        ],
      },
    ]);
  });
});
