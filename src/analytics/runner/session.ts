/**
 * A running application in memory: its engine, fed the rows of each step; the rows its outputs
 * produced since the last commit (formatted, for the outbox); who listens to which stream (outputs,
 * the live view); and the engine's snapshot, per pump as JSON text, with what changed since the
 * last one that was stored.
 *
 * Rows: each record read becomes rows by its input's reader (or goes to error_stream when it cannot
 * be read, or its preprocessing failed), every row of a step takes the step's ROWTIME (processing
 * time, never before the engine's time), and a record's ApproximateArrivalTimestamp becomes
 * APPROXIMATE_ARRIVAL_TIME. With InputParallelism a record goes to stream `partition % n`: a Kinesis
 * shard's records stay in one in-application stream, as AWS splits shards among them.
 */
import { rowFormatter } from "../records/writer";
import { ApplicationEngine, ERROR_STREAM, type CompiledApplication, type EngineSnapshot, type InputRow, type JsonValue, type StreamListener, type StreamRow } from "../sql";
import type { SourceRecord } from "./inputs";
import type { ApplicationPlan, InputPlan } from "./plan";
import type { Preprocessed } from "./preprocess";

/** The engine's state as stored: per pump the JSON text of its operators' states. */
export interface StoredEngine {
  readonly fingerprint: string;
  readonly time: number | null;
  readonly pumps: ReadonlyMap<string, string>;
}

export interface SnapshotChange {
  readonly fingerprint: string;
  readonly time: number | null;
  /** Pumps whose state differs from the last stored one. */
  readonly changed: ReadonlyMap<string, string>;
}

export class Session {
  readonly engine: ApplicationEngine;
  private readonly listeners = new Map<string, StreamListener[]>();
  private readonly attached = new Set<string>();
  /** Output id -> records produced since the last commit. */
  private pending = new Map<string, Uint8Array[]>();
  /** What was last stored, per pump, so unchanged pumps are not written again. */
  private stored = new Map<string, string>();

  constructor(
    readonly app: CompiledApplication,
    readonly plan: ApplicationPlan,
    referenceData: Readonly<Record<string, readonly (readonly unknown[])[]>>,
  ) {
    this.engine = new ApplicationEngine(app, { referenceData });
    for (const output of plan.outputs) {
      const stream = app.streams.find((s) => s.name === output.stream);
      // An output whose stream the code does not create stays idle (the code may create it later).
      if (!stream) continue;
      const format = rowFormatter(output.format, stream.columns);
      const list: Uint8Array[] = [];
      this.pending.set(output.id, list);
      this.subscribe(output.stream, (row) => {
        (this.pending.get(output.id) ?? list).push(format(row.values));
      });
    }
  }

  /** Listens to a stream's rows (error_stream's include the errors found before the engine). */
  subscribe(stream: string, listener: StreamListener): () => void {
    if (!this.app.streams.some((s) => s.name === stream)) return () => {};
    let list = this.listeners.get(stream);
    if (!list) {
      list = [];
      this.listeners.set(stream, list);
    }
    list.push(listener);
    if (!this.attached.has(stream)) {
      this.attached.add(stream);
      this.engine.subscribe(stream, (row) => this.dispatch(stream, row));
    }
    return () => {
      const current = this.listeners.get(stream) ?? [];
      const i = current.indexOf(listener);
      if (i >= 0) current.splice(i, 1);
    };
  }

  private dispatch(stream: string, row: StreamRow): void {
    for (const listener of this.listeners.get(stream) ?? []) listener(row);
  }

  /** Continues from a stored state; a state of other code or schema is not used (the application restarts empty). */
  restore(stored: StoredEngine): boolean {
    if (stored.fingerprint !== this.app.fingerprint) return false;
    const pumps: Record<string, JsonValue[]> = {};
    for (const [pump, text] of stored.pumps) pumps[pump] = JSON.parse(text) as JsonValue[];
    const snapshot: EngineSnapshot = { format: "rivulet-sql-engine/1", fingerprint: stored.fingerprint, time: stored.time, pumps };
    this.engine.restore(snapshot);
    this.stored = new Map(stored.pumps);
    return true;
  }

  /** One step's records of one input (with their preprocessing outcomes, if any), at `rowtime`. */
  feed(input: InputPlan, records: readonly SourceRecord[], outcomes: readonly Preprocessed[] | undefined, rowtime: number): void {
    const count = input.streams.length;
    const batches: InputRow[][] = input.streams.map(() => []);
    records.forEach((record, i) => {
      let data = record.data;
      const outcome = outcomes?.[i];
      if (outcome?.result === "Dropped") return;
      if (outcome?.result === "ProcessingFailed") {
        this.error(rowtime, "Lambda_ProcessingFailed", `The preprocessing function ${input.processorArn ?? ""} answered ProcessingFailed`, data);
        return;
      }
      if (outcome?.result === "Ok") data = outcome.data;
      const result = input.reader.read(data);
      if (!result.ok) {
        this.error(rowtime, "Unparseable record", result.error, data);
        return;
      }
      const batch = batches[record.partition % count];
      for (const values of result.rows) batch?.push({ rowtime, approximateArrivalTime: record.arrivalMs, values, data });
    });
    input.streams.forEach((stream, k) => {
      const batch = batches[k];
      if (batch && batch.length > 0) this.engine.insert(stream, batch);
    });
  }

  /** An error found before the engine (a record that cannot be read), as error_stream's row. */
  private error(rowtime: number, name: string, message: string, data: Uint8Array): void {
    this.dispatch(ERROR_STREAM, { rowtime, values: [rowtime, "ERROR", name, message.slice(0, 4096), rowtime, data.toHex().slice(0, 49152), null] });
  }

  /** The output records produced since the last call, by output id. */
  takePending(): Map<string, Uint8Array[]> {
    const taken = new Map<string, Uint8Array[]>();
    for (const [id, list] of this.pending) {
      if (list.length > 0) taken.set(id, list.splice(0));
    }
    return taken;
  }

  /** The engine's state now, as what changed since the last stored one; call `stored` once it is. */
  snapshot(): SnapshotChange {
    const snapshot = this.engine.snapshot();
    const changed = new Map<string, string>();
    for (const [pump, state] of Object.entries(snapshot.pumps)) {
      const text = JSON.stringify(state);
      if (this.stored.get(pump) !== text) changed.set(pump, text);
    }
    return { fingerprint: snapshot.fingerprint, time: snapshot.time, changed };
  }

  /** The change was stored. */
  markStored(change: SnapshotChange): void {
    for (const [pump, text] of change.changed) this.stored.set(pump, text);
  }
}
