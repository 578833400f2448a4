/**
 * The `aws` CLI, as installed (v1 on Debian's awscli, or v2), against the real local server.
 *
 * Blob parameters differ between the two: v2 (with `--cli-binary-format base64`, its default) takes
 * base64 and stores the decoded bytes, v1 stores the text given. Both print blobs as base64. So the
 * tests pass base64 everywhere and work out which bytes the stream must hold from the version;
 * `fileb://` sends a file's raw bytes in both.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  REGION,
  awsCliMajorVersion,
  runAws,
  type CliResult,
  expectFullHashKeyCoverage,
  expectStrictlyIncreasing,
  randomData,
  removeDir,
  sleep,
  startServer,
  tempDir,
  uniqueName,
  type TestServer,
} from "./helpers";

let dir: string | undefined;
let files: string | undefined;
let server: TestServer | undefined;
let cliMajorVersion = 1;
/** Every CLI call starts a Python process: about a second of CPU each. */
const CLI_TEST_TIMEOUT_MS = 180_000;

const ACCESS_KEY = { accessKeyId: "AKIDE2ECLI", secretAccessKey: "e2e-cli-secret" };

/** `aws <args>` against the server; CLI v2 is told to take blobs as base64 (its default, made explicit). */
function aws(args: string[]): Promise<CliResult> {
  const extraArgs = cliMajorVersion >= 2 ? ["--cli-binary-format", "base64"] : [];
  return runAws(args, { url: (server as TestServer).url, ...ACCESS_KEY, extraArgs });
}

