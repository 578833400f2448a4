/**
 * Helpers for the stream-triggered consumer tests: Lambda's REST-JSON requests (SigV4 for the
 * service `lambda`, query string included), mappings whose Durable Object runs on a clock the test
 * moves, the recorder targets (recorder.ts) and records put across shards.
 *
 * Clocks: a mapping's clock is frozen a day ahead of real time, so the alarms it sets are never due
 * by themselves during a test: the test runs them (runDurableObjectAlarm) after moving the clock.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { exports as workersExports } from "cloudflare:workers";
import { expect } from "vitest";
import { LAMBDA } from "../../../src/limits";
import type { EventSourceMapping, MappingConfiguration } from "../../../src/triggers/mapping";
import type { InvocationRecord, KinesisEvent } from "../../../src/triggers/event";
import { base64, env, ok, TestClock, type PutRecordsOutput, type TestStream } from "../client";
import type { Received, RecorderKind, Script } from "./recorder";

const worker = (workersExports as unknown as { default: Fetcher }).default;

const LAMBDA_ENDPOINT = "https://lambda.us-east-1.amazonaws.com";
export const MAPPINGS_PATH = "/2015-03-31/event-source-mappings";
const ACCESS_KEY_ID = "AKIDRIVULETLAMBDA";
const SECRET_KEY = "rivulet-lambda-secret";
const DAY = 86_400_000;

export interface LambdaResponse<T> {
  status: number;
  headers: Headers;
  body: T;
}

export interface LambdaErrorBody {
  Type?: string;
  message?: string;
  Message?: string;
}

/** Sends a Lambda request; `sign: false` sends it without a signature. */
export async function lambda<T = LambdaErrorBody>(
  method: string,
  path: string,
  body?: unknown,
  options: { sign?: boolean } = {},
): Promise<LambdaResponse<T>> {
  const url = new URL(path, LAMBDA_ENDPOINT);
  const headers = new Headers();
  const bytes = body === undefined ? new Uint8Array() : new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body));
  if (body !== undefined) headers.set("content-type", "application/json");
  if (options.sign !== false) await sign(method, url, headers, bytes);
  const response = await worker.fetch(url, { method, headers, body: method === "GET" || method === "DELETE" ? undefined : bytes });
  const text = await response.text();
  expect(response.headers.get("x-amzn-RequestId"), "every answer carries x-amzn-RequestId").toMatch(/^[0-9a-f-]{36}$/);
  return { status: response.status, headers: response.headers, body: (text === "" ? undefined : JSON.parse(text)) as T };
}

/** Asserts a Lambda error: status, x-amzn-ErrorType and the body, message key as Lambda spells it. */
export function expectLambdaError(
  response: LambdaResponse<unknown>,
  status: number,
  type: string,
  body: Record<string, string | RegExp>,
): void {
  expect({ status: response.status, type: response.headers.get("x-amzn-ErrorType") }).toEqual({ status, type });
  expect(response.headers.get("content-type")).toBe("application/json");
  const actual = response.body as Record<string, string>;
  expect(Object.keys(actual).sort()).toEqual(Object.keys(body).sort());
  for (const [key, expected] of Object.entries(body)) {
    if (expected instanceof RegExp) expect(actual[key]).toMatch(expected);
    else expect(actual[key]).toBe(expected);
  }
}

export async function createMapping(input: Record<string, unknown>): Promise<MappingConfiguration> {
  const response = await lambda<MappingConfiguration>("POST", `${MAPPINGS_PATH}/`, input);
  expect({ status: response.status, body: response.body }, "CreateEventSourceMapping should succeed").toMatchObject({ status: 202 });
  return response.body;
}

export function mappingStub(uuid: string): DurableObjectStub<EventSourceMapping> {
  return env.EVENT_SOURCE_MAPPINGS.get(env.EVENT_SOURCE_MAPPINGS.idFromName(`000000000000:us-east-1/${uuid}`));
}

/** A frozen clock a day ahead of real time (see the file's comment). */
export function testClock(): TestClock {
  const clock = new TestClock();
  clock.advance(DAY);
  clock.freeze();
  return clock;
}

export async function useMappingClock(uuid: string, clock: TestClock): Promise<void> {
  await runInDurableObject(mappingStub(uuid), (instance: EventSourceMapping) => {
    instance.clock = clock;
  });
}

/** Runs the mapping's alarm now. */
export async function runMapping(uuid: string): Promise<void> {
  expect(await runDurableObjectAlarm(mappingStub(uuid)), "the mapping has an alarm set").toBe(true);
}

export interface RunningMapping {
  uuid: string;
  configuration: MappingConfiguration;
  clock: TestClock;
  /** Moves the mapping's clock, then runs its alarm. */
  advance(ms: number): Promise<void>;
}

