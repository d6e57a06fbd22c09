import { insertAgreements, insertMunicipalities } from './helpers/factories';
import { startTestServer, TestServer } from './helpers/server';

/**
 * The number of SQL statements a query causes must depend on its shape (nesting), not on
 * how many rows it returns: every relation goes through a per-request DataLoader.
 */
const FOUR_LEVELS = `{
  municipalities(first: 100) {
    totalCount
    nodes {
      slug name(lang: "fa") population { value }
      partners {
        municipality { slug mayors { person { name } } }
        agreements { kind parties { slug } areas { slug parent { slug } } statusHistory { status on } sources { publisher } }
      }
      agreements(first: 5) { totalCount nodes { kind implements { kind } signatories { person { name } } } }
    }
  }
}`;

async function statementsFor(townCount: number): Promise<{ statements: number; rows: number }> {
  const api: TestServer = await startTestServer({ seeded: true });
  try {
    const towns = await insertMunicipalities(api.database.dataSource, townCount);
    // A ring of agreements, plus a chord every third town: everyone has two to four partners.
    await insertAgreements(
      api.database.dataSource,
      towns.flatMap((town, n) => [
        { parties: [town, towns[(n + 1) % townCount]] },
        ...(n % 3 === 0 ? [{ parties: [town, towns[(n + townCount / 2) % townCount]], kind: 'SISTER_CITY' }] : []),
      ]),
    );
    const { data, errors, statements } = await api.query(FOUR_LEVELS);
    expect(errors).toBeUndefined();
    return { statements, rows: data!.municipalities.nodes.length };
  } finally {
    await api.stop();
  }
}

describe('SQL statements per request', () => {
  it('are the same for 10 and for 500 municipalities', async () => {
    const small = await statementsFor(10);
    const large = await statementsFor(500);
    expect(small.rows).toBe(13);
    expect(large.rows).toBe(100);
    expect(large.statements).toBe(small.statements);
    // One per wave of loaders (the relations asked for at one level go together), whatever
    // the rows: 4 here, where one statement per relation was held to at most 16.
    expect(large.statements).toBe(4);
  });
});
