/**
 * Firehose's columnar output end to end: the unmodified `@aws-sdk/client-firehose` and
 * `@aws-sdk/client-s3` against the real local server (`npm start`).
 *
 * - Parquet: records converted with a schema file stored through the S3 API, the objects read back
 *   with hyparquet (an independent reader), same rows and types as put;
 * - ORC: the same with an ORC serializer, read back with the specification-based reader of the
 *   integration tests (no ORC reader exists offline);
 * - an Iceberg table whose snapshots grow per flush, read back with icebird (an independent Iceberg
 *   reader: metadata, Avro manifests, Parquet data) through the server's S3 API.
 *
 * Every record put is counted back: in the files or in the error output.
 */
import { CreateDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { parquetReadObjects, parquetSchema, parquetMetadata } from "hyparquet";
import { icebergMetadata, icebergRead } from "icebird";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readOrc } from "../integration/firehose/orc-reader";
import { ACCOUNT, ANY_CREDENTIALS, listObjectKeys, objectBytes, REGION, removeDir, sleep, startServer, tempDir, uniqueName, waitForDeliveryStreamActive, type TestServer } from "./helpers";

const BUCKET = "rivulet-deliveries";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/firehose-delivery`;

let dir: string | undefined;
let server: TestServer | undefined;
let firehose: FirehoseClient;
let s3: S3Client;

beforeAll(async () => {
  dir = tempDir("firehose-columnar");
  server = await startServer({ persistDir: dir });
  firehose = new FirehoseClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  s3 = new S3Client({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS, forcePathStyle: true });
});

afterAll(async () => {
  firehose?.destroy();
  s3?.destroy();
  await server?.close();
  removeDir(dir);
});

async function put(name: string, records: readonly string[]): Promise<void> {
  for (let start = 0; start < records.length; start += 500) {
    const answer = await firehose.send(
      new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records.slice(start, start + 500).map((text) => ({ Data: new TextEncoder().encode(text) })) }),
    );
    expect(answer.FailedPutCount).toBe(0);
  }
}

/** Polls until `done` answers true of the keys under `prefix`. */
async function waitForKeys(prefix: string, done: (keys: string[]) => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const keys = await listObjectKeys(s3, BUCKET, prefix);
    if (await done(keys)) return keys;
    if (Date.now() > deadline) throw new Error(`timed out waiting under ${prefix}: ${keys.join(", ")}`);
    await sleep(250);
  }
}

async function errorLines(keys: readonly string[]): Promise<{ lastErrorCode: string; rawData: string; dataCatalogTable: Record<string, string> }[]> {
  const lines: { lastErrorCode: string; rawData: string; dataCatalogTable: Record<string, string> }[] = [];
  for (const key of keys) {
    const text = new TextDecoder().decode(await objectBytes(s3, BUCKET, key));
    lines.push(...text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as (typeof lines)[number]));
  }
  return lines;
}

async function putSchema(table: string, columns: [string, string][]): Promise<void> {
  const body = JSON.stringify({ Table: { Name: table, StorageDescriptor: { Columns: columns.map(([Name, Type]) => ({ Name, Type })) } } });
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `schemas/${table}.json`, Body: body, ContentType: "application/json" }));
}

const COLUMNS: [string, string][] = [
  ["event_id", "bigint"],
  ["user_id", "string"],
  ["amount", "double"],
  ["premium", "boolean"],
  ["occurred_at", "timestamp"],
  ["tags", "array<string>"],
];

function event(i: number, name: string): string {
  return JSON.stringify({ event_id: i, user_id: `${name}-u${i % 7}`, amount: i / 8, premium: i % 2 === 0, occurred_at: `2026-12-05T10:00:${String(i % 60).padStart(2, "0")}Z`, tags: [`t${i % 3}`] });
}

async function createConverting(name: string, prefix: string, table: string, serializer: Record<string, unknown>): Promise<void> {
  await firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE_ARN,
        BucketARN: `arn:aws:s3:::${BUCKET}`,
        Prefix: prefix,
        ErrorOutputPrefix: `${prefix}errors/!{firehose:error-output-type}/`,
        BufferingHints: { SizeInMBs: 64, IntervalInSeconds: 0 },
        DataFormatConversionConfiguration: {
          SchemaConfiguration: { RoleARN: ROLE_ARN, DatabaseName: `s3://${BUCKET}/schemas`, TableName: table },
          InputFormatConfiguration: { Deserializer: { OpenXJsonSerDe: {} } },
          OutputFormatConfiguration: { Serializer: serializer },
        },
      },
    }),
  );
  await waitForDeliveryStreamActive(firehose, name);
}

