import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Writes of persons and their positions (issue 6, item 1): shared reference data, kept by keys
 * without a municipality scope. Each success is read back through the API; each refusal
 * leaves the database as it was.
 */
const id = toGlobalId;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const COUNCIL = id('Organization', SEED.organization.tehranCityCouncil);
const GHALIBAF = id('Person', SEED.person.ghalibaf);
const MOZAFFARI = id('Person', SEED.person.mozaffari);
const IRNA = id('Source', SEED.source.irna);
const SPUTNIK = id('Source', SEED.source.sputnik);

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

const TABLES = ['person', 'person_position', 'citation', 'visit_counterpart', 'audit_log', 'client_mutation'];
const { sql, fingerprint, mutate, refused, node } = writeHarness(() => api, TABLES);
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64url').toString().split(':')[1];

let ivanov: string;

describe('persons', () => {
  it('an unscoped editor adds a person with names in three scripts and a source; a retry writes one row', async () => {
    const input = {
      names: [
        { lang: 'ru', value: 'Виктор Иванов' },
        { lang: 'en', value: 'Viktor Ivanov' },
        { lang: 'fa', value: 'ویکتور ایوانف' },
      ],
      wikidataId: 'Q1000001',
      sourceIds: [IRNA],
      clientMutationId: 'ivanov',
    };
    const { result } = await mutate(
      'createPerson',
      'person { id version name names { lang value } wikidataId sources { publisher } }',
      input,
      editor,
    );
    ivanov = result.person.id;
    const expected = {
      version: 1,
      name: 'Viktor Ivanov',
      wikidataId: 'Q1000001',
      sources: [{ publisher: 'IRNA' }],
      names: [
        { lang: 'en', value: 'Viktor Ivanov' },
        { lang: 'fa', value: 'ویکتور ایوانف' },
        { lang: 'ru', value: 'Виктор Иванов' },
      ],
    };
    expect(result).toEqual({ person: { id: ivanov, ...expected }, userErrors: [], clientMutationId: 'ivanov' });
    expect(
      await node(ivanov, '... on Person { version name names { lang value } wikidataId sources { publisher } }'),
    ).toEqual(expected);
    const before = await fingerprint();
    expect((await mutate('createPerson', 'person { id }', input, editor)).result.person).toEqual({ id: ivanov });
    expect(await fingerprint()).toEqual(before);
  });

  it('renames a person; a stale version is refused with CONFLICT', async () => {
    const { result } = await mutate(
      'updatePerson',
      'person { version name names { lang value } wikidataId }',
      { id: ivanov, version: 1, names: [{ lang: 'en', value: 'Viktor P. Ivanov' }], wikidataId: 'Q1000002' },
      editor,
    );
    expect(result.person).toEqual({
      version: 2,
      name: 'Viktor P. Ivanov',
      names: [{ lang: 'en', value: 'Viktor P. Ivanov' }],
      wikidataId: 'Q1000002',
    });
    expect(await node(ivanov, '... on Person { version name wikidataId }')).toEqual({
      version: 2,
      name: 'Viktor P. Ivanov',
      wikidataId: 'Q1000002',
    });
    expect((await refused('updatePerson', { id: ivanov, version: 1, wikidataId: null }, editor)).codes).toEqual([
      'CONFLICT',
    ]);
  });

  it('cites sources for a person and removes them', async () => {
    const added = await mutate(
      'addPersonSources',
      'person { version sources { publisher } }',
      { id: ivanov, version: 2, sourceIds: [SPUTNIK] },
      editor,
    );
    expect(added.result.person).toEqual({ version: 3, sources: [{ publisher: 'IRNA' }, { publisher: 'Sputnik' }] });
    const removed = await mutate(
      'removePersonSources',
      'person { version sources { publisher } }',
      { id: ivanov, version: 3, sourceIds: [IRNA] },
      editor,
    );
    expect(removed.result.person).toEqual({ version: 4, sources: [{ publisher: 'Sputnik' }] });
    expect(await node(ivanov, '... on Person { sources { publisher } }')).toEqual({
      sources: [{ publisher: 'Sputnik' }],
    });
  });

  it('refuses bad input naming the field', async () => {
    const cases: Array<[Record<string, unknown>, unknown[]]> = [
      [
        { names: [], wikidataId: 'X1' },
        [
          { field: ['input', 'names'], message: 'names must contain at least 1 elements', code: 'TOO_FEW' },
          { field: ['input', 'wikidataId'], message: 'must be a Wikidata item id such as "Q3616"', code: 'INVALID' },
        ],
      ],
      [
        { names: [{ lang: 'en', value: 'Someone else' }], wikidataId: 'Q1000002' },
        [{ field: ['input', 'wikidataId'], message: 'another person has this Wikidata id', code: 'TAKEN' }],
      ],
    ];
    for (const [input, userErrors] of cases)
      expect((await refused('createPerson', input, editor)).userErrors).toEqual(userErrors);
  });

  it('lets a key scoped to Tehran add a person, but not change one: persons are shared by every city (FORBIDDEN)', async () => {
    const { result } = await mutate(
      'createPerson',
      'person { name }',
      { names: [{ lang: 'en', value: 'A Tehran official' }] },
      tehranEditor,
    );
    expect(result).toEqual({ person: { name: 'A Tehran official' }, userErrors: [], clientMutationId: null });
    expect(
      (await refused('updatePerson', { id: GHALIBAF, version: 1, wikidataId: 'Q1000003' }, tehranEditor)).codes,
    ).toEqual(['FORBIDDEN']);
    expect(
      (await refused('addPersonSources', { id: GHALIBAF, version: 1, sourceIds: [SPUTNIK] }, tehranEditor)).codes,
    ).toEqual(['FORBIDDEN']);
    expect((await refused('deletePerson', { id: ivanov, version: 4 }, tehranEditor)).codes).toEqual(['FORBIDDEN']);
  });
});

