/**
 * A small Kinesis client for the integration tests: it talks to the Worker the way the AWS SDKs do
 * (AWS JSON 1.1, `X-Amz-Target`, SigV4-signed), through the Worker's own fetch handler inside the
 * Workers runtime, plus the helpers the tests share: unique names, streams made ACTIVE by moving the
 * registry's clock instead of waiting, Durable Object stubs, and the assertions every answer needs.
 *
 * The test configuration sets RIVULET_LOCAL=1 with no keys, so the Worker accepts any well-formed
 * signature; requests are still signed for real (with a test key) so that they are well-formed by
 * construction, not by accident.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env as workersEnv, exports as workersExports } from "cloudflare:workers";
import { expect } from "vitest";
import type { JsonWire } from "../../src/aws/protocol";
import type { Clock } from "../../src/clock";
import { KINESIS } from "../../src/limits";
import type { StreamRegistry } from "../../src/streams/registry";
import type { Shard } from "../../src/streams/shard";
import type * as Kinesis from "../../src/streams/shapes.generated";

export const env = workersEnv as unknown as Env;
const worker = (workersExports as unknown as { default: Fetcher }).default;

export const ACCOUNT = "000000000000";
export const REGION = "us-east-1";
export const ENDPOINT = `https://kinesis.${REGION}.amazonaws.com/`;
export const TARGET_PREFIX = "Kinesis_20131202";
export const AMZ_JSON = "application/x-amz-json-1.1";
export const ACCESS_KEY_ID = "AKIDRIVULETTEST";
const SECRET_KEY = "rivulet-integration-secret";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// ---------------------------------------------------------------------------------------------
// Wire shapes (what the tests read from answers): the generated output types, as JSON carries them

export interface ErrorBody {
  __type: string;
  message?: string;
}

/** `T` with members `K` present: members the model lets be absent that Rivulet, like AWS, always answers. */
type Answered<T, K extends keyof T> = T & { [P in K]-?: Exclude<T[P], undefined> };

export type HashKeyRange = Kinesis.HashKeyRange;
export type ShardDescription = Kinesis.Shard;
export type StreamModeDetails = Kinesis.StreamModeDetails;
export type StreamDescription = JsonWire<Kinesis.StreamDescription>;
export type DescribeStreamOutput = JsonWire<Kinesis.DescribeStreamOutput>;
export type StreamDescriptionSummary = Answered<JsonWire<Kinesis.StreamDescriptionSummary>, "StreamId">;
export type DescribeStreamSummaryOutput = { StreamDescriptionSummary: StreamDescriptionSummary };
export type StreamSummary = JsonWire<Kinesis.StreamSummary>;
export type ListStreamsOutput = Answered<JsonWire<Kinesis.ListStreamsOutput>, "StreamSummaries">;
export type ListShardsOutput = Answered<JsonWire<Kinesis.ListShardsOutput>, "Shards">;
export type PutRecordOutput = JsonWire<Kinesis.PutRecordOutput>;
type ResultEntry = JsonWire<Kinesis.PutRecordsResultEntry>;
/** Each entry is either a stored record or a failed one, never a mix. */
export type PutRecordsResultEntry = Required<Pick<ResultEntry, "ShardId" | "SequenceNumber">> | Required<Pick<ResultEntry, "ErrorCode" | "ErrorMessage">>;
export type PutRecordsOutput = Answered<Omit<JsonWire<Kinesis.PutRecordsOutput>, "Records">, "FailedRecordCount"> & {
  Records: PutRecordsResultEntry[];
};
export type GetShardIteratorOutput = Answered<JsonWire<Kinesis.GetShardIteratorOutput>, "ShardIterator">;
export type WireRecord = JsonWire<Kinesis.Record>;
export type GetRecordsOutput = JsonWire<Kinesis.GetRecordsOutput>;
export type Tag = Kinesis.Tag;
export type ListTagsForStreamOutput = JsonWire<Kinesis.ListTagsForStreamOutput>;
export type ListTagsForResourceOutput = JsonWire<Kinesis.ListTagsForResourceOutput>;
export type DescribeLimitsOutput = JsonWire<Kinesis.DescribeLimitsOutput>;

