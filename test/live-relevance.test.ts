import { parse } from 'graphql';
import { Client } from 'graphql-ws';
import { recordTypesReached } from '../src/live/relevance';
import { buildApiSchema } from '../src/schema';
import { eventually, liveClient, notify, subscribe } from './helpers/live-client';
import { startTestServer, TestServer } from './helpers/server';

/*
 * Which notices run which live queries again. No throttle here (LIVE_THROTTLE_MS=0): every
 * concerned notice runs its cohort at once, so a notice that wrongly concerned a cohort would
 * show as an extra execution rather than hide in a throttled run.
 */

let api: TestServer;
let client: Client;

beforeAll(async () => {
  api = await startTestServer({ seeded: true, env: { LIVE_THROTTLE_MS: '0' } });
  client = liveClient(api);
});

afterAll(async () => {
  await client.dispose();
  await api.stop();
});

const stats = () => api.server.live.stats();

test('a cohort that reads only visits does not run again on an agreement notice', async () => {
  const visits = subscribe(client, `subscription { live { visits(first: 5) { totalCount } } }`);
  const municipalities = subscribe(client, `subscription { live { municipalities(first: 1) { totalCount } } }`);
  await Promise.all([visits.received(1), municipalities.received(1)]);
  const before = stats().executions;
  await notify(api, ['Agreement']);
  await notify(api, ['Municipality']);
  // The Municipality notice runs the second cohort; the Agreement one ran neither.
  await eventually(() => stats().executions >= before + 1, 'the municipality cohort to run');
  await notify(api, ['Visit']);
  await eventually(() => stats().executions >= before + 2, 'the visit cohort to run');
  await notify(api, ['Municipality']);
  await eventually(() => stats().executions >= before + 3, 'the municipality cohort to run again');
  expect(stats().executions - before).toBe(3);
  visits.end();
  municipalities.end();
});

test('a notice naming no types, or a resumed LISTEN, runs every cohort once', async () => {
  const one = subscribe(client, `subscription { live { visits(first: 5) { totalCount } } }`);
  const two = subscribe(client, `subscription { live { municipalities(first: 1) { totalCount } } }`);
  await Promise.all([one.received(1), two.received(1)]);
  const before = stats().executions;
  await notify(api, null);
  await eventually(() => stats().executions >= before + 2, 'both cohorts to run');
  if (api.server.services.changeNotices.kind === 'server') {
    api.server.services.changeNotices.dropConnection();
  } else {
    api.server.services.changeNotices.simulateResume();
  }
  await eventually(() => stats().executions >= before + 4, 'both cohorts to run after the LISTEN resumed');
  expect(stats().executions - before).toBe(4);
  one.end();
  two.end();
});

test('what a live query reaches: record types by their fields, everything past a computed type', () => {
  const schema = buildApiSchema();
  const reach = (query: string) => {
    const found = recordTypesReached(schema, parse(query), api.server.services.dataSource);
    return found === 'everything' ? found : [...found].sort();
  };
  expect(reach('{ visits(first: 5) { totalCount pageInfo { hasNextPage } nodes { id host { slug } } } }')).toEqual([
    'Municipality',
    'Visit',
  ]);
  expect(reach('{ agreement: agreements(first: 1) { edges { node { signatories { person { id } } } } } }')).toEqual([
    'Agreement',
    'Municipality',
    'Organization',
    'Person',
  ]);
  // Partners are computed from agreements and their parties; confidence from citations and sources.
  expect(reach('{ municipality(slug: "tehran") { partners { municipality { slug } } } }')).toBe('everything');
  expect(reach('{ municipality(slug: "tehran") { slug confidence } }')).toBe('everything');
  expect(reach('{ node(id: "x") { id } }')).toBe('everything');
});
