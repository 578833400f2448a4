/**
 * Kinesis over CBOR (`application/x-amz-cbor-1.1`), the AWS SDK for Java's default wire format, through
 * the Worker: SigV4-signed CBOR requests, CBOR answers and CBOR errors. Every answer is read both with
 * our decoder (src/aws/cbor.ts) and with the AWS SDK's own (@smithy/core/cbor), and requests are
 * written by the SDK's encoder as well as by ours, so the two interoperate both ways.
 *
 * AWS's CBOR conventions checked here: blobs are byte strings; timestamps are tag 1 around integer
 * epoch MILLISECONDS in requests (as the Java SDKs write them) and answers (the Java SDK v2 parses
 * them with Long.parseLong); errors are `{__type, message}` maps with JSON's status codes.
 */
import { cbor as smithyCbor, tag } from "@smithy/core/cbor";
import { exports as workersExports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { decodeCbor, encodeCbor } from "../../src/aws/cbor";
import { KINESIS } from "../../src/limits";
import { ok, registryClock, streamNotFound, useRegistryClock, type GetRecordsOutput } from "./client";

const worker = (workersExports as unknown as { default: Fetcher }).default;

const AMZ_CBOR = "application/x-amz-cbor-1.1";
const REGION = "us-east-1";
const ENDPOINT = `https://kinesis.${REGION}.amazonaws.com/`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface CborAnswer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** The body as our decoder reads it. */
  body: Record<string, unknown>;
  /** The body as the AWS SDK's decoder reads it (tag 1 comes back as `{tag, value}`). */
  sdk: Record<string, unknown>;
}

/** Sends a signed CBOR request (the body already encoded) and decodes the answer both ways. */
async function sendCbor(operation: string, body: Uint8Array, options: { sign?: boolean; contentType?: string } = {}): Promise<CborAnswer> {
  const url = new URL(ENDPOINT);
  const headers = new Headers({ "content-type": options.contentType ?? AMZ_CBOR, "x-amz-target": `Kinesis_20131202.${operation}` });
  if (options.sign !== false) await sign(url, headers, body);
  const response = await worker.fetch(url, { method: "POST", headers, body });
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect(response.headers.get("x-amzn-RequestId")).toMatch(UUID);
  expect(response.headers.get("content-type")).toBe(AMZ_CBOR);
  return {
    status: response.status,
    headers: response.headers,
    bytes,
    // An operation without output answers an empty body.
    body: (bytes.length === 0 ? {} : decodeCbor(bytes)) as Record<string, unknown>,
    sdk: (bytes.length === 0 ? {} : smithyCbor.deserialize(bytes)) as Record<string, unknown>,
  };
}

/** Calls an operation with a CBOR input written by `encode` (ours by default), expecting success. */
async function okCbor(operation: string, input: object, encode: (value: object) => Uint8Array = encodeCbor): Promise<CborAnswer> {
  const answer = await sendCbor(operation, encode(input));
  expect({ status: answer.status, body: answer.body }, `${operation} should succeed`).toMatchObject({ status: 200 });
  return answer;
}

/** The SDK's encoder, with Dates as the Java SDK writes them: tag 1 around epoch milliseconds. */
function sdkEncode(value: object): Uint8Array {
  const withTags = (item: unknown): unknown => {
    if (item instanceof Date) return tag({ tag: 1, value: item.getTime() });
    if (item instanceof Uint8Array || item === null || typeof item !== "object") return item;
    if (Array.isArray(item)) return item.map(withTags);
    return Object.fromEntries(Object.entries(item).map(([key, member]) => [key, withTags(member)]));
  };
  return smithyCbor.serialize(withTags(value));
}

function bytesOf(value: unknown): Uint8Array {
  expect(value).toBeInstanceOf(Uint8Array);
  return value as Uint8Array;
}

/** Every byte value, and sequences that are not UTF-8: proof that blobs never pass through text. */
const BINARY = Uint8Array.from({ length: 512 }, (_, i) => (i < 256 ? i : (i * 97) & 0xff));

let streamCounter = 0;

function uniqueStreamName(): string {
  streamCounter += 1;
  return `cbor-${streamCounter}-${crypto.randomUUID().slice(0, 8)}`;
}

