/**
 * All SQL of the Firehose registry Durable Object: delivery streams and their tags.
 */
import { migrate } from "../storage/schema";
import type { Destination } from "./config";
import type { DeliveryStreamType } from "./shapes.generated";

export type DeliveryStreamStatus = "CREATING" | "ACTIVE" | "DELETING";
export type EncryptionStatus = "ENABLING" | "ENABLED" | "DISABLING" | "DISABLED";

export interface EncryptionState {
  status: EncryptionStatus;
  /** When ENABLING turns ENABLED, or DISABLING turns DISABLED. */
  untilMs: number | null;
  keyType?: "AWS_OWNED_CMK" | "CUSTOMER_MANAGED_CMK";
  keyArn?: string;
}

export interface DeliveryStreamRow {
  name: string;
  /** Unique per creation: names the buffer object, so a re-created stream starts empty. */
  id: string;
  type: DeliveryStreamType;
  status: DeliveryStreamStatus;
  /** When CREATING turns ACTIVE, or DELETING turns into nothing. */
  statusUntilMs: number | null;
  createdMs: number;
  updatedMs: number | null;
  /** VersionId: 1, then one more per configuration change. */
  version: number;
  destination: Destination;
  /** DirectPutSourceConfiguration as given, if it was. */
  directPut: { ThroughputHintInMBs: number } | null;
  /** KinesisStreamSourceConfiguration as given, with when reading began (KinesisStreamAsSource streams). */
  kinesisSource: KinesisSource | null;
  encryption: EncryptionState;
}

export interface KinesisSource {
  KinesisStreamARN: string;
  RoleARN: string;
  deliveryStartMs: number;
}

type SqlRow = {
  name: string;
  id: string;
  type: string;
  status: string;
  status_until_ms: number | null;
  created_ms: number;
  updated_ms: number | null;
  version: number;
  destination: string;
  direct_put: string | null;
  encryption: string;
  kinesis_source: string | null;
};

/** Each entry is one schema version: the statements that bring the previous version to it. */
const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE delivery_streams (
       name TEXT PRIMARY KEY,
       id TEXT NOT NULL UNIQUE,
       type TEXT NOT NULL,
       status TEXT NOT NULL,
       status_until_ms INTEGER,
       created_ms INTEGER NOT NULL,
       updated_ms INTEGER,
       version INTEGER NOT NULL,
       destination TEXT NOT NULL,
       direct_put TEXT,
       encryption TEXT NOT NULL
     )`,
    `CREATE TABLE tags (
       stream_name TEXT NOT NULL REFERENCES delivery_streams(name) ON DELETE CASCADE,
       key TEXT NOT NULL,
       value TEXT NOT NULL,
       PRIMARY KEY (stream_name, key)
     )`,
  ],
  ["ALTER TABLE delivery_streams ADD COLUMN kinesis_source TEXT"],
];


function toRow(row: SqlRow): DeliveryStreamRow {
  return {
    name: row.name,
    id: row.id,
    type: row.type as DeliveryStreamType,
    status: row.status as DeliveryStreamStatus,
    statusUntilMs: row.status_until_ms,
    createdMs: row.created_ms,
    updatedMs: row.updated_ms,
    version: row.version,
    destination: JSON.parse(row.destination) as Destination,
    directPut: row.direct_put === null ? null : (JSON.parse(row.direct_put) as { ThroughputHintInMBs: number }),
    kinesisSource: row.kinesis_source === null ? null : (JSON.parse(row.kinesis_source) as KinesisSource),
    encryption: JSON.parse(row.encryption) as EncryptionState,
  };
}

export class FirehoseRegistryStore {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  migrate(): void {
    migrate(this.storage, MIGRATIONS);
  }

  stream(name: string): DeliveryStreamRow | undefined {
    const row = this.sql.exec<SqlRow>("SELECT * FROM delivery_streams WHERE name = ?", name).toArray()[0];
    return row && toRow(row);
  }

  /** Streams in name order after `afterName`. */
  streams(afterName: string, limit: number): DeliveryStreamRow[] {
    return this.sql
      .exec<SqlRow>("SELECT * FROM delivery_streams WHERE name > ? ORDER BY name LIMIT ?", afterName, limit)
      .toArray()
      .map(toRow);
  }

  allStreams(): DeliveryStreamRow[] {
    return this.sql.exec<SqlRow>("SELECT * FROM delivery_streams ORDER BY name").toArray().map(toRow);
  }

  count(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM delivery_streams").one().n;
  }

  insert(row: DeliveryStreamRow, tags: ReadonlyMap<string, string>): void {
    this.storage.transactionSync(() => {
      this.sql.exec(
        `INSERT INTO delivery_streams (name, id, type, status, status_until_ms, created_ms, updated_ms, version, destination, direct_put, encryption, kinesis_source)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        row.name,
        row.id,
        row.type,
        row.status,
        row.statusUntilMs,
        row.createdMs,
        row.updatedMs,
        row.version,
        JSON.stringify(row.destination),
        row.directPut === null ? null : JSON.stringify(row.directPut),
        JSON.stringify(row.encryption),
        row.kinesisSource === null ? null : JSON.stringify(row.kinesisSource),
      );
      this.putTags(row.name, tags);
    });
  }

  delete(name: string): void {
    this.storage.transactionSync(() => {
      this.sql.exec("DELETE FROM tags WHERE stream_name = ?", name);
      this.sql.exec("DELETE FROM delivery_streams WHERE name = ?", name);
    });
  }

  setStatus(name: string, status: DeliveryStreamStatus, untilMs: number | null): void {
    this.sql.exec("UPDATE delivery_streams SET status = ?, status_until_ms = ? WHERE name = ?", status, untilMs, name);
  }

  setDestination(name: string, destination: Destination, version: number, updatedMs: number): void {
    this.sql.exec(
      "UPDATE delivery_streams SET destination = ?, version = ?, updated_ms = ? WHERE name = ?",
      JSON.stringify(destination),
      version,
      updatedMs,
      name,
    );
  }

  setEncryption(name: string, encryption: EncryptionState, version: number, updatedMs: number): void {
    this.sql.exec(
      "UPDATE delivery_streams SET encryption = ?, version = ?, updated_ms = ? WHERE name = ?",
      JSON.stringify(encryption),
      version,
      updatedMs,
      name,
    );
  }

  tags(name: string): Map<string, string> {
    const rows = this.sql.exec<{ key: string; value: string }>("SELECT key, value FROM tags WHERE stream_name = ? ORDER BY key", name);
    return new Map(rows.toArray().map((row) => [row.key, row.value]));
  }

  putTags(name: string, tags: ReadonlyMap<string, string>): void {
    for (const [key, value] of tags) {
      this.sql.exec("INSERT OR REPLACE INTO tags (stream_name, key, value) VALUES (?, ?, ?)", name, key, value);
    }
  }

  removeTags(name: string, keys: readonly string[]): void {
    for (const key of keys) this.sql.exec("DELETE FROM tags WHERE stream_name = ? AND key = ?", name, key);
  }
}
