/**
 * Firehose on both sides of a running application: records put into a delivery stream reach the
 * application through the delivery stream's tap (while the stream delivers them as before), and an
 * output into a delivery stream has its rows delivered to R2 like any other records.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { DeliveryBuffer } from "../../../src/firehose/buffer";
import { unwrap } from "../../../src/aws/errors";
import { createDeliveryStream, decode as decodeBytes, deliverAll, objects, putBatch } from "../firehose/helpers";
import { firehoseInput, minuteAligned, newApplication, output, SECOND, spec, start, stepAt, ticks } from "./runner-helpers";

const AVERAGES = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), n INTEGER, average DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, COUNT(*), AVG(price) FROM "SOURCE_SQL_STREAM_001"
  GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '10' SECOND);`;

/** Concatenated JSON (`{...}{...}`), as AWS's JSON output reads once a delivery stream puts records together. */
function concatenated(text: string): Record<string, unknown>[] {
  return text === "" ? [] : (JSON.parse(`[${text.replace(/}{/g, "},{")}]`) as Record<string, unknown>[]);
}

describe("Firehose input and output", () => {
  it("reads a delivery stream's records and writes its rows through another delivery stream into R2", async () => {
    const input = await createDeliveryStream({ Prefix: "analytics-input/", BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 } });
    const results = await createDeliveryStream({ Prefix: "analytics-results/", BufferingHints: { IntervalInSeconds: 60, SizeInMBs: 1 } });
    const at = minuteAligned();
    const app = await newApplication(at);
    const inputArn = `arn:aws:firehose:us-east-1:000000000000:deliverystream/${input.name}`;
    const resultsArn = `arn:aws:firehose:us-east-1:000000000000:deliverystream/${results.name}`;
    await putBatch(input, [JSON.stringify({ TICKER_SYMBOL: "OLD", SECTOR: "X", CHANGE: 0, PRICE: 1 })]);
    await start(app, spec(app.name, AVERAGES, { inputs: [firehoseInput(inputArn)], outputs: [output("1.1", "DESTINATION_SQL_STREAM", { firehose: resultsArn })] }), { "1.1": "NOW" });

    const data = ticks(60, 21);
    await putBatch(input, data.slice(0, 30).map((tick) => JSON.stringify(tick)));
    await stepAt(app, at + 2 * SECOND);
    await putBatch(input, data.slice(30).map((tick) => JSON.stringify(tick)));
    await stepAt(app, at + 4 * SECOND);
    await stepAt(app, at + 10 * SECOND);

    // The input stream still delivers its own records, all of them.
    unwrap(await input.buffer.flushNow());
    await deliverAll(input);
    const delivered = (await objects("analytics-input/")).filter((object) => object.key.includes(input.name)).map((object) => decodeBytes(object.body)).join("");
    expect(concatenated(delivered)).toHaveLength(61);

    unwrap(await results.buffer.flushNow());
    await deliverAll(results);
    const text = (await objects("analytics-results/")).filter((object) => object.key.includes(results.name)).map((object) => decodeBytes(object.body)).join("");
    const rows = concatenated(text);
    const expected = new Map<string, { n: number; sum: number }>();
    for (const tick of data) {
      const entry = expected.get(tick.TICKER_SYMBOL) ?? { n: 0, sum: 0 };
      entry.n++;
      entry.sum += tick.PRICE;
      expected.set(tick.TICKER_SYMBOL, entry);
    }
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const entry = expected.get(String(row.TICKER_SYMBOL));
      expect(row.N).toBe(entry?.n);
      expect(Number(row.AVERAGE)).toBeCloseTo((entry?.sum ?? 0) / (entry?.n ?? 1), 3);
    }

    // A deleted application stops the delivery stream keeping records for it.
    unwrap(await app.stub.destroy());
    expect(unwrap(await app.stub.state())).toEqual({ running: false, versionId: null });
    await putBatch(input, ["after"]);
    const held = await runInDurableObject(input.buffer, (_instance: DeliveryBuffer, state) =>
      state.storage.sql.exec<{ n: number }>("SELECT (SELECT count(*) FROM tap_records) + (SELECT count(*) FROM tap_subscribers) AS n").one().n,
    );
    expect(held).toBe(0);
  });
});
