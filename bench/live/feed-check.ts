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

/** `count` registerChanged subscribers from `after`, one connection each, spread over the processes. */
export class FeedWatch {
  readonly subscribers: FeedSubscriber[] = [];
  private readonly clients: Client[] = [];
  private ending = false;

  open(urls: readonly string[], after: string, count: number): void {
    for (let index = 0; index < count; index++) {
      const subscriber: FeedSubscriber = {
        index,
        process: index % urls.length,
        connected: false,
        received: [],
        errors: [],
      };
      this.subscribers.push(subscriber);
      const client = createClient({
        url: urls[subscriber.process],
        webSocketImpl: WebSocket,
        connectionParams: {},
        lazy: false,
        retryAttempts: 0,
        onNonLazyError: (error) => subscriber.errors.push(`connection failed: ${describe(error)}`),
        on: {
          connected: () => (subscriber.connected = true),
          closed: (event) => {
            if (!this.ending) subscriber.errors.push(`closed: ${describe(event)}`);
          },
        },
      });
      this.clients.push(client);
      client.subscribe<{ registerChanged: FeedEntry }>(
        { query: STREAM, variables: { after } },
        {
          next: (result) => {
            if (result.errors?.length) subscriber.errors.push(`errors: ${JSON.stringify(result.errors).slice(0, 300)}`);
            if (result.data?.registerChanged) subscriber.received.push(result.data.registerChanged);
          },
          error: (error) => {
            if (!this.ending) subscriber.errors.push(`error: ${describe(error)}`);
          },
          complete: () => {
            if (!this.ending) subscriber.errors.push('completed by the server');
          },
        },
      );
    }
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
    while (this.subscribers.some((s) => s.received.length < count && s.errors.length === 0) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
  }

  async close(): Promise<void> {
    this.ending = true;
    await Promise.all(this.clients.map((client) => client.dispose()));
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
  subscribers: Array<SequenceCheck & { index: number; process: number; errors: string[] }>;
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
