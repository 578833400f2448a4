/**
 * Reference data: the Developer Guide's TickerReference.csv in R2, joined with the stock ticker
 * stream as the guide's code does; loaded at start and again on update, and not in between (an
 * evicted object joins against what it loaded, whatever the object in R2 says meanwhile).
 */
import { describe, expect, it } from "vitest";
import { unwrap } from "../../../src/aws/errors";
import type { ReferenceDataSourceDescription } from "../../../src/analytics/shapes-v1.generated";
import { createActiveStream } from "../client";
import { env, evict, jsonRows, kinesisInput, minuteAligned, newApplication, output, putRecords, ROLE, SECOND, spec, start, stepAt, streamRecords } from "./runner-helpers";

const CODE = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), "Company" varchar(20), sector VARCHAR(12), change DOUBLE, price DOUBLE);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
   SELECT STREAM ticker_symbol, "c"."Company", sector, change, price
   FROM "SOURCE_SQL_STREAM_001" LEFT JOIN "CompanyName" as "c"
   ON "SOURCE_SQL_STREAM_001".ticker_symbol = "c"."Ticker";`;

const GUIDE_FILE = "Ticker, Company\nAMZN,Amazon\nASD, SomeCompanyA\nMMB, SomeCompanyB\nWAS,  SomeCompanyC\n";

function reference(key: string): ReferenceDataSourceDescription {
  return {
    ReferenceId: "1.1",
    TableName: "CompanyName",
    S3ReferenceDataSourceDescription: { BucketARN: "arn:aws:s3:::rivulet-deliveries", FileKey: key, ReferenceRoleARN: ROLE },
    ReferenceSchema: {
      RecordFormat: { RecordFormatType: "CSV", MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: "\n", RecordColumnDelimiter: "," } } },
      RecordEncoding: "UTF-8",
      RecordColumns: [
        { Name: "Ticker", SqlType: "VARCHAR(4)" },
        { Name: "Company", SqlType: "VARCHAR(20)" },
      ],
    },
  };
}

const tick = (ticker: string, price: number) => ({ TICKER_SYMBOL: ticker, SECTOR: "RETAIL", CHANGE: 0, PRICE: price });

describe("reference data", () => {
  it("joins the stream with the table loaded from R2 at start, and reloads it only on update", async () => {
    const key = `reference/${crypto.randomUUID()}/TickerReference.csv`;
    await env.RIVULET_DELIVERIES.put(key, GUIDE_FILE);
    const source = await createActiveStream(1);
    const destination = await createActiveStream(1);
    const app = await newApplication(minuteAligned());
    const definition = spec(app.name, CODE, {
      inputs: [kinesisInput(source.arn)],
      outputs: [output("1.1", "DESTINATION_SQL_STREAM", { kinesis: destination.arn })],
      references: [reference(key)],
    });
    await start(app, definition);
    await putRecords(source.name, [tick("AMZN", 1), tick("WAS", 2), tick("XYZ", 3)]);
    await stepAt(app, app.clock.now() + SECOND);
    const names = async () => jsonRows(await streamRecords(destination)).map((row) => [row.TICKER_SYMBOL, row.Company]);
    expect(await names()).toEqual([
      ["AMZN", "Amazon"],
      ["WAS", "  SomeCompanyC"],
      ["XYZ", null],
    ]);

    // A changed object is not read until the application is updated.
    await env.RIVULET_DELIVERIES.put(key, "AMZN,Amazon.com\nXYZ,Xyz Corp\n");
    await evict(app);
    await putRecords(source.name, [tick("XYZ", 4)]);
    await stepAt(app, app.clock.now() + SECOND);
    expect((await names()).at(-1)).toEqual(["XYZ", null]);

    unwrap(await app.stub.update({ ...definition, versionId: 2 }));
    expect(unwrap(await app.stub.state())).toEqual({ running: true, versionId: 2 });
    await putRecords(source.name, [tick("XYZ", 5), tick("AMZN", 6)]);
    await stepAt(app, app.clock.now() + SECOND);
    expect((await names()).slice(-2)).toEqual([
      ["XYZ", "Xyz Corp"],
      ["AMZN", "Amazon.com"],
    ]);
    expect(await streamRecords(destination)).toHaveLength(6);
  });

  it("refuses to start when the reference object is missing, saying so", async () => {
    const source = await createActiveStream(1);
    const app = await newApplication(minuteAligned());
    const outcome = await app.stub.start(spec(app.name, CODE, { inputs: [kinesisInput(source.arn)], references: [reference("reference/none.csv")] }), { "1.1": "NOW" });
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) expect(outcome.error.message).toContain("reference/none.csv");
    expect(unwrap(await app.stub.state()).running).toBe(false);
  });
});
