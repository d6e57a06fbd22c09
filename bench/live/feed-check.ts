import { Client, createClient } from 'graphql-ws';
import { Pool } from 'pg';
import WebSocket from 'ws';
import { post } from '../lib/graphql-client';
import { describe } from './subscribers';

/** One change as the feed gives it. */
export interface FeedEntry {
  cursor: string;
  recordId: string;
  recordType: string;
  recordVersion: number | null;
}

/** A registerChanged subscriber: what it received, in order, and what went wrong. */
export interface FeedSubscriber {
  index: number;
  process: number;
  connected: boolean;
  received: FeedEntry[];
  errors: string[];
  /** Times its stream ended and it resumed from its last cursor. */
  resumes: number;
}

const FIELDS = 'cursor recordId recordType recordVersion';
const STREAM = `subscription FeedCheck($after: String) { registerChanged(after: $after) { ${FIELDS} } }`;

/** The audit sequence number a cursor names (base64url of "version.seq"). */
export function auditSeqOf(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8').split('.')[1];
}

/** The register version (commit) a cursor names. */
export function commitVersionOf(cursor: string): string {
  return Buffer.from(cursor, 'base64url').toString('utf8').split('.')[0];
}

/** Where the feed ends now (`changes(first: 0)`), and the audit log's last sequence number. */
export async function feedStart(url: string, pool: Pool): Promise<{ cursor: string; auditSeq: string }> {
  const answer = await post(url, '{ changes(first: 0) { pageInfo { endCursor } } }', {});
  const cursor = answer.data?.changes?.pageInfo?.endCursor;
  if (!cursor) throw new Error(`changes(first: 0) gave no cursor: ${JSON.stringify(answer.errors ?? answer)}`);
  const { rows } = await pool.query(`SELECT coalesce(max(seq), 0)::text AS seq FROM audit_log`);
  return { cursor, auditSeq: rows[0].seq };
}

/** Resumptions allowed per subscriber: past them it stays down, and what it lacks counts as missed. */
const MAX_RESUMES = 50;

/**
 * `count` registerChanged subscribers from `after`, one connection each, spread over the
 * processes. A stream that ends with an error (SERVER_BUSY under load, a dropped socket) is
 * counted, then resumed as the schema tells clients to: a new connection, `after` the last
 * cursor received. The check then says whether resuming lost or repeated anything.
 */
export class FeedWatch {
  readonly subscribers: FeedSubscriber[] = [];
  private readonly clients = new Set<Client>();
  private ending = false;

  open(urls: readonly string[], after: string, count: number): void {
    for (let index = 0; index < count; index++) {
      const subscriber: FeedSubscriber = {
        index,
        process: index % urls.length,
        connected: false,
        received: [],
        errors: [],
        resumes: 0,
      };
      this.subscribers.push(subscriber);
      this.follow(urls[subscriber.process], subscriber, after);
    }
  }

  private follow(url: string, subscriber: FeedSubscriber, start: string): void {
    let ended = false;
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      connectionParams: {},
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: (error) => end(`connection failed: ${describe(error)}`),
      on: {
        connected: () => (subscriber.connected = true),
        closed: (event) => end(`closed: ${describe(event)}`),
      },
    });
    this.clients.add(client);
    const end = (why: string) => {
      if (this.ending || ended) return;
      ended = true;
      subscriber.errors.push(why);
      this.clients.delete(client);
      void client.dispose();
      if (subscriber.resumes >= MAX_RESUMES) return;
      subscriber.resumes++;
      const last = subscriber.received[subscriber.received.length - 1]?.cursor ?? start;
      setTimeout(() => this.follow(url, subscriber, last), 500);
    };
    client.subscribe<{ registerChanged: FeedEntry }>(
      { query: STREAM, variables: { after: start } },
      {
        next: (result) => {
          if (result.errors?.length) subscriber.errors.push(`errors: ${JSON.stringify(result.errors).slice(0, 300)}`);
          if (result.data?.registerChanged) subscriber.received.push(result.data.registerChanged);
        },
        error: (error) => end(`error: ${describe(error)}`),
        complete: () => end('completed by the server'),
      },
    );
  }

  async connected(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.subscribers.some((s) => !s.connected && s.errors.length === 0)) {
      if (Date.now() > deadline) throw new Error('the feed subscribers did not connect');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits until every subscriber has `count` changes (or more), or the time is up. */
  async caughtUp(count: number, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.subscribers.some((s) => s.received.length < count) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
  }

  async close(): Promise<void> {
    this.ending = true;
    await Promise.all([...this.clients].map((client) => client.dispose()));
  }
}