/** Creates a mapping, gives it a test clock past its Creating state and runs its first alarm. */
export async function startMapping(input: Record<string, unknown>, clock = testClock()): Promise<RunningMapping> {
  const configuration = await createMapping(input);
  const uuid = configuration.UUID;
  await useMappingClock(uuid, clock);
  clock.advance(LAMBDA.transitionMs);
  await runMapping(uuid);
  return {
    uuid,
    configuration,
    clock,
    advance: async (ms) => {
      clock.advance(ms);
      await runMapping(uuid);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The recorder targets

function recorderBinding(): Fetcher {
  return (env as unknown as { RECORDER: Fetcher }).RECORDER;
}

export async function script(streamArn: string, kind: RecorderKind, plan: Script): Promise<void> {
  const url = `https://recorder/_control/script?key=${encodeURIComponent(streamArn)}&kind=${kind}`;
  const response = await recorderBinding().fetch(url, { method: "POST", body: JSON.stringify(plan) });
  expect(response.status).toBe(200);
  await response.text();
}

export async function received(streamArn: string): Promise<Received[]> {
  const response = await recorderBinding().fetch(`https://recorder/_control/received?key=${encodeURIComponent(streamArn)}`);
  return (await response.json()) as Received[];
}

/** The Kinesis events the RECORDER target received for a stream, in order. */
export async function batches(streamArn: string): Promise<KinesisEvent[]> {
  return (await received(streamArn)).filter((entry) => entry.kind === "batch").map((entry) => entry.body as KinesisEvent);
}

/** The invocation records the FAILURES destination received for a stream, in order. */
export async function failures(streamArn: string): Promise<InvocationRecord[]> {
  return (await received(streamArn)).filter((entry) => entry.kind === "failure").map((entry) => entry.body as InvocationRecord);
}

// ---------------------------------------------------------------------------------------------
// Records

export interface Put {
  shardId: string;
  sequenceNumber: string;
  partitionKey: string;
  data: string;
}

/** Puts records (text data) in one PutRecords call and answers where each went. */
export async function putRecords(stream: TestStream, records: { partitionKey: string; data: string }[]): Promise<Put[]> {
  const output = await ok<PutRecordsOutput>("PutRecords", {
    StreamName: stream.name,
    Records: records.map((record) => ({ PartitionKey: record.partitionKey, Data: base64(record.data) })),
  });
  expect(output.FailedRecordCount).toBe(0);
  return output.Records.map((result, i) => {
    if (!("SequenceNumber" in result)) throw new Error("PutRecords refused a record");
    const record = records[i] as { partitionKey: string; data: string };
    return { shardId: result.ShardId, sequenceNumber: result.SequenceNumber, ...record };
  });
}

/** Sequence numbers of delivered events, per shard (from each event's eventID). */
export function deliveredByShard(events: readonly KinesisEvent[]): Map<string, string[]> {
  const byShard = new Map<string, string[]>();
  for (const event of events) {
    for (const record of event.Records) {
      const shardId = record.eventID.split(":")[0] ?? "";
      byShard.set(shardId, [...(byShard.get(shardId) ?? []), record.kinesis.sequenceNumber]);
    }
  }
  return byShard;
}

export function writtenByShard(puts: readonly Put[]): Map<string, string[]> {
  const byShard = new Map<string, string[]>();
  for (const put of puts) byShard.set(put.shardId, [...(byShard.get(put.shardId) ?? []), put.sequenceNumber]);
  return byShard;
}

export function sequenceNumbersOf(event: KinesisEvent): string[] {
  return event.Records.map((record) => record.kinesis.sequenceNumber);
}

// ---------------------------------------------------------------------------------------------
// SigV4 (header form) over the full URL, query string included

async function sign(method: string, url: URL, headers: Headers, body: Uint8Array): Promise<void> {
  const stamp = new Date().toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  const day = stamp.slice(0, 8);
  headers.set("host", url.host);
  headers.set("x-amz-date", stamp);
  const signed = [...headers.keys()].map((name) => name.toLowerCase()).sort();
  const canonicalHeaders = signed.map((name) => `${name}:${(headers.get(name) ?? "").trim()}\n`).join("");
  const query = [...url.searchParams]
    .map(([key, value]) => [encode(key), encode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join("&");
  const path = url.pathname.split("/").map((segment) => encode(decodeURIComponent(segment))).map(encode).join("/");
  const canonical = [method, path, query, canonicalHeaders, signed.join(";"), hex(await sha256(body))].join("\n");
  const scope = `${day}/us-east-1/lambda/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", stamp, scope, hex(await sha256(new TextEncoder().encode(canonical)))].join("\n");
  let key = await hmac(new TextEncoder().encode(`AWS4${SECRET_KEY}`), day);
  for (const part of ["us-east-1", "lambda", "aws4_request"]) key = await hmac(key, part);
  headers.set(
    "authorization",
    `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/${scope}, SignedHeaders=${signed.join(";")}, Signature=${hex(await hmac(key, toSign))}`,
  );
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
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
