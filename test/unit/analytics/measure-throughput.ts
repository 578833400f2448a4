/**
 * Rows per second through the SQL engine alone (no I/O): a filter, a tumbling aggregation, a sliding
 * window, a table function (the RANDOM_CUT_FOREST double: the engine's cost around a table function,
 * not the real algorithm's), and all of them in one application. Not a test; run it with
 *   npx esbuild test/unit/analytics/measure-throughput.ts --bundle --platform=node --outfile=/tmp/m.mjs && node /tmp/m.mjs
 */
import { ApplicationEngine, compileApplication, type InputRow } from "../../../src/analytics/sql";
import { doubles } from "./doubles";
import { SOURCE, tickRow, ticks, TICKER_SCHEMA } from "./helpers";

const FILTER = `CREATE STREAM FILTERED (ticker_symbol VARCHAR(4), price DOUBLE);
  CREATE PUMP FILTER_PUMP AS INSERT INTO FILTERED
    SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001 WHERE (ABS((change / (price - change)) * 100)) > 1;`;
const TUMBLING = `CREATE STREAM TUMBLED (ticker_symbol VARCHAR(4), n BIGINT, low DOUBLE, high DOUBLE, average DOUBLE);
  CREATE PUMP TUMBLING_PUMP AS INSERT INTO TUMBLED
    SELECT STREAM ticker_symbol, COUNT(*), MIN(price), MAX(price), AVG(price) FROM SOURCE_SQL_STREAM_001
    GROUP BY ticker_symbol, STEP(SOURCE_SQL_STREAM_001.ROWTIME BY INTERVAL '10' SECOND);`;
const SLIDING = `CREATE STREAM SLID (ticker_symbol VARCHAR(4), average DOUBLE, high DOUBLE);
  CREATE PUMP SLIDING_PUMP AS INSERT INTO SLID
    SELECT STREAM ticker_symbol, AVG(price) OVER w, MAX(price) OVER w FROM SOURCE_SQL_STREAM_001
    WINDOW w AS (PARTITION BY ticker_symbol RANGE INTERVAL '1' MINUTE PRECEDING);`;
const FOREST = `CREATE STREAM SCORED (ticker_symbol VARCHAR(4), price DOUBLE, score DOUBLE);
  CREATE PUMP FOREST_PUMP AS INSERT INTO SCORED
    SELECT STREAM ticker_symbol, price, ANOMALY_SCORE FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM ticker_symbol, price FROM SOURCE_SQL_STREAM_001)));`;

function measure(name: string, code: string, rows: readonly InputRow[], batch: number): void {
  const app = compileApplication(code, TICKER_SCHEMA, { functions: doubles });
  let best = 0;
  let emitted = 0;
  for (let round = 0; round < 3; round++) {
    const engine = new ApplicationEngine(app);
    emitted = 0;
    for (const s of app.streams) if (s.kind === "stream") engine.subscribe(s.name, () => emitted++);
    const start = performance.now();
    for (let i = 0; i < rows.length; i += batch) engine.insert(SOURCE, rows.slice(i, i + batch));
    const seconds = (performance.now() - start) / 1000;
    best = Math.max(best, rows.length / seconds);
  }
  console.log(`${name.padEnd(40)} ${Math.round(best).toLocaleString("en-US").padStart(12)} rows/s  (${emitted.toLocaleString("en-US")} rows out)`);
}

// 200,000 ticks, about 5 ms apart (two hundred a second of stream time), in PutRecords-sized batches.
const rows = ticks(200_000, 42, 5).map(tickRow);
measure("filter", FILTER, rows, 500);
measure("tumbling aggregation (10 s)", TUMBLING, rows, 500);
measure("sliding window (1 min)", SLIDING, rows, 500);
measure("table function (RCF double)", FOREST, rows, 500);
measure("filter + tumbling + table function", `${FILTER}\n${TUMBLING}\n${FOREST}`, rows, 500);
