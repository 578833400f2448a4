/**
 * All SQL of the mapping directory Durable Object: which event source mappings exist in an account
 * and region, in creation order, with what ListEventSourceMappings filters on and what makes a
 * mapping unique (one per function and event source).
 */
import { migrate } from "../storage/schema";
export interface DirectoryEntry {
  seq: number;
  uuid: string;
  /** The FunctionArn (or URL) the mapping targets. */
  functionKey: string;
  eventSourceArn: string;
}

const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE mappings (
       seq INTEGER PRIMARY KEY AUTOINCREMENT,
       uuid TEXT NOT NULL UNIQUE,
       function_key TEXT NOT NULL,
       event_source_arn TEXT NOT NULL
     )`,
    "CREATE INDEX mappings_by_source ON mappings (event_source_arn, function_key)",
  ],
];


type Row = { seq: number; uuid: string; function_key: string; event_source_arn: string };

function entry(row: Row): DirectoryEntry {
  return { seq: row.seq, uuid: row.uuid, functionKey: row.function_key, eventSourceArn: row.event_source_arn };
}

export class DirectoryStore {
  private readonly sql: SqlStorage;

  constructor(private readonly storage: DurableObjectStorage) {
    this.sql = storage.sql;
  }

  migrate(): void {
    migrate(this.storage, MIGRATIONS);
  }

  /** The mapping of this function to this event source, other than `exceptUuid`. */
  find(eventSourceArn: string, functionKey: string, exceptUuid?: string): DirectoryEntry | undefined {
    const row = this.sql
      .exec<Row>(
        "SELECT * FROM mappings WHERE event_source_arn = ? AND function_key = ? AND uuid != ? LIMIT 1",
        eventSourceArn,
        functionKey,
        exceptUuid ?? "",
      )
      .toArray()[0];
    return row && entry(row);
  }

  insert(uuid: string, functionKey: string, eventSourceArn: string): void {
    this.sql.exec("INSERT INTO mappings (uuid, function_key, event_source_arn) VALUES (?, ?, ?)", uuid, functionKey, eventSourceArn);
  }

  setFunction(uuid: string, functionKey: string): void {
    this.sql.exec("UPDATE mappings SET function_key = ? WHERE uuid = ?", functionKey, uuid);
  }

  remove(uuid: string): void {
    this.sql.exec("DELETE FROM mappings WHERE uuid = ?", uuid);
  }

  /** Up to `limit` entries after `afterSeq` in creation order, matching the filters that are given. */
  list(filter: { functionKey?: string; eventSourceArn?: string }, afterSeq: number, limit: number): DirectoryEntry[] {
    return this.sql
      .exec<Row>(
        `SELECT * FROM mappings
         WHERE seq > ?1 AND (?2 IS NULL OR function_key = ?2) AND (?3 IS NULL OR event_source_arn = ?3)
         ORDER BY seq LIMIT ?4`,
        afterSeq,
        filter.functionKey ?? null,
        filter.eventSourceArn ?? null,
        limit,
      )
      .toArray()
      .map(entry);
  }
}