// ---------------------------------------------------------------------------------------------
// Requests

export interface ApiResponse<T> {
  status: number;
  headers: Headers;
  /** The raw body text. */
  text: string;
  /** The raw body (for answers that are not text, such as CBOR). */
  bytes: Uint8Array;
  /** The body parsed as JSON when it is JSON; otherwise undefined (cast to T for convenience). */
  body: T;
}

export interface RawRequest {
  method?: string;
  /** The X-Amz-Target header; null sends none. */
  target?: string | null;
  /** The Content-Type header; null sends none. */
  contentType?: string | null;
  body?: string | Uint8Array | null;
  /** Sign the request (default true). */
  sign?: boolean;
  /** The request date (default now). */
  date?: Date;
  /** The request path (default "/"). */
  path?: string;
  /** The credential scope's region and service (default us-east-1 and kinesis). */
  region?: string;
  service?: string;
  headers?: Record<string, string>;
  /** The access key id that signs (default the tests' own). */
  accessKeyId?: string;
}

/**
 * Sends any request to the Worker. Every answer, whatever it is, must carry a request id: that is
 * asserted here, once for all tests.
 */
export async function send<T = ErrorBody>(request: RawRequest): Promise<ApiResponse<T>> {
  const method = request.method ?? "POST";
  const url = new URL(request.path ?? "/", ENDPOINT);
  const headers = new Headers(request.headers);
  const target = request.target === undefined ? null : request.target;
  if (target !== null) headers.set("x-amz-target", target);
  const contentType = request.contentType === undefined ? AMZ_JSON : request.contentType;
  if (contentType !== null) headers.set("content-type", contentType);
  const body =
    request.body === undefined || request.body === null
      ? new Uint8Array()
      : typeof request.body === "string"
        ? new TextEncoder().encode(request.body)
        : request.body;
  if (request.sign !== false) {
    const scope = { region: request.region ?? REGION, service: request.service ?? "kinesis" };
    await signRequest(method, url, headers, body, request.date ?? new Date(), scope, request.accessKeyId);
  }
  const response = await worker.fetch(url, {
    method,
    headers,
    body: method === "GET" || method === "HEAD" ? undefined : body,
  });
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  expect(response.headers.get("x-amzn-RequestId"), "every answer carries x-amzn-RequestId").toMatch(UUID);
  let parsed: unknown;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: response.status, headers: response.headers, text, bytes, body: parsed as T };
}

/** Calls a Kinesis operation signed with another access key id (another caller). */
export async function callAs<T = ErrorBody>(accessKeyId: string, operation: string, input: unknown): Promise<ApiResponse<T>> {
  return send<T>({ target: `${TARGET_PREFIX}.${operation}`, body: JSON.stringify(input), accessKeyId });
}

/** Calls a Kinesis operation with a JSON input. */
export async function call<T = ErrorBody>(operation: string, input: unknown): Promise<ApiResponse<T>> {
  return send<T>({ target: `${TARGET_PREFIX}.${operation}`, body: JSON.stringify(input) });
}

/** Calls an operation that must succeed, and returns its answer. */
export async function ok<T>(operation: string, input: unknown): Promise<T> {
  const response = await call<T>(operation, input);
  expect({ status: response.status, body: response.body }, `${operation} should succeed`).toMatchObject({ status: 200 });
  expect(response.headers.get("content-type")).toBe(AMZ_JSON);
  return response.body;
}

