/**
 * Shared pieces of the end-to-end tests: the real local server (`npm start`'s startLocalServer) on a
 * fresh temporary data directory, unmodified AWS SDK v3 clients pointed at it, and the checks every
 * read needs (nothing lost, nothing duplicated, order per shard, bytes intact).
 *
 * Nothing here reaches into the server: everything goes through the AWS API, as a user's code would.
 */
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  CreateStreamCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  type KinesisClientConfig,
  type _Record,
  type GetShardIteratorCommandInput,
  type Shard,
} from "@aws-sdk/client-kinesis";
import { DescribeDeliveryStreamCommand, type FirehoseClient } from "@aws-sdk/client-firehose";
import { GetObjectCommand, ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import { Sha256Js } from "@smithy/core/checksum";
import { SignatureV4 } from "@smithy/signature-v4";
import { expect } from "vitest";
import { startLocalServer } from "../../local/server.mjs";
import { PROJECT_ROOT } from "../../local/wrangler-dev.mjs";

export const REGION = "us-east-1";
export const ACCOUNT = "000000000000";
/** Any key works on a server started without keys; the requests are still signed for real. */
export const ANY_CREDENTIALS = { accessKeyId: "AKIDE2EANY", secretAccessKey: "e2e-any-secret" };
/** The AWS SDK's request ids, and the local server's. */
export const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MAX_HASH_KEY = (1n << 128n) - 1n;

// ---------------------------------------------------------------------------------------------
// The server

export interface TestServer {
  url: string;
  persistDir: string;
  /** Stops the server and every process it started; the data directory stays (see removeDir). */
  close(): Promise<void>;
  /** Settles once the server has stopped. */
  exited: Promise<unknown>;
}

/** A fresh temporary data directory, removed by removeDir. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `rivulet-e2e-${prefix}-`));
}

export function removeDir(dir: string | undefined): void {
  if (dir !== undefined) fs.rmSync(dir, { recursive: true, force: true });
}

export async function startServer(options: {
  persistDir: string;
  accessKeys?: string;
  throughputLimits?: "on";
  bodyLimits?: { maxBytes?: number; idleMs?: number; totalMs?: number };
}): Promise<TestServer> {
  const server = await startLocalServer({
    port: 0,
    persistDir: options.persistDir,
    accessKeys: options.accessKeys,
    throughputLimits: options.throughputLimits,
    bodyLimits: options.bodyLimits,
    quiet: true,
  });
  return { url: server.url, persistDir: options.persistDir, close: () => server.close(), exited: server.exited };
}

// ---------------------------------------------------------------------------------------------
// Clients

/** An SDK client with its defaults (HTTP/2 cleartext to an http:// endpoint) unless told otherwise. */
export function kinesisClient(url: string, options: Partial<KinesisClientConfig> = {}): KinesisClient {
  return new KinesisClient({ endpoint: url, region: REGION, credentials: ANY_CREDENTIALS, ...options });
}

export type Protocol = "h2c" | "http/1.1" | "unknown";

/**
 * Records which protocol each response of `client` arrived over, by looking at the response the
 * SDK's own request handler produced (an HTTP/2 stream of a cleartext session, or an HTTP/1.x
 * message). The middleware only looks: requests and responses pass through it unchanged.
 */
export function recordProtocols(client: KinesisClient): Protocol[] {
  const seen: Protocol[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const body = (result.response as { body?: unknown }).body as
        | { session?: { alpnProtocol?: string }; httpVersion?: string }
        | undefined;
      if (body?.session?.alpnProtocol === "h2c") seen.push("h2c");
      else if (body?.httpVersion === "1.1") seen.push("http/1.1");
      else seen.push("unknown");
      return result;
    },
    { step: "deserialize", priority: "low", name: "e2eRecordProtocol" },
  );
  return seen;
}

// ---------------------------------------------------------------------------------------------
// The AWS CLI

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  url: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Arguments after the command's own, e.g. `--cli-binary-format base64` for CLI v2. */
  extraArgs?: string[];
}