/** The feed from `after` to its end, page by page (`changes(after:, first: 100)`). */
export async function readFeed(url: string, after: string): Promise<FeedEntry[]> {
  const entries: FeedEntry[] = [];
  let cursor = after;
  for (;;) {
    const answer = await post(
      url,
      `query FeedPage($after: String) { changes(after: $after, first: 100) { nodes { ${FIELDS} } pageInfo { endCursor hasNextPage } } }`,
      { after: cursor },
    );
    const page = answer.data?.changes;
    if (!page) throw new Error(`changes(after:) failed: ${JSON.stringify(answer.errors)}`);
    entries.push(...page.nodes);
    if (!page.pageInfo.hasNextPage || page.nodes.length === 0) return entries;
    cursor = page.pageInfo.endCursor;
  }
}

/** Counts of what a list lacks, repeats or has extra against the expected sequence. */
export interface SequenceCheck {
  received: number;
  missed: number;
  duplicated: number;
  /** Changes it has that the expected sequence has not. */
  extra: number;
  /** Same changes, once each, but not in the expected order. */
  outOfOrder: boolean;
}

function compare(expected: readonly string[], got: readonly string[]): SequenceCheck {
  const want = new Set(expected);
  const counts = new Map<string, number>();
  for (const key of got) counts.set(key, (counts.get(key) ?? 0) + 1);
  let duplicated = 0;
  for (const count of counts.values()) if (count > 1) duplicated += count - 1;
  const missed = expected.filter((key) => !counts.has(key)).length;
  const extra = [...counts.keys()].filter((key) => !want.has(key)).length;
  const outOfOrder =
    missed === 0 && duplicated === 0 && extra === 0 && expected.some((key, index) => got[index] !== key);
  return { received: got.length, missed, duplicated, extra, outOfOrder };
}

export interface FeedCheck {
  /** Audit entries of the run (record_type <> 'ApiKey', after the start's last sequence number). */
  auditEntries: number;
  /** The feed read page by page against the audit log (by audit sequence number). */
  feed: SequenceCheck;
  /** Each registerChanged subscriber against the feed read afterwards (by cursor). */
  subscribers: Array<SequenceCheck & { index: number; process: number; resumes: number; errors: string[] }>;
  /** Totals over the feed and the subscribers: the goal is 0 for both. */
  missed: number;
  duplicated: number;
}

/**
 * Every audit entry of the run must be in the feed once (in sequence order within a commit, in
 * commit order between them: the feed's order is not the audit order, so only presence is
 * compared there), and every subscriber must have exactly the feed's sequence: no gap, no
 * repeat, nothing else, the same order.
 */
export async function checkFeed(
  pool: Pool,
  startSeq: string,
  feed: readonly FeedEntry[],
  subscribers: readonly FeedSubscriber[],
): Promise<FeedCheck> {
  const last = feed.length
    ? feed.map((entry) => BigInt(auditSeqOf(entry.cursor))).reduce((a, b) => (a > b ? a : b))
    : 0n;
  const { rows } = await pool.query(
    `SELECT seq::text FROM audit_log WHERE record_type <> 'ApiKey' AND seq > $1 AND seq <= greatest($2::bigint, (SELECT max(seq) FROM audit_log)) ORDER BY seq`,
    [startSeq, last.toString()],
  );
  const audit: string[] = rows.map((row: { seq: string }) => row.seq);
  const feedSeqs = feed.map((entry) => auditSeqOf(entry.cursor));
  const feedCheck = compare(
    audit,
    [...feedSeqs].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0)),
  );
  feedCheck.outOfOrder = false;
  const expected = feed.map((entry) => entry.cursor);
  const checked = subscribers.map((subscriber) => ({
    index: subscriber.index,
    process: subscriber.process,
    resumes: subscriber.resumes,
    errors: subscriber.errors,
    ...compare(
      expected,
      subscriber.received.map((entry) => entry.cursor),
    ),
  }));
  return {
    auditEntries: audit.length,
    feed: feedCheck,
    subscribers: checked,
    missed: feedCheck.missed + checked.reduce((sum, s) => sum + s.missed, 0),
    duplicated: feedCheck.duplicated + checked.reduce((sum, s) => sum + s.duplicated, 0),
  };
}
