/**
 * The engine running one compiled application: rows in (input streams), time forward, rows out (any
 * in-application stream, error_stream included), state out and back in.
 *
 * Time: every row carries its ROWTIME (when the application took it in; the caller assigns it, never
 * decreasing). Before a row is processed the engine advances to its ROWTIME, closing every window
 * that ends at or before it, upstream pumps first; advanceTo(t) does the same without a row, so
 * windows close even when no data comes. A row older than the engine's time goes to error_stream
 * ("Rows out of order"), as AWS reports it.
 *
 * Snapshots: snapshot() is plain JSON holding every operator's state (window buffers, groups, join
 * buffers, sorts, table-function state) and the engine's time; restore() into a fresh engine of the
 * same application continues exactly: the rows after the snapshot give the outputs an uninterrupted
 * run would have given. Reference tables are not in the snapshot (give them again at start).
 *
 * Listeners are called synchronously while rows flow; they must not call back into the engine.
 * Deliberate difference: CURRENT_ROW_TIMESTAMP and ERROR_TIME read the injected clock, which defaults
 * to the engine's time (the latest ROWTIME), so runs are reproducible.
 */
import type { Clock } from "../../clock";
import type { CompiledApplication, StreamDescription } from "./application";
import { ERROR_STREAM, type StreamDefinition } from "./catalog";
import { inputCoercer } from "./coerce";
import { SqlDataError } from "./errors";
import type { Push, PumpRuntime, ReferenceTable, StatefulNode } from "./operators/runtime";
import { planApplication } from "./plan-application";
import { asArray, toHex, utf8Hex, type JsonValue, type Row, type SqlValue } from "./values";

export interface InputRow {
  /** Milliseconds since the epoch; never less than an earlier row's. */
  readonly rowtime: number;
  /** The record's ApproximateArrivalTimestamp (input streams' APPROXIMATE_ARRIVAL_TIME), if known. */
  readonly approximateArrivalTime?: number | null;
  /** The columns' values as read from the record (JSON values, or text from CSV), in column order. */
  readonly values: readonly unknown[];
  /** The record as received, for error_stream's DATA_ROW when a value cannot be coerced. */
  readonly data?: Uint8Array | string;
}

export interface StreamRow {
  readonly rowtime: number;
  /** In the order of the stream's columns (StreamDescription.columns). */
  readonly values: readonly SqlValue[];
}

export type StreamListener = (row: StreamRow) => void;

export interface EngineOptions {
  /** The clock of CURRENT_ROW_TIMESTAMP and error_stream's ERROR_TIME; default: the engine's time. */
  readonly clock?: Clock;
  /** Reference tables' rows (raw values, converted like input values), by table name. */
  readonly referenceData?: Readonly<Record<string, readonly (readonly unknown[])[]>>;
}

export interface EngineSnapshot {
  readonly format: "rivulet-sql-engine/1";
  readonly fingerprint: string;
  readonly time: number | null;
  readonly pumps: { readonly [pump: string]: JsonValue[] };
}

class Channel {
  readonly subscribers: Push[] = [];
  readonly listeners: StreamListener[] = [];
  /** For input streams: one converter per visible column, from record values to the column's type. */
  readonly coercers: ((raw: unknown) => SqlValue)[];

  constructor(
    readonly definition: StreamDefinition,
    /** 1 + the number of visible columns: hidden ones (APPROXIMATE_ARRIVAL_TIME) follow. */
    readonly visibleWidth: number,
  ) {
    this.coercers = definition.kind === "input" ? definition.columns.filter((c) => !c.hidden).map((c) => inputCoercer(c.type)) : [];
  }

  readonly publish = (row: Row): void => {
    for (const s of this.subscribers) s(row);
    if (this.listeners.length === 0) return;
    const rowtime = row[0];
    const out: StreamRow = { rowtime: typeof rowtime === "number" ? rowtime : 0, values: row.slice(1, this.visibleWidth) };
    for (const l of this.listeners) l(out);
  };
}

