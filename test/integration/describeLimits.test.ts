import { describe, expect, it } from "vitest";
import { KINESIS } from "../../src/limits";
import {
  advanceRegistryClock,
  createActiveStream,
  ok,
  runRegistryAlarm,
  uniqueName,
  useRegistryClock,
  type DescribeLimitsOutput,
} from "./client";

async function limits(): Promise<DescribeLimitsOutput> {
  return ok<DescribeLimitsOutput>("DescribeLimits", {});
}

describe("DescribeLimits", () => {
  describe("validations", () => {
    it("ignores members it does not have", async () => {
      const output = await ok<DescribeLimitsOutput>("DescribeLimits", { StreamName: "whatever", Limit: "x" });
      expect(output.ShardLimit).toBe(KINESIS.shardLimit);
    });
  });

  describe("functionality", () => {
    it("answers the account's limits and counts", async () => {
      const output = await limits();
      expect(Object.keys(output).sort()).toEqual(["OnDemandStreamCount", "OnDemandStreamCountLimit", "OpenShardCount", "ShardLimit"]);
      expect(output.ShardLimit).toBe(500);
      expect(output.OnDemandStreamCountLimit).toBe(50);
      expect(Number.isInteger(output.OpenShardCount)).toBe(true);
      expect(Number.isInteger(output.OnDemandStreamCount)).toBe(true);
    });

    it("counts the open shards of every stream, from the moment it is created", async () => {
      await useRegistryClock();
      const before = await limits();
      await ok("CreateStream", { StreamName: uniqueName(), ShardCount: 3 });
      expect((await limits()).OpenShardCount).toBe(before.OpenShardCount + 3);
      await createActiveStream(2);
      expect((await limits()).OpenShardCount).toBe(before.OpenShardCount + 5);
      expect((await limits()).OnDemandStreamCount).toBe(before.OnDemandStreamCount);
    });

    it("counts on-demand streams and their shards", async () => {
      const before = await limits();
      await createActiveStream(undefined, { ShardCount: undefined, StreamModeDetails: { StreamMode: "ON_DEMAND" } });
      const after = await limits();
      expect(after.OnDemandStreamCount).toBe(before.OnDemandStreamCount + 1);
      expect(after.OpenShardCount).toBe(before.OpenShardCount + 4);
    });

    it("stops counting a deleted stream's shards", async () => {
      const stream = await createActiveStream(7);
      const before = await limits();
      await ok("DeleteStream", { StreamName: stream.name });
      await advanceRegistryClock(KINESIS.deleteStreamMs);
      await runRegistryAlarm();
      expect((await limits()).OpenShardCount).toBe(before.OpenShardCount - 7);
    });
  });
});
