/**
 * All SQL of the stream registry Durable Object: streams, their shards and their tags.
 */
import { migrate } from "../storage/schema";
import type { ShardLevelMetric } from "./monitoring";
export type StreamStatus = "CREATING" | "ACTIVE" | "DELETING" | "UPDATING";
export type StreamMode = "PROVISIONED" | "ON_DEMAND";

export interface StreamRow {
  name: string;
  id: string;
  createdMs: number;
  /** The stored status; see effectiveStatus for what it means at a given time. */
  status: StreamStatus;
  /** When CREATING turns ACTIVE, or DELETING turns into nothing; null while still being set up. */
  statusUntilMs: number | null;
  retentionHours: number;
  mode: StreamMode;
  maxRecordSizeKiB: number;
  /** Server-side encryption: the KMS KeyId records are encrypted under, or null (EncryptionType NONE). */
  encryptionKeyId?: string | null;
  /** Enhanced monitoring: the shard-level metrics enabled, in the model's order. */
  shardLevelMetrics?: ShardLevelMetric[];
  /** The warm throughput asked for (UpdateStreamWarmThroughput), in MiB/s; null when never set. */
  warmThroughputMiBps?: number | null;
  /** The stream's resource-based policy document, as given; null when it has none. */
  resourcePolicy?: string | null;
}

export interface ShardRow {
  index: number;
  parentIndex: number | null;
  adjacentParentIndex: number | null;
  startHash: string;
  endHash: string;
  createdMs: number;
  closedMs: number | null;
  endingCounter: number | null;
  /** When the record at endingCounter arrived (for EndingSequenceNumber); unknown for shards closed before it was kept. */
  endingArrivalMs?: number | null;
  /**
   * The creation time the shard's sequence numbers carry (see sequence.ts): createdMs, or the
   * stream's for shards set up before numbers carried their shard's.
   */
  sequenceCreatedMs: number;
}

