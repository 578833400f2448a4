/**
 * All SQL of the event source mapping Durable Object: the mapping's definition and settings, and
 * per shard of its stream the checkpoint (the counter of the last record handed over: delivered, or
 * recorded at the OnFailure destination) with the state of a batch that is failing.
 */
import { hasSchema, migrate } from "../storage/schema";
import type { MappingSettings, StartingPosition } from "./settings";

/** A state that lasts a moment after a change, then gives way to Enabled or Disabled (or, for Deleting, to nothing). */
export type Transition = "Creating" | "Updating" | "Enabling" | "Disabling" | "Deleting";

export interface MappingRow {
  uuid: string;
  account: string;
  region: string;
  eventSourceArn: string;
  streamName: string;
  /** The stream's id when it was last read: a re-created stream has another, and its shards start over. */
  streamId: string;
  startingPosition: StartingPosition;
  startingPositionMs: number | null;
  settings: MappingSettings;
  transition: Transition | null;
  transitionUntilMs: number | null;
  lastModifiedMs: number;
  lastProcessingResult: string;
}

export interface ShardState {
  index: number;
  checkpoint: number;
  /** Closed by a reshard and handed over to its end: its children may start. */
  finished: boolean;
  /** While a batch is failing: the counter its retries end at (bisecting moves it down). */
  batchEnd: number | null;
  /** How many times the failing batch has been handed to the target. */
  attempts: number;
  /** A failing batch is not tried again before this. */
  retryAtMs: number | null;
  /** The last failed attempt: its HTTP status (0 for none) and what went wrong. */
  lastStatus: number | null;
  lastError: string | null;
}

/** Each entry is one schema version: the statements that bring the previous version to it. */
const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE mapping (
       id INTEGER PRIMARY KEY CHECK (id = 1),
       uuid TEXT NOT NULL,
       account TEXT NOT NULL,
       region TEXT NOT NULL,
       event_source_arn TEXT NOT NULL,
       stream_name TEXT NOT NULL,
       stream_id TEXT NOT NULL,
       starting_position TEXT NOT NULL,
       starting_position_ms INTEGER,
       -- JSON MappingSettings: UpdateEventSourceMapping replaces them as a whole, and new settings
       -- need no schema change.
       settings TEXT NOT NULL,
       transition TEXT,
       transition_until_ms INTEGER,
       last_modified_ms INTEGER NOT NULL,
       last_processing_result TEXT NOT NULL
     )`,
    `CREATE TABLE shards (
       shard_index INTEGER PRIMARY KEY,
       checkpoint INTEGER NOT NULL,
       finished INTEGER NOT NULL DEFAULT 0,
       batch_end INTEGER,
       attempts INTEGER NOT NULL DEFAULT 0,
       retry_at_ms INTEGER,
       last_status INTEGER,
       last_error TEXT
     )`,
  ],
];


type MappingRecord = {
  uuid: string;
  account: string;
  region: string;
  event_source_arn: string;
  stream_name: string;
  stream_id: string;
  starting_position: string;
  starting_position_ms: number | null;
  settings: string;
  transition: string | null;
  transition_until_ms: number | null;
  last_modified_ms: number;
  last_processing_result: string;
};

type ShardRecord = {
  shard_index: number;
  checkpoint: number;
  finished: number;
  batch_end: number | null;
  attempts: number;
  retry_at_ms: number | null;
  last_status: number | null;
  last_error: string | null;
};

export class MappingStore {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  /** Whether this object was ever set up: an unknown UUID must not create storage. */
  exists(): boolean {
    return hasSchema(this.storage);
  }

  migrate(): void {
    migrate(this.storage, MIGRATIONS);
  }

  mapping(): MappingRow | undefined {
    if (!this.exists()) return undefined;
    const row = this.sql.exec<MappingRecord>("SELECT * FROM mapping WHERE id = 1").toArray()[0];
    if (!row) return undefined;
    return {
      uuid: row.uuid,
      account: row.account,
      region: row.region,
      eventSourceArn: row.event_source_arn,
      streamName: row.stream_name,
      streamId: row.stream_id,
      startingPosition: row.starting_position as StartingPosition,
      startingPositionMs: row.starting_position_ms,
      settings: JSON.parse(row.settings) as MappingSettings,
      transition: row.transition as Transition | null,
      transitionUntilMs: row.transition_until_ms,
      lastModifiedMs: row.last_modified_ms,
      lastProcessingResult: row.last_processing_result,
    };
  }

  /** Sets the mapping up with its shards' starting checkpoints, in one transaction. */
  create(mapping: MappingRow, shards: { index: number; checkpoint: number }[]): void {
    this.migrate();
    this.storage.transactionSync(() => {
      this.sql.exec(
        `INSERT INTO mapping (id, uuid, account, region, event_source_arn, stream_name, stream_id, starting_position,
           starting_position_ms, settings, transition, transition_until_ms, last_modified_ms, last_processing_result)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        mapping.uuid,
        mapping.account,
        mapping.region,
        mapping.eventSourceArn,
        mapping.streamName,
        mapping.streamId,
        mapping.startingPosition,
        mapping.startingPositionMs,
        JSON.stringify(mapping.settings),
        mapping.transition,
        mapping.transitionUntilMs,
        mapping.lastModifiedMs,
        mapping.lastProcessingResult,
      );
      for (const shard of shards) this.addShard(shard.index, shard.checkpoint);
    });
  }

  saveSettings(settings: MappingSettings, transition: Transition, untilMs: number, modifiedMs: number): void {
    this.sql.exec(
      "UPDATE mapping SET settings = ?, transition = ?, transition_until_ms = ?, last_modified_ms = ? WHERE id = 1",
      JSON.stringify(settings),
      transition,
      untilMs,
      modifiedMs,
    );
  }

  setTransition(transition: Transition, untilMs: number): void {
    this.sql.exec("UPDATE mapping SET transition = ?, transition_until_ms = ? WHERE id = 1", transition, untilMs);
  }

  setLastProcessingResult(result: string): void {
    this.sql.exec("UPDATE mapping SET last_processing_result = ? WHERE id = 1", result);
  }

  /** The stream was re-created: its shards are new, and are read from their start. */
  restartStream(streamId: string): void {
    this.storage.transactionSync(() => {
      this.sql.exec("UPDATE mapping SET stream_id = ? WHERE id = 1", streamId);
      this.sql.exec("DELETE FROM shards");
    });
  }

  shards(): ShardState[] {
    return this.sql.exec<ShardRecord>("SELECT * FROM shards ORDER BY shard_index").toArray().map((row) => ({
      index: row.shard_index,
      checkpoint: row.checkpoint,
      finished: row.finished === 1,
      batchEnd: row.batch_end,
      attempts: row.attempts,
      retryAtMs: row.retry_at_ms,
      lastStatus: row.last_status,
      lastError: row.last_error,
    }));
  }

  addShard(index: number, checkpoint: number): void {
    this.sql.exec("INSERT OR IGNORE INTO shards (shard_index, checkpoint) VALUES (?, ?)", index, checkpoint);
  }

  saveShard(state: ShardState): void {
    this.sql.exec(
      `UPDATE shards SET checkpoint = ?, finished = ?, batch_end = ?, attempts = ?, retry_at_ms = ?, last_status = ?, last_error = ?
       WHERE shard_index = ?`,
      state.checkpoint,
      state.finished ? 1 : 0,
      state.batchEnd,
      state.attempts,
      state.retryAtMs,
      state.lastStatus,
      state.lastError,
      state.index,
    );
  }
}
