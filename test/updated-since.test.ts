import { ApiKeyRole } from '../src/auth/api-key';
import { toGlobalId } from '../src/common/global-id';
import { SEED } from '../src/database/seed';
import { makeKey } from './helpers/keys';
import { Key, writeHarness } from './helpers/mutations';
import { startTestServer, TestServer } from './helpers/server';

/**
 * updatedAt on every record and `updatedSince` on the top-level lists (issue 16, a portal's
 * sync): a record written after a moment shows in the lists asked from that moment, one left
 * alone does not; writes to the rows a record owns (links, citations) move it too, whichever
 * path made them.
 */
let api: TestServer;
let editor: Key;
const { mutate } = writeHarness(() => api, ['agreement']);
const gid = (type: string, id: string) => toGlobalId(type, id);
const SISTER = gid('Agreement', SEED.agreement.sisterCityPact);
const MEMORANDUM = gid('Agreement', SEED.agreement.moscowMemorandum);
const MOSCOW_VISIT = gid('Visit', SEED.visit.moscow);
const TEHRAN = gid('Municipality', SEED.municipality.tehran);
const IRNA = gid('Source', SEED.source.irna);

beforeAll(async () => {
  api = await startTestServer();
  editor = await makeKey(api.database.dataSource, ApiKeyRole.EDITOR, 'Sync editor');
});
afterAll(() => api.stop());

/** The database's clock, which stamps updated_at (not the test's). */
async function databaseNow(): Promise<string> {
  const [{ now }] = await api.database.dataSource.query(`SELECT to_json(clock_timestamp())#>>'{}' AS now`);
  return new Date(now).toISOString();
}

async function ids(field: string, since: string, extra = ''): Promise<string[]> {
  const filtered = ['sources', 'cooperationAreas'].includes(field);
  const argument = filtered ? `updatedSince: $since` : `filter: { updatedSince: $since }`;
  const list =
    field === 'cooperationAreas'
      ? `${field}(${argument}) { id }`
      : `${field}(first: 50, ${argument}${extra}) { nodes { id } }`;
  const response = await api.query(`query ($since: DateTime!) { ${list} }`, { since });
  expect(response.errors).toBeUndefined();
  const value = response.data![field];
  return (Array.isArray(value) ? value : value.nodes).map((node: { id: string }) => node.id).sort();
}

async function version(id: string): Promise<number> {
  const response = await api.query(
    'query ($id: ID!) { node(id: $id) { ... on Agreement { version } ... on Visit { version } ... on Municipality { version } } }',
    { id },
  );
  return response.data!.node.version;
}

describe('updatedAt', () => {
  it('is on every Node, with createdAt, and says when the record last changed', async () => {
    const before = await databaseNow();
    const { result } = await mutate(
      'updateAgreement',
      'agreement { id createdAt updatedAt }',
      { id: MEMORANDUM, version: await version(MEMORANDUM), summary: 'Synced summary' },
      editor,
    );
    const [row] = await api.database.dataSource.query(
      `SELECT to_json(created_at)#>>'{}' AS created, to_json(updated_at)#>>'{}' AS updated FROM agreement WHERE id = $1`,
      [SEED.agreement.moscowMemorandum],
    );
    // Milliseconds, as DateTime writes them: a moment never after the stored one.
    expect(result.agreement).toEqual({
      id: MEMORANDUM,
      createdAt: new Date(row.created).toISOString(),
      updatedAt: new Date(row.updated).toISOString(),
    });
    expect(result.agreement.updatedAt >= before.slice(0, 23)).toBe(true);
    expect(result.agreement.createdAt < before).toBe(true);
  });
});

