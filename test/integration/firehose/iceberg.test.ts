/**
 * Iceberg tables in R2 (IcebergDestinationConfiguration): each flush one snapshot per table, the
 * metadata, manifest lists and manifests as the Iceberg spec (format version 2) lays them out, the
 * data files read back with hyparquet, routing by a MetadataExtraction query, commits that appear
 * whole or not at all, and records that cannot be appended in the error output. (The end-to-end test
 * reads the tables with icebird, an independent Iceberg reader.)
 */
import { parquetMetadata, parquetReadObjects, parquetSchema } from "hyparquet";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readAvroFile } from "../../../src/firehose/iceberg/avro";
import type { TableMetadata } from "../../../src/firehose/iceberg/spec";
import { appendDataFile, createTable, currentTable, type TableLocation } from "../../../src/firehose/iceberg/table";
import { writeParquet } from "../../../src/firehose/columnar/parquet";
import {
  BUCKET,
  BUCKET_ARN,
  clock,
  createDeliveryStream,
  decode,
  deliverAll,
  describe as describeStream,
  env,
  expectFailure,
  objects,
  putBatch,
  ROLE_ARN,
  runBufferAlarm,
  uniqueName,
  type TestDeliveryStream,
} from "./helpers";

const CATALOG_ARN = "arn:aws:glue:us-east-1:000000000000:catalog";

function iceberg(warehouse: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    RoleARN: ROLE_ARN,
    CatalogConfiguration: { CatalogARN: CATALOG_ARN, WarehouseLocation: `s3://${BUCKET}/${warehouse}` },
    S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, ErrorOutputPrefix: `${warehouse}errors/!{firehose:error-output-type}/` },
    BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
    TableCreationConfiguration: { Enabled: true },
    ...overrides,
  };
}

async function createIcebergStream(warehouse: string, overrides: Record<string, unknown> = {}): Promise<TestDeliveryStream> {
  return createDeliveryStream(iceberg(warehouse, overrides), { destinationKey: "IcebergDestinationConfiguration" });
}

async function flush(stream: TestDeliveryStream): Promise<void> {
  clock.advance(60_000);
  await runBufferAlarm(stream);
  await deliverAll(stream);
}

async function json<T>(key: string): Promise<T> {
  const object = await env.RIVULET_DELIVERIES.get(key);
  if (!object) throw new Error(`${key} is missing`);
  return (await object.json()) as T;
}

async function bytes(url: string): Promise<Uint8Array> {
  const key = url.replace(`s3://${BUCKET}/`, "");
  const object = await env.RIVULET_DELIVERIES.get(key);
  if (!object) throw new Error(`${url} is missing`);
  return new Uint8Array(await object.arrayBuffer());
}

/** Every row of the table's current snapshot, following metadata, manifest list, manifests and data files. */
async function tableRows(metadata: TableMetadata): Promise<Record<string, unknown>[]> {
  const snapshot = metadata.snapshots?.find((candidate) => candidate["snapshot-id"] === metadata["current-snapshot-id"]);
  if (!snapshot) return [];
  const rows: Record<string, unknown>[] = [];
  for (const manifest of readAvroFile(await bytes(snapshot["manifest-list"])).records as { manifest_path: string }[]) {
    for (const entry of readAvroFile(await bytes(manifest.manifest_path)).records as { data_file: { file_path: string; record_count: bigint } }[]) {
      const file = await bytes(entry.data_file.file_path);
      const read = await parquetReadObjects({ file: file.slice().buffer });
      expect(BigInt(read.length)).toBe(entry.data_file.record_count);
      rows.push(...read);
    }
  }
  return rows;
}

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

