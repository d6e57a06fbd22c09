import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Writes of committees and cooperation areas (issue 6, item 1). Each success is read back
 * through the API; each refusal leaves the database as it was. Sources and organizations:
 * write-entities-reference.test.ts.
 */
const id = toGlobalId;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
const SAINT_PETERSBURG = id('Municipality', SEED.municipality.saintPetersburg);
const MEMORANDUM = id('Agreement', SEED.agreement.moscowMemorandum);
const IRNA = id('Source', SEED.source.irna);
const SPUTNIK = id('Source', SEED.source.sputnik);
const area = (slug: keyof typeof SEED.cooperationArea) => id('CooperationArea', SEED.cooperationArea[slug]);

let api: TestServer;
let admin: Key;
let editor: Key;
let tehranEditor: Key;

beforeAll(async () => {
  api = await startTestServer();
  admin = await makeKey(api.database.dataSource, ApiKeyRole.ADMIN, 'Admin');
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
  tehranEditor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Tehran city portal', [
    SEED.municipality.tehran,
  ]);
});
afterAll(() => api.stop());

const TABLES = ['agreement', 'committee', 'cooperation_area', 'citation', 'audit_log', 'client_mutation'];
const { sql, mutate, refused, createOnce, query, node } = writeHarness(() => api, TABLES);

describe('committees (scoped by the parties of their agreement)', () => {
  const COMMITTEE = 'version name names { lang value } agreement { id } area { slug } status sources { publisher }';
  let committee: string;

  it('a Tehran editor records a committee of the Tehran–Moscow MoU, read back; a retry writes one row', async () => {
    const created = await createOnce(
      'createCommittee',
      'committee',
      COMMITTEE,
      {
        agreementId: MEMORANDUM,
        areaId: area('publicTransport'),
        status: 'ACTIVE',
        sourceIds: [SPUTNIK],
        clientMutationId: 'transport-committee',
        names: [
          { lang: 'en', value: 'Working group on public transport' },
          { lang: 'ru', value: 'Рабочая группа по общественному транспорту' },
        ],
      },
      tehranEditor,
    );
    committee = created.id;
    const expected = {
      version: 1,
      name: 'Working group on public transport',
      agreement: { id: MEMORANDUM },
      area: { slug: 'public-transport' },
      names: [
        { lang: 'en', value: 'Working group on public transport' },
        { lang: 'ru', value: 'Рабочая группа по общественному транспорту' },
      ],
      status: 'ACTIVE',
      sources: [{ publisher: 'Sputnik' }],
    };
    expect(created.values).toEqual(expected);
    expect(await node(committee, `... on Committee { ${COMMITTEE} }`)).toEqual(expected);
  });

  it('dissolves it and clears its area, cites a source; a stale version is refused', async () => {
    const { result } = await mutate(
      'updateCommittee',
      'committee { version status area { slug } }',
      { id: committee, version: 1, status: 'DISSOLVED', areaId: null },
      tehranEditor,
    );
    expect(result.committee).toEqual({ version: 2, status: 'DISSOLVED', area: null });
    const cited = await mutate(
      'addCommitteeSources',
      'committee { version sources { publisher } }',
      { id: committee, version: 2, sourceIds: [IRNA] },
      tehranEditor,
    );
    expect(cited.result.committee).toEqual({ version: 3, sources: [{ publisher: 'IRNA' }, { publisher: 'Sputnik' }] });
    const uncited = await mutate(
      'removeCommitteeSources',
      'committee { version sources { publisher } }',
      { id: committee, version: 3, sourceIds: [SPUTNIK] },
      tehranEditor,
    );
    expect(uncited.result.committee).toEqual({ version: 4, sources: [{ publisher: 'IRNA' }] });
    expect(await node(committee, '... on Committee { version status area { slug } sources { publisher } }')).toEqual({
      version: 4,
      status: 'DISSOLVED',
      area: null,
      sources: [{ publisher: 'IRNA' }],
    });
    expect(
      (await refused('updateCommittee', { id: committee, version: 1, status: 'ACTIVE' }, tehranEditor)).codes,
    ).toEqual(['CONFLICT']);
  });

  it('refuses bad input naming the field, and a Tehran editor a Moscow–Saint Petersburg agreement (FORBIDDEN)', async () => {
    expect(
      (await refused('createCommittee', { agreementId: TEHRAN, names: [{ lang: 'en', value: ' ' }] }, tehranEditor))
        .userErrors,
    ).toEqual([
      { field: ['input', 'agreementId'], message: 'names a Municipality, not an Agreement', code: 'WRONG_TYPE' },
      { field: ['input', 'names', '0', 'value'], message: 'must not be blank', code: 'BLANK' },
    ]);
    const protocol = await mutate(
      'createAgreement',
      'agreement { id }',
      {
        kind: 'PROTOCOL',
        titles: [{ lang: 'en', value: 'Moscow–Saint Petersburg protocol' }],
        partyIds: [MOSCOW, SAINT_PETERSBURG],
      },
      editor,
    );
    const names = [{ lang: 'en', value: 'Joint commission' }];
    expect(
      (await refused('createCommittee', { agreementId: protocol.result.agreement.id, names }, tehranEditor)).codes,
    ).toEqual(['FORBIDDEN']);
  });

  it('deletes a committee recorded in error, with its citations', async () => {
    expect(
      (await mutate('deleteCommittee', 'committee { id }', { id: committee, version: 4 }, tehranEditor)).result
        .userErrors,
    ).toEqual([]);
    expect(await node(committee, '... on Committee { id }')).toBeNull();
    expect(
      (await node(MEMORANDUM, '... on Agreement { committees { name } }')).committees.map(
        (c: { name: string }) => c.name,
      ),
    ).not.toContain('Working group on public transport');
    expect(
      await sql(`SELECT count(*)::int AS n FROM citation WHERE committee_id = $1`, [
        Buffer.from(committee, 'base64url').toString().split(':')[1],
      ]),
    ).toEqual([{ n: 0 }]);
  });
});

