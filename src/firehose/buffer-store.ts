/**
 * All SQL of a delivery stream's buffer object: accepted records, and the batches they were
 * flushed into. A record stays here until the batch holding it has been delivered.
 */
import { hasSchema, migrate } from "../storage/schema";
import type { SourceRecord } from "./records";

export interface BatchRow {
  id: string;
  /** When the batch was flushed: object names take their time from it, so a retry names them the same. */
  flushedMs: number;
  records: number;
  bytes: number;
  /** The configuration it is delivered with (BufferConfig, as JSON), fixed when it is flushed. */
  config: string;
  /** When it should next be put on the delivery queue (again); null while a message for it is out. */
  dueMs: number | null;
  /** When the last message for it went out. */
  sentMs: number | null;
}

type BatchSqlRow = {
  id: string;
  flushed_ms: number;
  records: number;
  bytes: number;
  config: string;
  due_ms: number | null;
  sent_ms: number | null;
};

const toBatch = (row: BatchSqlRow): BatchRow => ({
  id: row.id,
  flushedMs: row.flushed_ms,
  records: row.records,
  bytes: row.bytes,
  config: row.config,
  dueMs: row.due_ms,
  sentMs: row.sent_ms,
});

const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE records (
       seq INTEGER PRIMARY KEY,
       record_id TEXT NOT NULL,
       arrival_ms INTEGER NOT NULL,
       data BLOB NOT NULL,
       batch_id TEXT
     )`,
    "CREATE INDEX records_by_batch ON records (batch_id, seq)",
    `CREATE TABLE batches (
       id TEXT PRIMARY KEY,
       flushed_ms INTEGER NOT NULL,
       records INTEGER NOT NULL,
       bytes INTEGER NOT NULL,
       config TEXT NOT NULL,
       due_ms INTEGER,
       sent_ms INTEGER
     )`,
  ],
  [
    // Records read from a Kinesis stream carry where they came from (SourceRecord.kinesis, as JSON).
    "ALTER TABLE records ADD COLUMN kinesis TEXT",
    // KinesisStreamAsSource: per shard of the source stream, the counter of the last record taken
    // into this buffer (moved in the same transaction that stores the records), and whether the
    // shard is closed and read to its end.
    `CREATE TABLE source_shards (
       shard_index INTEGER PRIMARY KEY,
       checkpoint INTEGER NOT NULL,
       finished INTEGER NOT NULL DEFAULT 0
     )`,
  ],
  [
    // The tap (see tapOpen): Analytics applications reading this delivery stream. Each subscriber's
    // position is the record number it has taken up to; accepted records are copied here only while
    // a subscriber exists, and deleted once every subscriber is past them, or after a day.
    `CREATE TABLE tap_subscribers (
       subscriber TEXT PRIMARY KEY,
       position INTEGER NOT NULL,
       touched_ms INTEGER NOT NULL
     )`,
    `CREATE TABLE tap_records (
       seq INTEGER PRIMARY KEY,
       arrival_ms INTEGER NOT NULL,
       data BLOB NOT NULL
     )`,
  ],
];


export interface SourceShard {
  index: number;
  /** The counter of the last record taken from the shard. */
  checkpoint: number;
  finished: boolean;
}

export interface OpenBuffer {
  records: number;
  bytes: number;
  /** Arrival of the oldest record not yet flushed. */
  oldestMs: number | null;
}

export class BufferStore {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  exists(): boolean {
    return hasSchema(this.storage);
  }

  migrate(): void {
    migrate(this.storage, MIGRATIONS);
  }

  config(): string | undefined {
    return this.storage.kv.get<string>("config");
  }

  setConfig(config: string): void {
    this.storage.kv.put("config", config);
  }

  /** The next record number; record ids are built from it. */
  nextSeq(): number {
    const held = this.sql.exec<{ seq: number | null }>("SELECT max(seq) AS seq FROM records").one().seq ?? 0;
    // Delivered records are deleted: the highest number they used is kept, so ids never repeat.
    return Math.max(held, this.storage.kv.get<number>("delivered_seq") ?? 0);
  }

  insert(records: readonly { seq: number; recordId: string; arrivalMs: number; data: Uint8Array; kinesis?: SourceRecord["kinesis"] }[]): void {
    for (const record of records) {
      this.sql.exec(
        "INSERT INTO records (seq, record_id, arrival_ms, data, batch_id, kinesis) VALUES (?, ?, ?, ?, NULL, ?)",
        record.seq,
        record.recordId,
        record.arrivalMs,
        record.data,
        record.kinesis === undefined ? null : JSON.stringify(record.kinesis),
      );
    }
  }

  /** The source stream's shards as this buffer tracks them (KinesisStreamAsSource). */
  sourceShards(): SourceShard[] {
    return this.sql
      .exec<{ shard_index: number; checkpoint: number; finished: number }>("SELECT * FROM source_shards ORDER BY shard_index")
      .toArray()
      .map((row) => ({ index: row.shard_index, checkpoint: row.checkpoint, finished: row.finished === 1 }));
  }

  /** Starts tracking a shard at `checkpoint`, unless it is tracked already. */
  addSourceShard(index: number, checkpoint: number): void {
    this.sql.exec("INSERT OR IGNORE INTO source_shards (shard_index, checkpoint, finished) VALUES (?, ?, 0)", index, checkpoint);
  }

  saveSourceShard(shard: SourceShard): void {
    this.sql.exec("UPDATE source_shards SET checkpoint = ?, finished = ? WHERE shard_index = ?", shard.checkpoint, shard.finished ? 1 : 0, shard.index);
  }

  /** Forgets every shard (the source stream was re-created: its new shards are read from their start). */
  clearSourceShards(): void {
    this.sql.exec("DELETE FROM source_shards");
  }

  open(): OpenBuffer {
    const row = this.sql
      .exec<{ n: number; bytes: number | null; oldest: number | null }>(
        "SELECT count(*) AS n, sum(length(data)) AS bytes, min(arrival_ms) AS oldest FROM records WHERE batch_id IS NULL",
      )
      .one();
    return { records: row.n, bytes: row.bytes ?? 0, oldestMs: row.oldest };
  }

  /** Every record not yet delivered, open or in a batch, and the batches (the console's buffer state). */
  held(): OpenBuffer & { batches: number } {
    const row = this.sql
      .exec<{ n: number; bytes: number | null; oldest: number | null }>(
        "SELECT count(*) AS n, sum(length(data)) AS bytes, min(arrival_ms) AS oldest FROM records",
      )
      .one();
    const batches = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM batches").one().n;
    return { records: row.n, bytes: row.bytes ?? 0, oldestMs: row.oldest, batches };
  }

  /** Sizes of the records not yet flushed, in arrival order. */
  openSizes(): { seq: number; bytes: number }[] {
    return this.sql
      .exec<{ seq: number; bytes: number }>("SELECT seq, length(data) AS bytes FROM records WHERE batch_id IS NULL ORDER BY seq")
      .toArray();
  }

  /** Flushes the open records up to `lastSeq` into a new batch. */
  flush(batch: Omit<BatchRow, "sentMs">, lastSeq: number): void {
    this.sql.exec("UPDATE records SET batch_id = ? WHERE batch_id IS NULL AND seq <= ?", batch.id, lastSeq);
    this.sql.exec(
      "INSERT INTO batches (id, flushed_ms, records, bytes, config, due_ms, sent_ms) VALUES (?, ?, ?, ?, ?, ?, NULL)",
      batch.id,
      batch.flushedMs,
      batch.records,
      batch.bytes,
      batch.config,
      batch.dueMs,
    );
  }

  batch(id: string): BatchRow | undefined {
    const row = this.sql.exec<BatchSqlRow>("SELECT * FROM batches WHERE id = ?", id).toArray()[0];
    return row && toBatch(row);
  }

  batches(): BatchRow[] {
    return this.sql.exec<BatchSqlRow>("SELECT * FROM batches ORDER BY flushed_ms, id").toArray().map(toBatch);
  }

  batchRecords(id: string): SourceRecord[] {
    return this.sql
      .exec<{ record_id: string; arrival_ms: number; data: ArrayBuffer; kinesis: string | null }>(
        "SELECT record_id, arrival_ms, data, kinesis FROM records WHERE batch_id = ? ORDER BY seq",
        id,
      )
      .toArray()
      .map((row) => ({
        recordId: row.record_id,
        arrivalMs: row.arrival_ms,
        data: new Uint8Array(row.data),
        ...(row.kinesis !== null && { kinesis: JSON.parse(row.kinesis) as SourceRecord["kinesis"] }),
      }));
  }

  markSent(id: string, sentMs: number): void {
    this.sql.exec("UPDATE batches SET due_ms = NULL, sent_ms = ? WHERE id = ?", sentMs, id);
  }

  setDue(id: string, dueMs: number): void {
    this.sql.exec("UPDATE batches SET due_ms = ? WHERE id = ?", dueMs, id);
  }

  /** How many Analytics applications read this delivery stream (the tap). */
  tapSubscribers(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM tap_subscribers").one().n;
  }

  /** Registers a subscriber at `position`, or moves it there. */
  setTapPosition(subscriber: string, position: number, now: number): void {
    this.sql.exec(
      "INSERT INTO tap_subscribers (subscriber, position, touched_ms) VALUES (?, ?, ?) ON CONFLICT (subscriber) DO UPDATE SET position = excluded.position, touched_ms = excluded.touched_ms",
      subscriber,
      position,
      now,
    );
  }

  hasTapSubscriber(subscriber: string): boolean {
    return this.sql.exec("SELECT 1 FROM tap_subscribers WHERE subscriber = ?", subscriber).toArray().length > 0;
  }

  removeTapSubscriber(subscriber: string): void {
    this.sql.exec("DELETE FROM tap_subscribers WHERE subscriber = ?", subscriber);
  }

  tapInsert(records: readonly { seq: number; arrivalMs: number; data: Uint8Array }[]): void {
    for (const record of records) {
      this.sql.exec("INSERT INTO tap_records (seq, arrival_ms, data) VALUES (?, ?, ?)", record.seq, record.arrivalMs, record.data);
    }
  }

  /** The oldest record the tap still holds, or undefined. */
  oldestTapSeq(): number | undefined {
    return this.sql.exec<{ seq: number | null }>("SELECT min(seq) AS seq FROM tap_records").one().seq ?? undefined;
  }

  /** Tap records after `after`, up to `limit` records and about `byteBudget` bytes (at least one). */
  tapRead(after: number, limit: number, byteBudget: number): { seq: number; arrivalMs: number; data: Uint8Array }[] {
    const out: { seq: number; arrivalMs: number; data: Uint8Array }[] = [];
    let bytes = 0;
    const rows = this.sql.exec<{ seq: number; arrival_ms: number; data: ArrayBuffer }>(
      "SELECT seq, arrival_ms, data FROM tap_records WHERE seq > ? ORDER BY seq LIMIT ?",
      after,
      limit,
    );
    for (const row of rows) {
      bytes += row.data.byteLength;
      if (bytes > byteBudget && out.length > 0) break;
      out.push({ seq: row.seq, arrivalMs: row.arrival_ms, data: new Uint8Array(row.data) });
    }
    return out;
  }

  /**
   * Forgets subscribers not heard from since `staleBefore`, then the records every remaining
   * subscriber is past, and any older than `staleBefore`.
   */
  pruneTap(staleBefore: number): void {
    this.sql.exec("DELETE FROM tap_subscribers WHERE touched_ms < ?", staleBefore);
    const slowest = this.sql.exec<{ position: number | null }>("SELECT min(position) AS position FROM tap_subscribers").one().position;
    if (slowest === null) this.sql.exec("DELETE FROM tap_records");
    else this.sql.exec("DELETE FROM tap_records WHERE seq <= ? OR arrival_ms < ?", slowest, staleBefore);
  }

  /** The batch was delivered: it and its records are forgotten. */
  complete(id: string): void {
    this.storage.transactionSync(() => {
      const last = this.sql.exec<{ seq: number | null }>("SELECT max(seq) AS seq FROM records WHERE batch_id = ?", id).one().seq;
      if (last !== null && last > (this.storage.kv.get<number>("delivered_seq") ?? 0)) this.storage.kv.put("delivered_seq", last);
      this.sql.exec("DELETE FROM records WHERE batch_id = ?", id);
      this.sql.exec("DELETE FROM batches WHERE id = ?", id);
    });
  }
}