describe("Iceberg destination", () => {
  it("is described as AWS describes it, and refuses what Rivulet cannot do", async () => {
    const warehouse = `${uniqueName("wh")}/`;
    const tables = [{ DestinationDatabaseName: "analytics", DestinationTableName: "clicks" }];
    const stream = await createIcebergStream(warehouse, { DestinationTableConfigurationList: tables });
    const description = (await describeStream(stream.name)).Destinations[0]?.IcebergDestinationDescription;
    expect(description).toMatchObject({
      DestinationTableConfigurationList: tables,
      TableCreationConfiguration: { Enabled: true },
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 },
      S3BackupMode: "FailedDataOnly",
      RetryOptions: { DurationInSeconds: 300 },
      RoleARN: ROLE_ARN,
      AppendOnly: false,
      CatalogConfiguration: { CatalogARN: CATALOG_ARN, WarehouseLocation: `s3://${BUCKET}/${warehouse}` },
      S3DestinationDescription: { BucketARN: BUCKET_ARN },
    });
    await expectFailure(
      "CreateDeliveryStream",
      { DeliveryStreamName: uniqueName("ice"), IcebergDestinationConfiguration: iceberg(warehouse, { DestinationTableConfigurationList: [{ ...tables[0], UniqueKeys: ["id"] }] }) },
      "InvalidArgumentException",
      /UniqueKeys/,
    );
    await expectFailure(
      "CreateDeliveryStream",
      { DeliveryStreamName: uniqueName("ice"), IcebergDestinationConfiguration: iceberg(warehouse, { CatalogConfiguration: { CatalogARN: CATALOG_ARN, WarehouseLocation: "s3://no-such-bucket/wh" } }) },
      "InvalidArgumentException",
      /not in a bucket bound to this Worker/,
    );
  });

  it("appends each flush as one snapshot, with the spec's metadata, manifest list and manifests", async () => {
    const warehouse = `${uniqueName("wh")}/`;
    const stream = await createIcebergStream(warehouse, {
      DestinationTableConfigurationList: [{ DestinationDatabaseName: "analytics", DestinationTableName: "clicks" }],
      SchemaEvolutionConfiguration: { Enabled: true },
    });
    const table = `${warehouse}analytics/clicks`;
    await putBatch(stream, Array.from({ length: 10 }, (_, i) => JSON.stringify({ user: `u-${i}`, n: i, ok: i % 2 === 0 })));
    await flush(stream);
    await putBatch(stream, [...Array.from({ length: 5 }, (_, i) => JSON.stringify({ user: `v-${i}`, n: 100 + i, price: 1.5 })), "not json"]);
    await flush(stream);

    expect(decode((await objects(`${table}/metadata/version-hint.text`))[0]?.body ?? new Uint8Array())).toBe("3");
    const metadata = await json<TableMetadata>(`${table}/metadata/v3.metadata.json`);
    expect(metadata).toMatchObject({ "format-version": 2, location: `s3://${BUCKET}/${table}`, "last-sequence-number": 2, "current-schema-id": 1, "default-spec-id": 0 });
    expect(metadata["table-uuid"]).toMatch(/^[0-9a-f-]{36}$/);
    // Schema evolution added price (field 4) in schema 1.
    expect(metadata.schemas.map((schema) => schema.fields.map((field) => `${field.id}:${field.name}:${String(field.type)}`))).toEqual([
      ["1:user:string", "2:n:long", "3:ok:boolean"],
      ["1:user:string", "2:n:long", "3:ok:boolean", "4:price:double"],
    ]);
    expect(metadata["last-column-id"]).toBe(4);
    const [first, second] = metadata.snapshots ?? [];
    expect(first).toMatchObject({ "sequence-number": 1, summary: { operation: "append", "added-records": "10", "total-records": "10" }, "schema-id": 0 });
    expect(second).toMatchObject({ "sequence-number": 2, "parent-snapshot-id": first?.["snapshot-id"], summary: { "added-records": "5", "total-records": "15" } });
    expect(metadata["current-snapshot-id"]).toBe(second?.["snapshot-id"]);
    expect(metadata.refs).toEqual({ main: { "snapshot-id": second?.["snapshot-id"], type: "branch" } });
    expect(metadata["metadata-log"]?.map((entry) => entry["metadata-file"])).toEqual([1, 2].map((n) => `s3://${BUCKET}/${table}/metadata/v${n}.metadata.json`));

    // The second snapshot's manifest list carries the first's manifest, then its own.
    const list = readAvroFile(await bytes(second?.["manifest-list"] ?? ""));
    expect(list.metadata).toMatchObject({ "format-version": "2", "sequence-number": "2", "parent-snapshot-id": String(first?.["snapshot-id"]) });
    expect((list.records as { sequence_number: bigint; added_rows_count: bigint }[]).map((entry) => [entry.sequence_number, entry.added_rows_count])).toEqual([
      [1n, 10n],
      [2n, 5n],
    ]);
    const manifest = readAvroFile(await bytes((list.records[1] as { manifest_path: string }).manifest_path));
    expect(manifest.metadata).toMatchObject({ "format-version": "2", content: "data", "partition-spec": "[]", "schema-id": "1" });
    expect(manifest.records[0]).toMatchObject({ status: 1, snapshot_id: BigInt(second?.["snapshot-id"] ?? 0), data_file: { content: 0, file_format: "PARQUET", record_count: 5n } });

    const rows = await tableRows(metadata);
    expect(rows).toHaveLength(15);
    expect(rows[0]).toEqual({ user: "u-0", n: 0n, ok: true });
    expect(rows[10]).toEqual({ user: "v-0", n: 100n, ok: null, price: 1.5 });
    // Data files carry the columns' field ids.
    const dataPath = (manifest.records[0] as { data_file: { file_path: string } }).data_file.file_path;
    const dataSchema = parquetSchema(parquetMetadata((await bytes(dataPath)).slice().buffer));
    expect(dataSchema.children.map((child) => [child.element.name, child.element.field_id])).toEqual([
      ["user", 1],
      ["n", 2],
      ["ok", 3],
      ["price", 4],
    ]);

    const errors = (await objects(`${warehouse}errors/iceberg-failed/`)).flatMap((object) => decode(object.body).trim().split("\n"));
    expect(errors.map((line) => JSON.parse(line) as { errorCode: string })).toMatchObject([{ errorCode: "Iceberg.ParseError" }]);
    expect(rows.length + errors.length).toBe(16);
  });

  it("routes records to tables by a MetadataExtraction query, one commit per table", async () => {
    const warehouse = `${uniqueName("wh")}/`;
    const stream = await createIcebergStream(warehouse, {
      ProcessingConfiguration: {
        Enabled: true,
        Processors: [
          {
            Type: "MetadataExtraction",
            Parameters: [
              { ParameterName: "MetadataExtractionQuery", ParameterValue: '{destinationDatabaseName: "devices", destinationTableName: .deviceId}' },
              { ParameterName: "JsonParsingEngine", ParameterValue: "JQ-1.6" },
            ],
          },
        ],
      },
    });
    const records = Array.from({ length: 9 }, (_, i) => JSON.stringify({ deviceId: i % 3 === 0 ? "sensor_a" : "sensor_b", reading: i }));
    await putBatch(stream, [...records, JSON.stringify({ reading: 1 })]);
    await flush(stream);
    const a = await currentTable({ bucket: env.RIVULET_DELIVERIES, bucketName: BUCKET, key: `${warehouse}devices/sensor_a` });
    const b = await currentTable({ bucket: env.RIVULET_DELIVERIES, bucketName: BUCKET, key: `${warehouse}devices/sensor_b` });
    expect(a?.metadata.snapshots).toHaveLength(1);
    expect(b?.metadata.snapshots).toHaveLength(1);
    expect((await tableRows(a?.metadata as TableMetadata)).map((row) => row.reading)).toEqual([0n, 3n, 6n]);
    expect(await tableRows(b?.metadata as TableMetadata)).toHaveLength(6);
    // No deviceId: the query failed for that record (metadata extraction), which the error output holds.
    const errors = (await objects(`${warehouse}errors/`)).flatMap((object) => decode(object.body).trim().split("\n"));
    expect(errors).toHaveLength(1);
  });

  it("sends records to the error output when their table does not exist and may not be created", async () => {
    const warehouse = `${uniqueName("wh")}/`;
    const stream = await createIcebergStream(warehouse, {
      DestinationTableConfigurationList: [{ DestinationDatabaseName: "analytics", DestinationTableName: "missing" }],
      TableCreationConfiguration: { Enabled: false },
    });
    await putBatch(stream, ['{"a":1}', '{"a":2}']);
    await flush(stream);
    const errors = (await objects(`${warehouse}errors/iceberg-failed/`)).flatMap((object) => decode(object.body).trim().split("\n"));
    expect(errors.map((line) => (JSON.parse(line) as { errorCode: string }).errorCode)).toEqual(["Iceberg.TableNotFound", "Iceberg.TableNotFound"]);
  });
});

