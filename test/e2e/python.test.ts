/**
 * Python's AWS clients against the real local server, for Data Streams and Firehose: boto3 (through
 * test/e2e/python/boto3_driver.py, one python3 process that runs the calls this file sends it and
 * reports what botocore answered, retried and sent) and the aws CLI v1 (built on the same botocore).
 *
 * The server runs with AWS's throughput limits (RIVULET_THROUGHPUT_LIMITS=on), as a deployment does,
 * so that botocore meets ProvisionedThroughputExceededException as it would on AWS: its retry handler
 * retries it, and a client told not to retry sees the error itself.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  awsCliMajorVersion,
  expectStrictlyIncreasing,
  removeDir,
  runAws,
  sleep,
  startServer,
  tempDir,
  uniqueName,
  type TestServer,
} from "./helpers";

const DRIVER = new URL("./python/boto3_driver.py", import.meta.url).pathname;
const BUCKET = "rivulet-deliveries";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/firehose-delivery`;
const MAX_HASH_KEY = (1n << 128n) - 1n;
/** Every test here starts Python processes or waits on delivery: allow for a loaded machine. */
const PYTHON_TEST_TIMEOUT_MS = 180_000;

// ---------------------------------------------------------------------------------------------
// boto3, through the driver

interface ClientSpec {
  service: "kinesis" | "firehose" | "s3";
  /** botocore.config.Config's keyword arguments. */
  config?: Record<string, unknown>;
}

interface Sent {
  contentType: string | null;
  target: string | null;
}

interface Answer<T> {
  ok?: T;
  error?: { code: string; message: string; exception: string };
  status?: number;
  /** How many times botocore retried the call (ResponseMetadata.RetryAttempts). */
  retries?: number;
  /** Every HTTP request botocore sent for the call, retries included. */
  sent?: Sent[];
  failure?: string;
}

/** Bytes as the driver carries them. */
type WireBytes = { $bytes: string };
type WireTime = { $time: number };

const bytes = (data: Uint8Array | string): WireBytes => ({
  $bytes: Buffer.from(typeof data === "string" ? new TextEncoder().encode(data) : data).toString("base64"),
});
const text = (value: WireBytes): string => Buffer.from(value.$bytes, "base64").toString("utf8");

class Boto3 {
  private readonly waiting: ((line: string) => void)[] = [];
  versions: Record<string, string> = {};