describe('positions', () => {
  let position: string;
  const POSITION =
    'position { id version title titles { lang value } person { name } municipality { slug } organization { slug } since until }';

  it('records an office in Moscow from a month on, read back on the person; a retry writes one row', async () => {
    const input = {
      personId: ivanov,
      municipalityId: MOSCOW,
      since: '2012-05',
      clientMutationId: 'ivanov-office',
      titles: [
        { lang: 'en', value: 'Head of External Relations' },
        { lang: 'ru', value: 'Руководитель внешних связей' },
      ],
    };
    const { result } = await mutate('createPosition', POSITION, input, editor);
    position = result.position.id;
    expect(result).toEqual({
      position: {
        id: position,
        version: 1,
        title: 'Head of External Relations',
        person: { name: 'Viktor P. Ivanov' },
        municipality: { slug: 'moscow' },
        titles: [
          { lang: 'en', value: 'Head of External Relations' },
          { lang: 'ru', value: 'Руководитель внешних связей' },
        ],
        organization: null,
        since: '2012-05',
        until: null,
      },
      userErrors: [],
      clientMutationId: 'ivanov-office',
    });
    expect(await node(ivanov, '... on Person { positions { title municipality { slug } since until } }')).toEqual({
      positions: [
        { title: 'Head of External Relations', municipality: { slug: 'moscow' }, since: '2012-05', until: null },
      ],
    });
    const before = await fingerprint();
    expect((await mutate('createPosition', 'position { id }', input, editor)).result.position).toEqual({
      id: position,
    });
    expect(await fingerprint()).toEqual(before);
  });

  it('ends the office; an end before the start (given or stored) and a stale version are refused', async () => {
    const { result } = await mutate(
      'updatePosition',
      'position { version since until }',
      { id: position, version: 1, until: '2016-10' },
      editor,
    );
    expect(result.position).toEqual({ version: 2, since: '2012-05', until: '2016-10' });
    expect(await node(position, '... on Position { version until }')).toEqual({ version: 2, until: '2016-10' });
    expect((await refused('updatePosition', { id: position, version: 2, since: '2017' }, editor)).userErrors).toEqual([
      {
        field: ['input', 'since'],
        message: 'the position would end (2016-10-01) before it began (2017-01-01)',
        code: 'DATES_OUT_OF_ORDER',
      },
    ]);
    expect(
      (await refused('updatePosition', { id: position, version: 2, since: '2013', until: '2012' }, editor)).userErrors,
    ).toEqual([
      {
        field: ['input', 'until'],
        message: 'must not be before since',
        code: 'DATES_OUT_OF_ORDER',
      },
    ]);
    expect((await refused('updatePosition', { id: position, version: 1, until: null }, editor)).codes).toEqual([
      'CONFLICT',
    ]);
  });

  it('refuses an office in both a municipality and an organization, a missing person, and a Moscow office to a Tehran key', async () => {
    const titles = [{ lang: 'en', value: 'Adviser' }];
    expect(
      (
        await refused(
          'createPosition',
          { personId: ivanov, titles, municipalityId: TEHRAN, organizationId: COUNCIL },
          editor,
        )
      ).userErrors,
    ).toEqual([
      {
        field: ['input', 'municipalityId'],
        message: 'give exactly one of municipalityId and organizationId',
        code: 'INVALID',
      },
    ]);
    expect(
      (
        await refused(
          'createPosition',
          { personId: id('Person', '00000004-5eed-4000-8000-0000000000ff'), titles, organizationId: COUNCIL },
          editor,
        )
      ).userErrors,
    ).toEqual([{ field: ['input', 'personId'], message: 'no Person has this id', code: 'NOT_FOUND' }]);
    expect(
      (await refused('createPosition', { personId: MOZAFFARI, titles, municipalityId: MOSCOW }, tehranEditor)).message,
    ).toBe(
      `API key "Tehran city portal" may change only records its municipalities take part in; the new Position would be outside them (taking part: moscow (${MOSCOW}))`,
    );
    expect((await refused('deletePosition', { id: position, version: 2 }, tehranEditor)).codes).toEqual(['FORBIDDEN']);
  });

  it('deletes a position recorded in error; the audit log keeps it', async () => {
    const { result } = await mutate('deletePosition', 'position { id }', { id: position, version: 2 }, editor);
    expect(result).toEqual({ position: null, userErrors: [], clientMutationId: null });
    expect(await node(ivanov, '... on Person { positions { title } }')).toEqual({ positions: [] });
    expect(
      await sql(`SELECT action, before->'titles' AS titles, after FROM audit_log WHERE mutation = 'deletePosition'`),
    ).toEqual([
      {
        action: 'DELETE',
        after: null,
        titles: { en: 'Head of External Relations', ru: 'Руководитель внешних связей' },
      },
    ]);
  });
});

