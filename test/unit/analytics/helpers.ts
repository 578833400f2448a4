/**
 * Shared by the SQL engine's tests: the Developer Guide's demo stream (stock tickers), a seeded row
 * generator, and a harness that runs application code and collects what each stream receives.
 */
import {
  ApplicationEngine,
  compileApplication,
  SqlTypes,
  type ApplicationSchema,
  type EngineOptions,
  type FunctionRegistry,
  type InputRow,
  type SqlValue,
  type StreamRow,
} from "../../../src/analytics/sql";

export const SOURCE = "SOURCE_SQL_STREAM_001";

/** The demo stream's schema: (TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE REAL, PRICE REAL). */
export const TICKER_SCHEMA: ApplicationSchema = {
  inputs: [
    {
      name: SOURCE,
      columns: [
        { name: "TICKER_SYMBOL", type: SqlTypes.varchar(4) },
        { name: "SECTOR", type: SqlTypes.varchar(16) },
        { name: "CHANGE", type: SqlTypes.real },
        { name: "PRICE", type: SqlTypes.real },
      ],
    },
  ],
};

/** 2024-01-01 11:00:00 UTC: tests count time from here. */
export const T0 = Date.UTC(2024, 0, 1, 11, 0, 0);
export const SECOND = 1000;
export const MINUTE = 60_000;

export interface Tick {
  rowtime: number;
  ticker: string;
  sector: string;
  change: number;
  price: number;
}

const TICKERS: readonly [string, string][] = [
  ["AMZN", "RETAIL"],
  ["MSFT", "TECHNOLOGY"],
  ["INTC", "TECHNOLOGY"],
  ["TBV", "FINANCIAL"],
  ["WAS", "ENERGY"],
];

/** A deterministic stream of ticks: `count` rows from T0, `gap` ms apart on average. */
export function ticks(count: number, seed = 1, gap = 700): Tick[] {
  let state = seed >>> 0 || 1;
  const random = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const out: Tick[] = [];
  let t = T0;
  for (let i = 0; i < count; i++) {
    t += Math.floor(random() * gap * 2);
    const [ticker, sector] = TICKERS[Math.floor(random() * TICKERS.length)] ?? ["AMZN", "RETAIL"];
    // Whole cents, so sums and averages are exact enough to compare with toBeCloseTo.
    const price = Math.round((10 + random() * 90) * 100) / 100;
    const change = Math.round((random() * 10 - 5) * 100) / 100;
    out.push({ rowtime: t, ticker, sector, change, price });
  }
  return out;
}

export function tickRow(t: Tick): InputRow {
  return { rowtime: t.rowtime, values: [t.ticker, t.sector, t.change, t.price] };
}

export interface Harness {
  readonly engine: ApplicationEngine;
  /** Every row each stream received since the start, in order. */
  rows(stream: string): StreamRow[];
  /** The rows' values only. */
  values(stream: string): SqlValue[][];
  insert(rows: readonly InputRow[], stream?: string): void;
}

export function run(code: string, options: { schema?: ApplicationSchema; functions?: FunctionRegistry; engine?: EngineOptions; streams?: readonly string[] } = {}): Harness {
  const app = compileApplication(code, options.schema ?? TICKER_SCHEMA, { functions: options.functions });
  const engine = new ApplicationEngine(app, options.engine);
  return attach(engine, options.streams ?? app.streams.map((s) => s.name));
}

export function attach(engine: ApplicationEngine, streams: readonly string[]): Harness {
  const seen = new Map<string, StreamRow[]>();
  for (const s of streams) {
    const list: StreamRow[] = [];
    seen.set(s, list);
    engine.subscribe(s, (row) => list.push(row));
  }
  return {
    engine,
    rows: (stream) => seen.get(stream) ?? [],
    values: (stream) => (seen.get(stream) ?? []).map((r) => [...r.values]),
    insert: (rows, stream = SOURCE) => engine.insert(stream, rows),
  };
}

/** Groups items by a key, keeping first-appearance order. */
export function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list === undefined) out.set(k, [item]);
    else list.push(item);
  }
  return out;
}

/** Sorts rows of values for order-insensitive comparison. */
export function sorted(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows.map((r) => [...r]).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : JSON.stringify(a) > JSON.stringify(b) ? 1 : 0));
}
