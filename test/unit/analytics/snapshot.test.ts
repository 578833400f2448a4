/**
 * The engine's state survives a restart: run part of the rows, snapshot, send the snapshot through
 * JSON (as a Durable Object stores it), restore into a fresh engine, run the rest. What every stream
 * received must equal an uninterrupted run: no window lost, no row counted twice.
 */
import { describe, expect, it } from "vitest";
import { ApplicationEngine, compileApplication, SqlTypes, type ApplicationSchema, type EngineSnapshot, type StreamRow } from "../../../src/analytics/sql";
import { doubles } from "./doubles";
import { attach, MINUTE, SOURCE, tickRow, ticks, type Tick } from "./helpers";

const SCHEMA: ApplicationSchema = {
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
  referenceTables: [{ name: "COMPANIES", columns: [{ name: "TICKER", type: SqlTypes.varchar(4) }, { name: "NAME", type: SqlTypes.varchar(20) }] }],
};

// Every kind of state the engine keeps, in one application.
const CODE = `
  CREATE STREAM TUMBLING (ticker VARCHAR(4), n BIGINT, low REAL, high REAL, total DOUBLE);
  CREATE PUMP TUMBLING_PUMP AS INSERT INTO TUMBLING
    SELECT STREAM ticker_symbol, COUNT(*), MIN(price), MAX(price), SUM(price) FROM SOURCE_SQL_STREAM_001
    GROUP BY ticker_symbol, STEP(ROWTIME BY INTERVAL '10' SECOND);

  CREATE STREAM SLIDING (ticker VARCHAR(4), avg30 DOUBLE, max5 REAL, first5 REAL, n BIGINT);
  CREATE PUMP SLIDING_PUMP AS INSERT INTO SLIDING
    SELECT STREAM ticker_symbol, AVG(price) OVER w30, MAX(price) OVER last5, FIRST_VALUE(price) OVER last5, COUNT(*) OVER w30
    FROM SOURCE_SQL_STREAM_001
    WINDOW w30 AS (PARTITION BY ticker_symbol RANGE INTERVAL '30' SECOND PRECEDING),
           last5 AS (PARTITION BY sector ROWS 5 PRECEDING);

  CREATE STREAM STAGGERED (ticker VARCHAR(4), n BIGINT, spread DOUBLE);
  CREATE PUMP STAGGER_PUMP AS INSERT INTO STAGGERED
    SELECT STREAM ticker_symbol, COUNT(*), MAX(price) - MIN(price) FROM SOURCE_SQL_STREAM_001
    WINDOWED BY STAGGER (PARTITION BY ticker_symbol RANGE INTERVAL '20' SECOND);

  CREATE STREAM BUYS (ticker VARCHAR(4), price REAL);
  CREATE PUMP BUY_PUMP AS INSERT INTO BUYS SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001 WHERE change > 0;
  CREATE STREAM SELLS (ticker VARCHAR(4), price REAL);
  CREATE PUMP SELL_PUMP AS INSERT INTO SELLS SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001 WHERE change < 0;
  CREATE STREAM PAIRS (ticker VARCHAR(4), company VARCHAR(20), buy REAL, sell REAL);
  CREATE PUMP PAIR_PUMP AS INSERT INTO PAIRS
    SELECT STREAM s.ticker, c.NAME, b.price, s.price
    FROM SELLS AS s
    JOIN BUYS OVER (RANGE INTERVAL '20' SECOND PRECEDING) AS b ON s.ticker = b.ticker
    LEFT JOIN COMPANIES AS c ON c.TICKER = s.ticker;

  CREATE STREAM SCORED (ticker VARCHAR(4), price REAL, score DOUBLE);
  CREATE PUMP SCORE_PUMP AS INSERT INTO SCORED
    SELECT STREAM ticker_symbol, price, ANOMALY_SCORE FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001)));
  CREATE STREAM SORTED (ticker VARCHAR(4), price REAL, score DOUBLE);
  CREATE PUMP SORT_PUMP AS INSERT INTO SORTED
    SELECT STREAM * FROM SCORED ORDER BY FLOOR(SCORED.ROWTIME TO SECOND), score DESC;

  CREATE STREAM FIRSTS (minute TIMESTAMP, ticker VARCHAR(4));
  CREATE PUMP DISTINCT_PUMP AS INSERT INTO FIRSTS
    SELECT STREAM DISTINCT FLOOR(ROWTIME TO MINUTE), ticker_symbol FROM SOURCE_SQL_STREAM_001;

  CREATE STREAM TOP (ticker VARCHAR(4), n BIGINT);
  CREATE PUMP TOP_PUMP AS INSERT INTO TOP
    SELECT STREAM * FROM TABLE(TOP_K_ITEMS_TUMBLING(CURSOR(SELECT STREAM * FROM SOURCE_SQL_STREAM_001), 'TICKER_SYMBOL', 2, 15));`;