describe('updatedSince', () => {
  let since: string;
  beforeAll(async () => {
    since = await databaseNow();
  });

  it('lists nothing when nothing changed since the moment', async () => {
    for (const field of [
      'agreements',
      'visits',
      'delegations',
      'municipalities',
      'persons',
      'sources',
      'cooperationAreas',
    ]) {
      expect([field, await ids(field, since)]).toEqual([field, []]);
    }
  });

  it('lists the agreement updated after it and not the ones left alone, in lists and stats alike', async () => {
    await mutate(
      'updateAgreement',
      'agreement { id }',
      { id: SISTER, version: await version(SISTER), summary: 'New' },
      editor,
    );
    expect(await ids('agreements', since)).toEqual([SISTER]);
    const epoch = '2000-01-01T00:00:00Z';
    expect((await ids('agreements', epoch)).length).toBe(3);
    const stats = await api.query(
      'query ($since: DateTime!) { agreementStats(groupBy: KIND, filter: { updatedSince: $since }) { key count } }',
      { since },
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data!.agreementStats).toEqual([{ key: 'SISTER_CITY', count: 1 }]);
    // A city's own list takes the same filter.
    const nested = await api.query(
      'query ($since: DateTime!) { municipality(slug: "tehran") { agreements(first: 10, filter: { updatedSince: $since }) { nodes { id } } } }',
      { since },
    );
    expect(nested.data!.municipality.agreements.nodes).toEqual([{ id: SISTER }]);
  });

  it('counts a link added to a visit and a source cited for a city as changes of them', async () => {
    const mark = await databaseNow();
    await mutate(
      'addVisitCounterparts',
      'visit { id }',
      {
        id: MOSCOW_VISIT,
        version: await version(MOSCOW_VISIT),
        personIds: [gid('Person', SEED.person.mozaffari)],
      },
      editor,
    );
    const { result } = await mutate(
      'removeMunicipalitySources',
      'municipality { id }',
      {
        id: TEHRAN,
        version: await version(TEHRAN),
        sourceIds: [IRNA],
      },
      editor,
    );
    expect(result.municipality).toEqual({ id: TEHRAN });
    expect(await ids('visits', mark)).toEqual([MOSCOW_VISIT]);
    expect(await ids('municipalities', mark)).toEqual([TEHRAN]);
    expect(await ids('persons', mark)).toEqual([]);
  });

  it('moves updatedAt on writes outside the mutations too (an import adding a citation, upserting a row)', async () => {
    const mark = await databaseNow();
    const sql = (text: string, parameters: unknown[]) => api.database.dataSource.query(text, parameters);
    await sql('INSERT INTO citation (source_id, person_id) VALUES ($1, $2)', [
      SEED.source.sputnik,
      SEED.person.sobyanin,
    ]);
    await sql(`UPDATE delegation SET purpose = 'Imported purpose' WHERE id = $1`, [SEED.delegation.moscowMunicipality]);
    await sql(`UPDATE source SET title = title || ' (imported)' WHERE id = $1`, [SEED.source.sputnik]);
    expect(await ids('persons', mark)).toEqual([gid('Person', SEED.person.sobyanin)]);
    expect(await ids('delegations', mark)).toEqual([gid('Delegation', SEED.delegation.moscowMunicipality)]);
    expect(await ids('sources', mark)).toEqual([gid('Source', SEED.source.sputnik)]);
    expect(await ids('cooperationAreas', mark)).toEqual([]);
  });

  it('moves a visit on a change to what it was about, written outside the mutations', async () => {
    const sql = (text: string, parameters: unknown[]) => api.database.dataSource.query(text, parameters);
    const added = await databaseNow();
    await sql('INSERT INTO visit_subject_municipality (visit_id, municipality_id) VALUES ($1, $2)', [
      SEED.visit.moscow,
      SEED.municipality.saintPetersburg,
    ]);
    expect(await ids('visits', added)).toEqual([MOSCOW_VISIT]);
    const removed = await databaseNow();
    await sql('DELETE FROM visit_subject_municipality WHERE visit_id = $1', [SEED.visit.moscow]);
    expect(await ids('visits', removed)).toEqual([MOSCOW_VISIT]);
  });

  it('includes a record stamped exactly at the moment (at or after)', async () => {
    const [{ stamp }] = await api.database.dataSource.query(
      `SELECT to_json(updated_at)#>>'{}' AS stamp FROM agreement WHERE id = $1`,
      [SEED.agreement.sisterCityPact],
    );
    const exact = new Date(stamp).toISOString();
    expect(await ids('agreements', exact)).toContain(SISTER);
    const later = new Date(new Date(stamp).getTime() + 1).toISOString();
    expect(await ids('agreements', later)).not.toContain(SISTER);
  });

  it('refuses a moment that is no RFC 3339 date-time with BAD_USER_INPUT naming the field', async () => {
    for (const bad of ['yesterday', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-01', '', 1764000000]) {
      const response = await api.query(
        'query ($filter: AgreementFilter) { agreements(filter: $filter) { totalCount } }',
        { filter: { updatedSince: bad } },
      );
      expect(response.data).toBeUndefined();
      expect(response.errors!.map((error) => error.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0].message).toContain('at "filter.updatedSince"');
    }
    // DateTime lets these through; PostgreSQL has no year 0000 or 10000, so the API refuses them.
    for (const [bad, shown] of [
      ['0000-12-31T23:00:00Z', '0000-12-31T23:00:00.000Z'],
      ['9999-12-31T23:59:59-01:00', '+010000-01-01T00:59:59.000Z'],
    ]) {
      const response = await api.query(
        'query ($since: DateTime) { agreements(filter: { updatedSince: $since }) { totalCount } }',
        { since: bad },
      );
      expect(response.errors!.map((error) => [error.extensions?.code, error.message])).toEqual([
        [
          'BAD_USER_INPUT',
          `filter.updatedSince: ${shown} is out of range: give a moment from 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z (UTC)`,
        ],
      ]);
    }
    // A literal is part of the document: a bad one fails validation, at its location.
    const literal = await api.query('{ sources(updatedSince: "soon") { totalCount } }');
    expect(literal.errors!.map((error) => [error.extensions?.code, error.message])).toEqual([
      ['GRAPHQL_VALIDATION_FAILED', 'DateTime cannot represent an invalid date-time-string soon.'],
    ]);
  });
});