/** Asserts an AWS JSON error answer: status, content type and the exact body. */
export function expectError(response: ApiResponse<unknown>, type: string, message?: string | RegExp, status = 400): void {
  expect(response.status, `${type} status`).toBe(status);
  expect(response.headers.get("content-type")).toBe(AMZ_JSON);
  if (message instanceof RegExp) {
    const body = response.body as ErrorBody;
    expect(Object.keys(body).sort()).toEqual(["__type", "message"]);
    expect(body.__type).toBe(type);
    expect(body.message).toMatch(message);
  } else {
    expect(response.body).toEqual(message === undefined ? { __type: type } : { __type: type, message });
  }
}

/** Calls an operation that must fail, and checks how. */
export async function expectFailure(
  operation: string,
  input: unknown,
  type: string,
  message?: string | RegExp,
): Promise<void> {
  expectError(await call(operation, input), type, message);
}

/** AWS's type errors, as its deserializer words them (this one error spells its key `Message`). */
export async function expectSerialization(operation: string, input: unknown, message: string): Promise<void> {
  const response = await call(operation, input);
  expect(response.status).toBe(400);
  expect(response.headers.get("content-type")).toBe(AMZ_JSON);
  expect(response.body).toEqual({ __type: "SerializationException", Message: message });
}

export async function expectValidation(operation: string, input: unknown, ...errors: string[]): Promise<void> {
  const count = errors.length;
  await expectFailure(
    operation,
    input,
    "ValidationException",
    `${count} validation error${count === 1 ? "" : "s"} detected: ${errors.join("; ")}`,
  );
}

/** One constraint violation, worded as AWS words it. */
export function violation(value: string | null, path: string, rule: string): string {
  return `Value ${value === null ? "null" : `'${value}'`} at '${path}' failed to satisfy constraint: ${rule}`;
}

export const NOT_NULL = "Member must not be null";
export const NAME_PATTERN = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";
export const ARN_PATTERN = "Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+";
export const MIN_LENGTH_1 = "Member must have length greater than or equal to 1";
export const MAX_LENGTH_128 = "Member must have length less than or equal to 128";

export function streamNotFound(name: string): string {
  return `Stream ${name} under account ${ACCOUNT} not found.`;
}

// ---------------------------------------------------------------------------------------------
// SigV4 (header form), from the AWS documentation

