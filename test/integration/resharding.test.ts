import { evictAllDurableObjects } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import {
  base64,
  call,
  createActiveStream,
  expectError,
  getIterator,
  ok,
  registryClock,
  shardId,
  useRegistryClock,
  type GetRecordsOutput,
  type ListShardsOutput,
  type PutRecordsOutput,
  type ShardDescription,
  type TestStream,
  type WireRecord,
} from "./client";
import { KINESIS } from "../../src/limits";

const MAX_HASH = (1n << 128n) - 1n;

interface ChildShard {
  ShardId: string;
  ParentShards: string[];
  HashKeyRange: { StartingHashKey: string; EndingHashKey: string };
}

let written = 0;

/** Puts `count` records over 8 partition keys; each record's data is its global number. */
async function put(stream: TestStream, count: number): Promise<void> {
  const records = Array.from({ length: count }, () => {
    const n = written++;
    return { PartitionKey: `key-${n % 8}`, Data: base64(String(n)) };
  });
  const output = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: records });
  expect(output.FailedRecordCount).toBe(0);
}

async function shards(stream: TestStream): Promise<ShardDescription[]> {
  return (await ok<ListShardsOutput>("ListShards", { StreamName: stream.name })).Shards;
}

async function settle(): Promise<void> {
  await useRegistryClock();
  registryClock.advance(KINESIS.updateStreamMs);
}

/** Reads a shard to its end; answers its records and, for a closed shard, its ChildShards. */
async function drain(stream: TestStream, shard: string): Promise<{ records: WireRecord[]; children: ChildShard[] | undefined }> {
  const records: WireRecord[] = [];
  let iterator: string | undefined = await getIterator(stream, shard, "TRIM_HORIZON");
  for (let calls = 0; iterator !== undefined && calls < 100; calls++) {
    const page: GetRecordsOutput & { ChildShards?: ChildShard[] } = await ok("GetRecords", { ShardIterator: iterator });
    records.push(...page.Records);
    if (page.ChildShards) return { records, children: page.ChildShards };
    if (page.Records.length === 0) break;
    iterator = page.NextShardIterator;
  }
  return { records, children: undefined };
}

/** Reads the whole stream as a KCL would: a shard only once its parents are read to their end. */
async function readFollowingLineage(stream: TestStream): Promise<number[]> {
  const all = await shards(stream);
  const done = new Set<string>();
  const seen: number[] = [];
  const lastPerKey = new Map<string, number>();
  while (done.size < all.length) {
    const ready = all.filter(
      (shard) =>
        !done.has(shard.ShardId) &&
        [shard.ParentShardId, shard.AdjacentParentShardId].every((parent) => parent === undefined || done.has(parent)),
    );
    expect(ready.length, "some shard is always ready").toBeGreaterThan(0);
    for (const shard of ready) {
      const { records, children } = await drain(stream, shard.ShardId);
      for (const record of records) {
        const n = Number(new TextDecoder().decode(Uint8Array.fromBase64(record.Data)));
        expect(n, `order of ${record.PartitionKey}`).toBeGreaterThan(lastPerKey.get(record.PartitionKey) ?? -1);
        lastPerKey.set(record.PartitionKey, n);
        seen.push(n);
      }
      const closed = shard.SequenceNumberRange.EndingSequenceNumber !== undefined;
      expect(children !== undefined, `${shard.ShardId} hands over ChildShards exactly when closed`).toBe(closed);
      done.add(shard.ShardId);
    }
  }
  return seen;
}