describe('cooperation areas (a controlled vocabulary: ADMIN keys decide)', () => {
  const AREA = 'version name names { lang value } parent { slug }';
  let water: string;

  it('an admin adds an area under urban development, read back in the tree; a retry writes one row', async () => {
    const created = await createOnce(
      'createCooperationArea',
      'cooperationArea',
      AREA,
      {
        slug: 'water-supply',
        parentId: area('urbanDevelopment'),
        clientMutationId: 'water',
        names: [
          { lang: 'en', value: 'Water supply' },
          { lang: 'fa', value: 'آبرسانی' },
          { lang: 'ru', value: 'Водоснабжение' },
        ],
      },
      admin,
    );
    water = created.id;
    const expected = {
      version: 1,
      name: 'Water supply',
      parent: { slug: 'urban-development' },
      names: [
        { lang: 'en', value: 'Water supply' },
        { lang: 'fa', value: 'آبرسانی' },
        { lang: 'ru', value: 'Водоснабжение' },
      ],
    };
    expect(created.values).toEqual(expected);
    expect((await query(`{ cooperationArea(slug: "water-supply") { ${AREA} } }`)).cooperationArea).toEqual(expected);
    expect(
      (await query('{ cooperationArea(slug: "urban-development") { children { slug } } }')).cooperationArea.children,
    ).toEqual([{ slug: 'infrastructure' }, { slug: 'transport' }, { slug: 'water-supply' }]);
  });

  // An editor's createCooperationArea now proposes a term (write-who-may-add.test.ts); changing one stays ADMIN's.
  it('refuses an editor key, even without scope, a change to the vocabulary (FORBIDDEN)', async () => {
    const refusal = await refused(
      'updateCooperationArea',
      { id: area('transport'), version: 1, slug: 'sports' },
      editor,
    );
    expect([refusal.codes, refusal.message]).toEqual([
      ['FORBIDDEN'],
      'API key "Editor" has the EDITOR role; this needs ADMIN',
    ]);
  });

  it('moves and relabels an area; a loop in the tree, a slug in use and a stale version are refused', async () => {
    const { result } = await mutate(
      'updateCooperationArea',
      'cooperationArea { version name parent { slug } }',
      {
        id: water,
        version: 1,
        parentId: area('infrastructure'),
        names: [{ lang: 'en', value: 'Water supply and sanitation' }],
      },
      admin,
    );
    expect(result.cooperationArea).toEqual({
      version: 2,
      name: 'Water supply and sanitation',
      parent: { slug: 'infrastructure' },
    });
    expect(
      (await query('{ cooperationArea(slug: "water-supply") { version parent { slug } names { lang } } }'))
        .cooperationArea,
    ).toEqual({ version: 2, parent: { slug: 'infrastructure' }, names: [{ lang: 'en' }] });
    expect(
      (
        await refused(
          'updateCooperationArea',
          { id: area('transport'), version: 1, parentId: area('publicTransport') },
          admin,
        )
      ).userErrors,
    ).toEqual([
      {
        field: ['input', 'parentId'],
        message: 'is the area itself or one of its sub-areas: the tree would loop',
        code: 'INVALID',
      },
    ]);
    expect(
      (await refused('updateCooperationArea', { id: water, version: 2, slug: 'economy' }, admin)).userErrors,
    ).toEqual([{ field: ['input', 'slug'], message: 'another cooperation area has this slug', code: 'TAKEN' }]);
    expect((await refused('updateCooperationArea', { id: water, version: 1, slug: 'water' }, admin)).codes).toEqual([
      'CONFLICT',
    ]);
  });

  it('refuses deleting an area in use or with sub-areas (IN_USE), and deletes an unused one', async () => {
    expect((await refused('deleteCooperationArea', { id: area('environment'), version: 1 }, admin)).userErrors).toEqual(
      [{ field: ['input', 'id'], message: 'agreements are filed under the area', code: 'IN_USE' }],
    );
    expect(
      (await refused('deleteCooperationArea', { id: area('infrastructure'), version: 1 }, admin)).userErrors,
    ).toEqual([expect.objectContaining({ field: ['input', 'id'], code: 'IN_USE' })]);
    expect(
      (await mutate('deleteCooperationArea', 'cooperationArea { id }', { id: water, version: 2 }, admin)).result
        .userErrors,
    ).toEqual([]);
    expect((await query('{ cooperationArea(slug: "water-supply") { slug } }')).cooperationArea).toBeNull();
  });
});
