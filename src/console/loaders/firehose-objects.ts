/**
 * Reading what a delivery stream wrote to R2, for the console: a preview of an object's content
 * (decompressed when it is gzip) and the failed records of its error output.
 *
 * Objects are read exactly as S3's API reads them (src/s3/api.ts): the bucket name is
 * resolved to its R2 binding by the same function (resolveBucket, as `arn:aws:s3:::<bucket>`) and
 * the object is read by the same GetObject (src/s3/objects.ts), with S3's NoSuchBucket and NoSuchKey.
 * That API lets every access key of the deployment read (and write) every bound bucket; the
 * console's session is such a key (or the open local console, whose API accepts any key), so a page
 * shows only what `aws s3 cp` with the same key would fetch.
 *
 * Limits (ours, so a page stays small and quick): previews stop after PREVIEW_BYTES of content; the
 * failed records come from the newest FAILED_OBJECTS_READ error objects, at most ERROR_OBJECT_BYTES
 * of each (a line cut at that point is left out) and FAILED_RECORDS_SHOWN records in all.
 * Only gzip is decompressed: ZIP and Snappy objects are shown as stored.
 */
import { AwsError } from "../../aws/errors";
import { resolveBucket } from "../../firehose/buckets";
import type { DeliveryLogEntry } from "../../metrics/query";
import { noSuchBucket, S3Error } from "../../s3/errors";
import { getObject } from "../../s3/objects";

/** How much of an object's content a preview shows (after decompression). */
export const PREVIEW_BYTES = 64 * 1024;
/** How many of the newest error-output objects the failed records are read from. */
export const FAILED_OBJECTS_READ = 10;
/** How much of each error-output object is read (after decompression). */
const ERROR_OBJECT_BYTES = 1024 * 1024;
/** How many failed records a page shows. */
const FAILED_RECORDS_SHOWN = 100;

const GZIP_MAGIC = [0x1f, 0x8b] as const;

export interface ObjectContent {
  bucket: string;
  key: string;
  /** As stored (compressed). */
  size: number;
  contentType: string;
  lastModified: number;
  /** "gzip" when the content was decompressed. */
  encoding: "gzip" | "stored";
  /** The first bytes of the content (decompressed), at most the limit asked for. */
  bytes: Uint8Array;
  /** Whether the content goes on past `bytes`. */
  truncated: boolean;
}

/** The first `limit` bytes of an object's content, read through S3's GetObject. Throws AwsError (S3's codes). */
export async function readObject(env: Env, bucketName: string, key: string, limit: number): Promise<ObjectContent> {
  const response = await getThroughS3(env, bucketName, key);
  const described = {
    bucket: bucketName,
    key,
    size: Number(response.headers.get("content-length") ?? "0"),
    contentType: response.headers.get("content-type") ?? "",
    lastModified: Date.parse(response.headers.get("last-modified") ?? "") || 0,
  };
  if (!response.body) return { ...described, encoding: "stored", bytes: new Uint8Array(), truncated: false };
  const reader = response.body.getReader();
  const first = await readAtLeast(reader, GZIP_MAGIC.length);
  const gzip = first.byteLength >= 2 && first[0] === GZIP_MAGIC[0] && first[1] === GZIP_MAGIC[1];
  const stream = resumed(first, reader);
  if (!gzip) return { ...described, encoding: "stored", ...(await readUpTo(stream, limit)) };
  try {
    return { ...described, encoding: "gzip", ...(await readUpTo(stream.pipeThrough(new DecompressionStream("gzip")), limit)) };
  } catch (error) {
    if (error instanceof AwsError) throw error;
    // Starts like gzip and is not (corrupt, or another format): show it as it is stored.
    const again = (await getThroughS3(env, bucketName, key)).body;
    return { ...described, encoding: "stored", ...(again ? await readUpTo(again, limit) : { bytes: new Uint8Array(), truncated: false }) };
  }
}

/** S3's GetObject of the S3 API, on the bucket its resolution names; S3's errors as AwsError. */
async function getThroughS3(env: Env, bucketName: string, key: string): Promise<Response> {
  try {
    const bucket = resolveBucket(env, `arn:aws:s3:::${bucketName}`);
    if (!bucket) throw noSuchBucket(bucketName);
    return await getObject(bucket, key, new Request("https://console.invalid/", { method: "GET" }), new URLSearchParams(), new Headers());
  } catch (error) {
    throw error instanceof S3Error ? new AwsError(error.code, error.message, error.status) : error;
  }
}

/** Reads chunks until there are at least `count` bytes or the stream ends. */
async function readAtLeast(reader: ReadableStreamDefaultReader<Uint8Array>, count: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < count) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  return concat(chunks, total);
}

