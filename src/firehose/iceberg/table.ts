/**
 * An Iceberg table kept in R2 the way a file-system ("Hadoop") catalog keeps it, so engines that
 * read such catalogs read it: `<table>/metadata/v<N>.metadata.json` (each version of the table),
 * `<table>/metadata/version-hint.text` (the latest N), manifest lists and manifests (Avro) beside
 * them, data files (Parquet) under `<table>/data/`.
 *
 * A commit is atomic: everything it references is written first, then `v<N+1>.metadata.json` is
 * created with a conditional put (R2 refuses it if that version exists), which is the moment the
 * commit appears; a commit that loses the race to another writer reads the new version and tries
 * again on top of it. version-hint.text is written after, as a hint (readers and this writer both
 * look past it for later versions). Each commit is one snapshot marked with the delivery batch it
 * holds (`rivulet.batch` in its summary), so a batch delivered again is not appended twice.
 */
import type { AvroValue } from "./avro";
import { readAvroFile, writeAvroFile } from "./avro";
import { idFrom, MANIFEST_ENTRY_SCHEMA, MANIFEST_FILE_SCHEMA, type IcebergSchema, type Snapshot, type TableMetadata } from "./spec";

export interface TableLocation {
  bucket: R2Bucket;
  bucketName: string;
  /** The table's root key, without a trailing slash. */
  key: string;
}

export const tableUrl = (location: TableLocation, path = "") => `s3://${location.bucketName}/${location.key}${path === "" ? "" : `/${path}`}`;

/** The key of an `s3://bucket/key` URL of this table's bucket. */
function keyOf(location: TableLocation, url: string): string {
  const prefix = `s3://${location.bucketName}/`;
  if (!url.startsWith(prefix)) throw new Error(`Iceberg: ${url} is not in bucket ${location.bucketName}`);
  return url.slice(prefix.length);
}

const MAX_COMMIT_ATTEMPTS = 10;

export interface CurrentTable {
  version: number;
  metadata: TableMetadata;
}

/** The table's latest metadata, or undefined when it has none. */
export async function currentTable(location: TableLocation): Promise<CurrentTable | undefined> {
  const hint = await location.bucket.get(`${location.key}/metadata/version-hint.text`);
  let version = hint ? Number.parseInt(await hint.text(), 10) || 0 : 0;
  while (await location.bucket.head(`${location.key}/metadata/v${version + 1}.metadata.json`)) version += 1;
  if (version === 0) return undefined;
  const object = await location.bucket.get(`${location.key}/metadata/v${version}.metadata.json`);
  if (!object) throw new Error(`Iceberg: ${location.key} version ${version} disappeared`);
  return { version, metadata: (await object.json()) as TableMetadata };
}

/** Creates version 1 of a table (no snapshot) unless another writer did first; answers the table either way. */
export async function createTable(location: TableLocation, schema: IcebergSchema, uuid: string, nowMs: number): Promise<CurrentTable> {
  const metadata: TableMetadata = {
    "format-version": 2,
    "table-uuid": uuid,
    location: tableUrl(location),
    "last-sequence-number": 0,
    "last-updated-ms": nowMs,
    "last-column-id": Math.max(0, ...schema.fields.map((field) => field.id)),
    "current-schema-id": schema["schema-id"],
    schemas: [schema],
    "default-spec-id": 0,
    "partition-specs": [{ "spec-id": 0, fields: [] }],
    "last-partition-id": 999,
    "default-sort-order-id": 0,
    "sort-orders": [{ "order-id": 0, fields: [] }],
    properties: { "write.format.default": "parquet", "created-by": "Rivulet Firehose" },
    refs: {},
    snapshots: [],
    "snapshot-log": [],
    "metadata-log": [],
  };
  const created = await location.bucket.put(`${location.key}/metadata/v1.metadata.json`, JSON.stringify(metadata), {
    onlyIf: { etagDoesNotMatch: "*" },
    httpMetadata: { contentType: "application/json" },
  });
  if (created) await location.bucket.put(`${location.key}/metadata/version-hint.text`, "1");
  const table = await currentTable(location);
  if (!table) throw new Error(`Iceberg: ${location.key} has no metadata after its creation`);
  return table;
}

export interface AppendFile {
  /** The schema the data file was written with (the table's, or the table's evolved by it). */
  schema: IcebergSchema;
  body: Uint8Array;
  recordCount: number;
}

export interface AppendRequest {
  location: TableLocation;
  /** What marks the commit as this batch's: a batch delivered again finds it and appends nothing. */
  marker: string;
  nowMs: number;
  /** Writes the data file for the table as it is now (called again when another commit came first). */
  prepare: (metadata: TableMetadata) => AppendFile;
}

export type AppendResult = { committed: true; version: number; snapshotId: number } | { committed: false; reason: "already-committed" };

