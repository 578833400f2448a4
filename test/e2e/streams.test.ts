/**
 * The rest of Data Streams end to end, through the unmodified SDK against the real local server:
 * resharding while a producer writes, enhanced fan-out (SubscribeToShard over HTTP/2), a CBOR
 * client, and AWS's throughput limits (this server enforces them, as a deployment does).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  MergeShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  RegisterStreamConsumerCommand,
  SplitShardCommand,
  SubscribeToShardCommand,
  UpdateShardCountCommand,
  type KinesisClient,
  type Shard,
} from "@aws-sdk/client-kinesis";
import { cbor } from "@smithy/core/cbor";
import { HttpRequest } from "@smithy/core/protocols";
import { Sha256Js } from "@smithy/core/checksum";
import { SignatureV4 } from "@smithy/signature-v4";
import {
  ANY_CREDENTIALS,
  createActiveStream,
  expectAwsError,
  kinesisClient,
  MAX_HASH_KEY,
  REGION,
  removeDir,
  sleep,
  startServer,
  tempDir,
  uniqueName,
  waitForActive,
  type TestServer,
} from "./helpers";

let server: TestServer;
let client: KinesisClient;

beforeAll(async () => {
  server = await startServer({ persistDir: tempDir("streams"), throughputLimits: "on" });
  client = kinesisClient(server.url);
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
  removeDir(server?.persistDir);
});

const text = (data: Uint8Array | undefined) => new TextDecoder().decode(data);

/** Every record of the stream, read as the KCL reads: a shard only after its parents are done. */
async function readFollowingLineage(streamName: string): Promise<{ partitionKey: string; n: number }[]> {
  const shards: Shard[] = (await client.send(new ListShardsCommand({ StreamName: streamName }))).Shards ?? [];
  const done = new Set<string>();
  const seen: { partitionKey: string; n: number }[] = [];
  while (done.size < shards.length) {
    const ready = shards.filter(
      (shard) =>
        shard.ShardId !== undefined &&
        !done.has(shard.ShardId) &&
        [shard.ParentShardId, shard.AdjacentParentShardId].every((parent) => parent === undefined || done.has(parent)),
    );
    expect(ready.length).toBeGreaterThan(0);
    for (const shard of ready) {
      let iterator = (
        await client.send(new GetShardIteratorCommand({ StreamName: streamName, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }))
      ).ShardIterator;
      while (iterator) {
        const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator }));
        for (const record of page.Records ?? []) seen.push({ partitionKey: record.PartitionKey ?? "", n: Number(text(record.Data)) });
        if (page.ChildShards !== undefined && page.ChildShards.length > 0) break;
        if ((page.Records ?? []).length === 0 && shard.SequenceNumberRange?.EndingSequenceNumber === undefined) break;
        iterator = page.NextShardIterator;
        await sleep(210); // this server enforces five GetRecords calls a second per shard
      }
      done.add(shard.ShardId ?? "");
    }
  }
  return seen;
}

describe("resharding while a producer writes", () => {
  it("loses nothing, duplicates nothing and keeps order per partition key for a reader following the lineage", async () => {
    const name = uniqueName("reshard");
    await createActiveStream(client, name, 2);
    let written = 0;
    let producing = true;
    const producer = (async () => {
      while (producing) {
        const records = Array.from({ length: 20 }, () => {
          const n = written++;
          return { PartitionKey: `key-${n % 10}`, Data: new TextEncoder().encode(String(n)) };
        });
        const output = await client.send(new PutRecordsCommand({ StreamName: name, Records: records }));
        expect(output.FailedRecordCount).toBe(0);
        await sleep(20);
      }
    })();
    await sleep(300);
    await client.send(new SplitShardCommand({ StreamName: name, ShardToSplit: "shardId-000000000000", NewStartingHashKey: (MAX_HASH_KEY / 4n).toString() }));
    await waitForActive(client, name);
    await sleep(300);
    await client.send(new MergeShardsCommand({ StreamName: name, ShardToMerge: "shardId-000000000003", AdjacentShardToMerge: "shardId-000000000001" }));
    await waitForActive(client, name);
    await sleep(300);
    await client.send(new UpdateShardCountCommand({ StreamName: name, TargetShardCount: 3, ScalingType: "UNIFORM_SCALING" }));
    await waitForActive(client, name);
    await sleep(300);
    producing = false;
    await producer;

    const seen = await readFollowingLineage(name);
    expect(seen).toHaveLength(written);
    expect(new Set(seen.map((record) => record.n)).size).toBe(written);
    const last = new Map<string, number>();
    for (const { partitionKey, n } of seen) {
      expect(n, `order of ${partitionKey}`).toBeGreaterThan(last.get(partitionKey) ?? -1);
      last.set(partitionKey, n);
    }
  });
});