const BAD = ['{"event_id": "not a number"}', "<xml/>", '{"event_id": 1.5}'];

describe("record format conversion with the AWS SDK", () => {
  it("delivers Parquet objects that hyparquet reads back with the rows and types put", async () => {
    const name = uniqueName("e2e-parquet");
    const prefix = `e2e-columnar/${name}/`;
    await putSchema(name, COLUMNS);
    await createConverting(name, prefix, name, { ParquetSerDe: { Compression: "SNAPPY" } });
    const records = Array.from({ length: 1000 }, (_, i) => event(i, name));
    await put(name, [...records.slice(0, 500), BAD[0] ?? "", ...records.slice(500), BAD[1] ?? "", BAD[2] ?? ""]);

    const rows: Record<string, unknown>[] = [];
    let errorKeys: string[] = [];
    await waitForKeys(prefix, async (keys) => {
      rows.length = 0;
      for (const key of keys.filter((candidate) => candidate.endsWith(".parquet"))) {
        const bytes = await objectBytes(s3, BUCKET, key);
        const file = bytes.slice().buffer;
        expect(parquetSchema(parquetMetadata(file)).children.map((child) => [child.element.name, child.element.type ?? child.element.converted_type])).toEqual([
          ["event_id", "INT64"],
          ["user_id", "BYTE_ARRAY"],
          ["amount", "DOUBLE"],
          ["premium", "BOOLEAN"],
          ["occurred_at", "INT64"],
          ["tags", "LIST"],
        ]);
        rows.push(...(await parquetReadObjects({ file })));
      }
      errorKeys = keys.filter((key) => key.includes("/errors/format-conversion-failed/"));
      return rows.length === records.length && errorKeys.length > 0 && (await errorLines(errorKeys)).length === BAD.length;
    });
    rows.sort((a, b) => Number(a.event_id) - Number(b.event_id));
    expect(rows.map((row) => row.event_id)).toEqual(records.map((_, i) => BigInt(i)));
    expect(rows[9]).toEqual({ event_id: 9n, user_id: `${name}-u2`, amount: 9 / 8, premium: false, occurred_at: new Date("2026-12-05T10:00:09Z"), tags: ["t0"] });
    const errors = await errorLines(errorKeys);
    expect(errors.map((line) => line.lastErrorCode).sort()).toEqual(["DataFormatConversion.MalformedData", "DataFormatConversion.MalformedData", "DataFormatConversion.ParseError"]);
    expect(errors.map((line) => Buffer.from(line.rawData, "base64").toString()).sort()).toEqual([...BAD].sort());
    expect(errors[0]?.dataCatalogTable).toMatchObject({ databaseName: `s3://${BUCKET}/schemas`, tableName: name });
    expect(rows.length + errors.length).toBe(records.length + BAD.length);
  });

  it("delivers ORC objects with the rows and types put", async () => {
    const name = uniqueName("e2e-orc");
    const prefix = `e2e-columnar/${name}/`;
    await putSchema(name, COLUMNS);
    await createConverting(name, prefix, name, { OrcSerDe: { Compression: "ZLIB" } });
    const records = Array.from({ length: 600 }, (_, i) => event(i, name));
    await put(name, [...records, ...BAD]);
    const rows: Record<string, unknown>[] = [];
    let errorKeys: string[] = [];
    await waitForKeys(prefix, async (keys) => {
      rows.length = 0;
      for (const key of keys.filter((candidate) => candidate.endsWith(".orc"))) rows.push(...(await readOrc(await objectBytes(s3, BUCKET, key))).records);
      errorKeys = keys.filter((key) => key.includes("/errors/format-conversion-failed/"));
      return rows.length === records.length && (await errorLines(errorKeys)).length === BAD.length;
    });
    rows.sort((a, b) => Number(a.event_id) - Number(b.event_id));
    expect(rows[9]).toEqual({
      event_id: 9n,
      user_id: `${name}-u2`,
      amount: 9 / 8,
      premium: false,
      occurred_at: { date: new Date("2026-12-05T10:00:09Z"), nanos: 0 },
      tags: ["t0"],
    });
    expect(rows.length + (await errorLines(errorKeys)).length).toBe(records.length + BAD.length);
  });
});