describe("SplitShard", () => {
  it("closes the parent and opens two children with AWS's lineage, hash ranges and sequence numbers", async () => {
    const stream = await createActiveStream(1);
    await put(stream, 20);
    const middle = (MAX_HASH / 2n).toString();
    await ok("SplitShard", { StreamName: stream.name, ShardToSplit: shardId(0), NewStartingHashKey: middle });
    const summary = await ok<{ StreamDescriptionSummary: { StreamStatus: string } }>("DescribeStreamSummary", { StreamName: stream.name });
    expect(summary.StreamDescriptionSummary.StreamStatus).toBe("UPDATING");
    await settle();

    const [parent, left, right] = await shards(stream);
    expect(parent?.SequenceNumberRange.EndingSequenceNumber).toBeDefined();
    expect(left).toMatchObject({ ShardId: shardId(1), ParentShardId: shardId(0), HashKeyRange: { StartingHashKey: "0", EndingHashKey: (MAX_HASH / 2n - 1n).toString() } });
    expect(right).toMatchObject({ ShardId: shardId(2), ParentShardId: shardId(0), HashKeyRange: { StartingHashKey: middle, EndingHashKey: MAX_HASH.toString() } });
    expect(BigInt(left?.SequenceNumberRange.StartingSequenceNumber ?? "0")).toBeGreaterThan(BigInt(parent?.SequenceNumberRange.EndingSequenceNumber ?? "0"));

    const { records, children } = await drain(stream, shardId(0));
    expect(records).toHaveLength(20);
    expect(records.at(-1)?.SequenceNumber).toBe(parent?.SequenceNumberRange.EndingSequenceNumber);
    expect(children?.map((child) => [child.ShardId, child.ParentShards])).toEqual([
      [shardId(1), [shardId(0)]],
      [shardId(2), [shardId(0)]],
    ]);
  });

  it("refuses a hash key outside the shard, a closed shard, and an unknown shard, changing nothing", async () => {
    const stream = await createActiveStream(2);
    const response = await call("SplitShard", { StreamName: stream.name, ShardToSplit: shardId(0), NewStartingHashKey: "1" });
    expectError(response, "InvalidArgumentException", /^NewStartingHashKey 1 used in SplitShard\(\) on shard shardId-000000000000 .* is not both greater than one plus the shard's StartingHashKey 0 /);
    expectError(
      await call("SplitShard", { StreamName: stream.name, ShardToSplit: shardId(7), NewStartingHashKey: "100" }),
      "ResourceNotFoundException",
      `Could not find shard ${shardId(7)} in stream ${stream.name} under account 000000000000.`,
    );
    expect(await shards(stream)).toHaveLength(2);
    await ok("SplitShard", { StreamName: stream.name, ShardToSplit: shardId(0), NewStartingHashKey: "1000" });
    await settle();
    expectError(
      await call("SplitShard", { StreamName: stream.name, ShardToSplit: shardId(0), NewStartingHashKey: "100" }),
      "InvalidArgumentException",
      `Shard ${shardId(0)} in stream ${stream.name} under account 000000000000 has already been merged or split, and thus is not eligible for merging or splitting.`,
    );
  });

  it("is refused while the stream is UPDATING", async () => {
    const stream = await createActiveStream(1);
    await ok("SplitShard", { StreamName: stream.name, ShardToSplit: shardId(0), NewStartingHashKey: "1000" });
    expectError(
      await call("SplitShard", { StreamName: stream.name, ShardToSplit: shardId(1), NewStartingHashKey: "100" }),
      "ResourceInUseException",
      `Stream ${stream.name} under account 000000000000 not ACTIVE, instead in state UPDATING`,
    );
  });
});

describe("MergeShards", () => {
  it("merges two adjacent shards into a child naming both parents", async () => {
    const stream = await createActiveStream(2);
    await ok("MergeShards", { StreamName: stream.name, ShardToMerge: shardId(0), AdjacentShardToMerge: shardId(1) });
    await settle();
    const child = (await shards(stream)).at(-1);
    expect(child).toMatchObject({
      ShardId: shardId(2),
      ParentShardId: shardId(0),
      AdjacentParentShardId: shardId(1),
      HashKeyRange: { StartingHashKey: "0", EndingHashKey: MAX_HASH.toString() },
    });
  });

  it("refuses shards that are not adjacent", async () => {
    const stream = await createActiveStream(3);
    expectError(
      await call("MergeShards", { StreamName: stream.name, ShardToMerge: shardId(0), AdjacentShardToMerge: shardId(2) }),
      "InvalidArgumentException",
      `Shards ${shardId(0)} and ${shardId(2)} in stream ${stream.name} under account 000000000000 are not an adjacent pair of shards eligible for merging`,
    );
  });
});

describe("UpdateShardCount", () => {
  it("answers the counts and leaves the key space evenly split over the target number of open shards", async () => {
    const stream = await createActiveStream(2);
    const output = await ok<{ CurrentShardCount: number; TargetShardCount: number; StreamName: string }>("UpdateShardCount", {
      StreamName: stream.name,
      TargetShardCount: 3,
      ScalingType: "UNIFORM_SCALING",
    });
    expect(output).toMatchObject({ StreamName: stream.name, CurrentShardCount: 2, TargetShardCount: 3 });
    await settle();
    const open = (await ok<ListShardsOutput>("ListShards", { StreamName: stream.name, ShardFilter: { Type: "AT_LATEST" } })).Shards;
    const third = (MAX_HASH + 1n) / 3n;
    const starts = open.map((shard) => BigInt(shard.HashKeyRange.StartingHashKey)).sort((a, b) => (a < b ? -1 : 1));
    expect(starts).toEqual([0n, third, 2n * third]);
  });

  it("refuses to more than double or less than halve the open shards", async () => {
    const stream = await createActiveStream(2);
    expectError(
      await call("UpdateShardCount", { StreamName: stream.name, TargetShardCount: 5, ScalingType: "UNIFORM_SCALING" }),
      "LimitExceededException",
      "UpdateShardCount cannot scale up over double your current open shard count. Current open shard count: 2, Target shard count: 5",
    );
    expectError(
      await call("UpdateShardCount", { StreamName: stream.name, TargetShardCount: 0, ScalingType: "UNIFORM_SCALING" }),
      "ValidationException",
      /Value '0' at 'targetShardCount' failed to satisfy constraint: Member must have value greater than or equal to 1/,
    );
  });
});

describe("reading across reshards", () => {
  it("sees every record exactly once, in order per partition key, when following the lineage", async () => {
    const stream = await createActiveStream(2);
    written = 0;
    await put(stream, 100);
    await ok("SplitShard", { StreamName: stream.name, ShardToSplit: shardId(0), NewStartingHashKey: (MAX_HASH / 4n).toString() });
    await put(stream, 100);
    await settle();
    await ok("MergeShards", { StreamName: stream.name, ShardToMerge: shardId(3), AdjacentShardToMerge: shardId(1) });
    await put(stream, 100);
    await settle();
    await ok("UpdateShardCount", { StreamName: stream.name, TargetShardCount: 4, ScalingType: "UNIFORM_SCALING" });
    await put(stream, 100);
    await settle();

    const seen = await readFollowingLineage(stream);
    expect(seen).toHaveLength(400);
    expect(new Set(seen).size).toBe(400);
  });

  it("keeps every record and the lineage when every Durable Object restarts between reshards", async () => {
    const stream = await createActiveStream(2);
    written = 0;
    await put(stream, 50);
    await ok("SplitShard", { StreamName: stream.name, ShardToSplit: shardId(1), NewStartingHashKey: ((MAX_HASH * 3n) / 4n).toString() });
    await put(stream, 50);
    await evictAllDurableObjects();
    await settle();
    await ok("MergeShards", { StreamName: stream.name, ShardToMerge: shardId(2), AdjacentShardToMerge: shardId(3) });
    await put(stream, 50);
    await evictAllDurableObjects();
    await settle();
    const seen = await readFollowingLineage(stream);
    expect(seen).toHaveLength(150);
    expect(new Set(seen).size).toBe(150);
  });

  it("routes writes made with an out-of-date view of the stream to the children", async () => {
    const stream = await createActiveStream(1);
    // The Worker caches the stream's shards for a second; the split happens inside that second.
    await put(stream, 5);
    await ok("SplitShard", { StreamName: stream.name, ShardToSplit: shardId(0), NewStartingHashKey: "1000" });
    const output = await ok<PutRecordsOutput>("PutRecords", {
      StreamName: stream.name,
      Records: [{ PartitionKey: "late", Data: base64("late") }],
    });
    expect(output.FailedRecordCount).toBe(0);
    expect(output.Records[0]).toMatchObject({ ShardId: expect.stringMatching(/^shardId-00000000000[12]$/) });
  });
});
