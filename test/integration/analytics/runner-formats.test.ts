/**
 * Records to rows and rows to records in a running application: JSON with nested and flattened
 * JSONPath mappings, CSV with its own delimiters and several rows per record, CSV output, values
 * that cannot be coerced and records that cannot be read going to error_stream (itself an
 * output), and InputParallelism splitting a stream's shards among in-application streams.
 */
import { describe, expect, it } from "vitest";
import type { SourceSchema } from "../../../src/analytics/shapes-v1.generated";
import { createActiveStream } from "../client";
import { encode, jsonRows, kinesisInput, minuteAligned, newApplication, output, putRecords, SECOND, shardRecords, spec, start, stepAt, streamRecords } from "./runner-helpers";

const COPY = (columns: string) => `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (${columns});
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM * FROM "SOURCE_SQL_STREAM_001";`;

describe("input and output formats", () => {
  it("maps nested JSON members and flattens an array into a row per element", async () => {
    const source = await createActiveStream(1);
    const destination = await createActiveStream(1);
    const app = await newApplication(minuteAligned());
    const schema: SourceSchema = {
      RecordFormat: { RecordFormatType: "JSON", MappingParameters: { JSONMappingParameters: { RecordRowPath: "$" } } },
      RecordEncoding: "UTF-8",
      RecordColumns: [
        { Name: "customer", SqlType: "VARCHAR(16)", Mapping: "$.customer.name" },
        { Name: "city", SqlType: "VARCHAR(16)", Mapping: "$['customer']['address']['city']" },
        { Name: "orderId", SqlType: "INTEGER", Mapping: "$.orders[0:].orderId" },
        { Name: "price", SqlType: "DECIMAL(6,2)", Mapping: "$.orders[0:].itemPrice" },
      ],
    };
    await start(
      app,
      spec(app.name, COPY(`"customer" VARCHAR(16), "city" VARCHAR(16), "orderId" INTEGER, "price" DECIMAL(6,2)`), {
        inputs: [kinesisInput(source.arn, { schema })],
        outputs: [output("1.1", "DESTINATION_SQL_STREAM", { kinesis: destination.arn })],
      }),
    );
    const customers = [
      { customer: { name: "John Doe", address: { city: "Anytown" } }, orders: [{ orderId: 23284, itemPrice: "33.99" }, { orderId: 63122, itemPrice: 22.5 }] },
      { customer: { name: "Jane Roe", address: { city: "Othertown" } }, orders: [] },
    ];
    await putRecords(source.name, customers);
    await stepAt(app, app.clock.now() + SECOND);
    expect(jsonRows(await streamRecords(destination))).toEqual([
      { customer: "John Doe", city: "Anytown", orderId: 23284, price: 33.99 },
      { customer: "John Doe", city: "Anytown", orderId: 63122, price: 22.5 },
      { customer: "Jane Roe", city: "Othertown", orderId: null, price: null },
    ]);
  });

  it("reads CSV rows and columns by their delimiters, writes CSV, and sends what cannot be read to error_stream", async () => {
    const source = await createActiveStream(1);
    const destination = await createActiveStream(1);
    const errors = await createActiveStream(1);
    const app = await newApplication(minuteAligned());
    const schema: SourceSchema = {
      RecordFormat: { RecordFormatType: "CSV", MappingParameters: { CSVMappingParameters: { RecordRowDelimiter: "|", RecordColumnDelimiter: ";" } } },
      RecordEncoding: "UTF-8",
      RecordColumns: [
        { Name: "LAST_NAME", SqlType: "VARCHAR(16)" },
        { Name: "FIRST_NAME", SqlType: "VARCHAR(16)" },
        { Name: "CUSTOMER_ID", SqlType: "INTEGER" },
      ],
    };
    await start(
      app,
      spec(app.name, COPY("LAST_NAME VARCHAR(16), FIRST_NAME VARCHAR(16), CUSTOMER_ID INTEGER"), {
        inputs: [kinesisInput(source.arn, { schema })],
        outputs: [output("1.1", "DESTINATION_SQL_STREAM", { kinesis: destination.arn }, "CSV"), output("2.1", "error_stream", { kinesis: errors.arn })],
      }),
    );
    const records = ["Doe;John;1|Roe;Jane;2|", "Poe;Ed;three", "Lee;Ann;4"];
    await putRecords(source.name, records);
    await stepAt(app, app.clock.now() + SECOND);

    expect(await streamRecords(destination)).toEqual(["Doe,John,1\n", "Roe,Jane,2\n", "Lee,Ann,4\n"]);
    const [error, ...more] = jsonRows(await streamRecords(errors));
    expect(more).toEqual([]);
    expect(error).toMatchObject({ ERROR_LEVEL: "ERROR", ERROR_NAME: "Coercion error", DATA_ROW: encode("Poe;Ed;three").toHex(), PUMP_NAME: null });
    expect(Object.keys(error ?? {})).toEqual(["ERROR_TIME", "ERROR_LEVEL", "ERROR_NAME", "MESSAGE", "DATA_ROWTIME", "DATA_ROW", "PUMP_NAME"]);
  });

  it("sends a JSON record that is not JSON to error_stream, and keeps going", async () => {
    const source = await createActiveStream(1);
    const destination = await createActiveStream(1);
    const errors = await createActiveStream(1);
    const app = await newApplication(minuteAligned());
    await start(
      app,
      spec(app.name, COPY("TICKER_SYMBOL VARCHAR(4), SECTOR VARCHAR(16), CHANGE REAL, PRICE REAL"), {
        inputs: [kinesisInput(source.arn)],
        outputs: [output("1.1", "DESTINATION_SQL_STREAM", { kinesis: destination.arn }), output("2.1", "error_stream", { kinesis: errors.arn })],
      }),
    );
    await putRecords(source.name, ['{"TICKER_SYMBOL": "AMZN"', { TICKER_SYMBOL: "MSFT", SECTOR: "TECHNOLOGY", CHANGE: 1, PRICE: "high" }, { TICKER_SYMBOL: "INTC", SECTOR: "TECHNOLOGY", CHANGE: 1, PRICE: 2 }]);
    await stepAt(app, app.clock.now() + SECOND);
    expect(jsonRows(await streamRecords(destination))).toEqual([{ TICKER_SYMBOL: "INTC", SECTOR: "TECHNOLOGY", CHANGE: 1, PRICE: 2 }]);
    expect(jsonRows(await streamRecords(errors)).map((row) => [row.ERROR_NAME, row.DATA_ROW])).toEqual([
      ["Unparseable record", encode('{"TICKER_SYMBOL": "AMZN"').toHex()],
      ["Coercion error", encode(JSON.stringify({ TICKER_SYMBOL: "MSFT", SECTOR: "TECHNOLOGY", CHANGE: 1, PRICE: "high" })).toHex()],
    ]);
  });

  it("splits a stream's shards among the in-application streams of InputParallelism", async () => {
    const source = await createActiveStream(2);
    const destination = await createActiveStream(1);
    const app = await newApplication(minuteAligned());
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), price REAL, which INTEGER, arrived TIMESTAMP);
      CREATE OR REPLACE PUMP P1 AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM ticker_symbol, price, 1, APPROXIMATE_ARRIVAL_TIME FROM "SOURCE_SQL_STREAM_001";
      CREATE OR REPLACE PUMP P2 AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM ticker_symbol, price, 2, APPROXIMATE_ARRIVAL_TIME FROM "SOURCE_SQL_STREAM_002";`;
    await start(
      app,
      spec(app.name, code, { inputs: [kinesisInput(source.arn, { parallelism: 2 })], outputs: [output("1.1", "DESTINATION_SQL_STREAM", { kinesis: destination.arn })] }),
    );
    const data = Array.from({ length: 40 }, (_, i) => ({ TICKER_SYMBOL: "AMZN", SECTOR: "RETAIL", CHANGE: 0, PRICE: i }));
    const putFrom = Date.now();
    await putRecords(source.name, data);
    const putTo = Date.now();
    await stepAt(app, app.clock.now() + SECOND);
    const inShard = async (index: number) => (await shardRecords(source, index)).map((record) => (JSON.parse(record) as { PRICE: number }).PRICE).sort((a, b) => a - b);
    const rows = jsonRows(await streamRecords(destination));
    const via = (which: number) => rows.filter((row) => row.WHICH === which).map((row) => Number(row.PRICE)).sort((a, b) => a - b);
    expect(via(1)).toEqual(await inShard(0));
    expect(via(2)).toEqual(await inShard(1));
    expect(via(1).length).toBeGreaterThan(0);
    expect(via(2).length).toBeGreaterThan(0);
    // APPROXIMATE_ARRIVAL_TIME is when the stream took the record, not the application's ROWTIME.
    for (const row of rows) {
      const arrived = Date.parse(`${String(row.ARRIVED).replace(" ", "T")}Z`);
      expect(arrived).toBeGreaterThanOrEqual(putFrom - 1);
      expect(arrived).toBeLessThanOrEqual(putTo + 1);
    }
  });
});
