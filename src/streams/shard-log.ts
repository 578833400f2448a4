/**
 * All SQL of the shard Durable Object: its configuration row and its ordered log of records.
 *
 * Records are keyed by `counter`, their position in the shard (1, 2, ...). Counters are contiguous:
 * only a prefix is ever deleted (retention), so the log is always the range [first, last] and a
 * lookup by arrival time is a binary search over counters, with no index to maintain on writes.
 */
import { hasSchema, migrate } from "../storage/schema";
export interface ShardConfig {
  account: string;
  region: string;
  streamName: string;
  streamId: string;
  streamCreatedMs: number;
  /** The creation time the shard's sequence numbers carry: its own, as AWS's do (see sequence.ts). */
  shardCreatedMs: number;
  shardIndex: number;
  retentionHours: number;
  /** On-demand streams add shards by themselves when a shard runs hot. */
  onDemand: boolean;
  /** Server-side encryption: the KMS KeyId new records are sealed under, or null while it is off. */
  encryptionKeyId?: string | null;
}

/**
 * A stored record as readFrom yields it: counter, arrival time, partition key, data, and the key a
 * sealed (encrypted) record was sealed under (see keyIdOf), null for plaintext.
 */
export type StoredRow = [counter: number, arrivalMs: number, partitionKey: string, data: ArrayBuffer, keyRef: number | null];

/** A record as a read answers it: sequence number formatted, data decrypted. */
export interface ReadRecord {
  sequenceNumber: string;
  arrivalMs: number;
  partitionKey: string;
  data: Uint8Array;
  /** Stored encrypted (server-side encryption): answered with EncryptionType KMS. */
  encrypted?: boolean;
}

