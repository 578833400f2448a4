/**
 * All SQL of a delivery stream's log of recent deliveries: the last METRICS.recentDeliveries
 * objects written to R2 (data, error output, backup), kept in the buffer object's SQLite and
 * written in the transaction that marks their batch delivered. Not an AWS feature: the console's
 * view of what landed where.
 */
import { METRICS } from "../limits";
import { migrate } from "../storage/schema";
import type { DeliveryLogEntry } from "./query";

const VERSION_KEY = "delivery_log_schema_version";

const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE delivery_log (
       id INTEGER PRIMARY KEY,
       delivered_at INTEGER NOT NULL,
       bucket TEXT NOT NULL,
       key TEXT NOT NULL,
       bytes INTEGER NOT NULL,
       records INTEGER NOT NULL,
       kind TEXT NOT NULL
     )`,
  ],
];

export type DeliveredObject = Omit<DeliveryLogEntry, "deliveredAt">;

export class DeliveryLog {
  constructor(private readonly storage: DurableObjectStorage) {}

  migrate(): void {
    migrate(this.storage, MIGRATIONS, VERSION_KEY);
  }

  /** Adds objects delivered at `deliveredAt`, in the order given, and forgets all but the newest. */
  add(deliveredAt: number, objects: readonly DeliveredObject[]): void {
    if (objects.length === 0) return;
    for (const object of objects) {
      this.storage.sql.exec(
        "INSERT INTO delivery_log (delivered_at, bucket, key, bytes, records, kind) VALUES (?, ?, ?, ?, ?, ?)",
        deliveredAt,
        object.bucket,
        object.key,
        object.bytes,
        object.records,
        object.kind,
      );
    }
    this.storage.sql.exec(
      "DELETE FROM delivery_log WHERE id <= (SELECT max(id) FROM delivery_log) - ?",
      METRICS.recentDeliveries,
    );
  }

  /** Newest first. */
  recent(): DeliveryLogEntry[] {
    return this.storage.sql
      .exec<{ delivered_at: number; bucket: string; key: string; bytes: number; records: number; kind: DeliveryLogEntry["kind"] }>(
        "SELECT delivered_at, bucket, key, bytes, records, kind FROM delivery_log ORDER BY id DESC",
      )
      .toArray()
      .map((row) => ({
        bucket: row.bucket,
        key: row.key,
        bytes: row.bytes,
        records: row.records,
        kind: row.kind,
        deliveredAt: row.delivered_at,
      }));
  }
}
