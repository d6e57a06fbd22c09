import { makeKey } from './keys';
import { TestServer } from './server';

export type Key = Awaited<ReturnType<typeof makeKey>>;

/**
 * The input type of a mutation: deletes share DeleteInput; adding and removing a list's items
 * share one (AgreementPartiesInput, VisitSourcesInput), except a delegation's members.
 */
export function inputTypeOf(field: string): string {
  if (field.startsWith('delete')) return 'DeleteInput';
  const shared = /^(add|remove)(\w+)$/.exec(field);
  return shared && shared[2] !== 'DelegationMembers'
    ? `${shared[2]}Input`
    : `${field[0].toUpperCase()}${field.slice(1)}Input`;
}

/**
 * What the write tests do over and over, on the test's server (`api()`, started in its
 * beforeAll): send a mutation, check a refused one left `tables` exactly as they were (every
 * row, compared as JSON), check a create retried with its clientMutationId writes once.
 */
export function writeHarness(api: () => TestServer, tables: readonly string[]) {
  const sql = (text: string, parameters: unknown[] = []) => api().database.dataSource.query(text, parameters);
  const fingerprint = () =>
    sql(
      `SELECT ${tables.map((table) => `(SELECT jsonb_agg(t ORDER BY t::text) FROM ${table} t) AS ${table}`).join(', ')}`,
    );

  /** Sends one mutation and returns the response and its payload. */
  async function mutate(field: string, selection: string, input: Record<string, unknown>, key?: Key) {
    const response = await api().query(
      `mutation ($input: ${inputTypeOf(field)}!) { ${field}(input: $input) {
      ${selection} userErrors { field message code } clientMutationId } }`,
      { input },
      key?.headers,
    );
    return { response, result: response.data?.[field] };
  }

  /** Sends a mutation that must be refused, and checks the database is unchanged. */
  async function refused(field: string, input: Record<string, unknown>, key: Key) {
    const before = await fingerprint();
    const { response, result } = await mutate(field, '__typename', input, key);
    expect(await fingerprint()).toEqual(before);
    return {
      codes: response.errors?.map((error) => error.extensions?.code),
      message: response.errors?.[0]?.message,
      userErrors: result?.userErrors,
    };
  }

  /** A create, read back, then retried with its clientMutationId: the same record, nothing written. */
  async function createOnce(
    field: string,
    record: string,
    selection: string,
    input: Record<string, unknown>,
    key: Key,
  ) {
    const { response, result } = await mutate(field, `${record} { id ${selection} }`, input, key);
    expect(response.errors).toBeUndefined();
    expect(result.userErrors).toEqual([]);
    const before = await fingerprint();
    expect((await mutate(field, `${record} { id }`, input, key)).result[record]).toEqual({ id: result[record].id });
    expect(await fingerprint()).toEqual(before);
    const { id: created, ...values } = result[record];
    return { id: created as string, values };
  }

  const query = async (text: string, variables: Record<string, unknown> = {}) =>
    (await api().query(text, variables)).data!;
  const node = async (globalId: string, selection: string) =>
    (await query(`query ($id: ID!) { node(id: $id) { ${selection} } }`, { id: globalId })).node;
  return { sql, fingerprint, mutate, refused, createOnce, query, node };
}

type Mutate = ReturnType<typeof writeHarness>['mutate'];

/**
 * A protocol between the parties (global ids), made through the API with `key`, as a separate
 * instrument (several the same day are not duplicates); fails the test if refused.
 */
export async function createProtocol(
  mutate: Mutate,
  key: Key,
  title: string,
  partyIds: string[],
): Promise<{ id: string; version: number }> {
  const { response, result } = await mutate(
    'createAgreement',
    'agreement { id version }',
    { kind: 'PROTOCOL', titles: [{ lang: 'en', value: title }], partyIds, separateInstrument: true },
    key,
  );
  expect([response.errors, result.userErrors]).toEqual([undefined, []]);
  return result.agreement;
}
