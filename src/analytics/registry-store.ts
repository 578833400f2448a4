/**
 * All SQL of the Analytics registry Durable Object: applications (status and definition) and their
 * tags. A definition is one JSON document: it is read and written whole, a version at a time.
 */
import { migrate } from "../storage/schema";
import type { ApplicationDefinition } from "./definition";
import type { ApplicationStatus } from "./shapes-v1.generated";

export interface ApplicationRow {
  definition: ApplicationDefinition;
  /** The status last written; a transitional one settles at statusUntilMs (registry.ts). */
  status: ApplicationStatus;
  /** When STARTING, STOPPING or UPDATING settles, or DELETING ends; null for READY and RUNNING. */
  statusUntilMs: number | null;
}

type SqlRow = {
  name: string;
  id: string;
  status: string;
  status_until_ms: number | null;
  definition: string;
};

/** Each entry is one schema version: the statements that bring the previous version to it. */
const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE applications (
       name TEXT PRIMARY KEY,
       id TEXT NOT NULL UNIQUE,
       status TEXT NOT NULL,
       status_until_ms INTEGER,
       definition TEXT NOT NULL
     )`,
    `CREATE TABLE tags (
       application_name TEXT NOT NULL REFERENCES applications(name) ON DELETE CASCADE,
       key TEXT NOT NULL,
       value TEXT NOT NULL,
       PRIMARY KEY (application_name, key)
     )`,
  ],
];

function toRow(row: SqlRow): ApplicationRow {
  return {
    definition: JSON.parse(row.definition) as ApplicationDefinition,
    status: row.status as ApplicationStatus,
    statusUntilMs: row.status_until_ms,
  };
}

export class AnalyticsRegistryStore {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  migrate(): void {
    migrate(this.storage, MIGRATIONS);
  }

  application(name: string): ApplicationRow | undefined {
    const row = this.sql.exec<SqlRow>("SELECT * FROM applications WHERE name = ?", name).toArray()[0];
    return row && toRow(row);
  }

  /** Applications in name order after `afterName`. */
  applications(afterName: string, limit: number): ApplicationRow[] {
    return this.sql.exec<SqlRow>("SELECT * FROM applications WHERE name > ? ORDER BY name LIMIT ?", afterName, limit).toArray().map(toRow);
  }

  allApplications(): ApplicationRow[] {
    return this.sql.exec<SqlRow>("SELECT * FROM applications ORDER BY name").toArray().map(toRow);
  }

  insert(row: ApplicationRow, tags: ReadonlyMap<string, string>): void {
    this.storage.transactionSync(() => {
      this.sql.exec(
        "INSERT INTO applications (name, id, status, status_until_ms, definition) VALUES (?, ?, ?, ?, ?)",
        row.definition.name,
        row.definition.id,
        row.status,
        row.statusUntilMs,
        JSON.stringify(row.definition),
      );
      this.putTags(row.definition.name, tags);
    });
  }

  /** Writes an application's definition and status together. */
  put(row: ApplicationRow): void {
    this.sql.exec(
      "UPDATE applications SET status = ?, status_until_ms = ?, definition = ? WHERE name = ?",
      row.status,
      row.statusUntilMs,
      JSON.stringify(row.definition),
      row.definition.name,
    );
  }

  setStatus(name: string, status: ApplicationStatus, untilMs: number | null): void {
    this.sql.exec("UPDATE applications SET status = ?, status_until_ms = ? WHERE name = ?", status, untilMs, name);
  }

  delete(name: string): void {
    this.storage.transactionSync(() => {
      this.sql.exec("DELETE FROM tags WHERE application_name = ?", name);
      this.sql.exec("DELETE FROM applications WHERE name = ?", name);
    });
  }

  tags(name: string): Map<string, string> {
    const rows = this.sql.exec<{ key: string; value: string }>("SELECT key, value FROM tags WHERE application_name = ? ORDER BY key", name);
    return new Map(rows.toArray().map((row) => [row.key, row.value]));
  }

  putTags(name: string, tags: ReadonlyMap<string, string>): void {
    for (const [key, value] of tags) {
      this.sql.exec("INSERT OR REPLACE INTO tags (application_name, key, value) VALUES (?, ?, ?)", name, key, value);
    }
  }

  removeTags(name: string, keys: readonly string[]): void {
    for (const key of keys) this.sql.exec("DELETE FROM tags WHERE application_name = ? AND key = ?", name, key);
  }
}