/** Runs a command that must succeed and answers its JSON output (undefined when it prints none). */
async function awsJson<T = Record<string, unknown>>(args: string[]): Promise<T> {
  const result = await aws(args);
  if (result.code !== 0) throw new Error(`aws ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
  return (result.stdout.trim() === "" ? undefined : JSON.parse(result.stdout)) as T;
}

/** base64 of the bytes a record holds when the CLI was given `base64` as a blob parameter. */
function storedBase64(base64: string): string {
  return cliMajorVersion >= 2 ? base64 : Buffer.from(base64, "utf8").toString("base64");
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

interface CliRecord {
  SequenceNumber: string;
  ApproximateArrivalTimestamp: number | string;
  Data: string;
  PartitionKey: string;
}

interface CliShard {
  ShardId: string;
  HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
}

/** v1 prints timestamps as epoch seconds, v2 as ISO 8601 (possibly with microseconds). */
function epochMs(timestamp: number | string): number {
  if (typeof timestamp === "number") return Math.round(timestamp * 1000);
  if (/^\d+(\.\d+)?$/.test(timestamp)) return Math.round(Number(timestamp) * 1000);
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(.*)$/.exec(timestamp);
  if (!match) throw new Error(`unexpected timestamp ${timestamp}`);
  const [, whole, fraction = "", zone] = match;
  const zoneSuffix = zone === "" ? "Z" : zone;
  return Date.parse(`${whole}${zoneSuffix}`) + Math.round(Number(`0.${fraction || "0"}`) * 1000);
}

async function iterator(streamName: string, shardId: string, type: string, extra: string[] = []): Promise<string> {
  const answer = await awsJson<{ ShardIterator: string }>([
    "kinesis", "get-shard-iterator", "--stream-name", streamName, "--shard-id", shardId, "--shard-iterator-type", type, ...extra,
  ]);
  expect(answer.ShardIterator).toBeTypeOf("string");
  return answer.ShardIterator;
}

/** get-records until the shard reports it is not behind the tip; answers the records and where to go on. */
async function readToEnd(shardIterator: string): Promise<{ records: CliRecord[]; next: string }> {
  const records: CliRecord[] = [];
  let current = shardIterator;
  for (let call = 0; call < 100; call++) {
    const answer = await awsJson<{ Records: CliRecord[]; NextShardIterator: string; MillisBehindLatest: number }>([
      "kinesis", "get-records", "--shard-iterator", current,
    ]);
    expect(answer.NextShardIterator).toBeTypeOf("string");
    records.push(...answer.Records);
    current = answer.NextShardIterator;
    if (answer.MillisBehindLatest === 0) return { records, next: current };
  }
  throw new Error("the shard never reached its end");
}

interface Expected {
  sequenceNumber: string;
  partitionKey: string;
  /** base64 of the stored bytes */
  data: string;
}

function expectRecords(read: CliRecord[], expected: Expected[]): void {
  expect(read.map((r) => r.SequenceNumber)).toEqual(expected.map((e) => e.sequenceNumber));
  expectStrictlyIncreasing(read.map((r) => r.SequenceNumber));
  expect(read.map((r) => r.PartitionKey)).toEqual(expected.map((e) => e.partitionKey));
  expect(read.map((r) => r.Data)).toEqual(expected.map((e) => e.data));
}

beforeAll(async () => {
  cliMajorVersion = await awsCliMajorVersion();
  dir = tempDir("cli");
  files = tempDir("cli-files");
  server = await startServer({ persistDir: dir });
});

afterAll(async () => {
  await server?.close();
  removeDir(dir);
  removeDir(files);
});

describe("the AWS CLI", () => {
  const streamName = uniqueName("e2e-cli");
  let shards: CliShard[] = [];
  /** What each shard must hold, in order. */
  const expected = new Map<string, Expected[]>();
  /** Every record read by TRIM_HORIZON before the LATEST test. */
  const earlier: CliRecord[] = [];
  const record = (shardId: string, entry: Expected) => {
    const list = expected.get(shardId) ?? [];
    list.push(entry);
    expected.set(shardId, list);
  };

  it("create-stream makes a 4-shard stream that describe-stream-summary reports ACTIVE, and list-streams and list-shards show", async () => {
    const created = await aws(["kinesis", "create-stream", "--stream-name", streamName, "--shard-count", "4"]);
    expect(created.code, created.stderr).toBe(0);

    type Summary = { StreamDescriptionSummary: { StreamStatus: string; StreamARN: string; OpenShardCount: number } };
    let summary: Summary | undefined;
    for (let attempt = 0; attempt < 100 && summary?.StreamDescriptionSummary.StreamStatus !== "ACTIVE"; attempt++) {
      if (attempt > 0) await sleep(100);
      summary = await awsJson<Summary>(["kinesis", "describe-stream-summary", "--stream-name", streamName]);
    }
    expect(summary?.StreamDescriptionSummary).toMatchObject({
      StreamStatus: "ACTIVE",
      StreamARN: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${streamName}`,
      OpenShardCount: 4,
    });

    const [listed, listedShards] = await Promise.all([
      awsJson<{ StreamNames: string[] }>(["kinesis", "list-streams"]),
      awsJson<{ Shards: CliShard[] }>(["kinesis", "list-shards", "--stream-name", streamName]),
    ]);
    expect(listed.StreamNames).toContain(streamName);
    shards = listedShards.Shards;
    expect(shards.map((s) => s.ShardId).sort()).toEqual([
      "shardId-000000000000",
      "shardId-000000000001",
      "shardId-000000000002",
      "shardId-000000000003",
    ]);
    expectFullHashKeyCoverage(shards);
  }, CLI_TEST_TIMEOUT_MS);

  it("put-record and a 500-record put-records are read back whole from every shard with TRIM_HORIZON", async () => {
    // put-record with base64 text, and with raw random bytes from a file.
    const text = Buffer.from("hello from the aws cli").toString("base64");
    const one = await awsJson<{ ShardId: string; SequenceNumber: string }>([
      "kinesis", "put-record", "--stream-name", streamName, "--partition-key", "cli-text", "--data", text,
    ]);
    record(one.ShardId, { sequenceNumber: one.SequenceNumber, partitionKey: "cli-text", data: storedBase64(text) });

    const binary = randomData(4096);
    const binaryFile = path.join(files as string, "record.bin");
    fs.writeFileSync(binaryFile, binary);
    const two = await awsJson<{ ShardId: string; SequenceNumber: string }>([
      "kinesis", "put-record", "--stream-name", streamName, "--partition-key", "cli-binary", "--data", `fileb://${binaryFile}`,
    ]);
    record(two.ShardId, { sequenceNumber: two.SequenceNumber, partitionKey: "cli-binary", data: toBase64(binary) });

    const entries = Array.from({ length: 500 }, (_, i) => ({ Data: toBase64(randomData(700)), PartitionKey: `cli-${i % 101}` }));
    const recordsFile = path.join(files as string, "records.json");
    fs.writeFileSync(recordsFile, JSON.stringify(entries));
    const put = await awsJson<{ FailedRecordCount: number; Records: { ShardId: string; SequenceNumber: string; ErrorCode?: string }[] }>([
      "kinesis", "put-records", "--stream-name", streamName, "--records", `file://${recordsFile}`,
    ]);
    expect(put.FailedRecordCount).toBe(0);
    expect(put.Records).toHaveLength(500);
    put.Records.forEach((result, i) => {
      expect(result.ErrorCode).toBeUndefined();
      const entry = entries[i] as { Data: string; PartitionKey: string };
      record(result.ShardId, { sequenceNumber: result.SequenceNumber, partitionKey: entry.PartitionKey, data: storedBase64(entry.Data) });
    });

    const reads = await Promise.all(
      shards.map(async (shard) => (await readToEnd(await iterator(streamName, shard.ShardId, "TRIM_HORIZON"))).records),
    );
    let total = 0;
    shards.forEach((shard, i) => {
      const read = reads[i] as CliRecord[];
      earlier.push(...read);
      expectRecords(read, expected.get(shard.ShardId) ?? []);
      total += read.length;
    });
    expect(total).toBe(502);
  }, CLI_TEST_TIMEOUT_MS);

  // Every iterator type through the CLI. Each CLI call costs a Python start (about a second of CPU),
  // so beyond TRIM_HORIZON (every shard, above) the types take turns over the shards; the SDK tests
  // run every type on every shard.
  it("AT_SEQUENCE_NUMBER starts at a record and AFTER_SEQUENCE_NUMBER just after it", async () => {
    await Promise.all(
      shards.map(async (shard, i) => {
        const type = i % 2 === 0 ? "AT_SEQUENCE_NUMBER" : "AFTER_SEQUENCE_NUMBER";
        const onShard = expected.get(shard.ShardId) ?? [];
        const middle = Math.floor(onShard.length / 2);
        const sequenceNumber = (onShard[middle] as Expected).sequenceNumber;
        const read = await readToEnd(await iterator(streamName, shard.ShardId, type, ["--starting-sequence-number", sequenceNumber]));
        expectRecords(read.records, onShard.slice(type === "AT_SEQUENCE_NUMBER" ? middle : middle + 1));
      }),
    );
  }, CLI_TEST_TIMEOUT_MS);

  it("LATEST and AT_TIMESTAMP see exactly the records written after them", async () => {
    const latestShards = shards.filter((_, i) => i % 2 === 0);
    const timestampShards = shards.filter((_, i) => i % 2 === 1);
    const latest = await Promise.all(latestShards.map((shard) => iterator(streamName, shard.ShardId, "LATEST")));

    // One record per shard, written in a later whole second than everything before it, so that
    // AT_TIMESTAMP with that second (which every CLI version sends exactly) finds just these.
    const boundary = Math.floor(Date.now() / 1000) * 1000 + 1000;
    await sleep(boundary - Date.now() + 20);
    const entries = shards.map((shard) => ({
      Data: toBase64(randomData(300)),
      PartitionKey: "cli-late",
      ExplicitHashKey: shard.HashKeyRange.StartingHashKey,
    }));
    const recordsFile = path.join(files as string, "late.json");
    fs.writeFileSync(recordsFile, JSON.stringify(entries));
    const put = await awsJson<{ FailedRecordCount: number; Records: { ShardId: string; SequenceNumber: string }[] }>([
      "kinesis", "put-records", "--stream-name", streamName, "--records", `file://${recordsFile}`,
    ]);
    expect(put.FailedRecordCount).toBe(0);
    const added = new Map<string, Expected>();
    shards.forEach((shard, i) => {
      const result = put.Records[i] as { ShardId: string; SequenceNumber: string };
      expect(result.ShardId).toBe(shard.ShardId);
      const data = storedBase64((entries[i] as { Data: string }).Data);
      const entry = { sequenceNumber: result.SequenceNumber, partitionKey: "cli-late", data };
      record(shard.ShardId, entry);
      added.set(shard.ShardId, entry);
    });

    const timestamp = new Date(boundary).toISOString();
    await Promise.all([
      ...latestShards.map(async (shard, i) => {
        const fromLatest = await readToEnd(latest[i] as string);
        expectRecords(fromLatest.records, [added.get(shard.ShardId) as Expected]);
      }),
      ...timestampShards.map(async (shard) => {
        const fromTimestamp = await readToEnd(await iterator(streamName, shard.ShardId, "AT_TIMESTAMP", ["--timestamp", timestamp]));
        expectRecords(fromTimestamp.records, [added.get(shard.ShardId) as Expected]);
        expect(epochMs((fromTimestamp.records[0] as CliRecord).ApproximateArrivalTimestamp)).toBeGreaterThanOrEqual(boundary);
      }),
    ]);
    // Everything read before the boundary arrived before it.
    expect(earlier).toHaveLength(502);
    for (const r of earlier) expect(epochMs(r.ApproximateArrivalTimestamp)).toBeLessThan(boundary);
  }, CLI_TEST_TIMEOUT_MS);

  it("exits non-zero with the AWS error code and message on stderr", async () => {
    const [missing, longKey] = await Promise.all([
      aws(["kinesis", "put-record", "--stream-name", "e2e-cli-no-such-stream", "--partition-key", "k", "--data", "aGk="]),
      aws(["kinesis", "put-record", "--stream-name", streamName, "--partition-key", "p".repeat(257), "--data", "aGk="]),
    ]);
    for (const result of [missing, longKey]) {
      expect(result.code).not.toBe(0);
      expect(result.stdout).toBe("");
    }
    expect(missing.stderr).toContain("(ResourceNotFoundException)");
    expect(missing.stderr).toContain(`Stream e2e-cli-no-such-stream under account ${ACCOUNT} not found.`);
    expect(longKey.stderr).toContain("(ValidationException)");
    expect(longKey.stderr).toContain(
      `Value '${"p".repeat(257)}' at 'partitionKey' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
  }, CLI_TEST_TIMEOUT_MS);

  it("delete-stream removes the stream", async () => {
    const deleted = await aws(["kinesis", "delete-stream", "--stream-name", streamName]);
    expect(deleted.code, deleted.stderr).toBe(0);

    let last: CliResult | undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      last = await aws(["kinesis", "describe-stream-summary", "--stream-name", streamName]);
      if (last.code !== 0) break;
      await sleep(100);
    }
    expect(last?.code).not.toBe(0);
    expect(last?.stderr).toContain("(ResourceNotFoundException)");
    const listed = await awsJson<{ StreamNames: string[] }>(["kinesis", "list-streams"]);
    expect(listed.StreamNames).not.toContain(streamName);
  }, CLI_TEST_TIMEOUT_MS);
});
