/**
 * All SQL of a video stream's object: the fragment index and the segment headers (Info and Tracks) the
 * fragments were sent under, as named statements typed by their parameters and rows; small state in the
 * object's synchronous KV. The fragments' media are in R2 (media-objects.ts), one object per fragment.
 *
 *   headers   id, digest (SHA-256 of info + tracks, so a header sent again is stored once), info, tracks:
 *             the Info and Tracks elements as the media layer writes them
 *   fragments seq (ingestion order), number (47 digits), producer_ms, server_ms, duration_ms, size_bytes
 *             (the Cluster as received), timecode (the Cluster's, in its header's TimecodeScale units),
 *             header_id, tags (the producer's fragment metadata, JSON, or NULL)
 *   KV        retention hours, the fragment counter and the last time used in a number, the session key,
 *             whether the stream was destroyed
 */
import { migrate } from "../storage/schema";
import { queryRows, runStatement, statement, type Statement } from "../storage/statements";
import type { SimpleTag } from "./media";

export interface FragmentRow {
  seq: number;
  number: string;
  producerMs: number;
  serverMs: number;
  durationMs: number;
  sizeBytes: number;
  timecode: number;
  headerId: number;
  tags: SimpleTag[];
}

export interface HeaderRow {
  id: number;
  info: Uint8Array;
  tracks: Uint8Array;
}

type SqlFragment = {
  seq: number;
  number: string;
  producer_ms: number;
  server_ms: number;
  duration_ms: number;
  size_bytes: number;
  timecode: number;
  header_id: number;
  tags: string | null;
};

