/**
 * RANDOM_CUT_FOREST over the stock ticker demo's schema, as the Developer Guide's anomaly detection
 * example writes it (a score per row, then sorted within each second): injected outliers score
 * above every normal row once the model has trained, and an application evicted between steps
 * (its forest stored in chunks and restored) scores exactly as one that ran without interruption.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AnalyticsApplication } from "../../../src/analytics/application";
import { createActiveStream } from "../client";
import { evict, jsonRows, kinesisInput, minuteAligned, newApplication, output, putRecords, SECOND, spec, start, stepAt, streamRecords, ticks } from "./runner-helpers";

const CODE = `CREATE OR REPLACE STREAM "TEMP_STREAM" ("TICKER_SYMBOL" VARCHAR(4), "SECTOR" VARCHAR(16), "CHANGE" REAL, "PRICE" REAL, "ANOMALY_SCORE" DOUBLE);
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" ("TICKER_SYMBOL" VARCHAR(4), "SECTOR" VARCHAR(16), "CHANGE" REAL, "PRICE" REAL, "ANOMALY_SCORE" DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "TEMP_STREAM"
   SELECT STREAM "TICKER_SYMBOL", "SECTOR", "CHANGE", "PRICE", ANOMALY_SCORE
   FROM TABLE(RANDOM_CUT_FOREST(CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001")));
CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
   SELECT STREAM * FROM "TEMP_STREAM"
   ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;`;

async function chunks(app: { stub: DurableObjectStub<AnalyticsApplication> }): Promise<number> {
  return runInDurableObject(app.stub, (_instance: AnalyticsApplication, state) =>
    state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM engine_chunks WHERE pump = 'STREAM_PUMP'").one().n,
  );
}

describe("RANDOM_CUT_FOREST in a running application", () => {
  it("scores injected outliers above the normal rows, and continues exactly across evictions", async () => {
    const source = await createActiveStream(1);
    const at = minuteAligned(100);
    const whole = { app: await newApplication(at), output: await createActiveStream(1) };
    const evicted = { app: await newApplication(at), output: await createActiveStream(1) };
    for (const { app, output: destination } of [whole, evicted]) {
      await start(app, spec(app.name, CODE, { inputs: [kinesisInput(source.arn)], outputs: [output("1.1", "DESTINATION_SQL_STREAM", { kinesis: destination.arn })] }));
    }
    const apps = [whole.app, evicted.app];
    const normal = ticks(500, 17);
    const outlier = { TICKER_SYMBOL: "AMZN", SECTOR: "RETAIL", CHANGE: 450, PRICE: 9000 };
    const batches = [normal.slice(0, 300), [...normal.slice(300, 400), outlier, ...normal.slice(400, 450), outlier], [...normal.slice(450), outlier]];
    for (const [n, batch] of batches.entries()) {
      await putRecords(source.name, batch);
      for (const app of apps) await stepAt(app, at + (n + 1) * SECOND);
      // The second application is thrown away after every step: its forest comes back from storage.
      await evict(evicted.app);
    }
    for (const app of apps) await stepAt(app, at + 5 * SECOND);

    const rows = jsonRows(await streamRecords(whole.output));
    expect(rows).toHaveLength(normal.length + 3);
    const trained = rows.filter((row) => Number(row.ANOMALY_SCORE) > 0);
    const outliers = trained.filter((row) => row.PRICE === 9000).map((row) => Number(row.ANOMALY_SCORE));
    const normals = trained.filter((row) => row.PRICE !== 9000).map((row) => Number(row.ANOMALY_SCORE));
    expect(outliers).toHaveLength(3);
    expect(Math.min(...outliers)).toBeGreaterThan(Math.max(...normals));
    // Within each second, rows come out by descending score.
    expect(rows[300]?.PRICE).toBe(9000);

    expect(await chunks(evicted.app)).toBeGreaterThan(1);
    expect(await streamRecords(evicted.output)).toEqual(await streamRecords(whole.output));
  });
});
