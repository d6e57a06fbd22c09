import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { hasVisibleCharacter, normalizeText, textProblem } from '../src/common/text/input-text';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * The one rule for text a caller sends (src/common/text/input-text.ts): refused characters,
 * NFC on the way in, names that must show something, slugs that are what they look like.
 */
let api: TestServer;
let editor: Key;
beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Editor');
});
afterAll(() => api.stop());

const { mutate, refused } = writeHarness(() => api, ['person', 'municipality', 'audit_log']);
const IRNA = toGlobalId('Source', SEED.source.irna);

describe('the rule', () => {
  test.each([
    ['teh\u0000ran', 'must not contain NUL (U+0000)'],
    ['teh\ud800ran', 'must be valid Unicode (it contains a lone surrogate)'],
    ['\udc00', 'must be valid Unicode (it contains a lone surrogate)'],
    ['bell\u0007', 'must not contain control characters (found U+0007)'],
    ['\u202Enarhet', 'must not contain bidirectional override or isolate controls (found U+202E)'],
    ['a\u2066b', 'must not contain bidirectional override or isolate controls (found U+2066)'],
  ])('refuses %j', (text, message) => {
    expect(textProblem(text)).toBe(message);
  });

  test.each([
    ['Persian with a zero-width non-joiner', 'شهرداری‌ها'],
    ['a right-to-left mark', 'تهران\u200F (Tehran)'],
    ['a pair of surrogates (an emoji)', 'Tehran 🏙'],
    ['lines and tabs of a summary', 'first line\n\tsecond line\r\n'],
  ])('keeps %s', (_, text) => {
    expect(textProblem(text)).toBeNull();
  });

  test('visible characters and NFC', () => {
    expect(hasVisibleCharacter('\u200B\u200C\u2060\uFEFF')).toBe(false);
    expect(hasVisibleCharacter('\u00A0\u3000 ')).toBe(false);
    expect(hasVisibleCharacter('\u0301')).toBe(false);
    expect(hasVisibleCharacter('ت')).toBe(true);
    expect(normalizeText('Jose\u0301')).toBe('Jos\u00E9');
  });
});

describe('through the API', () => {
  test('a name made only of zero-width characters is blank, and nothing is written', async () => {
    const { userErrors } = await refused(
      'createPerson',
      { names: [{ lang: 'en', value: '\u200B\u200C\u2060' }], sourceIds: [IRNA] },
      editor,
    );
    expect(userErrors).toEqual([
      { field: ['input', 'names', '0', 'value'], message: 'must not be blank', code: 'BLANK' },
    ]);
  });

  test('text is stored in NFC, and a decomposed search finds it', async () => {
    const { result } = await mutate(
      'createPerson',
      'person { id names { lang value } }',
      { names: [{ lang: 'en', value: 'Jose\u0301 Nu\u0301n\u0303ez' }], sourceIds: [IRNA] },
      editor,
    );
    expect(result.userErrors).toEqual([]);
    expect(result.person.names).toEqual([{ lang: 'en', value: 'Jos\u00E9 N\u00FA\u00F1ez' }]);
    const [{ names }] = await api.database.dataSource.query("SELECT names FROM person WHERE names->>'en' = $1", [
      'Jos\u00E9 N\u00FA\u00F1ez',
    ]);
    expect(names).toEqual({ en: 'Jos\u00E9 N\u00FA\u00F1ez' });
    const found = await api.query('query ($q: String!) { search(query: $q, first: 3) { ... on Person { id } } }', {
      q: 'Jose\u0301 Nu\u0301n\u0303ez',
    });
    expect(found.data!.search).toEqual([{ id: result.person.id }]);
  });

  test('a literal in the document is normalized too', async () => {
    const found = await api.query('{ search(query: "Jose\u0301", first: 3) { ... on Person { name } } }');
    expect(found.data!.search).toEqual([{ name: 'Jos\u00E9 N\u00FA\u00F1ez' }]);
  });

  test('a homoglyph slug finds nothing, and cannot be taken', async () => {
    // "tеhran" with a Cyrillic е (U+0435).
    const lookup = await api.query('{ municipality(slug: "t\u0435hran") { slug } }');
    expect(lookup).toMatchObject({ status: 200, data: { municipality: null } });
    expect(lookup.errors).toBeUndefined();
    const { userErrors } = await refused(
      'createMunicipality',
      {
        slug: 't\u0435hran',
        names: [{ lang: 'en', value: 'Tehran' }],
        countryCode: 'IR',
      },
      editor,
    );
    expect(userErrors).toEqual([
      {
        field: ['input', 'slug'],
        message: 'must be lowercase letters and digits in words joined by single hyphens',
        code: 'INVALID',
      },
    ]);
  });
});