/** Appends one data file to the table as one snapshot. Throws when R2 fails or commits keep conflicting (delivery retries). */
export async function appendDataFile(request: AppendRequest, initial: CurrentTable): Promise<AppendResult> {
  const { location, marker, nowMs } = request;
  const seed = await digest(`${location.key}\u0000${marker}`);
  const snapshotId = idFrom(seed);
  const fileId = hex(seed.subarray(0, 16));
  let table = initial;
  for (let attempt = 0; attempt < MAX_COMMIT_ATTEMPTS; attempt++) {
    if (attempt > 0) {
      const reread = await currentTable(location);
      if (!reread) throw new Error(`Iceberg: ${location.key} lost its metadata`);
      table = reread;
    }
    const { metadata, version } = table;
    if ((metadata.snapshots ?? []).some((snapshot) => snapshot.summary["rivulet.batch"] === marker)) {
      return { committed: false, reason: "already-committed" };
    }
    const file = request.prepare(metadata);
    const dataPath = tableUrl(location, `data/${fileId}.parquet`);
    await location.bucket.put(keyOf(location, dataPath), file.body);

    const sequenceNumber = metadata["last-sequence-number"] + 1;
    const parent = metadata["current-snapshot-id"] !== undefined && metadata["current-snapshot-id"] !== -1 ? (metadata.snapshots ?? []).find((s) => s["snapshot-id"] === metadata["current-snapshot-id"]) : undefined;
    const sync = seed.subarray(0, 16);

    // The manifest: one ADDED entry whose sequence numbers are inherited from the manifest list.
    const manifestPath = tableUrl(location, `metadata/${fileId}-m0.avro`);
    const manifest = writeAvroFile(
      MANIFEST_ENTRY_SCHEMA,
      [
        {
          status: 1,
          snapshot_id: BigInt(snapshotId),
          sequence_number: null,
          file_sequence_number: null,
          data_file: {
            content: 0,
            file_path: dataPath,
            file_format: "PARQUET",
            partition: {},
            record_count: BigInt(file.recordCount),
            file_size_in_bytes: BigInt(file.body.length),
            key_metadata: null,
            split_offsets: null,
            sort_order_id: null,
          },
        },
      ],
      {
        schema: JSON.stringify(file.schema),
        "schema-id": String(file.schema["schema-id"]),
        "partition-spec": "[]",
        "partition-spec-id": "0",
        "format-version": "2",
        content: "data",
      },
      sync,
    );
    await location.bucket.put(keyOf(location, manifestPath), manifest);

    // The manifest list: the parent snapshot's manifests, then the new one.
    const carried: AvroValue[] = [];
    if (parent) {
      const list = await location.bucket.get(keyOf(location, parent["manifest-list"]));
      if (!list) throw new Error(`Iceberg: manifest list ${parent["manifest-list"]} is missing`);
      carried.push(...readAvroFile(new Uint8Array(await list.arrayBuffer())).records);
    }
    const listPath = tableUrl(location, `metadata/snap-${snapshotId}-${sequenceNumber}-${fileId}.avro`);
    const entry: AvroValue = {
      manifest_path: manifestPath,
      manifest_length: BigInt(manifest.length),
      partition_spec_id: 0,
      content: 0,
      sequence_number: BigInt(sequenceNumber),
      min_sequence_number: BigInt(sequenceNumber),
      added_snapshot_id: BigInt(snapshotId),
      added_files_count: 1,
      existing_files_count: 0,
      deleted_files_count: 0,
      added_rows_count: BigInt(file.recordCount),
      existing_rows_count: 0n,
      deleted_rows_count: 0n,
      partitions: [],
      key_metadata: null,
    };
    const listMetadata: Record<string, string> = {
      "snapshot-id": String(snapshotId),
      "parent-snapshot-id": parent ? String(parent["snapshot-id"]) : "null",
      "sequence-number": String(sequenceNumber),
      "format-version": "2",
    };
    await location.bucket.put(keyOf(location, listPath), writeAvroFile(MANIFEST_FILE_SCHEMA, [...carried, entry], listMetadata, sync));

    const totals = (name: string) => Number(parent?.summary[name] ?? 0);
    const snapshot: Snapshot = {
      "sequence-number": sequenceNumber,
      "snapshot-id": snapshotId,
      ...(parent && { "parent-snapshot-id": parent["snapshot-id"] }),
      "timestamp-ms": nowMs,
      summary: {
        operation: "append",
        "added-data-files": "1",
        "added-records": String(file.recordCount),
        "added-files-size": String(file.body.length),
        "total-data-files": String(totals("total-data-files") + 1),
        "total-records": String(totals("total-records") + file.recordCount),
        "total-files-size": String(totals("total-files-size") + file.body.length),
        "total-delete-files": "0",
        "total-position-deletes": "0",
        "total-equality-deletes": "0",
        "rivulet.batch": marker,
      },
      "manifest-list": listPath,
      "schema-id": file.schema["schema-id"],
    };
    const schemas = metadata.schemas.some((schema) => schema["schema-id"] === file.schema["schema-id"]) ? metadata.schemas : [...metadata.schemas, file.schema];
    const next: TableMetadata = {
      ...metadata,
      "last-sequence-number": sequenceNumber,
      "last-updated-ms": Math.max(nowMs, metadata["last-updated-ms"]),
      "last-column-id": Math.max(metadata["last-column-id"], ...file.schema.fields.map((field) => field.id)),
      "current-schema-id": file.schema["schema-id"],
      schemas,
      "current-snapshot-id": snapshotId,
      refs: { ...metadata.refs, main: { "snapshot-id": snapshotId, type: "branch" } },
      snapshots: [...(metadata.snapshots ?? []), snapshot],
      "snapshot-log": [...(metadata["snapshot-log"] ?? []), { "timestamp-ms": nowMs, "snapshot-id": snapshotId }],
      "metadata-log": [...(metadata["metadata-log"] ?? []), { "timestamp-ms": metadata["last-updated-ms"], "metadata-file": tableUrl(location, `metadata/v${version}.metadata.json`) }],
    };
    const written = await location.bucket.put(`${location.key}/metadata/v${version + 1}.metadata.json`, JSON.stringify(next), {
      onlyIf: { etagDoesNotMatch: "*" },
      httpMetadata: { contentType: "application/json" },
    });
    if (!written) continue;
    await location.bucket.put(`${location.key}/metadata/version-hint.text`, String(version + 1));
    return { committed: true, version: version + 1, snapshotId };
  }
  throw new Error(`Iceberg: ${location.key}: ${MAX_COMMIT_ATTEMPTS} commits in a row lost to other writers`);
}

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

function hex(bytes: Uint8Array): string {
  const text = Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20, 32)}`;
}
