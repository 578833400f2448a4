/**
 * Where an application's results go, end to end on the real local server: through a Firehose delivery
 * stream into R2 (read back with the S3 API) and into a D1 table (the Redshift destination, read back
 * with `wrangler d1 execute`), with the unmodified SDKs; and the whole getting-started exercise through
 * the `aws kinesisanalyticsv2` and `aws kinesisanalytics` CLI, with the commands the README shows.
 * Expected rows are computed here from the records put.
 */
import fs from "node:fs";
import path from "node:path";
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, type CreateDeliveryStreamCommandInput } from "@aws-sdk/client-firehose";
import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANY_CREDENTIALS, d1Execute, listObjectKeys, objectBytes, REGION, removeDir, runAws, sleep, startServer, tempDir, uniqueName, type TestServer } from "./helpers";
import { clients, deliveryStreamArn, newStream, OutputReader, putJson, ROLE_ARN, sortRows, startApplication, streamArn, tick, TICKER_SCHEMA, type Clients, type Row, type Tick } from "./analytics-rig";

const BUCKET = "rivulet-deliveries";

let dir: string | undefined;
let server: TestServer | undefined;
let c: Clients;
let firehose: FirehoseClient;
let s3: S3Client;

beforeAll(async () => {
  dir = tempDir("analytics-outputs");
  server = await startServer({ persistDir: dir });
  c = clients(server);
  firehose = new FirehoseClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  s3 = new S3Client({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS, forcePathStyle: true });
});

afterAll(async () => {
  c?.destroy();
  firehose?.destroy();
  s3?.destroy();
  await server?.close();
  removeDir(dir);
});

