import { performance } from 'node:perf_hooks';
import { LiveQuery } from './documents';
import { Markers } from './markers';

/** A record the writer changes: an agreement shown on an agreements page, or a city-card city. */
export interface WriteTarget {
  kind: 'agreement' | 'municipality';
  /** What answers name it by: the agreement's global id, the municipality's slug. */
  record: string;
  /** Global id, for the mutation. */
  id: string;
  version: number;
  /** An agreement's titles; the writer replaces the English one and keeps the others. */
  titles: Array<{ lang: string; value: string }>;
}

/** One write: when it was due and sent, when its response arrived (the commit), and what it cost. */
export interface Commit {
  write: number;
  record: string;
  kind: WriteTarget['kind'];
  dueAt: number;
  sentAt: number;
  /** performance.now() when the mutation's response arrived; null when it failed. */
  committedAt: number | null;
  recordVersion: number | null;
  /** The API's x-sql-statements header for the mutation. */
  statements: number;
  error: string | null;
}

const UPDATE_AGREEMENT = `mutation BenchRetitle($input: UpdateAgreementInput!) {
  updateAgreement(input: $input) { agreement { id version } userErrors { code message } } }`;
const UPDATE_MUNICIPALITY = `mutation BenchPopulation($input: UpdateMunicipalityInput!) {
  updateMunicipality(input: $input) { municipality { slug version } userErrors { code message } } }`;

interface Answer {
  data?: any;
  errors?: Array<{ message: string }>;
}

async function send(
  url: string,
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown>,
): Promise<{ answer: Answer; statements: number }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  const statements = Number(response.headers.get('x-sql-statements') ?? 0);
  try {
    return { answer: JSON.parse(text), statements };
  } catch {
    return { answer: { errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}` }] }, statements };
  }
}

/**
 * The records the writer changes, taken from what the live queries show: up to
 * `agreements` agreements from the agreements pages' answers (the first two of each page) and
 * up to `cities` city-card cities, with their versions and titles read now.
 */
export async function findTargets(
  url: string,
  queries: readonly LiveQuery[],
  agreements: number,
  cities: number,
): Promise<WriteTarget[]> {
  const agreementIds: string[] = [];
  for (const query of queries.filter((q) => q.name.startsWith('agreements'))) {
    const { answer } = await send(url, {}, query.query, query.variables);
    for (const edge of (answer.data?.agreements?.edges ?? []).slice(0, 2)) {
      if (!agreementIds.includes(edge.node.id)) agreementIds.push(edge.node.id);
    }
  }
  const targets: WriteTarget[] = [];
  for (const id of agreementIds.slice(0, agreements)) {
    const { answer } = await send(
      url,
      {},
      `query ($id: ID!) { node(id: $id) { ... on Agreement { version titles { lang value } } } }`,
      {
        id,
      },
    );
    const node = answer.data?.node;
    if (node) targets.push({ kind: 'agreement', record: id, id, version: node.version, titles: node.titles });
  }
  const slugs = [...new Set(queries.filter((q) => q.name === 'city card').map((q) => String(q.variables.slug)))];
  for (const slug of slugs.slice(0, cities)) {
    const { answer } = await send(url, {}, `query ($slug: String!) { municipality(slug: $slug) { id version } }`, {
      slug,
    });
    const city = answer.data?.municipality;
    if (city) targets.push({ kind: 'municipality', record: slug, id: city.id, version: city.version, titles: [] });
  }
  if (!targets.some((t) => t.kind === 'agreement') || !targets.some((t) => t.kind === 'municipality'))
    throw new Error('the live queries show no agreement or no city card to change');
  return targets;
}

/**
 * Commits `rate` writes a second through the API with an ADMIN key: write n retitles an agreement
 * (n even) or sets a city's population (n odd), cycling over the targets. Writes are sent on
 * schedule without waiting for each other, except that writes to one record go one after the
 * other (each needs the version the previous one returned).
 */
export class Writer {
  readonly commits: Commit[] = [];
  private readonly agreements: WriteTarget[];
  private readonly cities: WriteTarget[];
  private readonly queues = new Map<string, Promise<void>>();

  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly markers: Markers,
    targets: readonly WriteTarget[],
  ) {
    this.agreements = targets.filter((t) => t.kind === 'agreement');
    this.cities = targets.filter((t) => t.kind === 'municipality');
  }

  async run(rate: number, seconds: number): Promise<void> {
    const total = Math.min(Math.round(rate * seconds), Markers.MAX_WRITES);
    const start = performance.now();
    for (let n = 0; n < total; n++) {
      const dueAt = start + (n * 1000) / rate;
      const wait = dueAt - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      const target =
        n % 2 === 0
          ? this.agreements[(n / 2) % this.agreements.length]
          : this.cities[((n - 1) / 2) % this.cities.length];
      const previous = this.queues.get(target.record) ?? Promise.resolve();
      this.queues.set(
        target.record,
        previous.then(() => this.write(n, target, dueAt)),
      );
    }
    await Promise.all(this.queues.values());
  }

  private async write(write: number, target: WriteTarget, dueAt: number): Promise<void> {
    const sentAt = performance.now();
    const commit: Commit = {
      write,
      record: target.record,
      kind: target.kind,
      dueAt,
      sentAt,
      committedAt: null,
      recordVersion: null,
      statements: 0,
      error: null,
    };
    this.commits[write] = commit;
    const input =
      target.kind === 'agreement'
        ? {
            id: target.id,
            version: target.version,
            titles: [
              ...target.titles.filter((title) => title.lang !== 'en'),
              { lang: 'en', value: this.markers.titleOf(write) },
            ],
          }
        : { id: target.id, version: target.version, population: this.markers.populationOf(write) };
    try {
      const { answer, statements } = await send(
        this.url,
        { authorization: `Bearer ${this.secret}` },
        target.kind === 'agreement' ? UPDATE_AGREEMENT : UPDATE_MUNICIPALITY,
        { input },
      );
      const arrived = performance.now();
      commit.statements = statements;
      const payload = target.kind === 'agreement' ? answer.data?.updateAgreement : answer.data?.updateMunicipality;
      const record = target.kind === 'agreement' ? payload?.agreement : payload?.municipality;
      if (answer.errors?.length) commit.error = answer.errors[0].message;
      else if (payload?.userErrors?.length)
        commit.error = `${payload.userErrors[0].code}: ${payload.userErrors[0].message}`;
      else if (!record) commit.error = 'no record in the payload';
      else {
        commit.committedAt = arrived;
        commit.recordVersion = record.version;
        target.version = record.version;
      }
    } catch (error) {
      commit.error = (error as Error).message;
    }
  }
}
