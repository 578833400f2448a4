/**
 * All SQL of the Video Streams registry: video streams, their tags and their feature configurations
 * (stream-features.ts: image generation, notifications, motion detection; one row each, as JSON), as named
 * statements typed by their parameters and rows.
 */
import { migrate } from "../storage/schema";
import { queryRows, runStatement, statement, type Statement } from "../storage/statements";
import type { DefaultStorageTier } from "./shapes.generated";
import { FEATURE_KINDS, type FeatureKind, type StreamFeatures } from "./stream-features";

/** What a row holds; the status a client sees is derived from it and the time (registry.ts). */
export type StoredStatus = "CREATING" | "ACTIVE" | "DELETING";

export interface VideoStreamRow {
  name: string;
  /** New on every CreateStream: names the stream object and its R2 prefix. */
  id: string;
  arn: string;
  status: StoredStatus;
  /** When CREATING turns ACTIVE, or DELETING turns into nothing. */
  statusUntilMs: number | null;
  createdMs: number;
  version: string;
  deviceName: string | null;
  mediaType: string | null;
  kmsKeyId: string;
  retentionHours: number;
  storageTier: DefaultStorageTier;
  /** The stream object has not yet been told the current retention (registry.ts retries on its alarm). */
  retentionPending: boolean;
}

type SqlRow = {
  name: string;
  id: string;
  arn: string;
  status: string;
  status_until_ms: number | null;
  created_ms: number;
  version: string;
  device_name: string | null;
  media_type: string | null;
  kms_key_id: string;
  retention_hours: number;
  storage_tier: string;
  retention_pending: number;
};

/** Each entry is one schema version: the statements that bring the previous version to it. */
const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE streams (
       name TEXT PRIMARY KEY,
       id TEXT NOT NULL UNIQUE,
       arn TEXT NOT NULL UNIQUE,
       status TEXT NOT NULL,
       status_until_ms INTEGER,
       created_ms INTEGER NOT NULL,
       version TEXT NOT NULL,
       device_name TEXT,
       media_type TEXT,
       kms_key_id TEXT NOT NULL,
       retention_hours INTEGER NOT NULL,
       storage_tier TEXT NOT NULL,
       retention_pending INTEGER NOT NULL DEFAULT 0
     )`,
    `CREATE TABLE tags (
       stream_name TEXT NOT NULL REFERENCES streams(name) ON DELETE CASCADE,
       key TEXT NOT NULL,
       value TEXT NOT NULL,
       PRIMARY KEY (stream_name, key)
     )`,
  ],
  [
    `CREATE TABLE features (
       stream_name TEXT NOT NULL,
       kind TEXT NOT NULL,
       body TEXT NOT NULL,
       PRIMARY KEY (stream_name, kind)
     )`,
  ],
];

const SQL = {
  byName: statement<[string], SqlRow>("SELECT * FROM streams WHERE name = ?"),
  byArn: statement<[string], SqlRow>("SELECT * FROM streams WHERE arn = ?"),
  /** After a name, those beginning with a prefix (its length, then itself), in name order. */
  page: statement<[string, number, string, number], SqlRow>(
    "SELECT * FROM streams WHERE name > ? AND substr(name, 1, ?) = ? ORDER BY name LIMIT ?",
  ),
  all: statement<[], SqlRow>("SELECT * FROM streams ORDER BY name"),
  countLive: statement<[number], { n: number }>(
    "SELECT count(*) AS n FROM streams WHERE NOT (status = 'DELETING' AND status_until_ms <= ?)",
  ),
  insert: statement<[string, string, string, string, number | null, number, string, string | null, string | null, string, number, string]>(
    `INSERT INTO streams (name, id, arn, status, status_until_ms, created_ms, version, device_name, media_type, kms_key_id, retention_hours, storage_tier)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  remove: statement<[string]>("DELETE FROM streams WHERE name = ?"),
  removeTags: statement<[string]>("DELETE FROM tags WHERE stream_name = ?"),
  setStatus: statement<[string, number | null, string]>("UPDATE streams SET status = ?, status_until_ms = ? WHERE name = ?"),
  setDetails: statement<[string | null, string | null, string, string]>(
    "UPDATE streams SET device_name = ?, media_type = ?, version = ? WHERE name = ?",
  ),
  setRetention: statement<[number, string, string]>(
    "UPDATE streams SET retention_hours = ?, version = ?, retention_pending = 1 WHERE name = ?",
  ),
  retentionTold: statement<[string, number]>("UPDATE streams SET retention_pending = 0 WHERE name = ? AND retention_hours = ?"),
  setStorageTier: statement<[string, string, string]>("UPDATE streams SET storage_tier = ?, version = ? WHERE name = ?"),
  tags: statement<[string], { key: string; value: string }>("SELECT key, value FROM tags WHERE stream_name = ? ORDER BY key"),
  putTag: statement<[string, string, string]>("INSERT OR REPLACE INTO tags (stream_name, key, value) VALUES (?, ?, ?)"),
  deleteTag: statement<[string, string]>("DELETE FROM tags WHERE stream_name = ? AND key = ?"),
  features: statement<[string], { kind: string; body: string }>("SELECT kind, body FROM features WHERE stream_name = ?"),
  putFeature: statement<[string, string, string]>("INSERT OR REPLACE INTO features (stream_name, kind, body) VALUES (?, ?, ?)"),
  deleteFeature: statement<[string, string]>("DELETE FROM features WHERE stream_name = ? AND kind = ?"),
  removeFeatures: statement<[string]>("DELETE FROM features WHERE stream_name = ?"),
} as const;