/** The tumbling aggregation both Firehose tests run: per ticker, every two seconds. */
const TUMBLING = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), ticker_count INTEGER, max_price DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, COUNT(*) AS ticker_count, MAX(price) AS max_price
  FROM "SOURCE_SQL_STREAM_001"
  GROUP BY ticker_symbol, STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '2' SECOND);`;

const SYMBOLS = ["AMZN", "TGT", "QXZ", "WAS", "NFS"];
const someTicks = (count: number): Tick[] => Array.from({ length: count }, (_, i) => tick(SYMBOLS[(i * 3) % SYMBOLS.length] as string, "RETAIL", 0, 10 + i / 2));

/** One row per ticker of one batch (read in one step, so in one window). */
function tumblingRows(ticks: Tick[]): Row[] {
  const byTicker = new Map<string, Tick[]>();
  for (const t of ticks) byTicker.set(t.TICKER_SYMBOL, [...(byTicker.get(t.TICKER_SYMBOL) ?? []), t]);
  return [...byTicker].map(([symbol, group]) => ({ TICKER_SYMBOL: symbol, TICKER_COUNT: group.length, MAX_PRICE: Math.max(...group.map((t) => t.PRICE)) }));
}

async function createDeliveryStream(input: CreateDeliveryStreamCommandInput): Promise<void> {
  await firehose.send(new CreateDeliveryStreamCommand(input));
  for (let i = 0; i < 150; i++) {
    const { DeliveryStreamDescription } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: input.DeliveryStreamName }));
    if (DeliveryStreamDescription?.DeliveryStreamStatus === "ACTIVE") return;
    await sleep(100);
  }
  throw new Error(`${input.DeliveryStreamName} never became ACTIVE`);
}

const firehoseOutput = (deliveryStream: string, format: "JSON" | "CSV") => ({
  Name: "DESTINATION_SQL_STREAM",
  KinesisFirehoseOutput: { ResourceARN: deliveryStreamArn(deliveryStream), RoleARN: ROLE_ARN },
  DestinationSchema: { RecordFormatType: format },
});

describe("results through Firehose", () => {
  it("into R2: the window's rows as JSON objects in the delivered objects, read with the S3 API", async () => {
    const name = uniqueName("kda-to-r2");
    const prefix = `kda/${name}/`;
    await createDeliveryStream({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE_ARN, BucketARN: `arn:aws:s3:::${BUCKET}`, Prefix: prefix, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
    });
    const app = await startApplication(c, { code: TUMBLING, destinationStream: false, outputs: [firehoseOutput(name, "JSON")] });
    const ticks = someTicks(90);
    await putJson(c.kinesis, app.input, ticks);

    const expected = tumblingRows(ticks);
    // JSON output records are objects put one after another ({...}{...}), as AWS's are.
    const delivered = async () => {
      const texts = await Promise.all((await listObjectKeys(s3, BUCKET, prefix)).map(async (key) => new TextDecoder().decode(await objectBytes(s3, BUCKET, key))));
      return texts.flatMap((text) => text.replace(/}\s*{/g, "}\n{").split("\n").filter((line) => line !== "")).map((line) => JSON.parse(line) as Row);
    };
    const deadline = Date.now() + 60_000;
    let rows = await delivered();
    while (rows.length < expected.length && Date.now() < deadline) {
      await sleep(500);
      rows = await delivered();
    }
    expect(sortRows(rows, "TICKER_SYMBOL")).toEqual(sortRows(expected, "TICKER_SYMBOL"));
  });

  it("into D1: the window's rows loaded into a table by the Redshift destination, queried with wrangler", async () => {
    const name = uniqueName("kda-to-d1");
    const table = `kda_counts_${name.replace(/[^a-z0-9]/g, "_")}`;
    await d1(`CREATE TABLE ${table} (ticker_symbol TEXT, ticker_count INTEGER, max_price REAL)`);
    await createDeliveryStream({
      DeliveryStreamName: name,
      RedshiftDestinationConfiguration: {
        RoleARN: ROLE_ARN,
        ClusterJDBCURL: "jdbc:redshift://rivulet-analytics.redshift.local:5439/dev",
        CopyCommand: { DataTableName: table, DataTableColumns: "ticker_symbol,ticker_count,max_price", CopyOptions: "json 'auto ignorecase'" },
        Username: "firehose",
        Password: "unused-locally",
        S3Configuration: { RoleARN: ROLE_ARN, BucketARN: `arn:aws:s3:::${BUCKET}`, Prefix: `kda/${name}/`, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
      },
    });
    const app = await startApplication(c, { code: TUMBLING, destinationStream: false, outputs: [firehoseOutput(name, "JSON")] });
    const ticks = someTicks(120);
    await putJson(c.kinesis, app.input, ticks);

    const expected = tumblingRows(ticks).map((row) => ({ ticker_symbol: row.TICKER_SYMBOL, ticker_count: row.TICKER_COUNT, max_price: row.MAX_PRICE }));
    const query = `SELECT ticker_symbol, ticker_count, max_price FROM ${table} ORDER BY ticker_symbol`;
    const deadline = Date.now() + 90_000;
    let rows = await d1<Row>(query);
    while (rows.length < expected.length && Date.now() < deadline) {
      await sleep(500);
      rows = await d1<Row>(query);
    }
    expect(rows).toEqual(sortRows(expected, "ticker_symbol"));
  }, 150_000);
});

describe("the aws CLI", () => {
  it("runs the getting-started exercise with aws kinesisanalyticsv2 and stops it with aws kinesisanalytics", async () => {
    const options = { url: server?.url ?? "", ...ANY_CREDENTIALS };
    const aws = async (...args: string[]) => {
      const result = await runAws(args, options);
      expect(result.code, `aws ${args.slice(0, 2).join(" ")}: ${result.stderr}`).toBe(0);
      return result.stdout === "" ? {} : (JSON.parse(result.stdout) as Record<string, unknown>);
    };
    const input = await newStream(c.kinesis, "kda-cli-in");
    const output = await newStream(c.kinesis, "kda-cli-out");
    const name = uniqueName("kda-cli");
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), sector VARCHAR(12), change DOUBLE, price DOUBLE);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, sector, change, price
  FROM "SOURCE_SQL_STREAM_001"
  WHERE sector SIMILAR TO '%TECH%';`;
    const codeFile = path.join(dir as string, "app.sql");
    fs.writeFileSync(codeFile, code);
    const configuration = {
      ApplicationCodeConfiguration: { CodeContentType: "PLAINTEXT", CodeContent: { TextContent: code } },
      SqlApplicationConfiguration: {
        Inputs: [{ NamePrefix: "SOURCE_SQL_STREAM", KinesisStreamsInput: { ResourceARN: streamArn(input) }, InputSchema: TICKER_SCHEMA }],
        Outputs: [{ Name: "DESTINATION_SQL_STREAM", KinesisStreamsOutput: { ResourceARN: streamArn(output) }, DestinationSchema: { RecordFormatType: "JSON" } }],
      },
    };
    const created = await aws("kinesisanalyticsv2", "create-application", "--application-name", name, "--runtime-environment", "SQL-1_0", "--service-execution-role", ROLE_ARN, "--application-configuration", JSON.stringify(configuration));
    expect(created.ApplicationDetail).toMatchObject({ ApplicationName: name, ApplicationStatus: "READY", RuntimeEnvironment: "SQL-1_0" });
    await aws("kinesisanalyticsv2", "start-application", "--application-name", name, "--run-configuration", '{"SqlRunConfigurations":[{"InputId":"1.1","InputStartingPositionConfiguration":{"InputStartingPosition":"TRIM_HORIZON"}}]}');

    const ticks = [tick("QXZ", "TECHNOLOGY", 1.5, 84.5), tick("AMZN", "RETAIL", -2, 765), tick("ASD", "TECHNOLOGY", 0.25, 60), tick("WAS", "HEALTHCARE", 3, 12)];
    await putJson(c.kinesis, input, ticks);
    const expected = ticks.filter((t) => t.SECTOR.includes("TECH"));
    expect(await new OutputReader(c.kinesis, output).exactly(expected.length)).toEqual(expected);

    // The SQL view of v1 lists it; v1 refuses to change what v2 made (as AWS), v2 stops it.
    const listed = (await aws("kinesisanalytics", "list-applications")) as { ApplicationSummaries: { ApplicationName: string; ApplicationStatus: string }[] };
    expect(listed.ApplicationSummaries.find((summary) => summary.ApplicationName === name)?.ApplicationStatus).toBe("RUNNING");
    await aws("kinesisanalyticsv2", "stop-application", "--application-name", name);

    // v1's create-application and start-application, with the code from a file, as the README shows.
    const v1name = uniqueName("kda-cli-v1");
    const inputs = JSON.stringify([{ NamePrefix: "SOURCE_SQL_STREAM", KinesisStreamsInput: { ResourceARN: streamArn(input), RoleARN: ROLE_ARN }, InputSchema: TICKER_SCHEMA }]);
    const outputs = JSON.stringify([{ Name: "DESTINATION_SQL_STREAM", KinesisStreamsOutput: { ResourceARN: streamArn(output), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "CSV" } }]);
    await aws("kinesisanalytics", "create-application", "--application-name", v1name, "--inputs", inputs, "--outputs", outputs, "--application-code", `file://${codeFile}`);
    await aws("kinesisanalytics", "start-application", "--application-name", v1name, "--input-configurations", "Id=1.1,InputStartingPositionConfiguration={InputStartingPosition=TRIM_HORIZON}");
    // It reads the same input from its start: the same rows again, as CSV lines this time.
    const lines: string[] = [];
    const deadline = Date.now() + 30_000;
    while (lines.length < 2 * expected.length && Date.now() < deadline) {
      const read = await aws("kinesis", "get-records", "--shard-iterator", await iterator(aws, output));
      lines.splice(0, lines.length, ...((read.Records as { Data: string }[]).map((record) => Buffer.from(record.Data, "base64").toString("utf8"))));
      await sleep(250);
    }
    // A DOUBLE is written as Java writes it (60.0), as AWS's CSV output shows them.
    const double = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : String(value));
    expect(lines.slice(expected.length)).toEqual(expected.map((t) => `${t.TICKER_SYMBOL},${t.SECTOR},${double(t.CHANGE)},${double(t.PRICE)}\n`));
    await aws("kinesisanalytics", "stop-application", "--application-name", v1name);
  }, 180_000);
});

async function iterator(aws: (...args: string[]) => Promise<Record<string, unknown>>, stream: string): Promise<string> {
  const answer = await aws("kinesis", "get-shard-iterator", "--stream-name", stream, "--shard-id", "shardId-000000000000", "--shard-iterator-type", "TRIM_HORIZON");
  return answer.ShardIterator as string;
}

/** `wrangler d1 execute` of one SQL statement on the server's local database, as a user would query it. */
const d1 = <T = Row>(sql: string): Promise<T[]> => d1Execute<T>(dir as string, ["--command", sql]);