async function signRequest(
  method: string,
  url: URL,
  headers: Headers,
  body: Uint8Array,
  date: Date,
  { region, service }: { region: string; service: string },
  accessKeyId = ACCESS_KEY_ID,
): Promise<void> {
  const stamp = date.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  const day = stamp.slice(0, 8);
  headers.set("host", url.host);
  headers.set("x-amz-date", stamp);
  const signed = [...headers.keys()].map((name) => name.toLowerCase()).sort();
  const canonicalHeaders = signed.map((name) => `${name}:${(headers.get(name) ?? "").trim()}\n`).join("");
  const canonical = [method, url.pathname, "", canonicalHeaders, signed.join(";"), hex(await sha256(body))].join("\n");
  const scope = `${day}/${region}/${service}/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", stamp, scope, hex(await sha256(new TextEncoder().encode(canonical)))].join("\n");
  let key = await hmac(new TextEncoder().encode(`AWS4${SECRET_KEY}`), day);
  for (const part of [region, service, "aws4_request"]) key = await hmac(key, part);
  const signature = hex(await hmac(key, toSign));
  headers.set(
    "authorization",
    `AWS4-HMAC-SHA256 Credential=${accessKeyId}/${scope}, SignedHeaders=${signed.join(";")}, Signature=${signature}`,
  );
}

async function sha256(data: Uint8Array): Promise<ArrayBuffer> {
  return crypto.subtle.digest("SHA-256", data);
}

async function hmac(key: ArrayBuffer | Uint8Array, data: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", cryptoKey, new TextEncoder().encode(data));
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// ---------------------------------------------------------------------------------------------
// Time

/** A clock the tests move. Durable Objects run in the tests' isolate, so they can share it. */
export class TestClock implements Clock {
  offset = 0;
  private frozenAt: number | undefined;
  now(): number {
    return this.frozenAt ?? Date.now() + this.offset;
  }
  advance(ms: number): void {
    if (this.frozenAt !== undefined) this.frozenAt += ms;
    else this.offset += ms;
  }
  /** Stops time (for tests of exact boundaries) until `thaw`, which resumes from where it stood. */
  freeze(): void {
    this.frozenAt = this.now();
  }
  thaw(): void {
    if (this.frozenAt === undefined) return;
    this.offset = Math.max(this.offset, this.frozenAt - Date.now());
    this.frozenAt = undefined;
  }
}

/** The registry's clock for this test file; it only ever moves forward. */
export const registryClock = new TestClock();

export function registryStub(): DurableObjectStub<StreamRegistry> {
  return env.STREAM_REGISTRY.get(env.STREAM_REGISTRY.idFromName(`${ACCOUNT}:${REGION}`));
}

/** Gives the registry this file's clock (again: an object that was evicted would have lost it). */
export async function useRegistryClock(): Promise<void> {
  await runInDurableObject(registryStub(), (instance: StreamRegistry) => {
    instance.clock = registryClock;
  });
}

export async function advanceRegistryClock(ms: number): Promise<void> {
  await useRegistryClock();
  registryClock.advance(ms);
}

/** Runs the registry's alarm now (the one that destroys deleted streams' shards). */
export async function runRegistryAlarm(): Promise<boolean> {
  return runDurableObjectAlarm(registryStub());
}

export function shardStub(streamId: string, shardIndex: number): DurableObjectStub<Shard> {
  return env.SHARD.get(env.SHARD.idFromName(`${streamId}/${shardIndex}`));
}

export async function useShardClock(stub: DurableObjectStub<Shard>, clock: Clock): Promise<void> {
  await runInDurableObject(stub, (instance: Shard) => {
    instance.clock = clock;
  });
}

/** Rows in a shard's records table, straight from its SQLite storage. */
export async function storedRecordCount(stub: DurableObjectStub<Shard>): Promise<number> {
  return runInDurableObject(stub, (_instance: Shard, state) => {
    const row = state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM records").one();
    return row.n;
  });
}

/** The tables a shard object holds (none once the shard is destroyed). */
export async function storedTables(stub: DurableObjectStub<Shard>): Promise<string[]> {
  return runInDurableObject(stub, (_instance: Shard, state) =>
    state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
      .toArray()
      .map((row) => row.name),
  );
}

// ---------------------------------------------------------------------------------------------
// Streams

let counter = 0;

/** A stream name no other test uses. */
export function uniqueName(prefix = "stream"): string {
  counter += 1;
  return `${prefix}-${counter}-${crypto.randomUUID().slice(0, 8)}`;
}

export function streamArn(name: string): string {
  return `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;
}

export function shardId(index: number): string {
  return `shardId-${String(index).padStart(12, "0")}`;
}

export interface TestStream {
  name: string;
  arn: string;
  id: string;
  shardIds: string[];
}

/** Creates a stream and moves the registry's clock past CREATING, so it is ACTIVE at once. */
export async function createActiveStream(shardCount = 1, extra: Record<string, unknown> = {}, name = uniqueName()): Promise<TestStream> {
  await useRegistryClock();
  await ok("CreateStream", { StreamName: name, ShardCount: shardCount, ...extra });
  registryClock.advance(KINESIS.createStreamMs);
  const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: name });
  expect(summary.StreamDescriptionSummary.StreamStatus).toBe("ACTIVE");
  const count = summary.StreamDescriptionSummary.OpenShardCount;
  return {
    name,
    arn: summary.StreamDescriptionSummary.StreamARN,
    id: summary.StreamDescriptionSummary.StreamId,
    shardIds: Array.from({ length: count }, (_, i) => shardId(i)),
  };
}