interface PumpInstance {
  readonly name: string;
  readonly nodes: StatefulNode[];
}

export class ApplicationEngine {
  private readonly channels = new Map<string, Channel>();
  private readonly tables = new Map<string, { name: string; rows: Row[]; version: number; columns: StreamDefinition["columns"] }>();
  private readonly pumps: PumpInstance[] = [];
  private currentTime = -Infinity;
  private readonly clock: Clock | undefined;

  constructor(
    readonly app: CompiledApplication,
    options: EngineOptions = {},
  ) {
    this.clock = options.clock;
    const planned = planApplication(app.statements, app.schema, app.functions, { now: () => this.now() });
    for (const s of planned.streams.values()) {
      this.channels.set(s.name, new Channel(s, 1 + s.columns.filter((c) => !c.hidden).length));
    }
    for (const t of planned.tables.values()) {
      this.tables.set(t.name, { name: t.name, rows: [], version: 0, columns: t.columns.map((c) => ({ ...c, notNull: false, hidden: false })) });
    }
    for (const [name, rows] of Object.entries(options.referenceData ?? {})) this.setReferenceData(name, rows);
    for (const p of planned.pumps) {
      const instance: PumpInstance = { name: p.name, nodes: [] };
      const target = this.channel(p.target);
      p.build(this.pumpRuntime(instance), target.publish);
      this.pumps.push(instance);
    }
  }

  /** The engine's time: the latest ROWTIME or advanceTo; undefined before any. */
  get time(): number | undefined {
    return this.currentTime === -Infinity ? undefined : this.currentTime;
  }

  get streams(): readonly StreamDescription[] {
    return this.app.streams;
  }

  private now(): number {
    return this.clock?.now() ?? (this.currentTime === -Infinity ? 0 : this.currentTime);
  }

  private channel(name: string): Channel {
    const c = this.channels.get(name);
    if (c === undefined) throw new Error(`No in-application stream named '${name}'`);
    return c;
  }

  private pumpRuntime(instance: PumpInstance): PumpRuntime {
    return {
      pumpName: instance.name,
      eval: { now: () => this.now() },
      register: (node) => instance.nodes.push(node),
      subscribe: (stream, push) => this.channel(stream).subscribers.push(push),
      table: (name): ReferenceTable => {
        const t = this.tables.get(name);
        if (t === undefined) throw new Error(`No reference table named '${name}'`);
        return t;
      },
      fail: (error, row, columns) => this.fail(error, row, columns, instance.name),
    };
  }

  /** Rows for an input stream, in ROWTIME order. */
  insert(stream: string, rows: readonly InputRow[]): void {
    const channel = this.channel(stream);
    if (channel.definition.kind !== "input") throw new Error(`'${stream}' is not an input stream; only input streams take rows from outside`);
    const coercers = channel.coercers;
    for (const input of rows) {
      const rowtime = Math.floor(input.rowtime);
      if (!Number.isFinite(rowtime)) throw new Error(`Row of '${stream}' has no valid ROWTIME`);
      if (rowtime < this.currentTime) {
        this.errorRow("Rows out of order", `Row with ROWTIME ${rowtime} arrived after time ${this.currentTime}`, rowtime, rawData(input), null);
        continue;
      }
      this.advanceTo(rowtime);
      const row: Row = [rowtime];
      try {
        for (let i = 0; i < coercers.length; i++) row.push((coercers[i] ?? noValue)(input.values[i]));
      } catch (e) {
        if (!(e instanceof SqlDataError)) throw e;
        this.errorRow(e.errorName, e.message, rowtime, rawData(input), null);
        continue;
      }
      row.push(input.approximateArrivalTime ?? null);
      channel.publish(row);
    }
  }

  /** Moves time forward to `time`: windows ending at or before it close and emit. */
  advanceTo(time: number): void {
    if (!(time > this.currentTime)) return;
    this.currentTime = time;
    for (const p of this.pumps) {
      for (let i = p.nodes.length - 1; i >= 0; i--) p.nodes[i]?.advance(time);
    }
  }

