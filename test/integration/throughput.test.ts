import { describe, expect, it } from "vitest";
import { runInDurableObject } from "cloudflare:test";
import type { Shard } from "../../src/streams/shard";
import {
  base64,
  call,
  createActiveStream,
  expectError,
  getIterator,
  ok,
  shardId,
  shardStub,
  TestClock,
  useShardClock,
  type PutRecordsOutput,
  type TestStream,
} from "./client";

/** Turns AWS's limits on for the stream's first shard, with a frozen clock the test moves. */
async function limitedShard(stream: TestStream): Promise<TestClock> {
  const stub = shardStub(stream.id, 0);
  const clock = new TestClock();
  clock.freeze();
  await useShardClock(stub, clock);
  await runInDurableObject(stub, (instance: Shard) => {
    instance.enforceLimits = true;
  });
  return clock;
}

function records(count: number, size = 10) {
  return Array.from({ length: count }, (_, i) => ({ PartitionKey: `k${i}`, Data: base64(new Uint8Array(size)) }));
}

describe("write limits per shard", () => {
  it("takes 1,000 records a second, then refuses the rest per record with AWS's error", async () => {
    const stream = await createActiveStream(1);
    const clock = await limitedShard(stream);
    for (let i = 0; i < 2; i++) {
      const output = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: records(500) });
      expect(output.FailedRecordCount).toBe(0);
    }
    const refused = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: records(3) });
    expect(refused.FailedRecordCount).toBe(3);
    expect(refused.Records[0]).toEqual({
      ErrorCode: "ProvisionedThroughputExceededException",
      ErrorMessage: `Rate exceeded for shard ${shardId(0)} in stream ${stream.name} under account 000000000000.`,
    });
    expectError(
      await call("PutRecord", { StreamName: stream.name, PartitionKey: "k", Data: base64("x") }),
      "ProvisionedThroughputExceededException",
      `Rate exceeded for shard ${shardId(0)} in stream ${stream.name} under account 000000000000.`,
    );
    clock.advance(1000);
    const later = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: records(3) });
    expect(later.FailedRecordCount).toBe(0);
  });

  it("takes 1 MiB a second: of two 600 KiB records the second is refused, and nothing refused is stored", async () => {
    const stream = await createActiveStream(1);
    await limitedShard(stream);
    const output = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: records(2, 600 * 1024) });
    expect(output.Records.map((record) => "ErrorCode" in record)).toEqual([false, true]);
    const iterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
    const read = await ok<{ Records: unknown[] }>("GetRecords", { ShardIterator: iterator });
    expect(read.Records).toHaveLength(1);
  });

  it("counts a partition key's UTF-8 bytes: a record of exactly 1 MiB with a multibyte key fills the second", async () => {
    const stream = await createActiveStream(1);
    await limitedShard(stream);
    // 256 characters of 3 bytes each: 768 bytes of key, which with its data makes 1 MiB exactly.
    const partitionKey = "€".repeat(256);
    const full = { PartitionKey: partitionKey, Data: base64(new Uint8Array(1024 * 1024 - 768)) };
    const output = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: [full, ...records(1, 1)] });
    expect(output.Records.map((record) => "ErrorCode" in record)).toEqual([false, true]);
  });
});

describe("read limits per shard", () => {
  it("allows five GetRecords calls a second", async () => {
    const stream = await createActiveStream(1);
    const clock = await limitedShard(stream);
    const iterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
    for (let i = 0; i < 5; i++) await ok("GetRecords", { ShardIterator: iterator });
    expectError(
      await call("GetRecords", { ShardIterator: iterator }),
      "ProvisionedThroughputExceededException",
      `Rate exceeded for Shard - ${shardId(0)} in stream ${stream.name} under account 000000000000.`,
    );
    clock.advance(1000);
    await ok("GetRecords", { ShardIterator: iterator });
  });
});
