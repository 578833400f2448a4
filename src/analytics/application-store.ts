/**
 * All SQL of an Analytics application's object. What it keeps:
 * - kv `spec`: the ApplicationSpec it runs (or last ran); `running`; `failure` (the last start or
 *   update that failed); `engine`: the stored engine state's fingerprint, time and pump names.
 * - `inputs`: per input, the source it reads (ARN, and the id of the stream or delivery stream
 *   that ARN named) and its checkpoints, per shard: what LAST_STOPPED_POINT continues from.
 * - `engine_chunks`: the engine's state per pump (window buffers, groups, the analytic functions'
 *   models), as JSON text split into chunks of RUNNER.snapshotChunkChars.
 * - `outbox`: output records produced and not yet written, per output, oldest first.
 * - `reference_chunks`: each reference data source's S3 object as it was loaded at the last start
 *   or update, so a restarted object joins against the same data.
 *
 * A step stores the checkpoints, the changed pumps and the new output records in one transaction
 * (commitStep): after an eviction the object continues exactly from its last step.
 */
import type { SourceShard } from "../firehose/buffer-store";
import { hasSchema, migrate } from "../storage/schema";
import type { InputPosition } from "./runner/inputs";
import { RUNNER } from "./runner/limits";
import type { PendingRecord } from "./runner/outputs";
import type { SnapshotChange, StoredEngine } from "./runner/session";
import type { ApplicationSpec, RunnerState } from "./runner-contract";

const MIGRATIONS: string[][] = [
  [
    `CREATE TABLE inputs (
       input_id TEXT PRIMARY KEY,
       source_arn TEXT NOT NULL,
       source_id TEXT,
       shards TEXT NOT NULL
     )`,
    `CREATE TABLE engine_chunks (
       pump TEXT NOT NULL,
       chunk INTEGER NOT NULL,
       data TEXT NOT NULL,
       PRIMARY KEY (pump, chunk)
     )`,
    `CREATE TABLE outbox (
       id INTEGER PRIMARY KEY AUTOINCREMENT,
       output_id TEXT NOT NULL,
       data BLOB NOT NULL
     )`,
    "CREATE INDEX outbox_by_output ON outbox (output_id, id)",
    `CREATE TABLE reference_chunks (
       reference_id TEXT NOT NULL,
       chunk INTEGER NOT NULL,
       data BLOB NOT NULL,
       PRIMARY KEY (reference_id, chunk)
     )`,
  ],
];

interface EngineMeta {
  fingerprint: string;
  time: number | null;
  pumps: string[];
}

export interface StoredInput {
  readonly sourceArn: string;
  readonly position: InputPosition;
}

/** One step's changes. */
export interface StepCommit {
  readonly inputs: ReadonlyMap<string, StoredInput>;
  readonly snapshot: SnapshotChange;
  readonly outbox: ReadonlyMap<string, readonly Uint8Array[]>;
}

const REFERENCE_CHUNK_BYTES = 1024 * 1024;
/** Durable Objects' SQLite binds at most 100 parameters per statement. */
const OUTBOX_ROWS_PER_INSERT = 50;

export class ApplicationStore {
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

  spec(): ApplicationSpec | undefined {
    return this.storage.kv.get<ApplicationSpec>("spec");
  }

  running(): boolean {
    return this.storage.kv.get<boolean>("running") === true;
  }

  failure(): RunnerState["failure"] {
    return this.storage.kv.get<NonNullable<RunnerState["failure"]>>("failure");
  }

  setFailure(failure: RunnerState["failure"]): void {
    if (failure) this.storage.kv.put("failure", failure);
    else this.storage.kv.delete("failure");
  }

  /**
   * A version starts running (start, or update of a running application), in one transaction: the
   * spec, the inputs' places, the reference objects just loaded, no failure; the engine's state is
   * kept only when the code and schema did not change (`keepEngine`). Outputs no longer in the spec
   * lose their waiting records.
   */
  startRun(
    spec: ApplicationSpec,
    inputs: ReadonlyMap<string, StoredInput>,
    references: ReadonlyMap<string, Uint8Array>,
    options: { keepEngine: boolean; outputIds: readonly string[] },
  ): void {
    this.storage.transactionSync(() => {
      this.storage.kv.put("spec", spec);
      this.storage.kv.put("running", true);
      this.storage.kv.delete("failure");
      this.sql.exec("DELETE FROM inputs");
      for (const [id, input] of inputs) this.saveInput(id, input);
      const outputs = options.outputIds;
      this.sql.exec(`DELETE FROM outbox WHERE output_id NOT IN (${outputs.map(() => "?").join(",")})`, ...outputs);
      this.replaceReferenceData(references);
      if (!options.keepEngine) this.deleteEngine();
    });
  }

  /** A stopped application's new version, run at the next start. */
  keepSpec(spec: ApplicationSpec): void {
    this.storage.kv.put("spec", spec);
  }

  setRunning(running: boolean): void {
    this.storage.kv.put("running", running);
  }

  inputs(): Map<string, StoredInput> {
    const rows = this.sql.exec<{ input_id: string; source_arn: string; source_id: string | null; shards: string }>("SELECT * FROM inputs").toArray();
    return new Map(
      rows.map((row) => [row.input_id, { sourceArn: row.source_arn, position: { sourceId: row.source_id, shards: JSON.parse(row.shards) as SourceShard[] } }]),
    );
  }

  private saveInput(id: string, input: StoredInput): void {
    this.sql.exec(
      "INSERT INTO inputs (input_id, source_arn, source_id, shards) VALUES (?, ?, ?, ?) ON CONFLICT (input_id) DO UPDATE SET source_arn = excluded.source_arn, source_id = excluded.source_id, shards = excluded.shards",
      id,
      input.sourceArn,
      input.position.sourceId,
      JSON.stringify(input.position.shards),
    );
  }