function toRow(row: SqlRow): VideoStreamRow {
  return {
    name: row.name,
    id: row.id,
    arn: row.arn,
    status: row.status as StoredStatus,
    statusUntilMs: row.status_until_ms,
    createdMs: row.created_ms,
    version: row.version,
    deviceName: row.device_name,
    mediaType: row.media_type,
    kmsKeyId: row.kms_key_id,
    retentionHours: row.retention_hours,
    storageTier: row.storage_tier as DefaultStorageTier,
    retentionPending: row.retention_pending === 1,
  };
}

export class VideoRegistryStore {
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

  stream(name: string): VideoStreamRow | undefined {
    const row = this.rows(SQL.byName, name)[0];
    return row && toRow(row);
  }

  streamByArn(arn: string): VideoStreamRow | undefined {
    const row = this.rows(SQL.byArn, arn)[0];
    return row && toRow(row);
  }

  /** Streams in name order after `afterName` whose names begin with `prefix`. */
  streams(afterName: string, prefix: string, limit: number): VideoStreamRow[] {
    return this.rows(SQL.page, afterName, prefix.length, prefix, limit).map(toRow);
  }

  allStreams(): VideoStreamRow[] {
    return this.rows(SQL.all).map(toRow);
  }

  /** Streams that exist at `nowMs` (a DELETING stream past its time no longer does). */
  liveCount(nowMs: number): number {
    return this.rows(SQL.countLive, nowMs)[0]?.n ?? 0;
  }

  insert(row: VideoStreamRow, tags: ReadonlyMap<string, string>): void {
    this.storage.transactionSync(() => {
      this.run(
        SQL.insert,
        row.name,
        row.id,
        row.arn,
        row.status,
        row.statusUntilMs,
        row.createdMs,
        row.version,
        row.deviceName,
        row.mediaType,
        row.kmsKeyId,
        row.retentionHours,
        row.storageTier,
      );
      this.writeTags(row.name, tags);
    });
  }

  delete(name: string): void {
    this.storage.transactionSync(() => {
      this.run(SQL.removeTags, name);
      this.run(SQL.removeFeatures, name);
      this.run(SQL.remove, name);
    });
  }

  setStatus(name: string, status: StoredStatus, untilMs: number | null): void {
    this.run(SQL.setStatus, status, untilMs, name);
  }

  setDetails(name: string, deviceName: string | null, mediaType: string | null, version: string): void {
    this.run(SQL.setDetails, deviceName, mediaType, version, name);
  }

  /** A new retention, which the stream object is yet to be told of. */
  setRetention(name: string, hours: number, version: string): void {
    this.run(SQL.setRetention, hours, version, name);
  }

  /** The stream object now knows of `hours` (unless the retention changed again meanwhile). */
  retentionTold(name: string, hours: number): void {
    this.run(SQL.retentionTold, name, hours);
  }

  setStorageTier(name: string, tier: DefaultStorageTier, version: string): void {
    this.run(SQL.setStorageTier, tier, version, name);
  }

  tags(name: string): Map<string, string> {
    return new Map(this.rows(SQL.tags, name).map((row) => [row.key, row.value]));
  }

  putTags(name: string, tags: ReadonlyMap<string, string>): void {
    this.storage.transactionSync(() => this.writeTags(name, tags));
  }

  private writeTags(name: string, tags: ReadonlyMap<string, string>): void {
    for (const [key, value] of tags) this.run(SQL.putTag, name, key, value);
  }

  removeTags(name: string, keys: readonly string[]): void {
    this.storage.transactionSync(() => {
      for (const key of keys) this.run(SQL.deleteTag, name, key);
    });
  }

  features(name: string): StreamFeatures {
    const features: Record<string, unknown> = {};
    for (const row of this.rows(SQL.features, name)) {
      if ((FEATURE_KINDS as readonly string[]).includes(row.kind)) features[row.kind] = JSON.parse(row.body);
    }
    return features as StreamFeatures;
  }

  /** Sets one feature's configuration, or removes it (undefined). */
  setFeature<K extends FeatureKind>(name: string, kind: K, configuration: StreamFeatures[K] | undefined): void {
    if (configuration === undefined) this.run(SQL.deleteFeature, name, kind);
    else this.run(SQL.putFeature, name, kind, JSON.stringify(configuration));
  }
}