describe("Iceberg commits", () => {
  const location = (): TableLocation => ({ bucket: env.RIVULET_DELIVERIES, bucketName: BUCKET, key: `${uniqueName("commits")}/db/t` });
  const schema = { type: "struct" as const, "schema-id": 0, fields: [{ id: 1, name: "n", required: false, type: "long" }] };
  const file = (n: number) => ({
    schema,
    body: writeParquet([{ name: "n", type: { kind: "primitive", name: "bigint" } }], [[BigInt(n)]], 10, {}, { fieldIds: [1], required: [false] }),
    recordCount: 1,
  });

  it("appends a batch once, however often it is delivered", async () => {
    const table = location();
    const created = await createTable(table, schema, crypto.randomUUID(), clock.now());
    const first = await appendDataFile({ location: table, marker: "batch-1", nowMs: clock.now(), prepare: () => file(1) }, created);
    expect(first).toMatchObject({ committed: true, version: 2 });
    const again = await appendDataFile({ location: table, marker: "batch-1", nowMs: clock.now(), prepare: () => file(1) }, (await currentTable(table)) ?? created);
    expect(again).toEqual({ committed: false, reason: "already-committed" });
    expect((await currentTable(table))?.metadata.snapshots).toHaveLength(1);
  });

  it("lets two writers that start from the same version both commit, one after the other", async () => {
    const table = location();
    const created = await createTable(table, schema, crypto.randomUUID(), clock.now());
    const [one, two] = await Promise.all([
      appendDataFile({ location: table, marker: "writer-1", nowMs: clock.now(), prepare: () => file(1) }, created),
      appendDataFile({ location: table, marker: "writer-2", nowMs: clock.now(), prepare: () => file(2) }, created),
    ]);
    expect([one, two].map((result) => result.committed)).toEqual([true, true]);
    const current = await currentTable(table);
    expect(current?.version).toBe(3);
    expect(current?.metadata.snapshots?.map((snapshot) => snapshot["sequence-number"])).toEqual([1, 2]);
    expect((await tableRows(current?.metadata as TableMetadata)).map((row) => row.n).sort()).toEqual([1n, 2n]);
  });
});