  // ---- the engine's state ----------------------------------------------------------------------

  engine(): StoredEngine | undefined {
    const meta = this.storage.kv.get<EngineMeta>("engine");
    if (!meta) return undefined;
    const pumps = new Map<string, string>();
    for (const pump of meta.pumps) {
      const chunks = this.sql.exec<{ data: string }>("SELECT data FROM engine_chunks WHERE pump = ? ORDER BY chunk", pump).toArray();
      pumps.set(pump, chunks.map((chunk) => chunk.data).join(""));
    }
    return { fingerprint: meta.fingerprint, time: meta.time, pumps };
  }

  /** Forgets the engine's state (a start, or new code: the application's SQL starts empty). */
  clearEngine(): void {
    this.storage.transactionSync(() => this.deleteEngine());
  }

  private deleteEngine(): void {
    this.storage.kv.delete("engine");
    this.sql.exec("DELETE FROM engine_chunks");
  }

  private saveEngine(change: SnapshotChange): void {
    const meta = this.storage.kv.get<EngineMeta>("engine");
    const pumps = new Set(meta?.fingerprint === change.fingerprint ? meta.pumps : []);
    if (meta?.fingerprint !== change.fingerprint) this.sql.exec("DELETE FROM engine_chunks");
    for (const [pump, text] of change.changed) {
      this.sql.exec("DELETE FROM engine_chunks WHERE pump = ?", pump);
      for (let i = 0, chunk = 0; i < text.length || chunk === 0; i += RUNNER.snapshotChunkChars, chunk++) {
        this.sql.exec("INSERT INTO engine_chunks (pump, chunk, data) VALUES (?, ?, ?)", pump, chunk, text.slice(i, i + RUNNER.snapshotChunkChars));
      }
      pumps.add(pump);
    }
    this.storage.kv.put("engine", { fingerprint: change.fingerprint, time: change.time, pumps: [...pumps] } satisfies EngineMeta);
  }

  // ---- a step ----------------------------------------------------------------------------------

  /** Stores a step: checkpoints, engine state and output records together. */
  commitStep(step: StepCommit): void {
    this.storage.transactionSync(() => {
      for (const [id, input] of step.inputs) this.saveInput(id, input);
      this.saveEngine(step.snapshot);
      for (const [output, records] of step.outbox) {
        // Several rows per statement: a filter passing thousands of rows a step spends most of its commit here.
        for (let i = 0; i < records.length; i += OUTBOX_ROWS_PER_INSERT) {
          const slice = records.slice(i, i + OUTBOX_ROWS_PER_INSERT);
          this.sql.exec(`INSERT INTO outbox (output_id, data) VALUES ${slice.map(() => "(?, ?)").join(", ")}`, ...slice.flatMap((data) => [output, data]));
        }
      }
    });
  }

  // ---- the outbox ------------------------------------------------------------------------------

  pending(output: string, limit: number): PendingRecord[] {
    return this.sql
      .exec<{ id: number; data: ArrayBuffer }>("SELECT id, data FROM outbox WHERE output_id = ? ORDER BY id LIMIT ?", output, limit)
      .toArray()
      .map((row) => ({ id: row.id, data: new Uint8Array(row.data) }));
  }

  pendingCounts(): Map<string, number> {
    const rows = this.sql.exec<{ output_id: string; n: number }>("SELECT output_id, count(*) AS n FROM outbox GROUP BY output_id").toArray();
    return new Map(rows.map((row) => [row.output_id, row.n]));
  }

  /**
   * Of `sent` (an output's oldest pending records, in order), those in `written` were written: they
   * leave the outbox, each unbroken run of them in one statement.
   */
  written(output: string, sent: readonly PendingRecord[], written: readonly number[]): void {
    if (written.length === 0) return;
    const done = new Set(written);
    this.storage.transactionSync(() => {
      let first: number | undefined;
      let last: number | undefined;
      const flush = () => {
        if (first !== undefined && last !== undefined) this.sql.exec("DELETE FROM outbox WHERE output_id = ? AND id BETWEEN ? AND ?", output, first, last);
        first = undefined;
      };
      for (const record of sent) {
        if (!done.has(record.id)) {
          flush();
          continue;
        }
        first ??= record.id;
        last = record.id;
      }
      flush();
    });
  }

  // ---- reference data --------------------------------------------------------------------------

  referenceData(id: string): Uint8Array | undefined {
    const chunks = this.sql.exec<{ data: ArrayBuffer }>("SELECT data FROM reference_chunks WHERE reference_id = ? ORDER BY chunk", id).toArray();
    if (chunks.length === 0) return undefined;
    const total = chunks.reduce((sum, chunk) => sum + chunk.data.byteLength, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(new Uint8Array(chunk.data), offset);
      offset += chunk.data.byteLength;
    }
    return out;
  }

  /** Replaces every reference source's data with what was loaded now. */
  private replaceReferenceData(objects: ReadonlyMap<string, Uint8Array>): void {
    this.sql.exec("DELETE FROM reference_chunks");
    for (const [id, data] of objects) {
      for (let offset = 0, chunk = 0; offset < data.byteLength || chunk === 0; offset += REFERENCE_CHUNK_BYTES, chunk++) {
        this.sql.exec("INSERT INTO reference_chunks (reference_id, chunk, data) VALUES (?, ?, ?)", id, chunk, data.slice(offset, offset + REFERENCE_CHUNK_BYTES));
      }
    }
  }
}