  private exited: string | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on("line", (line) => this.waiting.shift()?.(line));
    // A driver that died answers nothing more: fail what waits at once, not after its timeout.
    child.on("exit", (code) => {
      this.exited = `the boto3 driver exited (${code})`;
      for (const waiter of this.waiting.splice(0)) waiter(JSON.stringify({ failure: this.exited }));
    });
  }

  static async start(): Promise<Boto3> {
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(process.env)) {
      if (value !== undefined && !name.startsWith("AWS_")) env[name] = value;
    }
    // No ~/.aws, no instance metadata: only what the driver passes.
    Object.assign(env, { AWS_CONFIG_FILE: "/dev/null", AWS_SHARED_CREDENTIALS_FILE: "/dev/null", AWS_EC2_METADATA_DISABLED: "true" });
    const child = spawn("python3", [DRIVER], { env, stdio: ["pipe", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const driver = new Boto3(child);
    const ready = JSON.parse(await driver.next(60_000, () => stderr)) as { ready?: Record<string, string>; failure?: string };
    if (!ready.ready) throw new Error(`the boto3 driver did not start: ${stderr}`);
    driver.versions = ready.ready;
    return driver;
  }

  private next(timeoutMs: number, stderr: () => string = () => ""): Promise<string> {
    return new Promise((resolve, reject) => {
      if (this.exited) return resolve(JSON.stringify({ failure: this.exited }));
      const timer = setTimeout(() => reject(new Error(`no answer from the boto3 driver in ${timeoutMs} ms ${stderr()}`)), timeoutMs);
      this.waiting.push((line) => {
        clearTimeout(timer);
        resolve(line);
      });
    });
  }

  async call<T = Record<string, unknown>>(client: ClientSpec, method: string, params: object = {}): Promise<Answer<T>> {
    const [answer] = await this.send<T>({ client: { ...client, endpoint: url() }, method, params });
    return answer as Answer<T>;
  }

  /** The same call `times` times in a row, as fast as Python makes them (faster than this file could). */
  async repeat<T = Record<string, unknown>>(client: ClientSpec, method: string, params: object, times: number): Promise<Answer<T>[]> {
    return this.send<T>({ client: { ...client, endpoint: url() }, method, params, times });
  }

  private async send<T>(call: object): Promise<Answer<T>[]> {
    const line = this.next(120_000);
    this.child.stdin.write(`${JSON.stringify(call)}\n`);
    const parsed = JSON.parse(await line) as Answer<T> & { answers?: Answer<T>[] };
    const answers = parsed.answers ?? [parsed];
    for (const answer of answers) if (answer.failure) throw new Error(`boto3: ${answer.failure}`);
    return answers;
  }

  /** A call that must succeed: its result, without ResponseMetadata. */
  async ok<T = Record<string, unknown>>(client: ClientSpec, method: string, params: object = {}): Promise<T> {
    const answer = await this.call<T>(client, method, params);
    expect(answer.error, `${method} should succeed`).toBeUndefined();
    expect(answer.status).toBe(200);
    return answer.ok as T;
  }

  close(): void {
    this.child.stdin.end();
  }
}

const KINESIS: ClientSpec = { service: "kinesis" };
/** A client that never retries: what botocore's retry handler otherwise hides. */
const KINESIS_NO_RETRIES: ClientSpec = { service: "kinesis", config: { retries: { total_max_attempts: 1 } } };
const FIREHOSE: ClientSpec = { service: "firehose" };
const S3: ClientSpec = { service: "s3", config: { s3: { addressing_style: "path" } } };

// ---------------------------------------------------------------------------------------------
// The server and the clients

let dir: string | undefined;
let server: TestServer | undefined;
let boto3: Boto3;

function url(): string {
  return (server as TestServer).url;
}

beforeAll(async () => {
  dir = tempDir("python");
  server = await startServer({ persistDir: dir, throughputLimits: "on" });
  boto3 = await Boto3.start();
});

afterAll(async () => {
  boto3?.close();
  await server?.close();
  removeDir(dir);
});

interface Shard {
  ShardId: string;
  ParentShardId?: string;
  AdjacentParentShardId?: string;
  HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
  SequenceNumberRange: { StartingSequenceNumber: string; EndingSequenceNumber?: string };
}

interface Record_ {
  SequenceNumber: string;
  ApproximateArrivalTimestamp: WireTime;
  Data: WireBytes;
  PartitionKey: string;
}

async function waitForActive(streamName: string): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    const { StreamDescriptionSummary } = await boto3.ok<{ StreamDescriptionSummary: { StreamStatus: string } }>(
      KINESIS,
      "describe_stream_summary",
      { StreamName: streamName },
    );
    if (StreamDescriptionSummary.StreamStatus === "ACTIVE") return;
    await sleep(100);
  }
  throw new Error(`${streamName} never became ACTIVE`);
}

async function iterator(streamName: string, shardId: string, type: string, extra: object = {}): Promise<string> {
  const { ShardIterator } = await boto3.ok<{ ShardIterator: string }>(KINESIS, "get_shard_iterator", {
    StreamName: streamName,
    ShardId: shardId,
    ShardIteratorType: type,
    ...extra,
  });
  return ShardIterator;
}

/** get_records until the shard has nothing more (or, for a closed shard, until it names its children). */
async function readShard(shardIterator: string): Promise<{ records: Record_[]; childShards?: { ShardId: string }[] }> {
  const records: Record_[] = [];
  let current: string | undefined = shardIterator;
  for (let call = 0; current !== undefined && call < 100; call++) {
    const page: { Records: Record_[]; NextShardIterator?: string; MillisBehindLatest: number; ChildShards?: { ShardId: string }[] } =
      await boto3.ok(KINESIS, "get_records", { ShardIterator: current });
    records.push(...page.Records);
    if (page.ChildShards) return { records, childShards: page.ChildShards };
    if (page.Records.length === 0 && page.MillisBehindLatest === 0) break;
    current = page.NextShardIterator;
  }
  return { records };
}