/** Each entry is one schema version: the statements that bring the previous version to it. */
const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE streams (
     name TEXT PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     created_ms INTEGER NOT NULL,
     status TEXT NOT NULL,
     status_until_ms INTEGER,
     retention_hours INTEGER NOT NULL,
     mode TEXT NOT NULL,
     max_record_size_kib INTEGER NOT NULL
   )`,
    `CREATE TABLE shards (
     stream_name TEXT NOT NULL REFERENCES streams(name) ON DELETE CASCADE,
     shard_index INTEGER NOT NULL,
     parent_index INTEGER,
     adjacent_parent_index INTEGER,
     start_hash TEXT NOT NULL,
     end_hash TEXT NOT NULL,
     created_ms INTEGER NOT NULL,
     closed_ms INTEGER,
     ending_counter INTEGER,
     PRIMARY KEY (stream_name, shard_index)
   )`,
    `CREATE TABLE tags (
     stream_name TEXT NOT NULL REFERENCES streams(name) ON DELETE CASCADE,
     key TEXT NOT NULL,
     value TEXT NOT NULL,
     PRIMARY KEY (stream_name, key)
   )`,
  ],
  [
    `CREATE TABLE consumers (
       stream_name TEXT NOT NULL REFERENCES streams(name) ON DELETE CASCADE,
       name TEXT NOT NULL,
       created_ms INTEGER NOT NULL,
       status TEXT NOT NULL,
       status_until_ms INTEGER,
       PRIMARY KEY (stream_name, name)
     )`,
  ],
  [
    "ALTER TABLE streams ADD COLUMN encryption_key_id TEXT",
    "ALTER TABLE streams ADD COLUMN shard_level_metrics TEXT NOT NULL DEFAULT '[]'",
    "ALTER TABLE streams ADD COLUMN warm_throughput_mibps INTEGER",
    "ALTER TABLE streams ADD COLUMN resource_policy TEXT",
    // A consumer's policy belongs to one registration of it: the one created at consumer_created_ms.
    `CREATE TABLE consumer_policies (
       stream_name TEXT NOT NULL,
       consumer_name TEXT NOT NULL,
       consumer_created_ms INTEGER NOT NULL,
       policy TEXT NOT NULL,
       PRIMARY KEY (stream_name, consumer_name)
     )`,
    `CREATE TABLE account_settings (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       commitment_status TEXT NOT NULL,
       started_ms INTEGER,
       ended_ms INTEGER,
       earliest_end_ms INTEGER
     )`,
  ],
  [
    "ALTER TABLE shards ADD COLUMN ending_arrival_ms INTEGER",
    "ALTER TABLE shards ADD COLUMN sequence_created_ms INTEGER",
    "UPDATE shards SET sequence_created_ms = (SELECT created_ms FROM streams WHERE streams.name = shards.stream_name)",
  ],
];


/** MinimumThroughputBillingCommitment as stored; see account-settings.ts for how it moves with time. */
export type CommitmentStatus = "ENABLED" | "DISABLED" | "ENABLED_UNTIL_EARLIEST_ALLOWED_END";

export interface AccountSettingsRow {
  commitmentStatus: CommitmentStatus;
  startedMs: number | null;
  endedMs: number | null;
  earliestEndMs: number | null;
}

export type ConsumerStatus = "CREATING" | "ACTIVE" | "DELETING";

export interface ConsumerRow {
  streamName: string;
  name: string;
  createdMs: number;
  status: ConsumerStatus;
  statusUntilMs: number | null;
}

type ConsumerSqlRow = {
  stream_name: string;
  name: string;
  created_ms: number;
  status: string;
  status_until_ms: number | null;
};

function toConsumer(row: ConsumerSqlRow): ConsumerRow {
  return {
    streamName: row.stream_name,
    name: row.name,
    createdMs: row.created_ms,
    status: row.status as ConsumerStatus,
    statusUntilMs: row.status_until_ms,
  };
}

type StreamSqlRow = {
  name: string;
  id: string;
  created_ms: number;
  status: string;
  status_until_ms: number | null;
  retention_hours: number;
  mode: string;
  max_record_size_kib: number;
  encryption_key_id: string | null;
  shard_level_metrics: string;
  warm_throughput_mibps: number | null;
  resource_policy: string | null;
};

type ShardSqlRow = {
  shard_index: number;
  parent_index: number | null;
  adjacent_parent_index: number | null;
  start_hash: string;
  end_hash: string;
  created_ms: number;
  closed_ms: number | null;
  ending_counter: number | null;
  ending_arrival_ms: number | null;
  sequence_created_ms: number;
};

function toStream(row: StreamSqlRow): StreamRow {
  return {
    name: row.name,
    id: row.id,
    createdMs: row.created_ms,
    status: row.status as StreamStatus,
    statusUntilMs: row.status_until_ms,
    retentionHours: row.retention_hours,
    mode: row.mode as StreamMode,
    maxRecordSizeKiB: row.max_record_size_kib,
    encryptionKeyId: row.encryption_key_id,
    shardLevelMetrics: JSON.parse(row.shard_level_metrics) as ShardLevelMetric[],
    warmThroughputMiBps: row.warm_throughput_mibps,
    resourcePolicy: row.resource_policy,
  };
}

function toShard(row: ShardSqlRow): ShardRow {
  return {
    index: row.shard_index,
    parentIndex: row.parent_index,
    adjacentParentIndex: row.adjacent_parent_index,
    startHash: row.start_hash,
    endHash: row.end_hash,
    createdMs: row.created_ms,
    closedMs: row.closed_ms,
    endingCounter: row.ending_counter,
    endingArrivalMs: row.ending_arrival_ms,
    sequenceCreatedMs: row.sequence_created_ms,
  };
}

export class RegistryStore {
  constructor(private readonly storage: DurableObjectStorage) {}

  private get sql(): SqlStorage {
    return this.storage.sql;
  }

  migrate(): void {
    migrate(this.storage, MIGRATIONS);
  }

  stream(name: string): StreamRow | undefined {
    const row = this.sql.exec<StreamSqlRow>("SELECT * FROM streams WHERE name = ?", name).toArray()[0];
    return row && toStream(row);
  }

  /** Streams in name order, after `afterName` when given. */
  streams(afterName: string | undefined, limit: number): StreamRow[] {
    return this.sql
      .exec<StreamSqlRow>("SELECT * FROM streams WHERE name > ? ORDER BY name LIMIT ?", afterName ?? "", limit)
      .toArray()
      .map(toStream);
  }

  allStreams(): StreamRow[] {
    return this.sql.exec<StreamSqlRow>("SELECT * FROM streams ORDER BY name").toArray().map(toStream);
  }

  insertStream(stream: StreamRow, shards: ShardRow[], tags: ReadonlyMap<string, string>): void {
    this.sql.exec(
      `INSERT INTO streams (name, id, created_ms, status, status_until_ms, retention_hours, mode, max_record_size_kib)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      stream.name,
      stream.id,
      stream.createdMs,
      stream.status,
      stream.statusUntilMs,
      stream.retentionHours,
      stream.mode,
      stream.maxRecordSizeKiB,
    );
    this.insertShards(stream.name, shards);
    this.putTags(stream.name, tags);
  }

  insertShards(name: string, shards: readonly ShardRow[]): void {
    for (const shard of shards) {
      this.sql.exec(
        `INSERT INTO shards (stream_name, shard_index, parent_index, adjacent_parent_index, start_hash, end_hash, created_ms, closed_ms, ending_counter, sequence_created_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        name,
        shard.index,
        shard.parentIndex,
        shard.adjacentParentIndex,
        shard.startHash,
        shard.endHash,
        shard.createdMs,
        shard.closedMs,
        shard.endingCounter,
        shard.sequenceCreatedMs,
      );
    }
  }

  markClosed(name: string, index: number, closedMs: number): void {
    this.sql.exec("UPDATE shards SET closed_ms = ? WHERE stream_name = ? AND shard_index = ?", closedMs, name, index);
  }

  setEndingCounter(name: string, index: number, counter: number, arrivalMs: number): void {
    this.sql.exec(
      "UPDATE shards SET ending_counter = ?, ending_arrival_ms = ? WHERE stream_name = ? AND shard_index = ?",
      counter,
      arrivalMs,
      name,
      index,
    );
  }

  /** Shards closed by a reshard whose objects have not yet confirmed it (and told their last record). */
  unconfirmedClosures(): { streamName: string; index: number }[] {
    return this.sql
      .exec<{ stream_name: string; shard_index: number }>(
        "SELECT stream_name, shard_index FROM shards WHERE closed_ms IS NOT NULL AND ending_counter IS NULL",
      )
      .toArray()
      .map((row) => ({ streamName: row.stream_name, index: row.shard_index }));
  }

  setStatus(name: string, status: StreamStatus, untilMs: number | null): void {
    this.sql.exec("UPDATE streams SET status = ?, status_until_ms = ? WHERE name = ?", status, untilMs, name);
  }

  setMode(name: string, mode: StreamMode): void {
    this.sql.exec("UPDATE streams SET mode = ? WHERE name = ?", mode, name);
  }

  setMaxRecordSize(name: string, kib: number): void {
    this.sql.exec("UPDATE streams SET max_record_size_kib = ? WHERE name = ?", kib, name);
  }

  setRetention(name: string, hours: number): void {
    this.sql.exec("UPDATE streams SET retention_hours = ? WHERE name = ?", hours, name);
  }

  setEncryption(name: string, keyId: string | null): void {
    this.sql.exec("UPDATE streams SET encryption_key_id = ? WHERE name = ?", keyId, name);
  }

  setShardLevelMetrics(name: string, metrics: readonly string[]): void {
    this.sql.exec("UPDATE streams SET shard_level_metrics = ? WHERE name = ?", JSON.stringify(metrics), name);
  }

  setWarmThroughput(name: string, mibps: number | null): void {
    this.sql.exec("UPDATE streams SET warm_throughput_mibps = ? WHERE name = ?", mibps, name);
  }

  setResourcePolicy(name: string, policy: string | null): void {
    this.sql.exec("UPDATE streams SET resource_policy = ? WHERE name = ?", policy, name);
  }

  consumerPolicy(streamName: string, consumerName: string): { consumerCreatedMs: number; policy: string } | undefined {
    const row = this.sql
      .exec<{ consumer_created_ms: number; policy: string }>(
        "SELECT consumer_created_ms, policy FROM consumer_policies WHERE stream_name = ? AND consumer_name = ?",
        streamName,
        consumerName,
      )
      .toArray()[0];
    return row && { consumerCreatedMs: row.consumer_created_ms, policy: row.policy };
  }

  putConsumerPolicy(streamName: string, consumerName: string, consumerCreatedMs: number, policy: string): void {
    this.sql.exec(
      `INSERT INTO consumer_policies (stream_name, consumer_name, consumer_created_ms, policy) VALUES (?, ?, ?, ?)
       ON CONFLICT (stream_name, consumer_name) DO UPDATE SET consumer_created_ms = excluded.consumer_created_ms, policy = excluded.policy`,
      streamName,
      consumerName,
      consumerCreatedMs,
      policy,
    );
  }

  deleteConsumerPolicy(streamName: string, consumerName: string): void {
    this.sql.exec("DELETE FROM consumer_policies WHERE stream_name = ? AND consumer_name = ?", streamName, consumerName);
  }

  accountSettings(): AccountSettingsRow | undefined {
    const row = this.sql
      .exec<{ commitment_status: string; started_ms: number | null; ended_ms: number | null; earliest_end_ms: number | null }>(
        "SELECT * FROM account_settings WHERE id = 1",
      )
      .toArray()[0];
    return (
      row && {
        commitmentStatus: row.commitment_status as CommitmentStatus,
        startedMs: row.started_ms,
        endedMs: row.ended_ms,
        earliestEndMs: row.earliest_end_ms,
      }
    );
  }

  putAccountSettings(settings: AccountSettingsRow): void {
    this.sql.exec(
      `INSERT INTO account_settings (id, commitment_status, started_ms, ended_ms, earliest_end_ms) VALUES (1, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET commitment_status = excluded.commitment_status, started_ms = excluded.started_ms,
         ended_ms = excluded.ended_ms, earliest_end_ms = excluded.earliest_end_ms`,
      settings.commitmentStatus,
      settings.startedMs,
      settings.endedMs,
      settings.earliestEndMs,
    );
  }

  consumers(streamName: string): ConsumerRow[] {
    return this.sql
      .exec<ConsumerSqlRow>("SELECT * FROM consumers WHERE stream_name = ? ORDER BY name", streamName)
      .toArray()
      .map(toConsumer);
  }

  consumer(streamName: string, name: string): ConsumerRow | undefined {
    const row = this.sql
      .exec<ConsumerSqlRow>("SELECT * FROM consumers WHERE stream_name = ? AND name = ?", streamName, name)
      .toArray()[0];
    return row && toConsumer(row);
  }

  putConsumer(consumer: ConsumerRow): void {
    this.sql.exec(
      `INSERT INTO consumers (stream_name, name, created_ms, status, status_until_ms) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (stream_name, name) DO UPDATE SET created_ms = excluded.created_ms, status = excluded.status, status_until_ms = excluded.status_until_ms`,
      consumer.streamName,
      consumer.name,
      consumer.createdMs,
      consumer.status,
      consumer.statusUntilMs,
    );
  }

  deleteConsumer(streamName: string, name: string): void {
    this.sql.exec("DELETE FROM consumers WHERE stream_name = ? AND name = ?", streamName, name);
  }

  deleteStream(name: string): void {
    this.sql.exec("DELETE FROM consumer_policies WHERE stream_name = ?", name);
    this.sql.exec("DELETE FROM consumers WHERE stream_name = ?", name);
    this.sql.exec("DELETE FROM tags WHERE stream_name = ?", name);
    this.sql.exec("DELETE FROM shards WHERE stream_name = ?", name);
    this.sql.exec("DELETE FROM streams WHERE name = ?", name);
  }

  shards(name: string): ShardRow[] {
    return this.sql
      .exec<ShardSqlRow>("SELECT * FROM shards WHERE stream_name = ? ORDER BY shard_index", name)
      .toArray()
      .map(toShard);
  }

  /** Open shards across every stream: the account's shard count for its limit. */
  openShardCount(): number {
    const row = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM shards WHERE closed_ms IS NULL").toArray()[0];
    return row?.n ?? 0;
  }

  streamCountByMode(mode: StreamMode): number {
    const row = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM streams WHERE mode = ?", mode).toArray()[0];
    return row?.n ?? 0;
  }

  tags(name: string): Map<string, string> {
    const rows = this.sql
      .exec<{ key: string; value: string }>("SELECT key, value FROM tags WHERE stream_name = ? ORDER BY key", name)
      .toArray();
    return new Map(rows.map((row) => [row.key, row.value]));
  }

  putTags(name: string, tags: ReadonlyMap<string, string>): void {
    for (const [key, value] of tags) {
      this.sql.exec(
        "INSERT INTO tags (stream_name, key, value) VALUES (?, ?, ?) ON CONFLICT (stream_name, key) DO UPDATE SET value = excluded.value",
        name,
        key,
        value,
      );
    }
  }

  removeTags(name: string, keys: readonly string[]): void {
    for (const key of keys) this.sql.exec("DELETE FROM tags WHERE stream_name = ? AND key = ?", name, key);
  }

  /** The earliest moment a stream's status changes by time alone, for the alarm. */
  nextDeletionMs(): number | undefined {
    const row = this.sql
      .exec<{ t: number | null }>("SELECT min(status_until_ms) AS t FROM streams WHERE status = 'DELETING'")
      .toArray()[0];
    return row?.t ?? undefined;
  }

  streamsDeletedBy(nowMs: number): StreamRow[] {
    return this.sql
      .exec<StreamSqlRow>("SELECT * FROM streams WHERE status = 'DELETING' AND status_until_ms <= ?", nowMs)
      .toArray()
      .map(toStream);
  }
}