  /** Calls `listener` with every row inserted into the stream from now on; returns the unsubscribe. */
  subscribe(stream: string, listener: StreamListener): () => void {
    const listeners = this.channel(stream).listeners;
    listeners.push(listener);
    return () => {
      const i = listeners.indexOf(listener);
      if (i >= 0) listeners.splice(i, 1);
    };
  }

  /** Replaces a reference table's rows (raw values in column order, converted like input values). */
  setReferenceData(table: string, rows: readonly (readonly unknown[])[]): void {
    const t = this.tables.get(table);
    if (t === undefined) throw new Error(`No reference table named '${table}'`);
    const converted: Row[] = [];
    for (const raw of rows) {
      try {
        converted.push([null, ...t.columns.map((c, i) => inputCoercer(c.type)(raw[i]))]);
      } catch (e) {
        if (!(e instanceof SqlDataError)) throw e;
        this.errorRow(e.errorName, `Reference table '${table}': ${e.message}`, null, JSON.stringify(raw), null);
      }
    }
    t.rows = converted;
    t.version++;
  }

  snapshot(): EngineSnapshot {
    const pumps: Record<string, JsonValue[]> = {};
    for (const p of this.pumps) pumps[p.name] = p.nodes.map((n) => n.snapshot());
    return { format: "rivulet-sql-engine/1", fingerprint: this.app.fingerprint, time: this.time ?? null, pumps };
  }

  /** Continues from a snapshot; call on a fresh engine, before any row. */
  restore(snapshot: EngineSnapshot): void {
    if (snapshot.format !== "rivulet-sql-engine/1") throw new Error(`Unknown snapshot format ${String(snapshot.format)}`);
    if (snapshot.fingerprint !== this.app.fingerprint) throw new Error("The snapshot was taken from a different application (code or schema changed)");
    for (const p of this.pumps) {
      const states = asArray(snapshot.pumps[p.name] ?? []);
      if (states.length !== p.nodes.length) throw new Error(`The snapshot of pump '${p.name}' does not fit its operators`);
      p.nodes.forEach((n, i) => n.restore(states[i] ?? null));
    }
    this.currentTime = snapshot.time ?? -Infinity;
  }

  private fail(error: unknown, row: Row | null, columns: readonly string[] | undefined, pump: string): void {
    if (!(error instanceof SqlDataError)) throw error;
    const rowtime = row?.[0];
    this.errorRow(error.errorName, error.message, typeof rowtime === "number" ? rowtime : null, row === null ? null : describeRow(row, columns), pump);
  }

  private errorRow(name: string, message: string, dataRowtime: number | null, data: string | Uint8Array | null, pump: string | null): void {
    const hex = data === null ? null : typeof data === "string" ? utf8Hex(data) : toHex(data);
    const row: Row = [
      this.currentTime === -Infinity ? this.now() : this.currentTime,
      this.now(),
      "ERROR",
      name.slice(0, 32),
      message.slice(0, 4096),
      dataRowtime,
      hex === null ? null : hex.slice(0, 49152),
      pump,
    ];
    this.channel(ERROR_STREAM).publish(row);
  }
}

const noValue = (): SqlValue => null;

function rawData(input: InputRow): string | Uint8Array {
  return input.data ?? JSON.stringify(input.values);
}

/** A row as JSON text: {"COLUMN": value, ...} when the names are known. */
function describeRow(row: Row, columns: readonly string[] | undefined): string {
  const plain = (v: SqlValue): unknown => (v instanceof Uint8Array ? toHex(v) : Array.isArray(v) ? v.map(plain) : v);
  if (columns === undefined) return JSON.stringify(row.slice(1).map(plain));
  const object: Record<string, unknown> = {};
  for (let i = 1; i < row.length; i++) object[columns[i] ?? `COLUMN${i}`] = plain(row[i] ?? null);
  return JSON.stringify(object);
}