/** The stream again from its start: the bytes already read, then the rest of the reader. */
function resumed(first: Uint8Array, reader: ReadableStreamDefaultReader<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.byteLength > 0) controller.enqueue(first);
    },
    async pull(controller) {
      const { done, value } = await reader.read();
      if (done) controller.close();
      else controller.enqueue(value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** At most `limit` bytes of a stream, and whether it had more; the rest is never read. */
async function readUpTo(stream: ReadableStream<Uint8Array>, limit: number): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  try {
    while (total <= limit) {
      const { done, value } = await reader.read();
      if (done) {
        ended = true;
        break;
      }
      chunks.push(value);
      total += value.byteLength;
    }
  } finally {
    if (!ended) await reader.cancel().catch(() => undefined);
  }
  const bytes = concat(chunks, total);
  return total > limit ? { bytes: bytes.subarray(0, limit), truncated: true } : { bytes, truncated: false };
}

function concat(chunks: readonly Uint8Array[], total: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]) return chunks[0];
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return joined;
}

/** Bytes as a page shows them: UTF-8 text when they are that, else a hex dump. */
export type Shown = { as: "text"; text: string } | { as: "hex"; text: string };

/** `cut`: the bytes are a prefix, so a character split at the end is not a reason to show hex. */
export function show(bytes: Uint8Array, cut = false): Shown {
  try {
    return { as: "text", text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes, { stream: cut }) };
  } catch {
    return { as: "hex", text: hexDump(bytes) };
  }
}

/** Offset, 16 bytes in hex, and those bytes as ASCII (a dot for anything else): client/records.js's dump. */
function hexDump(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    const hex = Array.from(row, (byte) => byte.toString(16).padStart(2, "0")).join(" ");
    const ascii = Array.from(row, (byte) => (byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : ".")).join("");
    lines.push(`${offset.toString(16).padStart(8, "0")}  ${hex.padEnd(47, " ")}  ${ascii}`);
  }
  return lines.join("\n");
}

/** A line of the error output (AWS's fields), with the object it came from. */
export interface FailedRecord {
  bucket: string;
  key: string;
  deliveredAt: number;
  errorCode: string;
  errorMessage: string;
  attemptsMade: number | undefined;
  arrivalTimestamp: number | undefined;
  lambdaArn: string | undefined;
  /** rawData decoded; undefined when the line has none or it is not base64. */
  raw: Uint8Array | undefined;
}

export interface FailedRecords {
  records: FailedRecord[];
  /** Error objects that could not be read (deleted since, or not JSON lines), by key. */
  unreadable: string[];
  /** Whether there was more than the page shows (more objects, lines or records). */
  more: boolean;
}

/**
 * The failed records of the newest error objects in `log` (newest first, as recentDeliveries
 * answers it), newest first: objects in the log's order, each object's lines from its last.
 */
export async function failedRecords(env: Env, log: readonly DeliveryLogEntry[]): Promise<FailedRecords> {
  const errorObjects = log.filter((entry) => entry.kind === "error");
  const read = errorObjects.slice(0, FAILED_OBJECTS_READ);
  const contents = await Promise.all(
    read.map(async (entry) => {
      try {
        return { entry, content: await readObject(env, entry.bucket, entry.key, ERROR_OBJECT_BYTES) };
      } catch (error) {
        if (error instanceof AwsError && error.status === 404) return { entry, content: undefined };
        throw error;
      }
    }),
  );
  const records: FailedRecord[] = [];
  const unreadable: string[] = [];
  let more = errorObjects.length > read.length;
  for (const { entry, content } of contents) {
    if (!content) {
      unreadable.push(entry.key);
      continue;
    }
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(content.bytes, { stream: content.truncated });
    } catch {
      unreadable.push(entry.key);
      continue;
    }
    const lines = text.split("\n");
    // The last line of a cut object may be cut too.
    if (content.truncated) {
      lines.pop();
      more = true;
    }
    const parsed = lines.filter((line) => line.trim() !== "").map((line) => parseErrorLine(line, entry));
    if (parsed.some((record) => record === undefined)) unreadable.push(entry.key);
    records.push(...parsed.filter((record) => record !== undefined).reverse());
  }
  if (records.length > FAILED_RECORDS_SHOWN) more = true;
  return { records: records.slice(0, FAILED_RECORDS_SHOWN), unreadable, more };
}

function parseErrorLine(line: string, entry: DeliveryLogEntry): FailedRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  const text = (name: string) => (typeof fields[name] === "string" ? fields[name] : undefined);
  const number = (name: string) => (typeof fields[name] === "number" ? fields[name] : undefined);
  return {
    bucket: entry.bucket,
    key: entry.key,
    deliveredAt: entry.deliveredAt,
    errorCode: text("errorCode") ?? "",
    errorMessage: text("errorMessage") ?? "",
    attemptsMade: number("attemptsMade"),
    arrivalTimestamp: number("arrivalTimestamp"),
    lambdaArn: text("lambdaArn"),
    raw: decodeBase64(text("rawData")),
  };
}

function decodeBase64(text: string | undefined): Uint8Array | undefined {
  if (text === undefined) return undefined;
  try {
    return Uint8Array.fromBase64(text);
  } catch {
    return undefined;
  }
}
