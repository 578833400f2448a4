/**
 * Records per second through a running application, measured, not asserted: a one-shard stream
 * filled by PutRecords, read by a filter and by a tumbling aggregation, each stepped until it has
 * taken everything. The figures are printed; the assertions only check that every record counted.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AnalyticsApplication } from "../../../src/analytics/application";
import { createActiveStream } from "../client";
import { jsonRows, kinesisInput, minuteAligned, newApplication, output, putRecords, spec, start, stepAt, streamRecords, ticks, type TestApplication } from "./runner-helpers";

const FILTER = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), price REAL);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE (ABS((change / (price - change)) * 100)) > 5;`;

const TUMBLING = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), n INTEGER, low REAL, high REAL, average DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, COUNT(*), MIN(price), MAX(price), AVG(price) FROM "SOURCE_SQL_STREAM_001"
  GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);`;

const RECORDS = 20_000;

/** The records an application has taken from its one-shard input (its stored checkpoint: counters start at 1). */
async function taken(app: TestApplication): Promise<number> {
  return runInDurableObject(app.stub, (_instance: AnalyticsApplication, state) => {
    const row = state.storage.sql.exec<{ shards: string }>("SELECT shards FROM inputs").one();
    return (JSON.parse(row.shards) as { checkpoint: number }[]).reduce((sum, shard) => sum + shard.checkpoint, 0);
  });
}

/** Steps until `done`, answering the milliseconds the steps took. */
async function runUntil(app: TestApplication, done: () => Promise<boolean>): Promise<number> {
  const began = performance.now();
  let elapsed = 0;
  for (let round = 0; round < 100; round++) {
    const before = performance.now();
    await stepAt(app, app.clock.now() + 200);
    elapsed += performance.now() - before;
    if (await done()) return elapsed;
  }
  throw new Error(`not done after ${Math.round(performance.now() - began)} ms`);
}

describe("throughput (measured, not asserted)", () => {
  it("reports records per second through a filter and a tumbling aggregation", async () => {
    const source = await createActiveStream(1);
    const data = ticks(RECORDS, 99);
    const putStarted = performance.now();
    await putRecords(source.name, data);
    const putMs = performance.now() - putStarted;

    const filtered = await createActiveStream(1);
    const filter = await newApplication(minuteAligned());
    await start(filter, spec(filter.name, FILTER, { inputs: [kinesisInput(source.arn)], outputs: [output("1.1", "DESTINATION_SQL_STREAM", { kinesis: filtered.arn })] }));
    const expected = data.filter((tick) => Math.abs((tick.CHANGE / (tick.PRICE - tick.CHANGE)) * 100) > 5).length;
    const filterMs = await runUntil(filter, async () => (await taken(filter)) >= RECORDS);
    expect(await streamRecords(filtered)).toHaveLength(expected);

    const aggregated = await createActiveStream(1);
    const at = minuteAligned(1000);
    const tumbling = await newApplication(at);
    await start(tumbling, spec(tumbling.name, TUMBLING, { inputs: [kinesisInput(source.arn)], outputs: [output("1.1", "DESTINATION_SQL_STREAM", { kinesis: aggregated.arn })] }));
    const tumblingMs = await runUntil(tumbling, async () => (await taken(tumbling)) >= RECORDS);
    await stepAt(tumbling, at + 60_000);
    const rows = jsonRows(await streamRecords(aggregated));
    expect(rows.reduce((sum, row) => sum + Number(row.N), 0)).toBe(RECORDS);

    const rate = (ms: number) => Math.round((RECORDS / ms) * 1000).toLocaleString("en-US");
    console.log(
      `[analytics throughput] ${RECORDS} records: PutRecords ${rate(putMs)} records/s; ` +
        `filter ${rate(filterMs)} records/s (${Math.round(filterMs)} ms, ${expected} rows out); ` +
        `tumbling ${rate(tumblingMs)} records/s (${Math.round(tumblingMs)} ms of steps, ${rows.length} rows out)`,
    );
  });
});