export async function getIterator(
  stream: { name: string },
  shard: string,
  type: string,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const output = await ok<GetShardIteratorOutput>("GetShardIterator", {
    StreamName: stream.name,
    ShardId: shard,
    ShardIteratorType: type,
    ...extra,
  });
  return output.ShardIterator;
}

/** Follows NextShardIterator until the shard has nothing more; returns every record in order. */
export async function readAll(iterator: string, limit?: number): Promise<WireRecord[]> {
  const records: WireRecord[] = [];
  let next: string | undefined = iterator;
  for (let calls = 0; next !== undefined; calls++) {
    expect(calls, "readAll should finish").toBeLessThan(1000);
    const page: GetRecordsOutput = await ok<GetRecordsOutput>("GetRecords", { ShardIterator: next, ...(limit !== undefined && { Limit: limit }) });
    records.push(...page.Records);
    if (page.Records.length === 0 && page.MillisBehindLatest === 0) break;
    next = page.NextShardIterator;
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// Sequence numbers

/** A 48-digit sequence number as Rivulet handed them out before it wrote AWS's 56 digits. */
export function legacySequenceNumber(streamCreatedSeconds: number, shardIndex: number, counter: number): string {
  return `49${String(streamCreatedSeconds).padStart(10, "0")}${String(shardIndex).padStart(12, "0")}${String(counter).padStart(24, "0")}`;
}

/** A number of AWS's format from its hexadecimal digits (as kinesalite's tests against AWS write them). */
export function sequenceNumberFromHex(hex: string): string {
  return BigInt(`0x${hex}`).toString();
}

/**
 * What AWS's sequence numbers (version 2) carry, read as the KCL and kinesalite read them: the
 * shard (bits 4 to 35), the shard's creation and the record's arrival (epoch seconds) and its place.
 */
export function sequenceFields(sequenceNumber: string): { shardId: string; createdSeconds: number; arrivalSeconds: number; position: bigint } {
  const hex = BigInt(sequenceNumber).toString(16);
  expect(hex).toMatch(/^2[0-9a-f]{45}2$/);
  return {
    shardId: shardId(Number((BigInt(sequenceNumber) >> 4n) & 0xffffffffn)),
    createdSeconds: Number.parseInt(hex.slice(1, 10), 16),
    position: BigInt(`0x${hex.slice(11, 27)}`),
    arrivalSeconds: Number.parseInt(hex.slice(29, 38), 16),
  };
}

// ---------------------------------------------------------------------------------------------
// Data

export function base64(bytes: Uint8Array | string): string {
  return (typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes).toBase64();
}

export function fromBase64(text: string): Uint8Array {
  return Uint8Array.fromBase64(text);
}

/** Bytes that are not text: every byte value, in an order that depends on `seed`. */
export function binary(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 167 + seed * 31 + (i >> 8)) & 0xff);
}

