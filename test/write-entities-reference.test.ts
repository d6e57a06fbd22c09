import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * Writes of sources and organizations (issue 6, item 1). Each success is read back through the
 * API; each refusal leaves the database as it was. Committees and areas: write-entities-areas.test.ts.
 */
const id = toGlobalId;
const TEHRAN = id('Municipality', SEED.municipality.tehran);
const MOSCOW = id('Municipality', SEED.municipality.moscow);
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

const TABLES = ['source', 'organization', 'delegation', 'citation', 'audit_log', 'client_mutation'];
const { sql, mutate, refused, createOnce, query, node } = writeHarness(() => api, TABLES);

describe('sources (unscoped keys only)', () => {
  const SOURCE =
    'version kind publisher title language publishedOn fa: publishedOn(calendar: PERSIAN) url reference licence';
  let source: string;

  it('adds a source dated in the Persian calendar, read back; a retry writes one row', async () => {
    const created = await createOnce(
      'createSource',
      'source',
      SOURCE,
      {
        kind: 'NEWS_REPORT',
        publisher: 'Hamshahri',
        title: 'قالیباف در مسکو',
        language: 'fa',
        publishedOn: '1394-08-27',
        calendar: 'PERSIAN',
        url: 'https://example.org/news/465318',
        reference: 'news code 465318',
        clientMutationId: 'hamshahri',
      },
      editor,
    );
    source = created.id;
    const expected = {
      version: 1,
      kind: 'NEWS_REPORT',
      publisher: 'Hamshahri',
      title: 'قالیباف در مسکو',
      language: 'fa',
      publishedOn: '2015-11-18',
      fa: '1394-08-27',
      url: 'https://example.org/news/465318',
      reference: 'news code 465318',
      licence: null,
    };
    expect(created.values).toEqual(expected);
    expect(await node(source, `... on Source { ${SOURCE} }`)).toEqual(expected);
  });

  it('clears the URL and sets a licence; a stale version is refused with CONFLICT', async () => {
    const { result } = await mutate(
      'updateSource',
      'source { version url licence }',
      { id: source, version: 1, url: null, licence: 'CC BY 4.0' },
      editor,
    );
    expect(result.source).toEqual({ version: 2, url: null, licence: 'CC BY 4.0' });
    expect(await node(source, '... on Source { version url licence title }')).toEqual({
      version: 2,
      url: null,
      licence: 'CC BY 4.0',
      title: 'قالیباف در مسکو',
    });
    expect((await refused('updateSource', { id: source, version: 1, title: 'Lost' }, editor)).codes).toEqual([
      'CONFLICT',
    ]);
  });

  it('refuses bad input naming each field', async () => {
    expect(
      (
        await refused(
          'createSource',
          { kind: 'BLOG', publisher: ' ', title: 'T', language: 'xx', url: 'ftp://example.org/a' },
          editor,
        )
      ).userErrors,
    ).toEqual([
      { field: ['input', 'publisher'], message: 'must not be blank', code: 'BLANK' },
      {
        field: ['input', 'language'],
        message: '"xx" is not a known BCP 47 language tag (such as "en", "fa", "ru", "zh-Hant")',
        code: 'UNKNOWN_LANGUAGE',
      },
      { field: ['input', 'url'], message: 'must be an http:// or https:// address', code: 'INVALID' },
    ]);
  });

  it('lets a key scoped to Tehran add a source, but not change one: sources are shared by every city (FORBIDDEN)', async () => {
    const { result } = await mutate(
      'createSource',
      'source { publisher title }',
      { kind: 'BLOG', publisher: 'Tehran portal', title: 'Our visit', language: 'en' },
      tehranEditor,
    );
    expect(result).toEqual({
      source: { publisher: 'Tehran portal', title: 'Our visit' },
      userErrors: [],
      clientMutationId: null,
    });
    expect((await refused('updateSource', { id: IRNA, version: 1, licence: 'none' }, tehranEditor)).codes).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('refuses deleting a cited source (IN_USE), and deletes one no record cites', async () => {
    expect((await refused('deleteSource', { id: IRNA, version: 1 }, editor)).userErrors).toEqual([
      {
        field: ['input', 'id'],
        message: 'records still cite this source; remove those citations first',
        code: 'IN_USE',
      },
    ]);
    expect((await mutate('deleteSource', 'source { id }', { id: source, version: 2 }, editor)).result).toEqual({
      source: null,
      userErrors: [],
      clientMutationId: null,
    });
    expect(await node(source, '... on Source { id }')).toBeNull();
  });
});

describe('organizations (scoped by the municipality they belong to)', () => {
  const ORGANIZATION = 'version name names { lang value } kind municipality { slug } countryCode sources { publisher }';
  let department: string;

  it('a Tehran editor adds a Tehran department with a source, read back by slug; a retry writes one row', async () => {
    const created = await createOnce(
      'createOrganization',
      'organization',
      ORGANIZATION,
      {
        slug: 'tehran-international-affairs',
        kind: 'MUNICIPAL_DEPARTMENT',
        municipalityId: TEHRAN,
        sourceIds: [IRNA],
        clientMutationId: 'department',
        names: [
          { lang: 'fa', value: 'اداره کل روابط بین‌الملل شهرداری تهران' },
          { lang: 'en', value: 'Tehran Municipality International Affairs' },
        ],
      },
      tehranEditor,
    );
    department = created.id;
    const expected = {
      version: 1,
      name: 'Tehran Municipality International Affairs',
      kind: 'MUNICIPAL_DEPARTMENT',
      municipality: { slug: 'tehran' },
      names: [
        { lang: 'en', value: 'Tehran Municipality International Affairs' },
        { lang: 'fa', value: 'اداره کل روابط بین‌الملل شهرداری تهران' },
      ],
      countryCode: null,
      sources: [{ publisher: 'IRNA' }],
    };
    expect(created.values).toEqual(expected);
    expect(
      (await query(`{ organization(slug: "tehran-international-affairs") { ${ORGANIZATION} } }`)).organization,
    ).toEqual(expected);
  });

  it('changes its kind and sources; moving it to Moscow or a stale version is refused', async () => {
    const { result } = await mutate(
      'updateOrganization',
      'organization { version kind }',
      { id: department, version: 1, kind: 'MUNICIPAL_ADMINISTRATION' },
      tehranEditor,
    );
    expect(result.organization).toEqual({ version: 2, kind: 'MUNICIPAL_ADMINISTRATION' });
    const cited = await mutate(
      'addOrganizationSources',
      'organization { version sources { publisher } }',
      { id: department, version: 2, sourceIds: [SPUTNIK] },
      tehranEditor,
    );
    expect(cited.result.organization).toEqual({
      version: 3,
      sources: [{ publisher: 'IRNA' }, { publisher: 'Sputnik' }],
    });
    const uncited = await mutate(
      'removeOrganizationSources',
      'organization { version sources { publisher } }',
      { id: department, version: 3, sourceIds: [IRNA] },
      tehranEditor,
    );
    expect(uncited.result.organization).toEqual({ version: 4, sources: [{ publisher: 'Sputnik' }] });
    expect(await node(department, '... on Organization { version kind sources { publisher } }')).toEqual({
      version: 4,
      kind: 'MUNICIPAL_ADMINISTRATION',
      sources: [{ publisher: 'Sputnik' }],
    });
    expect(
      (await refused('updateOrganization', { id: department, version: 4, municipalityId: MOSCOW }, tehranEditor)).codes,
    ).toEqual(['FORBIDDEN']);
    expect(
      (await refused('updateOrganization', { id: department, version: 1, kind: 'OTHER' }, tehranEditor)).codes,
    ).toEqual(['CONFLICT']);
  });

  it('refuses a Tehran editor an embassy, which belongs to no municipality (FORBIDDEN)', async () => {
    const embassy = { kind: 'EMBASSY', countryCode: 'IR', names: [{ lang: 'en', value: 'Embassy of Iran in Moscow' }] };
    expect((await refused('createOrganization', embassy, tehranEditor)).codes).toEqual(['FORBIDDEN']);
  });

  it('refuses bad input naming the field', async () => {
    const names = [{ lang: 'en', value: 'Body' }];
    const cases: Array<[Record<string, unknown>, unknown[]]> = [
      [
        { names, kind: 'OTHER', municipalityId: TEHRAN, countryCode: 'IR' },
        [
          {
            field: ['input', 'countryCode'],
            message: 'an organization belongs to a municipality or to a country, not both',
            code: 'INVALID',
          },
        ],
      ],
      [
        { names, kind: 'CITY_COUNCIL', slug: 'tehran-city-council' },
        [{ field: ['input', 'slug'], message: 'another organization has this slug', code: 'TAKEN' }],
      ],
      [
        { names, kind: 'EMBASSY', slug: 'Bad Slug', countryCode: 'XX' },
        [
          {
            field: ['input', 'slug'],
            message: 'must be lowercase letters and digits in words joined by single hyphens',
            code: 'INVALID',
          },
          {
            field: ['input', 'countryCode'],
            message: '"XX" is not an ISO 3166-1 alpha-2 country code in capitals (such as "IR", "RU")',
            code: 'UNKNOWN_COUNTRY',
          },
        ],
      ],
    ];
    for (const [input, userErrors] of cases)
      expect((await refused('createOrganization', input, editor)).userErrors).toEqual(userErrors);
  });

  it('refuses deleting one that sent a delegation (IN_USE), and deletes it once it has none', async () => {
    const uuid = Buffer.from(department, 'base64url').toString().split(':')[1];
    await sql('INSERT INTO delegation (sender_organization_id) VALUES ($1)', [uuid]);
    expect((await refused('deleteOrganization', { id: department, version: 4 }, tehranEditor)).userErrors).toEqual([
      { field: ['input', 'id'], message: 'the organization sent a recorded delegation', code: 'IN_USE' },
    ]);
    await sql('DELETE FROM delegation WHERE sender_organization_id = $1', [uuid]);
    expect(
      (await mutate('deleteOrganization', 'organization { id }', { id: department, version: 4 }, tehranEditor)).result
        .userErrors,
    ).toEqual([]);
    expect((await query('{ organization(slug: "tehran-international-affairs") { slug } }')).organization).toBeNull();
  });
});
