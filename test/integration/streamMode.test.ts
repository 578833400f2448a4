import { describe, expect, it } from "vitest";
import { KINESIS } from "../../src/limits";
import {
  base64,
  createActiveStream,
  ok,
  registryClock,
  shardStub,
  TestClock,
  useRegistryClock,
  useShardClock,
  type DescribeStreamSummaryOutput,
  type PutRecordsOutput,
} from "./client";

async function summary(name: string) {
  return (await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: name })).StreamDescriptionSummary;
}

describe("stream modes", () => {
  it("creates on-demand streams with four shards", async () => {
    const stream = await createActiveStream(undefined, { ShardCount: undefined, StreamModeDetails: { StreamMode: "ON_DEMAND" } });
    const described = await summary(stream.name);
    expect(described.StreamModeDetails).toEqual({ StreamMode: "ON_DEMAND" });
    expect(described.OpenShardCount).toBe(4);
  });

  it("switches a stream between PROVISIONED and ON_DEMAND", async () => {
    const stream = await createActiveStream(1);
    await ok("UpdateStreamMode", { StreamARN: stream.arn, StreamModeDetails: { StreamMode: "ON_DEMAND" } });
    expect((await summary(stream.name)).StreamStatus).toBe("UPDATING");
    await useRegistryClock();
    registryClock.advance(KINESIS.updateStreamMs);
    expect(await summary(stream.name)).toMatchObject({ StreamStatus: "ACTIVE", StreamModeDetails: { StreamMode: "ON_DEMAND" } });
  });

  it("lets an on-demand stream add a shard by itself when one runs near capacity", async () => {
    const stream = await createActiveStream(1);
    await ok("UpdateStreamMode", { StreamARN: stream.arn, StreamModeDetails: { StreamMode: "ON_DEMAND" } });
    await useRegistryClock();
    registryClock.advance(KINESIS.updateStreamMs);
    const clock = new TestClock();
    clock.freeze();
    await useShardClock(shardStub(stream.id, 0), clock);
    // 1,000 records a second for several seconds: the shard's whole write capacity.
    for (let second = 0; second < KINESIS.onDemandWindowSeconds + 1; second++) {
      for (let i = 0; i < 2; i++) {
        const records = Array.from({ length: 500 }, (_, n) => ({ PartitionKey: `k${n}`, Data: base64("x") }));
        const output = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: records });
        expect(output.FailedRecordCount).toBe(0);
      }
      clock.advance(1000);
    }
    let open = 1;
    for (let attempt = 0; attempt < 50 && open === 1; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      open = (await summary(stream.name)).OpenShardCount;
    }
    expect(open).toBe(2);
  });

  it("leaves provisioned streams at the shard count they were given", async () => {
    const stream = await createActiveStream(1);
    const clock = new TestClock();
    clock.freeze();
    await useShardClock(shardStub(stream.id, 0), clock);
    for (let second = 0; second < KINESIS.onDemandWindowSeconds + 1; second++) {
      const records = Array.from({ length: 500 }, (_, n) => ({ PartitionKey: `k${n}`, Data: base64("x") }));
      await ok("PutRecords", { StreamName: stream.name, Records: records });
      await ok("PutRecords", { StreamName: stream.name, Records: records });
      clock.advance(1000);
    }
    expect((await summary(stream.name)).OpenShardCount).toBe(1);
  });
});
