import { loadConfig } from '../src/config';
import { configError as refusal } from './helpers/config';

/** The settings of read replicas and of the primary's other connections (issue 18), as loadConfig reads them. */
const configError = (env: Record<string, string>) => refusal(env).message;

const PRIMARY = 'postgres://api:secret@primary:5432/register';

test('no replicas by default; DATABASE_REPLICA_URLS is a comma-separated list, trimmed, in order', () => {
  expect(loadConfig({}).replicas).toEqual({ urls: [], maxLagMs: 1000, checkIntervalMs: 500 });
  expect(
    loadConfig({
      DATABASE_URL: PRIMARY,
      DATABASE_REPLICA_URLS: ' postgres://api@replica-1/register , postgresql://api@replica-2/register,',
      REPLICA_MAX_LAG_MS: '250',
      REPLICA_CHECK_INTERVAL_MS: '100',
    }).replicas,
  ).toEqual({
    urls: ['postgres://api@replica-1/register', 'postgresql://api@replica-2/register'],
    maxLagMs: 250,
    checkIntervalMs: 100,
  });
});

test('replicas need a primary, URLs that are PostgreSQL URLs, and at most 16 of them; errors never repeat a URL', () => {
  expect(configError({ DATABASE_REPLICA_URLS: 'postgres://api@replica/register' })).toBe(
    'DATABASE_REPLICA_URLS: needs DATABASE_URL (the primary): the embedded database is one process with no replicas',
  );
  expect(configError({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'postgres://a@r/x,mysql://u:pw@r/x' })).toBe(
    'DATABASE_REPLICA_URLS: URL 2 must start with postgres:// (got "mysql://")',
  );
  expect(configError({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: 'not a url with a password' })).toBe(
    'DATABASE_REPLICA_URLS: URL 1 is not a URL (expected postgres://user@host:port/database)',
  );
  const seventeen = Array.from({ length: 17 }, (_, i) => `postgres://api@replica-${i}/register`).join(',');
  expect(configError({ DATABASE_URL: PRIMARY, DATABASE_REPLICA_URLS: seventeen })).toBe(
    'DATABASE_REPLICA_URLS: names 17 replicas; at most 16',
  );
  expect(configError({ REPLICA_MAX_LAG_MS: '-1' })).toBe(
    'REPLICA_MAX_LAG_MS: must be a whole number from 0 to 3600000 (got "-1")',
  );
  expect(configError({ REPLICA_CHECK_INTERVAL_MS: '5' })).toBe(
    'REPLICA_CHECK_INTERVAL_MS: must be a whole number from 10 to 600000 (got "5")',
  );
});

test('DATABASE_DIRECT_URL and DATABASE_PREPARED_STATEMENTS, for a transaction pooler in front of PostgreSQL', () => {
  expect([loadConfig({}).databaseDirectUrl, loadConfig({}).prepareStatements]).toEqual([undefined, true]);
  const pooled = loadConfig({
    DATABASE_URL: 'postgres://api@pgbouncer:6432/register',
    DATABASE_DIRECT_URL: PRIMARY,
    DATABASE_PREPARED_STATEMENTS: 'false',
  });
  expect([pooled.databaseDirectUrl, pooled.prepareStatements]).toEqual([PRIMARY, false]);
  expect(configError({ DATABASE_DIRECT_URL: 'redis://primary' })).toBe(
    'DATABASE_DIRECT_URL: must start with postgres:// (got "redis://")',
  );
  expect(configError({ DATABASE_PREPARED_STATEMENTS: 'sometimes' })).toBe(
    'DATABASE_PREPARED_STATEMENTS: must be true or false (got "sometimes")',
  );
});
