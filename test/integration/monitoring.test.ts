/** EnableEnhancedMonitoring and DisableEnhancedMonitoring: kept per stream, shown by DescribeStream(Summary). */
import { describe, expect, it } from "vitest";
import { KINESIS } from "../../src/limits";
import {
  createActiveStream,
  expectFailure,
  expectValidation,
  ok,
  registryClock,
  streamArn,
  streamNotFound,
  uniqueName,
  useRegistryClock,
  violation,
  NOT_NULL,
  type DescribeStreamOutput,
  type DescribeStreamSummaryOutput,
  type TestStream,
} from "./client";

interface EnhancedMonitoringOutput {
  StreamName: string;
  StreamARN: string;
  CurrentShardLevelMetrics: string[];
  DesiredShardLevelMetrics: string[];
}

const ALL = [
  "IncomingBytes",
  "IncomingRecords",
  "OutgoingBytes",
  "OutgoingRecords",
  "WriteProvisionedThroughputExceeded",
  "ReadProvisionedThroughputExceeded",
  "IteratorAgeMilliseconds",
];

async function change(operation: string, stream: TestStream, metrics: string[]): Promise<EnhancedMonitoringOutput> {
  const output = await ok<EnhancedMonitoringOutput>(operation, { StreamName: stream.name, ShardLevelMetrics: metrics });
  await useRegistryClock();
  registryClock.advance(KINESIS.updateStreamMs);
  return output;
}

async function shown(stream: TestStream): Promise<string[]> {
  const described = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: stream.name });
  const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name });
  expect(summary.StreamDescriptionSummary.EnhancedMonitoring).toEqual(described.StreamDescription.EnhancedMonitoring);
  expect(described.StreamDescription.EnhancedMonitoring).toHaveLength(1);
  return described.StreamDescription.EnhancedMonitoring[0]?.ShardLevelMetrics ?? [];
}

describe("enhanced monitoring", () => {
  describe("validations", () => {
    it("requires ShardLevelMetrics, from AWS's list, 1 to 7 of them", async () => {
      await expectValidation("EnableEnhancedMonitoring", { StreamName: "s" }, violation(null, "shardLevelMetrics", NOT_NULL));
      await expectValidation(
        "DisableEnhancedMonitoring",
        { StreamName: "s", ShardLevelMetrics: [] },
        violation("[]", "shardLevelMetrics", "Member must have length greater than or equal to 1"),
      );
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      await expectFailure(
        "EnableEnhancedMonitoring",
        { StreamName: name, ShardLevelMetrics: ["IncomingBytes"] },
        "ResourceNotFoundException",
        streamNotFound(name),
      );
    });

    it("refuses a change while the stream is UPDATING", async () => {
      const stream = await createActiveStream(1);
      await ok("EnableEnhancedMonitoring", { StreamName: stream.name, ShardLevelMetrics: ["IncomingBytes"] });
      await expectFailure(
        "DisableEnhancedMonitoring",
        { StreamName: stream.name, ShardLevelMetrics: ["IncomingBytes"] },
        "ResourceInUseException",
        `Stream ${stream.name} under account 000000000000 not ACTIVE, instead in state UPDATING`,
      );
    });
  });

  describe("functionality", () => {
    it("answers the metrics before and after, and DescribeStream shows them", async () => {
      const stream = await createActiveStream(1);
      expect(await shown(stream)).toEqual([]);
      const enabled = await ok<EnhancedMonitoringOutput>("EnableEnhancedMonitoring", {
        StreamARN: stream.arn,
        ShardLevelMetrics: ["OutgoingBytes", "IncomingBytes"],
      });
      expect(enabled).toEqual({
        StreamName: stream.name,
        StreamARN: streamArn(stream.name),
        CurrentShardLevelMetrics: [],
        DesiredShardLevelMetrics: ["IncomingBytes", "OutgoingBytes"],
      });
      const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name });
      expect(summary.StreamDescriptionSummary.StreamStatus).toBe("UPDATING");
      await useRegistryClock();
      registryClock.advance(KINESIS.updateStreamMs);
      expect(await shown(stream)).toEqual(["IncomingBytes", "OutgoingBytes"]);

      const more = await change("EnableEnhancedMonitoring", stream, ["IteratorAgeMilliseconds", "IncomingBytes"]);
      expect(more.CurrentShardLevelMetrics).toEqual(["IncomingBytes", "OutgoingBytes"]);
      expect(more.DesiredShardLevelMetrics).toEqual(["IncomingBytes", "OutgoingBytes", "IteratorAgeMilliseconds"]);

      const fewer = await change("DisableEnhancedMonitoring", stream, ["OutgoingBytes"]);
      expect(fewer.CurrentShardLevelMetrics).toEqual(["IncomingBytes", "OutgoingBytes", "IteratorAgeMilliseconds"]);
      expect(fewer.DesiredShardLevelMetrics).toEqual(["IncomingBytes", "IteratorAgeMilliseconds"]);
      expect(await shown(stream)).toEqual(["IncomingBytes", "IteratorAgeMilliseconds"]);
    });

    it("takes ALL as every metric, both ways", async () => {
      const stream = await createActiveStream(1);
      const all = await change("EnableEnhancedMonitoring", stream, ["ALL"]);
      expect(all.DesiredShardLevelMetrics).toEqual(ALL);
      expect(await shown(stream)).toEqual(ALL);
      const none = await change("DisableEnhancedMonitoring", stream, ["ALL"]);
      expect(none.CurrentShardLevelMetrics).toEqual(ALL);
      expect(none.DesiredShardLevelMetrics).toEqual([]);
      expect(await shown(stream)).toEqual([]);
    });

    it("leaves the stream ACTIVE when nothing changes", async () => {
      const stream = await createActiveStream(1);
      const output = await ok<EnhancedMonitoringOutput>("DisableEnhancedMonitoring", {
        StreamName: stream.name,
        ShardLevelMetrics: ["IncomingRecords"],
      });
      expect(output.DesiredShardLevelMetrics).toEqual([]);
      const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name });
      expect(summary.StreamDescriptionSummary.StreamStatus).toBe("ACTIVE");
    });
  });
});
