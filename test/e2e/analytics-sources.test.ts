/**
 * Where an application's rows come from, and where the ones it cannot process go, end to end on the
 * real local server with the unmodified SDKs: a Firehose delivery stream as the input; the error_stream
 * of app-explore-error-stream.md (a parse error from a schema that does not fit the records, and the
 * guide's division by zero) written to an output; and StopApplication then StartApplication at
 * LAST_STOPPED_POINT, which continues where the stop left off. Expected rows are computed here from the
 * records put.
 */
import { DescribeApplicationCommand, StartApplicationCommand, StopApplicationCommand } from "@aws-sdk/client-kinesis-analytics";
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANY_CREDENTIALS, REGION, removeDir, sleep, startServer, tempDir, uniqueName, type TestServer } from "./helpers";
import {
  clients,
  deliveryStreamArn,
  newStream,
  OutputReader,
  putJson,
  ROLE_ARN,
  startApplication,
  streamArn,
  tick,
  TICKER_SCHEMA,
  waitForRunning,
  type Clients,
  type Row,
  type Tick,
} from "./analytics-rig";

let dir: string | undefined;
let server: TestServer | undefined;
let c: Clients;
let firehose: FirehoseClient;

beforeAll(async () => {
  dir = tempDir("analytics-sources");
  server = await startServer({ persistDir: dir });
  c = clients(server);
  firehose = new FirehoseClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
});

afterAll(async () => {
  c?.destroy();
  firehose?.destroy();
  await server?.close();
  removeDir(dir);
});