/**
 * icebird fetches `s3://bucket/key` as `https://bucket.s3.amazonaws.com/key`; this answers those
 * requests from the local server's S3 API (signed GetObject, with the Range asked for), so the
 * independent reader reads exactly what Rivulet wrote to R2.
 */
function s3Fetch(original: typeof fetch): typeof fetch {
  return async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const match = /^(.+)\.s3\.amazonaws\.com$/.exec(url.hostname);
    if (!match) return original(input, init);
    const range = new Headers(init?.headers).get("range") ?? undefined;
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: match[1], Key: decodeURIComponent(url.pathname.slice(1)), Range: range }));
      const body = (await object.Body?.transformToByteArray()) ?? new Uint8Array();
      return new Response(body, { status: range ? 206 : 200, headers: { "content-length": String(body.length) } });
    } catch (error) {
      return new Response(String(error), { status: (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode ?? 500 });
    }
  };
}

describe("Iceberg tables with the AWS SDK", () => {
  it("appends each flush as a snapshot that icebird reads back", async () => {
    const name = uniqueName("e2e-iceberg");
    const warehouse = `e2e-iceberg/${name}/`;
    const tableUrl = `s3://${BUCKET}/${warehouse}analytics/events`;
    await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: name,
        IcebergDestinationConfiguration: {
          RoleARN: ROLE_ARN,
          CatalogConfiguration: { CatalogARN: `arn:aws:glue:${REGION}:${ACCOUNT}:catalog`, WarehouseLocation: `s3://${BUCKET}/${warehouse}` },
          DestinationTableConfigurationList: [{ DestinationDatabaseName: "analytics", DestinationTableName: "events" }],
          TableCreationConfiguration: { Enabled: true },
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
          S3Configuration: { RoleARN: ROLE_ARN, BucketARN: `arn:aws:s3:::${BUCKET}`, ErrorOutputPrefix: `${warehouse}errors/` },
        },
      }),
    );
    await waitForDeliveryStreamActive(firehose, name);
    const original = globalThis.fetch;
    globalThis.fetch = s3Fetch(original);
    try {
      let expected = 0;
      let snapshots = 0;
      for (let round = 1; round <= 3; round++) {
        const records = Array.from({ length: 100 }, (_, i) => JSON.stringify({ id: round * 1000 + i, user: `${name}-${i % 5}`, score: i / 2 }));
        await put(name, records);
        expected += records.length;
        // Each flush (IntervalInSeconds 0: at once) is one more snapshot; wait until this round's records are all committed.
        const deadline = Date.now() + 60_000;
        for (;;) {
          const keys = await listObjectKeys(s3, BUCKET, `${warehouse}analytics/events/metadata/`);
          if (keys.some((key) => key.endsWith("version-hint.text"))) {
            const metadata = await icebergMetadata({ tableUrl });
            const current = metadata.snapshots?.find((snapshot) => snapshot["snapshot-id"] === metadata["current-snapshot-id"]);
            if (Number(current?.summary["total-records"] ?? 0) === expected) {
              expect(metadata["format-version"]).toBe(2);
              expect(metadata.snapshots?.length ?? 0).toBeGreaterThan(snapshots);
              snapshots = metadata.snapshots?.length ?? 0;
              break;
            }
          }
          if (Date.now() > deadline) {
            const keys = await listObjectKeys(s3, BUCKET, `${warehouse}`);
            const metadata = keys.some((key) => key.endsWith("version-hint.text")) ? await icebergMetadata({ tableUrl }) : undefined;
            const errors = await errorLines(keys.filter((key) => key.includes("/errors/")));
            throw new Error(`round ${round}: the table never held ${expected} records: ${JSON.stringify(metadata?.snapshots?.map((snapshot) => snapshot.summary))} ${JSON.stringify(errors.slice(0, 2))}`);
          }
          await sleep(250);
        }
        expect(await icebergRead({ tableUrl })).toHaveLength(expected);
      }
      const rows = await icebergRead({ tableUrl });
      const ids = rows.map((row) => Number(row.id)).sort((a, b) => a - b);
      expect(ids).toEqual([1, 2, 3].flatMap((flush) => Array.from({ length: 100 }, (_, i) => flush * 1000 + i)));
      expect(rows.find((row) => Number(row.id) === 2003)).toEqual({ id: 2003n, user: `${name}-3`, score: 1.5 });
      // Every record put is in the table: none in the error output.
      expect(await listObjectKeys(s3, BUCKET, `${warehouse}errors/`)).toEqual([]);
    } finally {
      globalThis.fetch = original;
    }
  });
});
