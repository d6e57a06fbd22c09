import { Client } from 'pg';

/** Drops `database` if it exists (closing its sessions) and creates it empty. */
export async function recreateDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`--database-url: database name "${name}" must be lower-case letters, digits and _`);
  if (name === 'postgres')
    throw new Error('--database-url: refusing to drop the "postgres" database; name a database of its own');
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/** Row counts of the tables the benchmark talks about. */
export async function tableCounts(url: string): Promise<Record<string, number>> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = [
      'municipality',
      'agreement',
      'agreement_party',
      'visit',
      'delegation',
      'delegation_member',
      'person',
      'mayoral_term',
      'citation',
    ];
    const { rows } = await client.query(
      `SELECT ${tables.map((table) => `(SELECT count(*) FROM ${table})::int AS ${table}`).join(', ')}`,
    );
    return rows[0];
  } finally {
    await client.end();
  }
}