describe("enhanced fan-out", () => {
  it("pushes records to a SubscribeToShard consumer as they are put", async () => {
    const name = uniqueName("efo");
    const [shard] = await createActiveStream(client, name, 1);
    const { StreamDescriptionSummary } = await client.send(new DescribeStreamSummaryCommand({ StreamName: name }));
    const { Consumer } = await client.send(new RegisterStreamConsumerCommand({ StreamARN: StreamDescriptionSummary?.StreamARN, ConsumerName: "e2e" }));
    for (let i = 0; i < 100; i++) {
      const status = (await client.send(new DescribeStreamConsumerCommand({ ConsumerARN: Consumer?.ConsumerARN }))).ConsumerDescription?.ConsumerStatus;
      if (status === "ACTIVE") break;
      await sleep(100);
    }
    const subscription = await client.send(
      new SubscribeToShardCommand({ ConsumerARN: Consumer?.ConsumerARN, ShardId: shard?.ShardId, StartingPosition: { Type: "LATEST" } }),
    );
    const producer = (async () => {
      await sleep(200);
      for (let i = 0; i < 20; i++) {
        await client.send(new PutRecordCommand({ StreamName: name, PartitionKey: "p", Data: new TextEncoder().encode(`live-${i}`) }));
      }
    })();
    const received: string[] = [];
    let lastContinuation = "";
    for await (const event of subscription.EventStream ?? []) {
      const records = event.SubscribeToShardEvent?.Records ?? [];
      received.push(...records.map((record) => text(record.Data)));
      lastContinuation = event.SubscribeToShardEvent?.ContinuationSequenceNumber ?? lastContinuation;
      if (received.length >= 20) break;
    }
    await producer;
    expect(received).toEqual(Array.from({ length: 20 }, (_, i) => `live-${i}`));
    expect(lastContinuation).toMatch(/^\d+$/);
  });
});

describe("a CBOR client", () => {
  /** Sends a CBOR request signed as the Java SDK signs it, and decodes the CBOR answer. */
  async function cborCall(operation: string, input: object): Promise<{ status: number; body: Record<string, unknown> }> {
    const url = new URL(server.url);
    const body = cbor.serialize(input);
    const request = new HttpRequest({
      method: "POST",
      protocol: "http:",
      hostname: url.hostname,
      port: Number(url.port),
      path: "/",
      headers: {
        host: url.host,
        "content-type": "application/x-amz-cbor-1.1",
        "x-amz-target": `Kinesis_20131202.${operation}`,
      },
      body,
    });
    const signer = new SignatureV4({ service: "kinesis", region: REGION, credentials: ANY_CREDENTIALS, sha256: Sha256Js });
    const signed = await signer.sign(request);
    const response = await fetch(server.url, { method: "POST", headers: signed.headers as Record<string, string>, body });
    expect(response.headers.get("content-type")).toBe("application/x-amz-cbor-1.1");
    return { status: response.status, body: cbor.deserialize(new Uint8Array(await response.arrayBuffer())) as Record<string, unknown> };
  }

  it("writes and reads records in CBOR, blobs as byte strings and timestamps as epoch milliseconds", async () => {
    const name = uniqueName("cbor");
    await createActiveStream(client, name, 1);
    const data = new Uint8Array([0, 1, 2, 253, 254, 255]);
    const put = await cborCall("PutRecord", { StreamName: name, PartitionKey: "k", Data: data });
    expect(put.status).toBe(200);
    expect(put.body.ShardId).toBe("shardId-000000000000");
    const iterator = await cborCall("GetShardIterator", { StreamName: name, ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" });
    const read = await cborCall("GetRecords", { ShardIterator: iterator.body.ShardIterator });
    const [record] = read.body.Records as { Data: Uint8Array; SequenceNumber: string; ApproximateArrivalTimestamp: { tag: number; value: number } }[];
    expect(Array.from(record?.Data ?? [])).toEqual(Array.from(data));
    expect(record?.SequenceNumber).toBe(put.body.SequenceNumber);
    expect(record?.ApproximateArrivalTimestamp.tag).toBe(1);
    expect(Math.abs((record?.ApproximateArrivalTimestamp.value ?? 0) - Date.now())).toBeLessThan(60_000);

    const missing = await cborCall("DescribeStream", { StreamName: `${name}-missing` });
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ __type: "ResourceNotFoundException", message: `Stream ${name}-missing under account 000000000000 not found.` });
  });
});

describe("throughput limits", () => {
  it("refuses records over a shard's 1,000 a second with ProvisionedThroughputExceededException", async () => {
    const name = uniqueName("limits");
    await createActiveStream(client, name, 1);
    const message = `Rate exceeded for shard shardId-000000000000 in stream ${name} under account 000000000000.`;
    const batch = Array.from({ length: 500 }, (_, i) => ({ PartitionKey: `k${i}`, Data: new Uint8Array(1) }));
    // 2,000 records at once: twice a second's worth, however the calls interleave. The exact limits,
    // PutRecord's own error and the read limits, with time moved by the tests, are in
    // test/integration/throughput.test.ts.
    const outputs = await Promise.all([0, 1, 2, 3].map(() => client.send(new PutRecordsCommand({ StreamName: name, Records: batch }))));
    const records = outputs.flatMap((output) => output.Records ?? []);
    const refused = records.filter((record) => record.ErrorCode !== undefined);
    expect(refused.length).toBeGreaterThan(0);
    for (const record of refused) expect(record).toEqual({ ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: message });
    expect(outputs.reduce((sum, output) => sum + (output.FailedRecordCount ?? 0), 0)).toBe(refused.length);
  });
});