/** Each entry is one schema version: the statements that bring the previous version to it. */
const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE config (
     id INTEGER PRIMARY KEY CHECK (id = 1),
     account TEXT NOT NULL,
     region TEXT NOT NULL,
     stream_name TEXT NOT NULL,
     stream_id TEXT NOT NULL,
     stream_created_ms INTEGER NOT NULL,
     shard_index INTEGER NOT NULL,
     retention_hours INTEGER NOT NULL,
     last_counter INTEGER NOT NULL DEFAULT 0,
     last_arrival_ms INTEGER NOT NULL DEFAULT 0,
     iterator_key BLOB NOT NULL,
     -- JSON list of ChildShard once the shard is closed by a reshard; NULL while open.
     children TEXT
   )`,
    `CREATE TABLE records (
     counter INTEGER PRIMARY KEY,
     arrival_ms INTEGER NOT NULL,
     partition_key TEXT NOT NULL,
     data BLOB NOT NULL
   )`,
  ],
  ["ALTER TABLE config ADD COLUMN on_demand INTEGER NOT NULL DEFAULT 0"],
  [
    "ALTER TABLE config ADD COLUMN encryption_key_id TEXT",
    // Sealed records name their key by its position in this JSON list of every KeyId the shard used.
    "ALTER TABLE config ADD COLUMN sealing_key_ids TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE records ADD COLUMN key_ref INTEGER",
  ],
  // Numbers of shards set up before this carried the stream's creation time, and go on doing so.
  ["ALTER TABLE config ADD COLUMN shard_created_ms INTEGER", "UPDATE config SET shard_created_ms = stream_created_ms"],
];


type ConfigRow = {
  account: string;
  region: string;
  stream_name: string;
  stream_id: string;
  stream_created_ms: number;
  shard_created_ms: number;
  shard_index: number;
  retention_hours: number;
  last_counter: number;
  last_arrival_ms: number;
  iterator_key: ArrayBuffer;
  children: string | null;
  on_demand: number;
  encryption_key_id: string | null;
};

/** A shard that took over part of a closed shard's hash key range, as GetRecords reports it. */
export interface ChildShard {
  ShardId: string;
  ParentShards: string[];
  HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
}

export interface LoadedConfig extends ShardConfig {
  lastCounter: number;
  lastArrivalMs: number;
  iteratorKey: ArrayBuffer;
  /** Set once the shard is closed: it takes no more records, and readers move on to these. */
  children: ChildShard[] | undefined;
}

const ROWS_PER_INSERT = 49;
const insertStatements = new Map<number, string>();

/** `INSERT ... VALUES (?1, ?2, ?3, ?4), (?1 + 1, ?2, ?5, ?6), ...` for `rows` rows. */
function insertStatement(rows: number): string {
  let statement = insertStatements.get(rows);
  if (!statement) {
    const tuples = Array.from({ length: rows }, (_, i) => `(?1 + ${i}, ?2, ?${3 + 2 * i}, ?${4 + 2 * i})`);
    statement = `INSERT INTO records (counter, arrival_ms, partition_key, data) VALUES ${tuples.join(", ")}`;
    insertStatements.set(rows, statement);
  }
  return statement;
}

const SEALED_ROWS_PER_INSERT = 97;
const sealedInsertStatements = new Map<number, string>();

/** `INSERT ... VALUES (?1, ?2, '', ?4, ?3), (?1 + 1, ?2, '', ?5, ?3), ...`: counter, arrival time and key shared. */
function sealedInsertStatement(rows: number): string {
  let statement = sealedInsertStatements.get(rows);
  if (!statement) {
    const tuples = Array.from({ length: rows }, (_, i) => `(?1 + ${i}, ?2, '', ?${4 + i}, ?3)`);
    statement = `INSERT INTO records (counter, arrival_ms, partition_key, data, key_ref) VALUES ${tuples.join(", ")}`;
    sealedInsertStatements.set(rows, statement);
  }
  return statement;
}

export class ShardLog {
  constructor(private readonly sql: SqlStorage) {}

  /** Whether this object's storage was ever set up. */
  exists(storage: DurableObjectStorage): boolean {
    return hasSchema(storage);
  }

  /** Brings the schema to the current version; a no-op on every wake-up after the first. */
  migrate(storage: DurableObjectStorage): void {
    migrate(storage, MIGRATIONS);
  }

  loadConfig(): LoadedConfig | undefined {
    const row = this.sql.exec<ConfigRow>("SELECT * FROM config WHERE id = 1").toArray()[0];
    if (!row) return undefined;
    return {
      account: row.account,
      region: row.region,
      streamName: row.stream_name,
      streamId: row.stream_id,
      streamCreatedMs: row.stream_created_ms,
      shardCreatedMs: row.shard_created_ms,
      shardIndex: row.shard_index,
      retentionHours: row.retention_hours,
      onDemand: row.on_demand === 1,
      encryptionKeyId: row.encryption_key_id,
      lastCounter: row.last_counter,
      lastArrivalMs: row.last_arrival_ms,
      iteratorKey: row.iterator_key,
      children: row.children === null ? undefined : (JSON.parse(row.children) as ChildShard[]),
    };
  }

  saveConfig(config: ShardConfig, iteratorKey: ArrayBuffer): void {
    this.sql.exec(
      `INSERT INTO config (id, account, region, stream_name, stream_id, stream_created_ms, shard_created_ms, shard_index, retention_hours, on_demand, iterator_key)
       VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      config.account,
      config.region,
      config.streamName,
      config.streamId,
      config.streamCreatedMs,
      config.shardCreatedMs,
      config.shardIndex,
      config.retentionHours,
      config.onDemand ? 1 : 0,
      iteratorKey,
    );
  }

  close(children: ChildShard[]): void {
    this.sql.exec("UPDATE config SET children = ? WHERE id = 1", JSON.stringify(children));
  }

  setOnDemand(onDemand: boolean): void {
    this.sql.exec("UPDATE config SET on_demand = ? WHERE id = 1", onDemand ? 1 : 0);
  }

  setEncryptionKey(keyId: string | null): void {
    this.sql.exec("UPDATE config SET encryption_key_id = ? WHERE id = 1", keyId);
  }

  /** The number sealed records use for `keyId`, assigned on first use. */
  keyRef(keyId: string): number {
    const keyIds = this.sealingKeyIds();
    const known = keyIds.indexOf(keyId);
    if (known >= 0) return known;
    this.sql.exec("UPDATE config SET sealing_key_ids = ? WHERE id = 1", JSON.stringify([...keyIds, keyId]));
    return keyIds.length;
  }

  keyIdOf(ref: number): string | undefined {
    return this.sealingKeyIds()[ref];
  }

  private sealingKeyIds(): string[] {
    const row = this.sql.exec<{ sealing_key_ids: string }>("SELECT sealing_key_ids FROM config WHERE id = 1").toArray()[0];
    return row ? (JSON.parse(row.sealing_key_ids) as string[]) : [];
  }

  setRetention(hours: number): void {
    this.sql.exec("UPDATE config SET retention_hours = ? WHERE id = 1", hours);
  }

  /**
   * Appends records after `lastCounter`; the caller runs this inside one transaction. Rows go in
   * many to a statement (a third of the time of one statement each); SQLite here allows 100 bound
   * values, so a statement carries the first counter and the arrival time once, then two per row.
   */
  append(lastCounter: number, arrivalMs: number, records: readonly { partitionKey: string; data: Uint8Array }[]): void {
    for (let offset = 0; offset < records.length; offset += ROWS_PER_INSERT) {
      const chunk = records.slice(offset, offset + ROWS_PER_INSERT);
      const values: (number | string | Uint8Array)[] = [lastCounter + offset + 1, arrivalMs];
      for (const record of chunk) values.push(record.partitionKey, record.data);
      this.sql.exec(insertStatement(chunk.length), ...values);
    }
    this.sql.exec(
      "UPDATE config SET last_counter = ?, last_arrival_ms = ? WHERE id = 1",
      lastCounter + records.length,
      arrivalMs,
    );
  }

  /**
   * Appends sealed records after `lastCounter`, like append: the partition key is inside the sealed
   * blob, so its column stays empty; with one bound value per row, 97 rows fit a statement.
   */
  appendSealed(lastCounter: number, arrivalMs: number, keyRef: number, sealed: readonly Uint8Array[]): void {
    for (let offset = 0; offset < sealed.length; offset += SEALED_ROWS_PER_INSERT) {
      const chunk = sealed.slice(offset, offset + SEALED_ROWS_PER_INSERT);
      this.sql.exec(sealedInsertStatement(chunk.length), lastCounter + offset + 1, arrivalMs, keyRef, ...chunk);
    }
    this.sql.exec(
      "UPDATE config SET last_counter = ?, last_arrival_ms = ? WHERE id = 1",
      lastCounter + sealed.length,
      arrivalMs,
    );
  }

  /** The oldest record still stored, if any. */
  first(): { counter: number; arrivalMs: number } | undefined {
    const row = this.sql
      .exec<{ counter: number; arrival_ms: number }>("SELECT counter, arrival_ms FROM records ORDER BY counter LIMIT 1")
      .toArray()[0];
    return row && { counter: row.counter, arrivalMs: row.arrival_ms };
  }

  arrivalOf(counter: number): number | undefined {
    const row = this.sql
      .exec<{ arrival_ms: number }>("SELECT arrival_ms FROM records WHERE counter = ?", counter)
      .toArray()[0];
    return row?.arrival_ms;
  }

  /**
   * Records from `fromCounter` on, in order, read lazily so the caller can stop at a byte budget.
   * Rows come as arrays (the cursor's raw form): no object with named members per row.
   */
  readFrom(fromCounter: number, limit: number): Iterable<StoredRow> {
    return this.sql
      .exec("SELECT counter, arrival_ms, partition_key, data, key_ref FROM records WHERE counter >= ? ORDER BY counter LIMIT ?", fromCounter, limit)
      .raw() as Iterable<StoredRow>;
  }

  deleteBefore(counter: number): void {
    this.sql.exec("DELETE FROM records WHERE counter < ?", counter);
  }
}
