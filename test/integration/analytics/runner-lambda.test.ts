/**
 * Functions around a running application, with KDA's contracts: input preprocessing
 * (InputLambdaProcessor: Ok, Dropped and ProcessingFailed records; the same records again while the
 * function cannot be called) and LambdaOutput (records not answered Ok sent again, retryHint
 * counting). The functions are service bindings (test/integration/analytics/runner-functions.ts).
 */
import { describe, expect, it } from "vitest";
import { unwrap } from "../../../src/aws/errors";
import { createActiveStream } from "../client";
import { encode, env, functionArn, jsonRows, kinesisInput, minuteAligned, newApplication, output, putRecords, SECOND, spec, start, stepAt, streamRecords, ticks } from "./runner-helpers";

interface Received {
  body: {
    invocationId: string;
    applicationArn: string;
    streamArn?: string;
    records: { recordId: string; data: string; kinesisStreamRecordMetadata?: Record<string, unknown>; lambdaDeliveryRecordMetadata?: { retryHint: number } }[];
  };
}

function binding(name: string): Fetcher {
  return (env as unknown as Record<string, Fetcher>)[name] as Fetcher;
}

async function received(name: string, applicationArn: string): Promise<Received[]> {
  const response = await binding(name).fetch(`https://function/_control/received?key=${encodeURIComponent(applicationArn)}`);
  return (await response.json()) as Received[];
}

async function script(name: string, applicationArn: string, body: object): Promise<void> {
  await binding(name).fetch(`https://function/_control/script?key=${encodeURIComponent(applicationArn)}`, { method: "POST", body: JSON.stringify(body) });
}

const decodeBase64 = (data: string) => new TextDecoder().decode(Uint8Array.fromBase64(data));

const COPY = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(16), change REAL, price REAL);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM" SELECT STREAM * FROM "SOURCE_SQL_STREAM_001";`;

describe("Lambda functions", () => {
  it("preprocesses records with KDA's contract: Ok (one or several documents), Dropped, ProcessingFailed to error_stream", async () => {
    const source = await createActiveStream(1);
    const destination = await createActiveStream(1);
    const errors = await createActiveStream(1);
    const app = await newApplication(minuteAligned());
    const missing = spec(app.name, COPY, {
      inputs: [kinesisInput(source.arn, { processor: functionArn("NO_SUCH_FUNCTION") })],
      outputs: [output("1.1", "DESTINATION_SQL_STREAM", { kinesis: destination.arn }), output("2.1", "error_stream", { kinesis: errors.arn })],
    });
    await start(app, missing);
    await putRecords(source.name, ["AMZN,RETAIL,1.5,100", "drop", "fail", "twice:MSFT,TECHNOLOGY,2,50"]);
    // A function that cannot be called: nothing is taken from the stream.
    await stepAt(app, app.clock.now() + SECOND);
    expect(await streamRecords(destination)).toEqual([]);

    const definition = spec(app.name, COPY, {
      version: 2,
      inputs: [kinesisInput(source.arn, { processor: functionArn("KDA_PREPROCESS") })],
      outputs: [output("1.1", "DESTINATION_SQL_STREAM", { kinesis: destination.arn }), output("2.1", "error_stream", { kinesis: errors.arn })],
    });
    unwrap(await app.stub.update(definition));
    await stepAt(app, app.clock.now() + 5 * SECOND);

    expect(jsonRows(await streamRecords(destination))).toEqual([
      { TICKER_SYMBOL: "AMZN", SECTOR: "RETAIL", CHANGE: 1.5, PRICE: 100 },
      { TICKER_SYMBOL: "MSFT", SECTOR: "TECHNOLOGY", CHANGE: 2, PRICE: 50 },
      { TICKER_SYMBOL: "MSFT", SECTOR: "TECHNOLOGY", CHANGE: 2, PRICE: 50 },
    ]);
    expect(jsonRows(await streamRecords(errors)).map((row) => [row.ERROR_NAME, row.DATA_ROW])).toEqual([["Lambda_ProcessingFailed", encode("fail").toHex()]]);

    const [event] = await received("KDA_PREPROCESS", definition.applicationArn);
    expect(event?.body.applicationArn).toBe(definition.applicationArn);
    expect(event?.body.streamArn).toBe(source.arn);
    expect(event?.body.invocationId).toMatch(/^[0-9a-f-]{36}$/);
    const first = event?.body.records[0];
    expect(decodeBase64(first?.data ?? "")).toBe("AMZN,RETAIL,1.5,100");
    expect(first?.kinesisStreamRecordMetadata).toMatchObject({ shardId: "shardId-000000000000", partitionKey: "key-0", sequenceNumber: first?.recordId });
    expect(typeof first?.kinesisStreamRecordMetadata?.approximateArrivalTimestamp).toBe("number");
  });

  it("writes rows to a Lambda output, sending again what the function did not answer Ok", async () => {
    const source = await createActiveStream(1);
    const app = await newApplication(minuteAligned());
    const definition = spec(app.name, COPY, { inputs: [kinesisInput(source.arn)], outputs: [output("1.1", "DESTINATION_SQL_STREAM", { lambda: functionArn("KDA_OUTPUT") })] });
    await script("KDA_OUTPUT", definition.applicationArn, { failNext: 1, refuse: ["MSFT"] });
    await start(app, definition);
    const data = ticks(25, 4);
    await putRecords(source.name, data);
    await stepAt(app, app.clock.now() + SECOND);
    // The first invocation failed (500): nothing was taken; the next try waits a second.
    await stepAt(app, app.clock.now() + 2 * SECOND);
    await stepAt(app, app.clock.now() + 3 * SECOND);

    const events = await received("KDA_OUTPUT", definition.applicationArn);
    expect(events.length).toBeGreaterThanOrEqual(3);
    const calls = events.map((event) => event.body.records.map((record) => ({ hint: record.lambdaDeliveryRecordMetadata?.retryHint, row: JSON.parse(decodeBase64(record.data)) as { TICKER_SYMBOL: string } })));
    // Every row reached the function in the first (failed) call, and again in the second.
    expect(calls[0]).toHaveLength(data.length);
    expect(calls[1]?.map((call) => call.hint)).toEqual(data.map(() => 1));
    // The MSFT rows, answered DeliveryFailed once, came a third time, with retryHint 2.
    const msft = data.filter((tick) => tick.TICKER_SYMBOL === "MSFT").length;
    expect(msft).toBeGreaterThan(0);
    expect(calls[2]?.map((call) => [call.row.TICKER_SYMBOL, call.hint])).toEqual(Array.from({ length: msft }, () => ["MSFT", 2]));
    expect(events[0]?.body.applicationArn).toBe(definition.applicationArn);
    expect(new Set(events.map((event) => event.body.invocationId)).size).toBe(events.length);
  });
});