/** The getting-started exercise's code. */
const FILTER = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE, price DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, sector, change, price
  FROM "SOURCE_SQL_STREAM_001"
  WHERE sector SIMILAR TO '%TECH%';`;

const SECTORS = ["TECHNOLOGY", "RETAIL", "FINANCIAL", "TECHNOLOGY", "ENERGY"];
const demo = (count: number, from = 0): Tick[] =>
  Array.from({ length: count }, (_, i) => tick(["QXZ", "AMZN", "TBV", "MSFT", "WAS"][(i + from) % 5] as string, SECTORS[(i + from) % 5] as string, ((i + from) % 7) - 3, 10 + (i + from) / 2));
const passing = (ticks: Tick[]) => ticks.filter((t) => t.SECTOR.includes("TECH"));
const hex = (text: string) => Buffer.from(text, "utf8").toString("hex");
const errorOutput = (stream: string) => ({ Name: "error_stream", KinesisStreamsOutput: { ResourceARN: streamArn(stream), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "JSON" as const } });

describe("a Firehose delivery stream as the input", () => {
  it("runs the getting-started filter over the records put with PutRecordBatch", async () => {
    const name = uniqueName("kda-source");
    await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: name,
        ExtendedS3DestinationConfiguration: { RoleARN: ROLE_ARN, BucketARN: "arn:aws:s3:::rivulet-deliveries", Prefix: `kda-source/${name}/` },
      }),
    );
    for (let i = 0; i < 100; i++) {
      const { DeliveryStreamDescription } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
      if (DeliveryStreamDescription?.DeliveryStreamStatus === "ACTIVE") break;
      await sleep(100);
    }
    const app = await startApplication(c, { code: FILTER, firehoseInput: deliveryStreamArn(name) });
    const ticks = demo(60);
    await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: ticks.map((t) => ({ Data: new TextEncoder().encode(JSON.stringify(t)) })) }));
    const expected = passing(ticks);
    expect(await new OutputReader(c.kinesis, app.output).exactly(expected.length)).toEqual(expected);
  });
});

describe("error_stream (app-explore-error-stream.md)", () => {
  it("a parse error: with TICKER_SYMBOL typed INTEGER, every record goes to error_stream, hex-encoded, and none to the destination", async () => {
    const errors = await newStream(c.kinesis, "kda-errors");
    const schema = { ...TICKER_SCHEMA, RecordColumns: TICKER_SCHEMA.RecordColumns?.map((column) => (column.Name === "TICKER_SYMBOL" ? { ...column, SqlType: "INTEGER" } : column)) };
    const code = FILTER.replace("ticker_symbol VARCHAR(4)", "ticker_symbol INTEGER");
    const app = await startApplication(c, { code, schema, outputs: [errorOutput(errors)] });
    const ticks = demo(6);
    await putJson(c.kinesis, app.input, ticks);

    const rows = await new OutputReader(c.kinesis, errors).exactly(ticks.length);
    expect(rows.map((row) => row.DATA_ROW)).toEqual(ticks.map((t) => hex(JSON.stringify(t))));
    rows.forEach((row, i) => {
      expect(row).toMatchObject({ ERROR_LEVEL: "ERROR", PUMP_NAME: null });
      expect(row.MESSAGE).toContain(`'${ticks[i]?.TICKER_SYMBOL}'`);
      expect(row.ERROR_TIME).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
    });
    expect(await new OutputReader(c.kinesis, app.output).poll()).toEqual([]);
  });

  it("the guide's division by zero: the rows of the pump go to error_stream naming it, not to the destination", async () => {
    const errors = await newStream(c.kinesis, "kda-errors");
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE, ProblemColumn DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM ticker_symbol, sector, change, (price / 0) as ProblemColumn
FROM "SOURCE_SQL_STREAM_001"
WHERE sector SIMILAR TO '%TECH%';`;
    const app = await startApplication(c, { code, outputs: [errorOutput(errors)] });
    const ticks = demo(20);
    await putJson(c.kinesis, app.input, ticks);

    const failed = passing(ticks);
    const rows = await new OutputReader(c.kinesis, errors).exactly(failed.length);
    expect(rows.map((row) => [row.ERROR_LEVEL, row.PUMP_NAME])).toEqual(failed.map(() => ["ERROR", "STREAM_PUMP"]));
    // DATA_ROW is the failing row, hex-encoded: its columns with their values.
    const decoded = rows.map((row) => JSON.parse(Buffer.from(String(row.DATA_ROW), "hex").toString("utf8")) as Row);
    expect(decoded.map((row) => [row.TICKER_SYMBOL, row.SECTOR, row.CHANGE, row.PRICE])).toEqual(failed.map((t) => [t.TICKER_SYMBOL, t.SECTOR, t.CHANGE, t.PRICE]));
    expect(await new OutputReader(c.kinesis, app.output).poll()).toEqual([]);
  });
});

describe("StopApplication and StartApplication at LAST_STOPPED_POINT", () => {
  it("continues after the last record the stopped application read: every record once, those put while it was stopped too", async () => {
    const app = await startApplication(c, { code: FILTER });
    const reader = new OutputReader(c.kinesis, app.output);
    const [before, whileStopped, after] = [demo(30), demo(25, 30), demo(20, 55)];
    await putJson(c.kinesis, app.input, before);
    await reader.until((rows) => rows.length >= passing(before).length);

    await c.v1.send(new StopApplicationCommand({ ApplicationName: app.name }));
    for (let i = 0; i < 100; i++) {
      const { ApplicationDetail } = await c.v1.send(new DescribeApplicationCommand({ ApplicationName: app.name }));
      if (ApplicationDetail?.ApplicationStatus === "READY") break;
      await sleep(100);
    }
    await putJson(c.kinesis, app.input, whileStopped);
    await sleep(1500);
    expect(await reader.poll()).toHaveLength(passing(before).length);

    await c.v1.send(new StartApplicationCommand({ ApplicationName: app.name, InputConfigurations: [{ Id: "1.1", InputStartingPositionConfiguration: { InputStartingPosition: "LAST_STOPPED_POINT" } }] }));
    await waitForRunning(c, app.name);
    await putJson(c.kinesis, app.input, after);
    const expected = passing([...before, ...whileStopped, ...after]);
    expect(await reader.exactly(expected.length)).toEqual(expected);
  });
});