/** Each entry is one schema version: the statements that bring the previous version to it. */
const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE headers (
       id INTEGER PRIMARY KEY,
       digest TEXT NOT NULL UNIQUE,
       info BLOB NOT NULL,
       tracks BLOB NOT NULL
     )`,
    `CREATE TABLE fragments (
       seq INTEGER PRIMARY KEY,
       number TEXT NOT NULL UNIQUE,
       producer_ms INTEGER NOT NULL,
       server_ms INTEGER NOT NULL,
       duration_ms INTEGER NOT NULL,
       size_bytes INTEGER NOT NULL,
       timecode INTEGER NOT NULL,
       header_id INTEGER NOT NULL REFERENCES headers(id),
       tags TEXT
     )`,
    "CREATE INDEX fragments_by_producer_time ON fragments (producer_ms)",
    "CREATE INDEX fragments_by_server_time ON fragments (server_ms)",
  ],
];

const COLUMNS = "seq, number, producer_ms, server_ms, duration_ms, size_bytes, timecode, header_id, tags";

const SQL = {
  headerByDigest: statement<[string], { id: number }>("SELECT id FROM headers WHERE digest = ?"),
  insertHeader: statement<[string, ArrayBuffer, ArrayBuffer]>("INSERT INTO headers (digest, info, tracks) VALUES (?, ?, ?)"),
  header: statement<[number], { id: number; info: ArrayBuffer; tracks: ArrayBuffer }>("SELECT id, info, tracks FROM headers WHERE id = ?"),
  insertFragment: statement<[number, string, number, number, number, number, number, number, string | null]>(
    `INSERT INTO fragments (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  after: statement<[number, number, number], SqlFragment>(`SELECT ${COLUMNS} FROM fragments WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`),
  bySeq: statement<[number], SqlFragment>(`SELECT ${COLUMNS} FROM fragments WHERE seq = ?`),
  byNumber: statement<[string], SqlFragment>(`SELECT ${COLUMNS} FROM fragments WHERE number = ?`),
  firstAfterNumber: statement<[string], { seq: number }>("SELECT seq FROM fragments WHERE number > ? ORDER BY seq LIMIT 1"),
  newestAtMost: statement<[number], { seq: number }>("SELECT seq FROM fragments WHERE seq <= ? ORDER BY seq DESC LIMIT 1"),
  bounds: statement<[], { first: number | null; last: number | null }>("SELECT min(seq) AS first, max(seq) AS last FROM fragments"),
  /** The last fragment (by ingestion) to start at or before a time and end after it, by producer time... */
  containingProducer: statement<[number, number], { seq: number }>(
    "SELECT seq FROM fragments WHERE producer_ms <= ? AND producer_ms + duration_ms > ? ORDER BY seq DESC LIMIT 1",
  ),
  containingServer: statement<[number, number], { seq: number }>(
    "SELECT seq FROM fragments WHERE server_ms <= ? AND server_ms + duration_ms > ? ORDER BY seq DESC LIMIT 1",
  ),
  /** ... or else the first to start after it. */
  startingAfterProducer: statement<[number], { seq: number }>("SELECT seq FROM fragments WHERE producer_ms >= ? ORDER BY seq LIMIT 1"),
  startingAfterServer: statement<[number], { seq: number }>("SELECT seq FROM fragments WHERE server_ms >= ? ORDER BY seq LIMIT 1"),
  /** Fragments starting within a range (inclusive), after a seq, in ingestion order. */
  producerRange: statement<[number, number, number, number], SqlFragment>(
    `SELECT ${COLUMNS} FROM fragments WHERE producer_ms >= ? AND producer_ms <= ? AND seq > ? ORDER BY seq LIMIT ?`,
  ),
  serverRange: statement<[number, number, number, number], SqlFragment>(
    `SELECT ${COLUMNS} FROM fragments WHERE server_ms >= ? AND server_ms <= ? AND seq > ? ORDER BY seq LIMIT ?`,
  ),
  /** Fragments starting within a range (inclusive), in order of that time. */
  producerTimes: statement<[number, number, number], SqlFragment>(
    `SELECT ${COLUMNS} FROM fragments WHERE producer_ms >= ? AND producer_ms <= ? ORDER BY producer_ms, seq LIMIT ?`,
  ),
  serverTimes: statement<[number, number, number], SqlFragment>(
    `SELECT ${COLUMNS} FROM fragments WHERE server_ms >= ? AND server_ms <= ? ORDER BY server_ms, seq LIMIT ?`,
  ),
  /** The newest fragments from a seq on (a live window), newest first. */
  newestFrom: statement<[number, number], SqlFragment>(`SELECT ${COLUMNS} FROM fragments WHERE seq >= ? ORDER BY seq DESC LIMIT ?`),
  countBetween: statement<[number, number], { n: number }>("SELECT count(*) AS n FROM fragments WHERE seq >= ? AND seq < ?"),
  newestServerMs: statement<[], { ms: number | null }>("SELECT max(server_ms) AS ms FROM fragments"),
  oldestServerMs: statement<[], { ms: number | null }>("SELECT min(server_ms) AS ms FROM fragments"),
  expired: statement<[number, number], { seq: number; number: string }>("SELECT seq, number FROM fragments WHERE server_ms < ? ORDER BY seq LIMIT ?"),
  deleteUpTo: statement<[number, number]>("DELETE FROM fragments WHERE server_ms < ? AND seq <= ?"),
  dropFragments: statement<[]>("DELETE FROM fragments"),
  dropHeaders: statement<[]>("DELETE FROM headers"),
} as const;

const KV = {
  retentionHours: "retention_hours",
  counter: "fragment_counter",
  lastNumberMs: "last_number_ms",
  sessionKey: "session_key",
  destroyed: "destroyed",
  streamId: "stream_id",
} as const;

function toFragment(row: SqlFragment): FragmentRow {
  return {
    seq: row.seq,
    number: row.number,
    producerMs: row.producer_ms,
    serverMs: row.server_ms,
    durationMs: row.duration_ms,
    sizeBytes: row.size_bytes,
    timecode: row.timecode,
    headerId: row.header_id,
    tags: row.tags === null ? [] : (JSON.parse(row.tags, reviveBinary) as SimpleTag[]),
  };
}

/** TagBinary values travel through JSON as base64. */
function replaceBinary(_key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? { $binary: value.toBase64() } : value;
}