describe('deleting persons', () => {
  it('refuses a person who holds positions or is named by other records (IN_USE), then deletes one who is not', async () => {
    expect((await refused('deletePerson', { id: MOZAFFARI, version: 1 }, editor)).userErrors).toEqual([
      {
        field: ['input', 'id'],
        message: 'the person holds 1 recorded position(s); delete them first (deletePosition)',
        code: 'IN_USE',
      },
    ]);
    await sql('INSERT INTO visit_counterpart (visit_id, person_id) VALUES ($1, $2)', [
      SEED.visit.saintPetersburg,
      uuidOf(ivanov),
    ]);
    expect((await refused('deletePerson', { id: ivanov, version: 4 }, editor)).userErrors).toEqual([
      {
        field: ['input', 'id'],
        message: 'the person is a counterpart of a recorded visit',
        code: 'IN_USE',
      },
    ]);
    expect((await refused('deletePerson', { id: GHALIBAF, version: 1 }, editor)).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'id'], code: 'IN_USE' }),
    ]);

    await sql('DELETE FROM visit_counterpart WHERE person_id = $1', [uuidOf(ivanov)]);
    const { result } = await mutate('deletePerson', 'person { id }', { id: ivanov, version: 4 }, editor);
    expect(result).toEqual({ person: null, userErrors: [], clientMutationId: null });
    expect(await node(ivanov, '... on Person { name }')).toBeNull();
    expect(await sql('SELECT count(*)::int AS n FROM citation WHERE person_id = $1', [uuidOf(ivanov)])).toEqual([
      { n: 0 },
    ]);
  });
});
