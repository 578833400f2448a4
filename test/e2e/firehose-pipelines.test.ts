/**
 * Six Firehose pipelines end to end, as users build them: the unmodified `@aws-sdk/client-firehose` and
 * `@aws-sdk/client-kinesis` (and the `aws` CLI) against the real local server (`npm start`), started
 * once on a fresh data directory. Every test counts records everywhere they can go: delivered +
 * error output = put. Delivered objects are read with the unmodified `@aws-sdk/client-s3` through the
 * server's S3 API.
 *
 * 1. CSV to JSON by a transformation function speaking Firehose's Lambda contract, served by this
 *    test on 127.0.0.1 (a TypeScript port of AWS's blueprint); malformed lines in processing-failed/.
 * 2. Clickstream dynamic partitioning by event_type (MetadataExtraction) and arrival date.
 * 3. User activity loaded into D1 (the Redshift destination), counted with `wrangler d1 execute`.
 * 4. A Kinesis stream as the source.
 * 5. Compression round trips: GZIP, ZIP, Snappy (framing format) and HADOOP_SNAPPY, decoded here.
 * 6. The `aws firehose` CLI.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { gunzipSync, inflateRawSync } from "node:zlib";
import { PutRecordsCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import {
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  PutRecordBatchCommand,
  PutRecordCommand,
  type CompressionFormat,
  type CreateDeliveryStreamCommandInput,
} from "@aws-sdk/client-firehose";
import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  ANY_CREDENTIALS,
  d1Execute,
  REGION,
  awsCliMajorVersion,
  createActiveStream,
  expectAwsError,
  kinesisClient,
  listObjectKeys,
  objectBytes,
  removeDir,
  runAws,
  sleep,
  startServer,
  tempDir,
  uniqueName,
  type TestServer,
} from "./helpers";

const BUCKET = "rivulet-deliveries";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/firehose-delivery`;
const PROJECT_ROOT = path.resolve(__dirname, "../..");
/** The example table the Redshift destination loads into; the Worker's migrations do not create it. */
const USER_ACTIVITY_TABLE = path.join(PROJECT_ROOT, "test", "d1-tables", "user_activity.sql");
/** How long a test waits for its records to land (the queue delivers within a few seconds). */
const DELIVERY_TIMEOUT_MS = 45_000;

let dir: string | undefined;
let server: TestServer | undefined;
let firehose: FirehoseClient;
let s3: S3Client;
let kinesis: KinesisClient;
let lambda: http.Server;
let lambdaUrl = "";
/** What the transformation function was sent: one entry per invocation. */
const invocations: LambdaEvent[] = [];

beforeAll(async () => {
  lambda = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      try {
        const event = JSON.parse(Buffer.concat(chunks).toString("utf8")) as LambdaEvent;
        invocations.push(event);
        response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(csvToJsonBlueprint(event)));
      } catch (error) {
        response.writeHead(500, { "content-type": "text/plain" }).end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => lambda.listen(0, "127.0.0.1", resolve));
  lambdaUrl = `http://127.0.0.1:${(lambda.address() as AddressInfo).port}/csv-to-json`;
  dir = tempDir("firehose-pipelines");
  server = await startServer({ persistDir: dir });
  firehose = new FirehoseClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  kinesis = kinesisClient(server.url);
  s3 = new S3Client({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS, forcePathStyle: true });
});

afterAll(async () => {
  firehose?.destroy();
  kinesis?.destroy();
  s3?.destroy();
  await server?.close();
  await new Promise<void>((resolve) => (lambda ? lambda.close(() => resolve()) : resolve()));
  removeDir(dir);
});

// ---------------------------------------------------------------------------------------------
// The transformation function: a TypeScript port of AWS's "process CSV records" blueprint
// (Firehose's Lambda contract: https://docs.aws.amazon.com/firehose/latest/dev/data-transformation.html).

interface LambdaEvent {
  invocationId: string;
  deliveryStreamArn: string;
  region: string;
  records: { recordId: string; approximateArrivalTimestamp: number; data: string }[];
}

interface LambdaResult {
  records: { recordId: string; result: "Ok" | "Dropped" | "ProcessingFailed"; data: string }[];
}