function reviveBinary(_key: string, value: unknown): unknown {
  if (typeof value === "object" && value !== null && "$binary" in value && typeof value.$binary === "string") {
    return Uint8Array.fromBase64(value.$binary);
  }
  return value;
}

export class VideoStreamStore {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  migrate(): void {
    migrate(this.storage, MIGRATIONS);
  }

  private rows<Params extends SqlStorageValue[], Row extends Record<string, SqlStorageValue>>(query: Statement<Params, Row>, ...params: Params): Row[] {
    return queryRows(this.sql, query, ...params);
  }

  private run<Params extends SqlStorageValue[]>(command: Statement<Params, never>, ...params: Params): void {
    runStatement(this.sql, command, ...params);
  }

  private fragments<Params extends SqlStorageValue[]>(statement: Statement<Params, SqlFragment>, ...params: Params): FragmentRow[] {
    return this.rows(statement, ...params).map(toFragment);
  }

  // Small state.

  retentionHours(): number | undefined {
    const value = this.storage.kv.get(KV.retentionHours);
    return typeof value === "number" ? value : undefined;
  }

  setRetentionHours(hours: number): void {
    this.storage.kv.put(KV.retentionHours, hours);
  }

  /** The seq of the last fragment begun (0 before the first). */
  lastSeq(): number {
    return Number(this.storage.kv.get(KV.counter) ?? 0);
  }

  streamId(): string | undefined {
    const value = this.storage.kv.get(KV.streamId);
    return typeof value === "string" ? value : undefined;
  }

  setStreamId(streamId: string): void {
    if (this.streamId() !== streamId) this.storage.kv.put(KV.streamId, streamId);
  }

  destroyed(): boolean {
    return this.storage.kv.get(KV.destroyed) === true;
  }

  /** The next fragment's counter and the time its number carries (never earlier than the last one's). */
  nextNumberParts(nowMs: number): { counter: number; ms: number } {
    const counter = Number(this.storage.kv.get(KV.counter) ?? 0) + 1;
    const ms = Math.max(nowMs, Number(this.storage.kv.get(KV.lastNumberMs) ?? 0));
    this.storage.kv.put(KV.counter, counter);
    this.storage.kv.put(KV.lastNumberMs, ms);
    return { counter, ms };
  }

  sessionKey(): Uint8Array {
    const stored = this.storage.kv.get(KV.sessionKey);
    if (stored instanceof Uint8Array) return stored;
    if (stored instanceof ArrayBuffer) return new Uint8Array(stored);
    const key = crypto.getRandomValues(new Uint8Array(32));
    this.storage.kv.put(KV.sessionKey, key);
    return key;
  }

  // Headers.

  /** The id of this header, stored if it is new. */
  header(digest: string, info: Uint8Array, tracks: Uint8Array): number {
    const found = this.rows(SQL.headerByDigest, digest)[0];
    if (found) return found.id;
    this.run(SQL.insertHeader, digest, new Uint8Array(info).buffer, new Uint8Array(tracks).buffer);
    const inserted = this.rows(SQL.headerByDigest, digest)[0];
    if (!inserted) throw new Error("a header just inserted cannot be read back");
    return inserted.id;
  }

  headerById(id: number): HeaderRow | undefined {
    const row = this.rows(SQL.header, id)[0];
    return row && { id: row.id, info: new Uint8Array(row.info), tracks: new Uint8Array(row.tracks) };
  }

  // Fragments.

  insert(fragment: FragmentRow): void {
    this.run(
      SQL.insertFragment,
      fragment.seq,
      fragment.number,
      fragment.producerMs,
      fragment.serverMs,
      fragment.durationMs,
      fragment.sizeBytes,
      fragment.timecode,
      fragment.headerId,
      fragment.tags.length === 0 ? null : JSON.stringify(fragment.tags, replaceBinary),
    );
  }

  after(seq: number, upTo: number, limit: number): FragmentRow[] {
    return this.fragments(SQL.after, seq, upTo, limit);
  }

  bySeq(seq: number): FragmentRow | undefined {
    return this.fragments(SQL.bySeq, seq)[0];
  }