/** CreateStream over CBOR, then the registry's clock moved past CREATING. */
async function createStreamCbor(shardCount = 1): Promise<string> {
  const name = uniqueStreamName();
  await useRegistryClock();
  const answer = await okCbor("CreateStream", { StreamName: name, ShardCount: shardCount });
  expect(answer.bytes).toEqual(new Uint8Array()); // no output: an empty body, as in JSON
  registryClock.advance(KINESIS.createStreamMs);
  return name;
}

describe("CBOR (application/x-amz-cbor-1.1)", () => {
  it("creates a stream, puts binary data, and reads it back with timestamps in epoch milliseconds", async () => {
    const name = await createStreamCbor();

    const summary = await okCbor("DescribeStreamSummary", { StreamName: name });
    const description = summary.body.StreamDescriptionSummary as Record<string, unknown>;
    expect(description).toMatchObject({ StreamName: name, StreamStatus: "ACTIVE", OpenShardCount: 1, RetentionPeriodHours: 24 });
    const created = description.StreamCreationTimestamp;
    expect(Number.isInteger(created), "an integer count of milliseconds").toBe(true);
    expect(Math.abs(Number(created) - registryClock.now())).toBeLessThan(60_000);
    expect((summary.sdk.StreamDescriptionSummary as Record<string, unknown>).StreamCreationTimestamp).toEqual(
      expect.objectContaining({ tag: 1, value: created }),
    );

    const before = Date.now();
    const put = await okCbor("PutRecord", { StreamName: name, PartitionKey: "user-1", Data: BINARY });
    const after = Date.now();
    expect(put.body).toMatchObject({ ShardId: "shardId-000000000000", SequenceNumber: expect.stringMatching(/^\d{21,}$/) });
    expect(put.sdk).toEqual(put.body);

    const iterator = await okCbor("GetShardIterator", { StreamName: name, ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" });
    const shardIterator = iterator.body.ShardIterator;
    expect(typeof shardIterator).toBe("string");

    const page = await okCbor("GetRecords", { ShardIterator: shardIterator });
    expect(page.body).toMatchObject({ MillisBehindLatest: 0, NextShardIterator: expect.any(String) });
    const records = page.body.Records as Record<string, unknown>[];
    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({ SequenceNumber: put.body.SequenceNumber, PartitionKey: "user-1" });
    expect(bytesOf(record?.Data)).toEqual(BINARY);
    const arrival = record?.ApproximateArrivalTimestamp;
    expect(Number.isInteger(arrival)).toBe(true);
    expect(Number(arrival)).toBeGreaterThanOrEqual(before - 1000);
    expect(Number(arrival)).toBeLessThanOrEqual(after + 1000);

    // The raw answer: tag 1 (0xc1) around a 64-bit unsigned integer (0x1b), never a float.
    const tagged = new Uint8Array([0xc1, 0x1b, ...new Uint8Array(new BigUint64Array([BigInt(Number(arrival))]).buffer).reverse()]);
    expect(page.bytes.toHex()).toContain(tagged.toHex());

    // The SDK's decoder reads the same record: the blob as bytes, the timestamp as tag 1 around the milliseconds.
    const sdkRecord = (page.sdk.Records as Record<string, unknown>[])[0];
    expect(new Uint8Array(bytesOf(sdkRecord?.Data))).toEqual(BINARY);
    expect(sdkRecord?.ApproximateArrivalTimestamp).toEqual(expect.objectContaining({ tag: 1, value: arrival }));

    // JSON says the same thing in seconds.
    const jsonIterator = await ok<{ ShardIterator: string }>("GetShardIterator", { StreamName: name, ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" });
    const json = await ok<GetRecordsOutput>("GetRecords", { ShardIterator: jsonIterator.ShardIterator });
    expect(json.Records[0]?.ApproximateArrivalTimestamp).toBe(Number(arrival) / 1000);
    expect(Uint8Array.fromBase64(json.Records[0]?.Data ?? "")).toEqual(BINARY);
  });

  it("takes requests written by the AWS SDK's encoder, timestamps as tag 1 epoch milliseconds", async () => {
    const name = await createStreamCbor();
    const records = [new Uint8Array(), BINARY.subarray(0, 7), BINARY, new Uint8Array(70_000).fill(0xff)];
    const puts = await okCbor(
      "PutRecords",
      { StreamName: name, Records: records.map((Data, i) => ({ Data, PartitionKey: `key-${i}` })) },
      sdkEncode,
    );
    expect(puts.body).toMatchObject({ FailedRecordCount: 0 });
    expect(puts.body.Records).toHaveLength(records.length);

    const single = await okCbor("PutRecord", { StreamName: name, PartitionKey: "one", Data: BINARY.subarray(100, 200) }, sdkEncode);
    expect(single.body.ShardId).toBe("shardId-000000000000");

    const trim = await okCbor("GetShardIterator", { StreamName: name, ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" }, sdkEncode);
    const page = await okCbor("GetRecords", { ShardIterator: trim.body.ShardIterator, Limit: 100 }, sdkEncode);
    const read = page.body.Records as { Data: unknown; PartitionKey: string; ApproximateArrivalTimestamp: number }[];
    expect(read.map((record) => record.PartitionKey)).toEqual(["key-0", "key-1", "key-2", "key-3", "one"]);
    expect(read.map((record) => bytesOf(record.Data))).toEqual([...records, BINARY.subarray(100, 200)]);

    // AT_TIMESTAMP with the Java SDK's encoding (tag 1, epoch milliseconds). Read as seconds, a
    // millisecond count would lie some 50,000 years ahead and find nothing.
    const firstArrival = read[0]?.ApproximateArrivalTimestamp ?? 0;
    const atStart = await okCbor(
      "GetShardIterator",
      { StreamName: name, ShardId: "shardId-000000000000", ShardIteratorType: "AT_TIMESTAMP", Timestamp: new Date(firstArrival - 60_000) },
      sdkEncode,
    );
    expect(sdkEncode({ Timestamp: new Date(firstArrival - 60_000) }).toHex()).toContain("c11b");
    const fromStart = await okCbor("GetRecords", { ShardIterator: atStart.body.ShardIterator });
    expect(fromStart.body.Records).toHaveLength(5);

    const lastArrival = read[4]?.ApproximateArrivalTimestamp ?? 0;
    const atEnd = await okCbor("GetShardIterator", {
      StreamName: name,
      ShardId: "shardId-000000000000",
      ShardIteratorType: "AT_TIMESTAMP",
      Timestamp: new Date(lastArrival + 1),
    });
    const fromEnd = await okCbor("GetRecords", { ShardIterator: atEnd.body.ShardIterator });
    expect(fromEnd.body.Records).toEqual([]);
  });

  it("answers CreateStream, ListStreams and DescribeStream with the right types", async () => {
    const name = await createStreamCbor(2);
    const list = await okCbor("ListStreams", { Limit: 10000 }, sdkEncode);
    expect(list.body.StreamNames).toContain(name);
    expect(typeof list.body.HasMoreStreams).toBe("boolean");
    const describe = await okCbor("DescribeStream", { StreamName: name });
    const stream = describe.body.StreamDescription as { Shards: { HashKeyRange: { EndingHashKey: string } }[]; HasMoreShards: boolean };
    expect(stream.Shards).toHaveLength(2);
    expect(stream.Shards[1]?.HashKeyRange.EndingHashKey).toBe("340282366920938463463374607431768211455");
    expect(stream.HasMoreShards).toBe(false);
    expect(describe.sdk).toMatchObject({ StreamDescription: { StreamName: name, HasMoreShards: false } });
  });

  describe("errors, as CBOR maps with JSON's status codes", () => {
    it("ResourceNotFoundException", async () => {
      const name = uniqueStreamName();
      const answer = await sendCbor("DescribeStreamSummary", encodeCbor({ StreamName: name }));
      expect(answer.status).toBe(400);
      expect(answer.body).toStrictEqual({ __type: "ResourceNotFoundException", message: streamNotFound(name) });
      expect(answer.sdk).toEqual(answer.body);
    });

    it("ValidationException", async () => {
      const answer = await sendCbor("CreateStream", encodeCbor({ StreamName: "a b", ShardCount: 1 }));
      expect(answer.status).toBe(400);
      expect(answer.body).toStrictEqual({
        __type: "ValidationException",
        message:
          "1 validation error detected: Value 'a b' at 'streamName' failed to satisfy constraint: " +
          "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      });
    });

    it("SerializationException for a member of the wrong CBOR type (Message with a capital M)", async () => {
      const answer = await sendCbor("PutRecord", encodeCbor({ StreamName: "s", PartitionKey: "k", Data: true }));
      expect(answer.status).toBe(400);
      expect(answer.body).toStrictEqual({
        __type: "SerializationException",
        Message: "class java.lang.Boolean can not be converted to a Blob",
      });
    });

    it("SerializationException for malformed, truncated, trailing or oversized CBOR", async () => {
      for (const body of ["a1", "a16161", "ff", "a000", "9f", "a1616c1b0020000000000000", "81".repeat(200) + "00", "62c328"]) {
        const answer = await sendCbor("ListStreams", Uint8Array.fromHex(body));
        expect({ body, status: answer.status, answer: answer.body }).toStrictEqual({
          body,
          status: 400,
          answer: { __type: "SerializationException" },
        });
      }
    });

    it("SerializationException for a body that is not a map", async () => {
      for (const value of [[], "text", 1, new Uint8Array([1])]) {
        const answer = await sendCbor("ListStreams", encodeCbor(value));
        expect(answer.status).toBe(400);
        expect(answer.body).toStrictEqual({ __type: "SerializationException" });
      }
    });

    it("SerializationException for an empty body, answered in CBOR", async () => {
      const answer = await sendCbor("ListStreams", new Uint8Array());
      expect(answer.status).toBe(400);
      expect(answer.body).toStrictEqual({ __type: "SerializationException" });
    });

    it("MissingAuthenticationTokenException for an unsigned request, answered in CBOR", async () => {
      const answer = await sendCbor("ListStreams", encodeCbor({}), { sign: false });
      expect(answer.status).toBe(400);
      expect(answer.body).toStrictEqual({ __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" });
    });

    it("UnknownOperationException for an unknown operation", async () => {
      const answer = await sendCbor("NotAnOperation", encodeCbor({}));
      expect(answer.status).toBe(400);
      expect(answer.body).toStrictEqual({ __type: "UnknownOperationException" });
    });
  });

  it("accepts the content type with parameters and in any case", async () => {
    const answer = await sendCbor("ListStreams", encodeCbor({}), { contentType: "Application/X-Amz-Cbor-1.1; charset=binary" });
    expect(answer.status).toBe(200);
    expect(Array.isArray(answer.body.StreamNames)).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// SigV4 (header form), as in client.ts: the test Worker accepts any well-formed signature.

const ACCESS_KEY_ID = "AKIDRIVULETCBOR";
const SECRET_KEY = "rivulet-cbor-secret";

async function sign(url: URL, headers: Headers, body: Uint8Array): Promise<void> {
  const stamp = new Date().toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  const day = stamp.slice(0, 8);
  headers.set("host", url.host);
  headers.set("x-amz-date", stamp);
  const signed = [...headers.keys()].sort();
  const canonicalHeaders = signed.map((name) => `${name}:${(headers.get(name) ?? "").trim()}\n`).join("");
  const canonical = ["POST", url.pathname, "", canonicalHeaders, signed.join(";"), await sha256Hex(body)].join("\n");
  const scope = `${day}/${REGION}/kinesis/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", stamp, scope, await sha256Hex(new TextEncoder().encode(canonical))].join("\n");
  let key: ArrayBuffer | Uint8Array = new TextEncoder().encode(`AWS4${SECRET_KEY}`);
  for (const part of [day, REGION, "kinesis", "aws4_request"]) key = await hmac(key, part);
  const signature = new Uint8Array(await hmac(key, toSign)).toHex();
  headers.set("authorization", `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/${scope}, SignedHeaders=${signed.join(";")}, Signature=${signature}`);
}

async function sha256Hex(data: Uint8Array): Promise<string> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", data)).toHex();
}

async function hmac(key: ArrayBuffer | Uint8Array, data: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", cryptoKey, new TextEncoder().encode(data));
}