/**
 * Runs `aws <args> --endpoint-url <url> --output json` with the given key, region us-east-1, no
 * pager and no ~/.aws: every AWS_* variable of this process is dropped and only these are set.
 */
export function runAws(args: string[], options: CliOptions): Promise<CliResult> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith("AWS_")) env[name] = value;
  }
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: options.accessKeyId,
    AWS_SECRET_ACCESS_KEY: options.secretAccessKey,
    AWS_DEFAULT_REGION: REGION,
    AWS_PAGER: "",
    AWS_CONFIG_FILE: "/dev/null",
    AWS_SHARED_CREDENTIALS_FILE: "/dev/null",
    AWS_EC2_METADATA_DISABLED: "true",
  });
  const all = [...args, "--endpoint-url", options.url, "--output", "json", ...(options.extraArgs ?? [])];
  return new Promise((resolve) => {
    execFile("aws", all, { env, timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** The major version of the `aws` on PATH: `aws --version` prints e.g. "aws-cli/1.45.11 Python/3.11.7 ...". */
export function awsCliMajorVersion(): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile("aws", ["--version"], { timeout: 60_000 }, (error, stdout, stderr) => {
      const match = /aws-cli\/(\d+)\./.exec(`${stdout}${stderr}`);
      if (match) resolve(Number(match[1]));
      else reject(new Error(`aws --version: ${error?.message ?? ""} ${stdout}${stderr}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Delivered objects, read through the server's S3 API as any S3 client reads them

/** Every key under `prefix` in `bucket`, page after page, in the order S3 lists them. */
export async function listObjectKeys(s3: S3Client, bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ""));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** An object's bytes. */
export async function objectBytes(s3: S3Client, bucket: string, key: string): Promise<Uint8Array> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return (await object.Body?.transformToByteArray()) ?? new Uint8Array();
}

// ---------------------------------------------------------------------------------------------
// Streams

let nameCounter = 0;
export function uniqueName(prefix: string): string {
  nameCounter += 1;
  return `${prefix}-${Date.now().toString(36)}-${nameCounter}`;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls DescribeStreamSummary every 100 ms (the SDK's waiters wait at least 10 s between polls). */
export async function waitForActive(client: KinesisClient, streamName: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summary = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    const status = summary.StreamDescriptionSummary?.StreamStatus;
    if (status === "ACTIVE") return;
    if (Date.now() > deadline) throw new Error(`${streamName} still ${status} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Polls DescribeDeliveryStream every 100 ms until the delivery stream is ACTIVE. */
export async function waitForDeliveryStreamActive(firehose: FirehoseClient, name: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { DeliveryStreamDescription } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    const status = DeliveryStreamDescription?.DeliveryStreamStatus;
    if (status === "ACTIVE") return;
    if (Date.now() > deadline) throw new Error(`${name} still ${status} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

/** Creates a stream and waits until it is ACTIVE; answers its shards in ShardId order. */
export async function createActiveStream(client: KinesisClient, streamName: string, shardCount: number): Promise<Shard[]> {
  await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shardCount }));
  await waitForActive(client, streamName);
  const { Shards = [] } = await client.send(new ListShardsCommand({ StreamName: streamName }));
  return [...Shards].sort((a, b) => (a.ShardId ?? "").localeCompare(b.ShardId ?? ""));
}

export async function shardIterator(client: KinesisClient, input: GetShardIteratorCommandInput): Promise<string> {
  const { ShardIterator } = await client.send(new GetShardIteratorCommand(input));
  expect(ShardIterator).toBeTypeOf("string");
  return ShardIterator as string;
}

export interface ShardRead {
  records: _Record[];
  /** The iterator to continue from, for records written later. */
  nextIterator: string;
}

/**
 * Reads from `iterator` until the shard has nothing more: a GetRecords answer with no records that
 * is not behind the tip. Every answer must carry a NextShardIterator (the shard is open).
 */
export async function readToEnd(client: KinesisClient, iterator: string, limit?: number): Promise<ShardRead> {
  const records: _Record[] = [];
  let current = iterator;
  for (let call = 0; call < 1_000; call++) {
    const answer = await client.send(new GetRecordsCommand({ ShardIterator: current, Limit: limit }));
    expect(answer.NextShardIterator, "an open shard always answers a NextShardIterator").toBeTypeOf("string");
    const page = answer.Records ?? [];
    if (limit !== undefined) expect(page.length).toBeLessThanOrEqual(limit);
    records.push(...page);
    current = answer.NextShardIterator as string;
    if (page.length === 0 && answer.MillisBehindLatest === 0) return { records, nextIterator: current };
  }
  throw new Error("the shard never reached its end");
}

// ---------------------------------------------------------------------------------------------
// Records

export interface Written {
  partitionKey: string;
  data: Uint8Array;
  shardId: string;
  sequenceNumber: string;
}

/** Random bytes of a random length in [1, maxLength], so binary data and sizes both vary. */
export function randomData(maxLength: number): Uint8Array {
  return randomBytesOf(1 + (randomBytes(4).readUInt32BE(0) % maxLength));
}

export function randomBytesOf(length: number): Uint8Array {
  return new Uint8Array(randomBytes(length));
}

/** The hash key Kinesis routes a partition key by: MD5 of its UTF-8 bytes as a 128-bit integer. */
export function hashKeyOf(partitionKey: string): bigint {
  return BigInt(`0x${createHash("md5").update(partitionKey, "utf8").digest("hex")}`);
}

export function shardForHashKey(shards: Shard[], hashKey: bigint): Shard {
  const shard = shards.find(
    (s) => BigInt(s.HashKeyRange?.StartingHashKey ?? "-1") <= hashKey && hashKey <= BigInt(s.HashKeyRange?.EndingHashKey ?? "-1"),
  );
  if (!shard) throw new Error(`no shard holds hash key ${hashKey}`);
  return shard;
}

/** The shards' hash key ranges are contiguous, start at 0 and end at 2^128 - 1. */
export function expectFullHashKeyCoverage(shards: readonly Pick<Shard, "HashKeyRange">[]): void {
  const ranges = shards
    .map((s) => [BigInt(s.HashKeyRange?.StartingHashKey ?? "-1"), BigInt(s.HashKeyRange?.EndingHashKey ?? "-1")] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let next = 0n;
  for (const [start, end] of ranges) {
    expect(start).toBe(next);
    expect(end >= start).toBe(true);
    next = end + 1n;
  }
  expect(next - 1n).toBe(MAX_HASH_KEY);
}

/** Sequence numbers strictly increase, compared as the integers they are. */
export function expectStrictlyIncreasing(sequenceNumbers: readonly (string | undefined)[]): void {
  for (let i = 1; i < sequenceNumbers.length; i++) {
    const previous = BigInt(sequenceNumbers[i - 1] ?? "x");
    const current = BigInt(sequenceNumbers[i] ?? "x");
    if (!(current > previous)) {
      throw new Error(`sequence number ${i} (${current}) is not greater than the one before it (${previous})`);
    }
  }
}

/**
 * What was read from a shard is exactly what was written to it, in the same order: same count,
 * same sequence numbers, partition keys and bytes; sequence numbers strictly increasing.
 */
export function expectSameRecords(read: readonly _Record[], written: readonly Written[]): void {
  expect(read.map((r) => r.SequenceNumber)).toEqual(written.map((w) => w.sequenceNumber));
  expectStrictlyIncreasing(read.map((r) => r.SequenceNumber));
  read.forEach((record, i) => {
    const expected = written[i] as Written;
    expect(record.PartitionKey).toBe(expected.partitionKey);
    expect(bytesEqual(record.Data, expected.data), `bytes of record ${record.SequenceNumber}`).toBe(true);
    expect(record.ApproximateArrivalTimestamp).toBeInstanceOf(Date);
  });
}

export function bytesEqual(actual: Uint8Array | undefined, expected: Uint8Array): boolean {
  if (actual === undefined || actual.byteLength !== expected.byteLength) return false;
  for (let i = 0; i < expected.byteLength; i++) if (actual[i] !== expected[i]) return false;
  return true;
}

/** Groups written records by shard, keeping write order. */
export function byShard(written: readonly Written[]): Map<string, Written[]> {
  const groups = new Map<string, Written[]>();
  for (const record of written) {
    const group = groups.get(record.shardId);
    if (group) group.push(record);
    else groups.set(record.shardId, [record]);
  }
  return groups;
}

// ---------------------------------------------------------------------------------------------
// Errors as the SDK surfaces them

export interface ExpectedAwsError {
  name: string;
  message?: string | RegExp;
  status?: number;
}

/** The call fails with the named AWS error, its message, status, a request id and a client fault. */
export async function expectAwsError(call: Promise<unknown>, expected: ExpectedAwsError): Promise<void> {
  let caught: unknown;
  try {
    await call;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected ${expected.name}, but the call succeeded`).toBeInstanceOf(Error);
  const error = caught as Error & { $fault?: string; $metadata?: { httpStatusCode?: number; requestId?: string } };
  expect(error.name).toBe(expected.name);
  if (typeof expected.message === "string") expect(error.message).toBe(expected.message);
  else if (expected.message !== undefined) expect(error.message).toMatch(expected.message);
  expect(error.$metadata?.httpStatusCode).toBe(expected.status ?? 400);
  expect(error.$metadata?.requestId).toMatch(REQUEST_ID);
  expect(error.$fault).toBe((expected.status ?? 400) >= 500 ? "server" : "client");
}

/**
 * `wrangler d1 execute` on a local server's D1 database (kept in `persistTo`), of `["--command", sql]` or
 * `["--file", path]`, as a user would query it; the rows of every statement. The server may be writing
 * the same SQLite file: a read that meets its lock (SQLITE_BUSY) is tried again, as a user would.
 */
export async function d1Execute<T>(persistTo: string, source: string[]): Promise<T[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await d1ExecuteOnce<T>(persistTo, source);
    } catch (error) {
      if (attempt >= 5 || !String(error).includes("SQLITE_BUSY")) throw error;
      await sleep(250 * attempt);
    }
  }
}

function d1ExecuteOnce<T>(persistTo: string, source: string[]): Promise<T[]> {
  const root = PROJECT_ROOT;
  const node = path.join(root, "node_modules", ".bin", "node");
  const wrangler = path.join(root, "node_modules", "wrangler", "bin", "wrangler.js");
  const args = [wrangler, "d1", "execute", "rivulet-analytics", "--local", "--persist-to", persistTo, ...source, "--json"];
  return new Promise((resolve, reject) => {
    execFile(
      node,
      args,
      { cwd: root, env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`wrangler d1 execute failed: ${error.message}\n${stdout}\n${stderr}`));
        try {
          resolve((JSON.parse(String(stdout)) as { results: T[] }[]).flatMap((statement) => statement.results));
        } catch {
          reject(new Error(`wrangler d1 execute printed no JSON:\n${stdout}\n${stderr}`));
        }
      },
    );
  });
}

/**
 * A POST to a Video REST operation (the control plane, GetMedia, or Rivulet's own motion detection
 * operations), signed as the Video SDKs sign one (as awscurl would, for the operations no SDK has).
 */
export async function signedVideoPost(target: string | URL, body: unknown): Promise<Response> {
  const address = new URL(target);
  const text = JSON.stringify(body);
  const signer = new SignatureV4({ service: "kinesisvideo", region: REGION, credentials: ANY_CREDENTIALS, sha256: Sha256Js });
  const signed = await signer.sign({
    method: "POST",
    protocol: address.protocol,
    hostname: address.hostname,
    port: Number(address.port),
    path: address.pathname,
    query: {},
    headers: { host: address.host, "content-type": "application/json" },
    body: text,
  });
  return fetch(address, { method: "POST", headers: signed.headers, body: text });
}