  byNumber(number: string): FragmentRow | undefined {
    return this.fragments(SQL.byNumber, number)[0];
  }

  firstAfterNumber(comparable: string): number | undefined {
    return this.rows(SQL.firstAfterNumber, comparable)[0]?.seq;
  }

  /** The newest fragment at or before `seq`. */
  newestAtMost(seq: number): number | undefined {
    return this.rows(SQL.newestAtMost, seq)[0]?.seq;
  }

  bounds(): { first: number; last: number } | undefined {
    const row = this.rows(SQL.bounds)[0];
    return row?.first == null || row.last == null ? undefined : { first: row.first, last: row.last };
  }

  /** The fragment a GetMedia starting at a timestamp begins with. */
  startingAt(selector: "PRODUCER_TIMESTAMP" | "SERVER_TIMESTAMP", ms: number): number | undefined {
    const producer = selector === "PRODUCER_TIMESTAMP";
    const containing = this.rows(producer ? SQL.containingProducer : SQL.containingServer, ms, ms)[0];
    return containing?.seq ?? this.rows(producer ? SQL.startingAfterProducer : SQL.startingAfterServer, ms)[0]?.seq;
  }

  /** The fragment (the last ingested, when several) whose time span on `selector` holds `ms`. */
  containing(selector: "PRODUCER_TIMESTAMP" | "SERVER_TIMESTAMP", ms: number): FragmentRow | undefined {
    const seq = this.rows(selector === "PRODUCER_TIMESTAMP" ? SQL.containingProducer : SQL.containingServer, ms, ms)[0]?.seq;
    return seq === undefined ? undefined : this.bySeq(seq);
  }

  inRange(selector: "PRODUCER_TIMESTAMP" | "SERVER_TIMESTAMP", startMs: number, endMs: number, afterSeq: number, limit: number): FragmentRow[] {
    return this.fragments(selector === "PRODUCER_TIMESTAMP" ? SQL.producerRange : SQL.serverRange, startMs, endMs, afterSeq, limit);
  }

  /** Fragments starting within a range (inclusive), in order of that time. */
  byTime(selector: "PRODUCER_TIMESTAMP" | "SERVER_TIMESTAMP", startMs: number, endMs: number, limit: number): FragmentRow[] {
    return this.fragments(selector === "PRODUCER_TIMESTAMP" ? SQL.producerTimes : SQL.serverTimes, startMs, endMs, limit);
  }

  /** The newest `limit` fragments from `fromSeq` on, oldest first. */
  newestFrom(fromSeq: number, limit: number): FragmentRow[] {
    return this.fragments(SQL.newestFrom, fromSeq, limit).reverse();
  }

  countBetween(fromSeq: number, beforeSeq: number): number {
    return this.rows(SQL.countBetween, fromSeq, beforeSeq)[0]?.n ?? 0;
  }

  newestServerMs(): number | undefined {
    return this.rows(SQL.newestServerMs)[0]?.ms ?? undefined;
  }

  oldestServerMs(): number | undefined {
    return this.rows(SQL.oldestServerMs)[0]?.ms ?? undefined;
  }

  /** Fragments received before `cutoffMs`, oldest first. */
  expired(cutoffMs: number, limit: number): { seq: number; number: string }[] {
    return this.rows(SQL.expired, cutoffMs, limit);
  }

  /** Forgets the expired fragments up to `seq`, whose media are gone. */
  forgetExpired(cutoffMs: number, seq: number): void {
    this.run(SQL.deleteUpTo, cutoffMs, seq);
  }

  /** The stream is deleted: from now on nothing is ingested, and sessions' key is gone. */
  markDestroyed(): void {
    this.storage.kv.put(KV.destroyed, true);
    this.storage.kv.delete(KV.sessionKey);
  }

  /** Forgets every fragment and header (once their media are gone). */
  forgetAll(): void {
    this.storage.transactionSync(() => {
      this.run(SQL.dropFragments);
      this.run(SQL.dropHeaders);
    });
  }
}