async function listShards(streamName: string): Promise<Shard[]> {
  return (await boto3.ok<{ Shards: Shard[] }>(KINESIS, "list_shards", { StreamName: streamName })).Shards;
}

// ---------------------------------------------------------------------------------------------
// Data Streams with boto3

describe("boto3 and Kinesis Data Streams", () => {
  const streamName = uniqueName("e2e-boto3");
  /** Records put, by the shard they went to. */
  const written = new Map<string, { sequenceNumber: string; data: string; partitionKey: string }[]>();

  it("speaks JSON 1.1 to Kinesis, the protocol this botocore's model names, and reads AWS's empty answers", async () => {
    // botocore's Kinesis model lists only "json" among its protocols (no CBOR, unlike the Java SDK).
    const created = await boto3.call(KINESIS, "create_stream", { StreamName: streamName, ShardCount: 2 });
    expect(created).toMatchObject({ status: 200, retries: 0 });
    expect(created.ok).toEqual({});
    expect(created.sent).toEqual([{ contentType: "application/x-amz-json-1.1", target: "Kinesis_20131202.CreateStream" }]);
    await waitForActive(streamName);
  });

  it("puts records one by one and in a batch, and reads every byte back, in order, with AWS's sequence numbers", async () => {
    const shards = await listShards(streamName);
    expect(shards.map((shard) => shard.ShardId)).toEqual(["shardId-000000000000", "shardId-000000000001"]);
    const before = Date.now() / 1000;
    const put = async (partitionKey: string, data: Uint8Array) => {
      const answer = await boto3.ok<{ ShardId: string; SequenceNumber: string }>(KINESIS, "put_record", {
        StreamName: streamName,
        PartitionKey: partitionKey,
        Data: bytes(data),
      });
      const list = written.get(answer.ShardId) ?? [];
      list.push({ sequenceNumber: answer.SequenceNumber, data: bytes(data).$bytes, partitionKey });
      written.set(answer.ShardId, list);
    };
    await put("first", Uint8Array.from([0, 255, 1, 254, 0x80]));
    await put("second", new TextEncoder().encode("ünïcödé"));
    const batch = Array.from({ length: 100 }, (_, i) => ({ PartitionKey: `key-${i}`, Data: Uint8Array.from({ length: 1 + (i % 50) }, (_, j) => (i * 31 + j) & 0xff) }));
    const answer = await boto3.ok<{ FailedRecordCount: number; Records: { ShardId: string; SequenceNumber: string }[] }>(KINESIS, "put_records", {
      StreamName: streamName,
      Records: batch.map((record) => ({ PartitionKey: record.PartitionKey, Data: bytes(record.Data) })),
    });
    expect(answer.FailedRecordCount).toBe(0);
    answer.Records.forEach((entry, i) => {
      const record = batch[i] as (typeof batch)[number];
      const list = written.get(entry.ShardId) ?? [];
      list.push({ sequenceNumber: entry.SequenceNumber, data: bytes(record.Data).$bytes, partitionKey: record.PartitionKey });
      written.set(entry.ShardId, list);
    });
    expect([...written.values()].flat()).toHaveLength(102);

    for (const [shardId, expected] of written) {
      const { records } = await readShard(await iterator(streamName, shardId, "TRIM_HORIZON"));
      expect(records.map((record) => record.SequenceNumber)).toEqual(expected.map((entry) => entry.sequenceNumber));
      expect(records.map((record) => record.Data.$bytes)).toEqual(expected.map((entry) => entry.data));
      expect(records.map((record) => record.PartitionKey)).toEqual(expected.map((entry) => entry.partitionKey));
      expectStrictlyIncreasing(records.map((record) => record.SequenceNumber));
      for (const record of records) {
        expect(record.SequenceNumber).toMatch(/^\d{56}$/);
        expect(record.ApproximateArrivalTimestamp.$time).toBeGreaterThanOrEqual(Math.floor(before) - 1);
        expect(record.ApproximateArrivalTimestamp.$time).toBeLessThanOrEqual(Date.now() / 1000 + 1);
      }
    }
  }, PYTHON_TEST_TIMEOUT_MS);

  it("starts iterators at and after a sequence number, at a timestamp and at the latest record", async () => {
    const [shardId, expected] = [...written.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? ["", []];
    const middle = expected[5] as { sequenceNumber: string };
    const sequenceNumbers = expected.map((entry) => entry.sequenceNumber);
    const read = async (type: string, extra: object = {}) =>
      (await readShard(await iterator(streamName, shardId, type, extra))).records.map((record) => record.SequenceNumber);
    expect(await read("AT_SEQUENCE_NUMBER", { StartingSequenceNumber: middle.sequenceNumber })).toEqual(sequenceNumbers.slice(5));
    expect(await read("AFTER_SEQUENCE_NUMBER", { StartingSequenceNumber: middle.sequenceNumber })).toEqual(sequenceNumbers.slice(6));
    expect(await read("AT_TIMESTAMP", { Timestamp: { $time: 0 } })).toEqual(sequenceNumbers);
    const latest = await iterator(streamName, shardId, "LATEST");
    const later = await boto3.ok<{ SequenceNumber: string }>(KINESIS, "put_record", {
      StreamName: streamName,
      PartitionKey: "later",
      Data: bytes("later"),
      ExplicitHashKey: shardId === "shardId-000000000000" ? "0" : MAX_HASH_KEY.toString(),
    });
    expect((await readShard(latest)).records.map((record) => record.SequenceNumber)).toEqual([later.SequenceNumber]);
  }, PYTHON_TEST_TIMEOUT_MS);

  it("describes the stream, reshards it, and follows the lineage to the children", async () => {
    const described = await boto3.ok<{ StreamDescription: { StreamStatus: string; Shards: Shard[]; HasMoreShards: boolean } }>(KINESIS, "describe_stream", {
      StreamName: streamName,
    });
    expect(described.StreamDescription).toMatchObject({ StreamStatus: "ACTIVE", HasMoreShards: false });
    const [first] = described.StreamDescription.Shards;
    expect(first?.SequenceNumberRange.StartingSequenceNumber).toMatch(/^\d{56}$/);

    // AWS reads "0" as shard 0; the answer names it canonically.
    const middle = (BigInt(first?.HashKeyRange.EndingHashKey ?? "0") + 1n) / 2n;
    const split = await boto3.call(KINESIS, "split_shard", { StreamName: streamName, ShardToSplit: "0", NewStartingHashKey: middle.toString() });
    expect(split.status).toBe(200);
    expect(split.ok).toEqual({});
    await waitForActive(streamName);
    const updated = await boto3.ok(KINESIS, "update_shard_count", { StreamName: streamName, TargetShardCount: 4, ScalingType: "UNIFORM_SCALING" });
    expect(updated).toMatchObject({ StreamName: streamName, CurrentShardCount: 3, TargetShardCount: 4 });
    await waitForActive(streamName);

    const shards = await listShards(streamName);
    const open = shards.filter((shard) => shard.SequenceNumberRange.EndingSequenceNumber === undefined);
    expect(open).toHaveLength(4);
    const children = shards.filter((shard) => shard.ParentShardId === "shardId-000000000000");
    expect(children.map((shard) => shard.ShardId)).toEqual(["shardId-000000000002", "shardId-000000000003"]);
    // The parent, read to its end, hands its readers on to its children.
    const parent = await readShard(await iterator(streamName, "shardId-000000000000", "TRIM_HORIZON"));
    const before = (written.get("shardId-000000000000") ?? []).map((entry) => entry.sequenceNumber);
    expect(parent.records.slice(0, before.length).map((record) => record.SequenceNumber)).toEqual(before);
    expect(parent.childShards?.map((child) => child.ShardId)).toEqual(["shardId-000000000002", "shardId-000000000003"]);
    // Its EndingSequenceNumber is its last record's.
    const closed = shards.find((shard) => shard.ShardId === "shardId-000000000000");
    expect(closed?.SequenceNumberRange.EndingSequenceNumber).toBe(parent.records.at(-1)?.SequenceNumber);
  }, PYTHON_TEST_TIMEOUT_MS);

  it("adds, lists and removes tags, and refuses what AWS refuses", async () => {
    const added = await boto3.call(KINESIS, "add_tags_to_stream", { StreamName: streamName, Tags: { team: "data", "cost center": "42" } });
    expect(added.status).toBe(200);
    expect(added.ok).toEqual({});
    const listed = await boto3.ok<{ Tags: { Key: string; Value: string }[]; HasMoreTags: boolean }>(KINESIS, "list_tags_for_stream", { StreamName: streamName });
    expect(listed).toEqual({ Tags: [{ Key: "cost center", Value: "42" }, { Key: "team", Value: "data" }], HasMoreTags: false });
    await boto3.ok(KINESIS, "remove_tags_from_stream", { StreamName: streamName, TagKeys: ["team"] });
    const refused = await boto3.call(KINESIS, "add_tags_to_stream", { StreamName: streamName, Tags: { "tab\there": "x" } });
    expect(refused).toMatchObject({
      status: 400,
      error: {
        code: "InvalidArgumentException",
        exception: "InvalidArgumentException",
        message: "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.",
      },
    });
    expect((await boto3.ok<{ Tags: unknown[] }>(KINESIS, "list_tags_for_stream", { StreamName: streamName })).Tags).toEqual([{ Key: "cost center", Value: "42" }]);
  }, PYTHON_TEST_TIMEOUT_MS);

  it("raises AWS's errors as botocore's modelled exceptions", async () => {
    const missing = uniqueName("e2e-boto3-missing");
    expect(await boto3.call(KINESIS, "describe_stream_summary", { StreamName: missing })).toMatchObject({
      status: 400,
      retries: 0,
      error: { code: "ResourceNotFoundException", exception: "ResourceNotFoundException", message: `Stream ${missing} under account ${ACCOUNT} not found.` },
    });
    expect(await boto3.call(KINESIS, "get_shard_iterator", { StreamName: streamName, ShardId: "shardId-9", ShardIteratorType: "LATEST" })).toMatchObject({
      status: 400,
      error: {
        code: "ResourceNotFoundException",
        message: `Shard shardId-000000000009 in stream ${streamName} under account ${ACCOUNT} does not exist`,
      },
    });
    const badIterator = await boto3.call(KINESIS, "get_records", { ShardIterator: "not-an-iterator" });
    expect(badIterator).toMatchObject({ status: 400, error: { code: "InvalidArgumentException", exception: "InvalidArgumentException" } });
    // botocore validates types and lengths, not patterns or ranges: the server's answer reaches the user.
    const invalidKey = await boto3.call(KINESIS, "put_record", { StreamName: streamName, PartitionKey: "k", Data: bytes("x"), ExplicitHashKey: (1n << 128n).toString() });
    expect(invalidKey).toMatchObject({
      status: 400,
      error: {
        code: "InvalidArgumentException",
        message: `Invalid ExplicitHashKey. ExplicitHashKey must be in the range: [0, 2^128-1]. Specified value was ${1n << 128n}`,
      },
    });
  }, PYTHON_TEST_TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------------
// Throttling, as botocore handles it

describe("boto3 and Kinesis's throughput limits", () => {
  const streamName = uniqueName("e2e-boto3-limits");
  /** Just under a shard's 1 MiB a second: two in a row exceed it. */
  const large = bytes(new Uint8Array(1000 * 1024).fill(7));

  beforeAll(async () => {
    await boto3.ok(KINESIS, "create_stream", { StreamName: streamName, ShardCount: 1 });
    await waitForActive(streamName);
  });

  it("retries ProvisionedThroughputExceededException, so a user sees a slower call that succeeds", async () => {
    const [first, second] = await boto3.repeat<{ SequenceNumber: string }>(KINESIS, "put_record", { StreamName: streamName, PartitionKey: "a", Data: large }, 2);
    expect(first).toMatchObject({ status: 200, retries: 0 });
    expect(second?.error).toBeUndefined();
    expect(second?.status).toBe(200);
    expect(second?.retries).toBeGreaterThanOrEqual(1);
    expect(second?.sent).toHaveLength((second?.retries ?? 0) + 1);

    // Reads: five GetRecords calls a second per shard; botocore retries the rest.
    const shardIterator = await iterator(streamName, "shardId-000000000000", "LATEST");
    const reads = await boto3.repeat(KINESIS, "get_records", { ShardIterator: shardIterator }, 12);
    expect(reads.filter((answer) => answer.error !== undefined)).toEqual([]);
    expect(reads.reduce((sum, answer) => sum + (answer.retries ?? 0), 0)).toBeGreaterThanOrEqual(1);
  }, PYTHON_TEST_TIMEOUT_MS);

  it("raises it, with AWS's message, to a client that does not retry", async () => {
    await sleep(1500); // the shard's budgets refill
    const [first, throttled] = await boto3.repeat(KINESIS_NO_RETRIES, "put_record", { StreamName: streamName, PartitionKey: "a", Data: large }, 2);
    expect(first).toMatchObject({ status: 200 });
    expect(throttled).toMatchObject({
      status: 400,
      retries: 0,
      error: {
        code: "ProvisionedThroughputExceededException",
        exception: "ProvisionedThroughputExceededException",
        message: `Rate exceeded for shard shardId-000000000000 in stream ${streamName} under account ${ACCOUNT}.`,
      },
    });
    expect(throttled?.sent).toHaveLength(1);

    const shardIterator = await iterator(streamName, "shardId-000000000000", "LATEST");
    const reads = await boto3.repeat(KINESIS_NO_RETRIES, "get_records", { ShardIterator: shardIterator }, 12);
    const refused = reads.filter((answer) => answer.error !== undefined);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]).toMatchObject({
      status: 400,
      error: {
        code: "ProvisionedThroughputExceededException",
        exception: "ProvisionedThroughputExceededException",
        message: `Rate exceeded for Shard - shardId-000000000000 in stream ${streamName} under account ${ACCOUNT}.`,
      },
    });
  }, PYTHON_TEST_TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------------
// Firehose with boto3, delivered objects read back with boto3's S3 client

describe("boto3 and Firehose", () => {
  it("creates a delivery stream, puts records singly and in a batch, and boto3's S3 client reads them delivered", async () => {
    const name = uniqueName("e2e-boto3-hose");
    const prefix = `e2e/${name}/`;
    const created = await boto3.call<{ DeliveryStreamARN: string }>(FIREHOSE, "create_delivery_stream", {
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE_ARN,
        BucketARN: `arn:aws:s3:::${BUCKET}`,
        Prefix: prefix,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
      },
    });
    expect(created).toMatchObject({ status: 200, ok: { DeliveryStreamARN: `arn:aws:firehose:us-east-1:${ACCOUNT}:deliverystream/${name}` } });
    expect(created.sent).toEqual([{ contentType: "application/x-amz-json-1.1", target: "Firehose_20150804.CreateDeliveryStream" }]);

    let status = "";
    for (let attempt = 0; attempt < 100 && status !== "ACTIVE"; attempt++) {
      const described = await boto3.ok<{ DeliveryStreamDescription: { DeliveryStreamStatus: string; Destinations: unknown[] } }>(
        FIREHOSE,
        "describe_delivery_stream",
        { DeliveryStreamName: name },
      );
      status = described.DeliveryStreamDescription.DeliveryStreamStatus;
      expect(described.DeliveryStreamDescription.Destinations).toHaveLength(1);
      if (status !== "ACTIVE") await sleep(100);
    }
    expect(status).toBe("ACTIVE");

    const lines = Array.from({ length: 60 }, (_, i) => `${JSON.stringify({ i, name, text: "ü" })}\n`);
    const single = await boto3.ok<{ RecordId: string }>(FIREHOSE, "put_record", { DeliveryStreamName: name, Record: { Data: bytes(lines[0] ?? "") } });
    expect(single.RecordId).toMatch(/^.{1,}$/);
    const batch = await boto3.ok<{ FailedPutCount: number; RequestResponses: { RecordId: string }[] }>(FIREHOSE, "put_record_batch", {
      DeliveryStreamName: name,
      Records: lines.slice(1).map((line) => ({ Data: bytes(line) })),
    });
    expect(batch.FailedPutCount).toBe(0);
    expect(new Set(batch.RequestResponses.map((entry) => entry.RecordId)).size).toBe(lines.length - 1);

    // Delivery runs through the queue: wait until every record has landed.
    let delivered: string[] = [];
    for (let attempt = 0; attempt < 120 && delivered.length < lines.length; attempt++) {
      if (attempt > 0) await sleep(500);
      const listing = await boto3.ok<{ Contents?: { Key: string; Size: number }[] }>(S3, "list_objects_v2", { Bucket: BUCKET, Prefix: prefix });
      delivered = [];
      for (const object of listing.Contents ?? []) {
        expect(object.Key).toMatch(new RegExp(`^${prefix}\\d{4}/\\d{2}/\\d{2}/\\d{2}/${name}-1-`));
        const got = await boto3.ok<{ Body: WireBytes; ContentLength: number }>(S3, "get_object", { Bucket: BUCKET, Key: object.Key });
        expect(got.ContentLength).toBe(object.Size);
        delivered.push(...text(got.Body).split(/(?<=\n)/));
      }
    }
    expect([...delivered].sort()).toEqual([...lines].sort());
  }, PYTHON_TEST_TIMEOUT_MS);
});

// ---------------------------------------------------------------------------------------------
// The aws CLI v1 (botocore underneath) for what the CLI tests elsewhere do not cover

describe("the aws CLI and Kinesis Data Streams", () => {
  const options = () => ({ url: url(), accessKeyId: "AKIDE2EPYCLI", secretAccessKey: "e2e-py-cli-secret" });

  async function aws<T = Record<string, unknown>>(args: string[]): Promise<T | undefined> {
    const result = await runAws(args, options());
    if (result.code !== 0) throw new Error(`aws ${args.join(" ")} exited ${result.code}: ${result.stderr}`);
    return result.stdout.trim() === "" ? undefined : (JSON.parse(result.stdout) as T);
  }

  it("reshards, describes and tags a stream, answering nothing where AWS answers nothing", async () => {
    expect(await awsCliMajorVersion()).toBeGreaterThanOrEqual(1);
    const name = uniqueName("e2e-pycli");
    expect(await aws(["kinesis", "create-stream", "--stream-name", name, "--shard-count", "2"])).toBeUndefined();
    await waitForActive(name);
    // AWS's short shard ids are taken.
    expect(await aws(["kinesis", "split-shard", "--stream-name", name, "--shard-to-split", "1", "--new-starting-hash-key", ((MAX_HASH_KEY / 4n) * 3n).toString()])).toBeUndefined();
    await waitForActive(name);
    const described = await aws<{ StreamDescription: { Shards: Shard[] } }>(["kinesis", "describe-stream", "--stream-name", name]);
    expect(described?.StreamDescription.Shards.map((shard) => [shard.ShardId, shard.ParentShardId ?? null])).toEqual([
      ["shardId-000000000000", null],
      ["shardId-000000000001", null],
      ["shardId-000000000002", "shardId-000000000001"],
      ["shardId-000000000003", "shardId-000000000001"],
    ]);
    expect(await aws(["kinesis", "merge-shards", "--stream-name", name, "--shard-to-merge", "shardId-2", "--adjacent-shard-to-merge", "shardId-3"])).toBeUndefined();
    await waitForActive(name);

    expect(await aws(["kinesis", "add-tags-to-stream", "--stream-name", name, "--tags", "team=data,env=test"])).toBeUndefined();
    expect(await aws(["kinesis", "list-tags-for-stream", "--stream-name", name])).toEqual({
      Tags: [{ Key: "env", Value: "test" }, { Key: "team", Value: "data" }],
      HasMoreTags: false,
    });

    const missing = await runAws(["kinesis", "get-shard-iterator", "--stream-name", name, "--shard-id", "9", "--shard-iterator-type", "LATEST"], options());
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain("(ResourceNotFoundException)");
    expect(missing.stderr).toContain(`Shard shardId-000000000009 in stream ${name} under account ${ACCOUNT} does not exist`);
    expect(await aws(["kinesis", "delete-stream", "--stream-name", name])).toBeUndefined();
  }, PYTHON_TEST_TIMEOUT_MS);
});