const CSV_LINE = /^(\d+),([^,]+),(-?\d+(?:\.\d+)?)$/;

/** `id,name,amount` lines become JSON lines; anything else is ProcessingFailed, its data unchanged. */
function csvToJsonBlueprint(event: LambdaEvent): LambdaResult {
  return {
    records: event.records.map((record) => {
      const line = Buffer.from(record.data, "base64").toString("utf8").trim();
      const match = CSV_LINE.exec(line);
      if (!match) return { recordId: record.recordId, result: "ProcessingFailed", data: record.data };
      const [, id, name, amount] = match as unknown as [string, string, string, string];
      const json = `${JSON.stringify({ id: Number(id), name, amount: Number(amount) })}\n`;
      return { recordId: record.recordId, result: "Ok", data: Buffer.from(json, "utf8").toString("base64") };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Reading what was delivered: through the server's S3 API (src/s3/) with the unmodified `@aws-sdk/client-s3`.

/** Every key under `prefix` in the bucket, sorted. */
const listKeys = async (prefix: string): Promise<string[]> => (await listObjectKeys(s3, BUCKET, prefix)).sort();
const getObject = (key: string): Promise<Uint8Array> => objectBytes(s3, BUCKET, key);

interface DeliveredObject {
  key: string;
  body: Uint8Array;
}

/**
 * Polls `prefix` every 200 ms until `done` holds for its objects (each read once: keys are immutable
 * batches), or the time is up; answers the objects either way, so the caller's expectations say what
 * is missing.
 */
async function waitForObjects(prefix: string, done: (objects: DeliveredObject[]) => boolean, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<DeliveredObject[]> {
  const read = new Map<string, Uint8Array>();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const key of await listKeys(prefix)) if (!read.has(key)) read.set(key, await getObject(key));
    const objects = [...read].map(([key, body]) => ({ key, body })).sort((a, b) => a.key.localeCompare(b.key));
    if (done(objects) || Date.now() > deadline) return objects;
    await sleep(200);
  }
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString("utf8");
const lines = (content: string) => content.split("\n").filter((line) => line !== "");
const jsonLines = <T>(content: string): T[] => lines(content).map((line) => JSON.parse(line) as T);

// ---------------------------------------------------------------------------------------------
// Delivery streams

async function waitForActive(name: string): Promise<void> {
  for (let i = 0; i < 150; i++) {
    const { DeliveryStreamDescription } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    if (DeliveryStreamDescription?.DeliveryStreamStatus === "ACTIVE") return;
    await sleep(100);
  }
  throw new Error(`${name} never became ACTIVE`);
}

async function createActive(input: CreateDeliveryStreamCommandInput): Promise<void> {
  const created = await firehose.send(new CreateDeliveryStreamCommand(input));
  expect(created.DeliveryStreamARN).toBe(`arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${input.DeliveryStreamName}`);
  await waitForActive(input.DeliveryStreamName as string);
}

async function putBatch(name: string, records: string[]): Promise<void> {
  for (let start = 0; start < records.length; start += 500) {
    const answer = await firehose.send(
      new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records.slice(start, start + 500).map((record) => ({ Data: Buffer.from(record, "utf8") })) }),
    );
    expect(answer.FailedPutCount).toBe(0);
    expect(answer.RequestResponses).toHaveLength(Math.min(500, records.length - start));
  }
}

const pad = (n: number) => String(n).padStart(2, "0");
/** yyyy/MM/dd of a time, UTC (object prefixes use the arrival time, UTC without CustomTimeZone). */
function utcDay(ms: number): { yyyy: string; MM: string; dd: string } {
  const d = new Date(ms);
  return { yyyy: String(d.getUTCFullYear()), MM: pad(d.getUTCMonth() + 1), dd: pad(d.getUTCDate()) };
}

/** `<stream>-<version>-<yyyy-MM-dd-HH-mm-ss>-<uuid><extension>`, as Firehose names objects. */
function objectName(stream: string, extension = ""): RegExp {
  const escaped = extension.replace(/\./g, "\\.");
  return new RegExp(`^${stream}-1-\\d{4}(-\\d{2}){5}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${escaped}$`);
}

const basename = (key: string) => key.slice(key.lastIndexOf("/") + 1);

interface ErrorRecord {
  attemptsMade: number;
  arrivalTimestamp: number;
  errorCode: string;
  errorMessage: string;
  attemptEndingTimestamp: number;
  rawData: string;
  lambdaArn?: string;
}

// ---------------------------------------------------------------------------------------------

describe("Firehose pipelines with @aws-sdk/client-firehose", () => {
  it("CSV to JSON by a Lambda-contract function on 127.0.0.1: 97 delivered, 3 malformed lines in processing-failed/", async () => {
    const name = uniqueName("pipeline-csv");
    const prefix = `pipelines/csv/${name}/`;
    await createActive({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE_ARN,
        BucketARN: BUCKET_ARN,
        Prefix: prefix,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [
            {
              Type: "Lambda",
              Parameters: [
                { ParameterName: "LambdaArn", ParameterValue: lambdaUrl },
                { ParameterName: "NumberOfRetries", ParameterValue: "0" },
              ],
            },
          ],
        },
      },
    });

    const malformed = new Set([17, 50, 83]);
    const input = Array.from({ length: 100 }, (_, i) =>
      malformed.has(i) ? `${i};not a csv line;${i}\n` : `${i},item-${i},${(i * 1.25).toFixed(2)}\n`,
    );
    const before = Date.now();
    await putBatch(name, input);
    const after = Date.now();

    const errorPrefix = `${prefix}processing-failed/`;
    const count = (objects: DeliveredObject[]) => objects.reduce((sum, object) => sum + lines(text(object.body)).length, 0);
    const objects = await waitForObjects(prefix, (all) => count(all) >= input.length);
    const data = objects.filter((object) => !object.key.startsWith(errorPrefix));
    const errors = objects.filter((object) => object.key.startsWith(errorPrefix));

    // The function was called with Firehose's request, for this stream.
    const mine = invocations.filter((event) => event.deliveryStreamArn === `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${name}`);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.flatMap((event) => event.records)).toHaveLength(input.length);
    for (const event of mine) {
      expect(event.region).toBe(REGION);
      expect(event.invocationId).toEqual(expect.any(String));
      for (const record of event.records) {
        expect(record.recordId).toEqual(expect.any(String));
        expect(record.approximateArrivalTimestamp).toBeGreaterThanOrEqual(before - 1000);
        expect(record.approximateArrivalTimestamp).toBeLessThanOrEqual(after + 1000);
      }
    }

    // 97 JSON records under the prefix (yyyy/MM/dd/HH/ after it), each once.
    for (const object of data) {
      expect(object.key.slice(prefix.length)).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\d{2}\//);
      expect(basename(object.key)).toMatch(objectName(name));
    }
    const delivered = data.flatMap((object) => jsonLines<{ id: number; name: string; amount: number }>(text(object.body)));
    expect(delivered).toHaveLength(97);
    expect(delivered.map((record) => record.id).sort((a, b) => a - b)).toEqual(
      input.map((_, i) => i).filter((i) => !malformed.has(i)),
    );
    for (const record of delivered) expect(record).toEqual({ id: record.id, name: `item-${record.id}`, amount: Number((record.id * 1.25).toFixed(2)) });

    // 3 in the error output, as AWS writes them: <prefix>processing-failed/yyyy/MM/dd/HH/<object>.
    for (const object of errors) {
      expect(object.key.slice(errorPrefix.length)).toMatch(/^\d{4}\/\d{2}\/\d{2}\/\d{2}\//);
      expect(basename(object.key)).toMatch(objectName(name));
    }
    const failed = errors.flatMap((object) => jsonLines<ErrorRecord>(text(object.body)));
    expect(failed).toHaveLength(3);
    for (const record of failed) {
      expect(record).toEqual({
        attemptsMade: 1,
        arrivalTimestamp: expect.any(Number),
        errorCode: "Lambda.ProcessingFailedStatus",
        errorMessage: "ProcessingFailed status set for record",
        attemptEndingTimestamp: expect.any(Number),
        rawData: expect.any(String),
        lambdaArn: lambdaUrl,
      });
      expect(record.arrivalTimestamp).toBeGreaterThanOrEqual(before - 1000);
      expect(record.attemptEndingTimestamp).toBeGreaterThanOrEqual(record.arrivalTimestamp);
    }
    expect(failed.map((record) => Buffer.from(record.rawData, "base64").toString("utf8")).sort()).toEqual(
      [...malformed].map((i) => input[i]).sort(),
    );
    // Everything accounted for.
    expect(delivered.length + failed.length).toBe(input.length);
  });

  it("clickstream dynamic partitioning: event_type=…/year=…/month=…/day=…/, each object holding its event type's records", async () => {
    const name = uniqueName("pipeline-clicks");
    const base = `pipelines/clicks/${name}/`;
    const errorBase = `pipelines/clicks-errors/${name}/`;
    await createActive({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE_ARN,
        BucketARN: BUCKET_ARN,
        Prefix: `${base}event_type=!{partitionKeyFromQuery:event_type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/`,
        ErrorOutputPrefix: `${errorBase}!{firehose:error-output-type}/`,
        BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 0 },
        DynamicPartitioningConfiguration: { Enabled: true },
        ProcessingConfiguration: {
          Enabled: true,
          Processors: [
            {
              Type: "MetadataExtraction",
              Parameters: [
                { ParameterName: "MetadataExtractionQuery", ParameterValue: "{event_type: .event_type}" },
                { ParameterName: "JsonParsingEngine", ParameterValue: "JQ-1.6" },
              ],
            },
            { Type: "AppendDelimiterToRecord", Parameters: [] },
          ],
        },
      },
    });

    const types = ["page_view", "click", "add_to_cart", "purchase"];
    const events = Array.from({ length: 60 }, (_, n) => ({
      event_type: types[n % types.length] as string,
      n,
      user_id: `user-${n % 7}`,
      page: `/products/${n}`,
    }));
    const before = Date.now();
    await putBatch(name, events.map((event) => JSON.stringify(event)));

    const count = (objects: DeliveredObject[]) => objects.reduce((sum, object) => sum + lines(text(object.body)).length, 0);
    const objects = await waitForObjects(base, (all) => count(all) >= events.length);
    const after = Date.now();
    // Should anything have gone to the error output, say what (the expectations below then fail).
    const errorKeys = await listKeys(errorBase);
    const errorText = (await Promise.all(errorKeys.map(async (key) => `${key}: ${text(await getObject(key)).slice(0, 2000)}`))).join("\n");
    expect(count(objects), `records delivered; error output:\n${errorText}`).toBe(events.length);
    const days = new Set([before, after].map((ms) => {
      const { yyyy, MM, dd } = utcDay(ms);
      return `year=${yyyy}/month=${MM}/day=${dd}/`;
    }));

    const byType = new Map<string, number[]>();
    for (const object of objects) {
      const partition = object.key.slice(base.length, object.key.lastIndexOf("/") + 1);
      const match = /^event_type=([a-z_]+)\/(year=\d{4}\/month=\d{2}\/day=\d{2}\/)$/.exec(partition);
      expect(match, object.key).not.toBeNull();
      const [, type, day] = match as unknown as [string, string, string];
      expect(days.has(day), `${day} is the arrival day`).toBe(true);
      expect(basename(object.key)).toMatch(objectName(name));
      const records = jsonLines<{ event_type: string; n: number }>(text(object.body));
      for (const record of records) expect(record.event_type).toBe(type);
      byType.set(type, [...(byType.get(type) ?? []), ...records.map((record) => record.n)]);
    }
    expect([...byType.keys()].sort()).toEqual([...types].sort());
    for (const type of types) {
      expect((byType.get(type) ?? []).sort((a, b) => a - b), type).toEqual(events.filter((e) => e.event_type === type).map((e) => e.n));
    }
    // Nothing failed, everything delivered exactly once.
    expect(errorKeys).toEqual([]);
    expect([...byType.values()].flat()).toHaveLength(events.length);
  });

  it("user activity loaded into D1 through the Redshift destination, counted with wrangler d1 execute", async () => {
    const name = uniqueName("pipeline-activity");
    const prefix = `pipelines/activity/${name}/`;
    await d1Execute(dir as string, ["--file", USER_ACTIVITY_TABLE]);
    await createActive({
      DeliveryStreamName: name,
      RedshiftDestinationConfiguration: {
        RoleARN: ROLE_ARN,
        ClusterJDBCURL: "jdbc:redshift://rivulet-analytics.redshift.local:5439/dev",
        CopyCommand: { DataTableName: "user_activity", DataTableColumns: "user_id,event,occurred_at,page,duration_ms", CopyOptions: "json 'auto'" },
        Username: "firehose",
        Password: "unused-locally",
        S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
      },
    });
    const described = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    const destination = described.DeliveryStreamDescription?.Destinations?.[0]?.RedshiftDestinationDescription;
    expect(destination).toMatchObject({ ClusterJDBCURL: "jdbc:redshift://rivulet-analytics.redshift.local:5439/dev", Username: "firehose" });
    expect(JSON.stringify(destination)).not.toContain("unused-locally");

    const rows = Array.from({ length: 40 }, (_, i) => ({
      user_id: `${name}-u${i % 5}`,
      event: ["page_view", "click", "signup", "logout"][i % 4],
      occurred_at: new Date(Date.UTC(2026, 10, 27, 10, 0, i)).toISOString(),
      page: `/p/${i}`,
      duration_ms: 100 * i,
    }));
    await putBatch(name, rows.map((row) => `${JSON.stringify(row)}\n`));

    // Staged in R2 first, as AWS stages in S3.
    const count = (objects: DeliveredObject[]) => objects.reduce((sum, object) => sum + lines(text(object.body)).length, 0);
    const staged = await waitForObjects(prefix, (all) => count(all) >= rows.length);
    expect(staged.filter((object) => object.key.includes("/errors/"))).toEqual([]);
    expect(count(staged)).toBe(rows.length);

    // Then in the table: poll with wrangler (each call takes a few seconds).
    const query = `select count(*) as n, count(distinct user_id) as users, sum(duration_ms) as total from user_activity where user_id like '${name}-%'`;
    const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
    let result: { n: number; users: number; total: number } | undefined;
    for (;;) {
      result = (await d1Query<{ n: number; users: number; total: number }>(query))[0];
      if ((result?.n ?? 0) >= rows.length || Date.now() > deadline) break;
      await sleep(200);
    }
    expect(result).toEqual({ n: rows.length, users: 5, total: rows.reduce((sum, row) => sum + row.duration_ms, 0) });
    const sample = await d1Query<Record<string, unknown>>(`select * from user_activity where user_id = '${name}-u3' order by occurred_at limit 1`);
    expect(sample).toEqual([{ user_id: `${name}-u3`, event: "logout", occurred_at: rows[3]?.occurred_at, page: "/p/3", duration_ms: 300 }]);
    const log = await d1Query<{ rows: number }>(`select sum(row_count) as rows from firehose_load_log where delivery_stream = '${name}'`);
    expect(log).toEqual([{ rows: rows.length }]);
  }, 90_000);

  it("a Kinesis stream as the source: records put with @aws-sdk/client-kinesis are all delivered", async () => {
    const streamName = uniqueName("pipeline-source");
    await createActiveStream(kinesis, streamName, 2);
    const streamArn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${streamName}`;
    const name = uniqueName("pipeline-from-kinesis");
    const prefix = `pipelines/kinesis/${name}/`;
    await createActive({
      DeliveryStreamName: name,
      DeliveryStreamType: "KinesisStreamAsSource",
      KinesisStreamSourceConfiguration: { KinesisStreamARN: streamArn, RoleARN: ROLE_ARN },
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE_ARN,
        BucketARN: BUCKET_ARN,
        Prefix: prefix,
        CompressionFormat: "GZIP",
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
      },
    });
    const described = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    expect(described.DeliveryStreamDescription?.DeliveryStreamType).toBe("KinesisStreamAsSource");
    expect(described.DeliveryStreamDescription?.Source?.KinesisStreamSourceDescription).toMatchObject({
      KinesisStreamARN: streamArn,
      RoleARN: ROLE_ARN,
      DeliveryStartTimestamp: expect.any(Date),
    });
    await expectAwsError(firehose.send(new PutRecordCommand({ DeliveryStreamName: name, Record: { Data: Buffer.from("x") } })), {
      name: "InvalidArgumentException",
      message: "This operation is not permitted on KinesisStreamAsSource delivery stream type.",
    });

    const sent: string[] = [];
    for (let call = 0; call < 3; call++) {
      const records = Array.from({ length: 40 }, (_, i) => `${JSON.stringify({ call, i, stream: streamName })}\n`);
      const answer = await kinesis.send(
        new PutRecordsCommand({ StreamName: streamName, Records: records.map((data, i) => ({ PartitionKey: `pk-${call}-${i}`, Data: Buffer.from(data) })) }),
      );
      expect(answer.FailedRecordCount ?? 0).toBe(0);
      sent.push(...records);
    }

    const count = (objects: DeliveredObject[]) => objects.reduce((sum, object) => sum + lines(gunzipSync(object.body).toString("utf8")).length, 0);
    const objects = await waitForObjects(prefix, (all) => count(all) >= sent.length);
    for (const object of objects) expect(basename(object.key)).toMatch(objectName(name, ".gz"));
    const delivered = objects.flatMap((object) => lines(gunzipSync(object.body).toString("utf8")));
    expect(delivered).toHaveLength(sent.length);
    expect([...delivered].sort()).toEqual(sent.map((line) => line.slice(0, -1)).sort());

    await firehose.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name }));
  });

  it("compression round trips: GZIP, ZIP, Snappy (framing format) and HADOOP_SNAPPY", async () => {
    const formats: { format: CompressionFormat; extension: string; decode: (body: Uint8Array, key: string) => Uint8Array }[] = [
      { format: "GZIP", extension: ".gz", decode: (body) => new Uint8Array(gunzipSync(body)) },
      { format: "ZIP", extension: ".zip", decode: (body, key) => unzipSingle(body, basename(key).slice(0, -".zip".length)) },
      { format: "Snappy", extension: ".snappy", decode: (body) => snappyFramedDecode(body) },
      { format: "HADOOP_SNAPPY", extension: ".snappy", decode: (body) => hadoopSnappyDecode(body) },
    ];
    // Repetitive text (so the compressors use back-references) and some incompressible bytes, as base64.
    const records = Array.from({ length: 200 }, (_, i) =>
      `${JSON.stringify({ i, repeated: "clickstream ".repeat(1 + (i % 9)), noise: Buffer.from(Array.from({ length: 40 }, (_, j) => (i * 31 + j * 17) % 256)).toString("base64") })}\n`,
    );
    await Promise.all(
      formats.map(async ({ format, extension, decode }) => {
        const name = uniqueName(`pipeline-${format.toLowerCase().replace(/_/g, "-")}`);
        const prefix = `pipelines/compression/${name}/`;
        await createActive({
          DeliveryStreamName: name,
          ExtendedS3DestinationConfiguration: {
            RoleARN: ROLE_ARN,
            BucketARN: BUCKET_ARN,
            Prefix: prefix,
            CompressionFormat: format,
            BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
          },
        });
        await putBatch(name, records);
        const count = (objects: DeliveredObject[]) => objects.reduce((sum, object) => sum + lines(text(decode(object.body, object.key))).length, 0);
        const objects = await waitForObjects(prefix, (all) => count(all) >= records.length);
        expect(objects.length, format).toBeGreaterThan(0);
        for (const object of objects) expect(basename(object.key), format).toMatch(objectName(name, extension));
        const delivered = objects.flatMap((object) => lines(text(decode(object.body, object.key))));
        expect(delivered, format).toHaveLength(records.length);
        expect([...delivered].sort(), format).toEqual(records.map((record) => record.slice(0, -1)).sort());
        // Each object is the concatenation of whole records, in the order they were put.
        for (const object of objects) {
          const content = text(decode(object.body, object.key));
          const first = records.findIndex((record) => content.startsWith(record));
          expect(first, format).toBeGreaterThanOrEqual(0);
          expect(content, format).toBe(records.slice(first, first + lines(content).length).join(""));
        }
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe("a Firehose pipeline with the aws CLI", () => {
  it("create-delivery-stream, describe-delivery-stream and put-record; the record is delivered", async () => {
    const cliMajorVersion = await awsCliMajorVersion();
    const options = {
      url: (server as TestServer).url,
      accessKeyId: "AKIDE2EPIPELINES",
      secretAccessKey: "e2e-pipelines-secret",
      // v2 takes blobs as base64 (made explicit); v1 stores the text given.
      extraArgs: cliMajorVersion >= 2 ? ["--cli-binary-format", "base64"] : [],
    };
    const name = uniqueName("pipeline-cli");
    const prefix = `pipelines/cli/${name}/`;
    const create = await runAws(
      [
        "firehose",
        "create-delivery-stream",
        "--delivery-stream-name",
        name,
        "--extended-s3-destination-configuration",
        JSON.stringify({ RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix, CompressionFormat: "GZIP", BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } }),
      ],
      options,
    );
    expect(create.code, create.stderr).toBe(0);
    expect(JSON.parse(create.stdout)).toEqual({ DeliveryStreamARN: `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${name}` });
    await waitForActive(name);

    const described = await runAws(["firehose", "describe-delivery-stream", "--delivery-stream-name", name], options);
    expect(described.code, described.stderr).toBe(0);
    const description = (JSON.parse(described.stdout) as { DeliveryStreamDescription: Record<string, unknown> }).DeliveryStreamDescription;
    expect(description).toMatchObject({
      DeliveryStreamName: name,
      DeliveryStreamStatus: "ACTIVE",
      DeliveryStreamType: "DirectPut",
      VersionId: "1",
      Destinations: [
        {
          DestinationId: "destinationId-000000000001",
          ExtendedS3DestinationDescription: expect.objectContaining({ BucketARN: BUCKET_ARN, Prefix: prefix, CompressionFormat: "GZIP" }),
        },
      ],
    });

    const line = `{"via": "cli", "stream": "${name}"}\n`;
    const base64 = Buffer.from(line).toString("base64");
    const put = await runAws(["firehose", "put-record", "--delivery-stream-name", name, "--record", `Data=${base64}`], options);
    expect(put.code, put.stderr).toBe(0);
    expect(JSON.parse(put.stdout)).toMatchObject({ RecordId: expect.any(String) });
    const expected = cliMajorVersion >= 2 ? line : base64;

    const objects = await waitForObjects(prefix, (all) => all.length > 0);
    expect(objects).toHaveLength(1);
    expect(basename(objects[0]?.key ?? "")).toMatch(objectName(name, ".gz"));
    expect(gunzipSync(objects[0]?.body ?? new Uint8Array()).toString("utf8")).toBe(expected);
  }, 120_000);
});

// ---------------------------------------------------------------------------------------------
// D1, through wrangler as a user would query it

const d1Query = <T>(sql: string): Promise<T[]> => d1Execute<T>(dir as string, ["--command", sql]);

// ---------------------------------------------------------------------------------------------
// Decoders, written from the formats' specifications (not the server's code)

function crcTable(polynomial: number): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}
const CRC32 = crcTable(0xedb88320);
const CRC32C = crcTable(0x82f63b78);
function crc(table: Uint32Array, data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) c = (table[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A ZIP archive holding one entry named `entryName` (APPNOTE: local file header, data). */
function unzipSingle(archive: Uint8Array, entryName: string): Uint8Array {
  const view = new DataView(archive.buffer, archive.byteOffset, archive.byteLength);
  expect(view.getUint32(0, true), "local file header signature").toBe(0x04034b50);
  const method = view.getUint16(8, true);
  const checksum = view.getUint32(14, true);
  const compressedSize = view.getUint32(18, true);
  const size = view.getUint32(22, true);
  const nameLength = view.getUint16(26, true);
  const extraLength = view.getUint16(28, true);
  expect(Buffer.from(archive.subarray(30, 30 + nameLength)).toString("utf8")).toBe(entryName);
  const start = 30 + nameLength + extraLength;
  const stored = archive.subarray(start, start + compressedSize);
  expect([0, 8]).toContain(method);
  const data = method === 8 ? new Uint8Array(inflateRawSync(stored)) : stored;
  expect(data.length).toBe(size);
  expect(crc(CRC32, data)).toBe(checksum);
  // One entry: the central directory follows, then the end record.
  expect(view.getUint32(start + compressedSize, true), "central directory signature").toBe(0x02014b50);
  expect(view.getUint32(archive.length - 22, true), "end of central directory signature").toBe(0x06054b50);
  expect(view.getUint16(archive.length - 22 + 10, true), "entries").toBe(1);
  return data;
}

/** Snappy's raw (block) format: a varint length, then literals and copies. */
function snappyUncompress(src: Uint8Array): Uint8Array {
  let pos = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    const byte = src[pos++] as number;
    length += (byte & 0x7f) * 2 ** shift;
    if ((byte & 0x80) === 0) break;
  }
  const out = new Uint8Array(length);
  let o = 0;
  const le = (n: number) => {
    let value = 0;
    for (let i = 0; i < n; i++) value += (src[pos + i] as number) * 2 ** (8 * i);
    pos += n;
    return value;
  };
  while (pos < src.length) {
    const tag = src[pos++] as number;
    const type = tag & 3;
    if (type === 0) {
      let literal = tag >> 2;
      if (literal >= 60) literal = le(literal - 59);
      literal += 1;
      if (pos + literal > src.length || o + literal > length) throw new Error("snappy: literal out of bounds");
      out.set(src.subarray(pos, pos + literal), o);
      pos += literal;
      o += literal;
      continue;
    }
    let copy: number;
    let offset: number;
    if (type === 1) {
      copy = ((tag >> 2) & 7) + 4;
      offset = ((tag >> 5) << 8) | (src[pos++] as number);
    } else {
      copy = (tag >> 2) + 1;
      offset = le(type === 2 ? 2 : 4);
    }
    if (offset === 0 || offset > o || o + copy > length) throw new Error("snappy: copy out of bounds");
    for (let i = 0; i < copy; i++, o++) out[o] = out[o - offset] as number;
  }
  if (o !== length) throw new Error(`snappy: ${o} bytes decoded, ${length} announced`);
  return out;
}

const concat = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/** Snappy's framing format (framing_format.txt): stream identifier, then checksummed chunks. */
function snappyFramedDecode(stream: Uint8Array): Uint8Array {
  expect(Buffer.from(stream.subarray(0, 10)).toString("latin1")).toBe("\xff\x06\x00\x00sNaPpY");
  const parts: Uint8Array[] = [];
  let pos = 10;
  while (pos < stream.length) {
    const type = stream[pos] as number;
    const length = (stream[pos + 1] as number) | ((stream[pos + 2] as number) << 8) | ((stream[pos + 3] as number) << 16);
    const chunk = stream.subarray(pos + 4, pos + 4 + length);
    expect(chunk.length).toBe(length);
    pos += 4 + length;
    if (type === 0x00 || type === 0x01) {
      const masked = new DataView(chunk.buffer, chunk.byteOffset, 4).getUint32(0, true);
      const data = type === 0x00 ? snappyUncompress(chunk.subarray(4)) : chunk.subarray(4);
      expect(data.length).toBeLessThanOrEqual(65536);
      const c = crc(CRC32C, data);
      expect(masked, "masked CRC-32C").toBe((((c >>> 15) | (c << 17)) + 0xa282ead8) >>> 0);
      parts.push(data);
    } else if (type === 0xff) {
      expect(Buffer.from(chunk).toString("latin1")).toBe("sNaPpY");
    } else if (type < 0x80) {
      throw new Error(`snappy framing: reserved unskippable chunk type ${type}`);
    } // 0x80-0xfe: skippable
  }
  return concat(parts);
}

/** Hadoop's block format: [uncompressed length][compressed length][snappy block]... per block, big-endian. */
function hadoopSnappyDecode(stream: Uint8Array): Uint8Array {
  const view = new DataView(stream.buffer, stream.byteOffset, stream.byteLength);
  const parts: Uint8Array[] = [];
  let pos = 0;
  while (pos < stream.length) {
    const blockLength = view.getUint32(pos);
    pos += 4;
    let decoded = 0;
    while (decoded < blockLength) {
      const compressedLength = view.getUint32(pos);
      pos += 4;
      const data = snappyUncompress(stream.subarray(pos, pos + compressedLength));
      pos += compressedLength;
      decoded += data.length;
      parts.push(data);
    }
    expect(decoded).toBe(blockLength);
  }
  return concat(parts);
}