/** The hash key of a partition key: MD5, read as a big-endian unsigned integer. */
export async function md5HashKey(partitionKey: string): Promise<bigint> {
  const digest = new Uint8Array(await crypto.subtle.digest("MD5", new TextEncoder().encode(partitionKey)));
  return digest.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

/** AWS's even split of the hash key space into four shards. */
export const FOUR_SHARD_RANGES: HashKeyRange[] = [
  { StartingHashKey: "0", EndingHashKey: "85070591730234615865843651857942052863" },
  { StartingHashKey: "85070591730234615865843651857942052864", EndingHashKey: "170141183460469231731687303715884105727" },
  { StartingHashKey: "170141183460469231731687303715884105728", EndingHashKey: "255211775190703847597530955573826158591" },
  { StartingHashKey: "255211775190703847597530955573826158592", EndingHashKey: "340282366920938463463374607431768211455" },
];

/** The shard (of `ranges`) whose range holds `hashKey`. */
export function shardOfHashKey(ranges: readonly HashKeyRange[], hashKey: bigint): string {
  const index = ranges.findIndex((range) => BigInt(range.StartingHashKey) <= hashKey && hashKey <= BigInt(range.EndingHashKey));
  expect(index, `a shard holds ${hashKey}`).toBeGreaterThanOrEqual(0);
  return shardId(index);
}

// ---------------------------------------------------------------------------------------------
// Serialization cases (AWS's deserializer messages, as recorded against AWS by kinesalite)

export type WireType = "String" | "Integer" | "Long" | "Boolean" | "Blob" | "List" | "Map" | "Structure";

const NUMBER_CLASS = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";
const LIST_START = "Start of list found where not expected";
const OBJECT_START = "Start of structure or map found where not expected.";

const TYPE_CASES: Record<WireType, [unknown, string][]> = {
  String: [
    [true, "class java.lang.Boolean can not be converted to an String"],
    [23, `${NUMBER_CLASS} can not be converted to an String`],
    [-2147483648, `${NUMBER_CLASS} can not be converted to an String`],
    [34.56, `${NUMBER_CLASS} can not be converted to an String`],
    [[], LIST_START],
    [{}, OBJECT_START],
  ],
  Integer: [
    ["23", "class java.lang.String can not be converted to an Integer"],
    [true, "class java.lang.Boolean can not be converted to an Integer"],
    [[], LIST_START],
    [{}, OBJECT_START],
  ],
  Long: [
    ["23", "class java.lang.String can not be converted to an Long"],
    [true, "class java.lang.Boolean can not be converted to an Long"],
    [[], LIST_START],
    [{}, OBJECT_START],
  ],
  Boolean: [
    ["23", "'23' can not be converted to an Boolean"],
    [23, `${NUMBER_CLASS} can not be converted to an Boolean`],
    [[], LIST_START],
    [{}, OBJECT_START],
  ],
  Blob: [
    [true, "class java.lang.Boolean can not be converted to a Blob"],
    [23, `${NUMBER_CLASS} can not be converted to a Blob`],
    [[], LIST_START],
    [{}, OBJECT_START],
    ["23456", "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5"],
    ["=+/=", "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='"],
    ["+/+=", "'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected"],
  ],
  List: [
    ["23", "Expected list or null"],
    [true, "Expected list or null"],
    [23, "Expected list or null"],
    [{}, OBJECT_START],
  ],
  Map: [
    ["23", "Expected map or null"],
    [true, "Expected map or null"],
    [23, "Expected map or null"],
    [[], LIST_START],
  ],
  Structure: [
    ["23", "Expected null"],
    [true, "Expected null"],
    [23, "Expected null"],
    [[], LIST_START],
  ],
};

/** Puts `value` at `path` (numbers index into lists) inside a new input. */
function inputWith(path: readonly (string | number)[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const inner = inputWith(rest, value);
  if (typeof head === "number") return [inner];
  return { [head]: inner };
}

/** Sends a value of every wrong JSON type at `path` and checks AWS's SerializationException for each. */
export async function expectTypeErrors(operation: string, path: readonly (string | number)[], type: WireType): Promise<void> {
  for (const [value, message] of TYPE_CASES[type]) {
    await expectSerialization(operation, inputWith(path, value), message);
  }
}

// ---------------------------------------------------------------------------------------------
// Event streams (SubscribeToShard)

/** Calls an operation whose answer is an event stream, and returns the live response unread. */
export async function openEventStream(operation: string, input: unknown): Promise<Response> {
  const url = new URL("/", ENDPOINT);
  const headers = new Headers({ "x-amz-target": `${TARGET_PREFIX}.${operation}`, "content-type": AMZ_JSON });
  const body = new TextEncoder().encode(JSON.stringify(input));
  await signRequest("POST", url, headers, body, new Date(), { region: REGION, service: "kinesis" });
  return worker.fetch(url, { method: "POST", headers, body });
}