const STREAMS = ["TUMBLING", "SLIDING", "STAGGERED", "PAIRS", "SORTED", "FIRSTS", "TOP", "error_stream"];
const REFERENCE = { COMPANIES: [["AMZN", "Amazon"], ["MSFT", "Microsoft"]] };

function collect(engine: ApplicationEngine): () => Record<string, StreamRow[]> {
  const h = attach(engine, STREAMS);
  return () => Object.fromEntries(STREAMS.map((s) => [s, h.rows(s)]));
}

function uninterrupted(input: readonly Tick[], end: number): Record<string, StreamRow[]> {
  const app = compileApplication(CODE, SCHEMA, { functions: doubles });
  const engine = new ApplicationEngine(app, { referenceData: REFERENCE });
  const outputs = collect(engine);
  engine.insert(SOURCE, input.map(tickRow));
  engine.advanceTo(end);
  return outputs();
}

function interrupted(input: readonly Tick[], split: number, end: number): { outputs: Record<string, StreamRow[]>; snapshot: EngineSnapshot } {
  const app = compileApplication(CODE, SCHEMA, { functions: doubles });
  const first = new Engine(app);
  first.engine.insert(SOURCE, input.slice(0, split).map(tickRow));
  const snapshot = first.engine.snapshot();
  const stored = JSON.parse(JSON.stringify(snapshot)) as EngineSnapshot;

  const second = new Engine(app);
  second.engine.restore(stored);
  second.engine.insert(SOURCE, input.slice(split).map(tickRow));
  second.engine.advanceTo(end);
  const before = first.outputs();
  const after = second.outputs();
  return { outputs: Object.fromEntries(STREAMS.map((s) => [s, [...(before[s] ?? []), ...(after[s] ?? [])]])), snapshot };
}

class Engine {
  readonly engine: ApplicationEngine;
  readonly outputs: () => Record<string, StreamRow[]>;
  constructor(app: ReturnType<typeof compileApplication>) {
    this.engine = new ApplicationEngine(app, { referenceData: REFERENCE });
    this.outputs = collect(this.engine);
  }
}

describe("snapshot and restore", () => {
  const input = ticks(1200, 99, 150);
  const end = (input[input.length - 1]?.rowtime ?? 0) + 2 * MINUTE;
  const expected = uninterrupted(input, end);

  it("every stream has something to compare", () => {
    for (const s of STREAMS.filter((x) => x !== "error_stream")) expect(expected[s]?.length ?? 0, s).toBeGreaterThan(10);
  });

  for (const fraction of [0.13, 0.5, 0.77]) {
    it(`continues exactly after a restart at ${Math.round(fraction * 100)}% of the rows`, () => {
      const split = Math.floor(input.length * fraction);
      const { outputs, snapshot } = interrupted(input, split, end);
      // The state really is held across the split (open windows, buffers), and is plain JSON.
      expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
      expect(JSON.stringify(snapshot.pumps["TUMBLING_PUMP"])).not.toBe("[[]]");
      for (const s of STREAMS) expect(outputs[s], s).toEqual(expected[s]);
    });
  }

  it("continues exactly when the restart falls between two rows of the same millisecond", () => {
    const twins = input.map((t, i) => (i % 2 === 1 ? { ...t, rowtime: input[i - 1]?.rowtime ?? t.rowtime } : t));
    const reference = uninterrupted(twins, end);
    const { outputs } = interrupted(twins, 401, end);
    for (const s of STREAMS) expect(outputs[s], s).toEqual(reference[s]);
  });

  it("refuses a snapshot of another application", () => {
    const app = compileApplication(CODE, SCHEMA, { functions: doubles });
    const snapshot = new ApplicationEngine(app).snapshot();
    const other = compileApplication(`${CODE}\n-- changed`, SCHEMA, { functions: doubles });
    expect(() => new ApplicationEngine(other).restore(snapshot)).toThrow("The snapshot was taken from a different application (code or schema changed)");
  });
});
