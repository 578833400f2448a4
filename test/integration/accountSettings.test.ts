/**
 * DescribeAccountSettings, UpdateAccountSettings (MinimumThroughputBillingCommitment) and what the
 * commitment unlocks: warm throughput for on-demand streams (UpdateStreamWarmThroughput, CreateStream,
 * UpdateStreamMode, DescribeStreamSummary).
 *
 * The commitment is per account and region, and this file's tests share the account: each test
 * leaves it as the next one expects (the first one starts from an account that never had one).
 */
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
  type DescribeStreamSummaryOutput,
  type TestStream,
} from "./client";

interface Commitment {
  Status: string;
  StartedAt?: number;
  EndedAt?: number;
  EarliestAllowedEndAt?: number;
}

interface AccountSettingsOutput {
  MinimumThroughputBillingCommitment: Commitment;
}

const DAY_SECONDS = 86_400;

async function commitment(): Promise<Commitment> {
  return (await ok<AccountSettingsOutput>("DescribeAccountSettings", {})).MinimumThroughputBillingCommitment;
}

async function update(status: "ENABLED" | "DISABLED"): Promise<Commitment> {
  const output = await ok<AccountSettingsOutput>("UpdateAccountSettings", { MinimumThroughputBillingCommitment: { Status: status } });
  return output.MinimumThroughputBillingCommitment;
}

/** Ends any commitment for good: disable, then let the earliest allowed end pass. */
async function noCommitment(): Promise<void> {
  await useRegistryClock();
  await update("DISABLED");
  registryClock.advance(KINESIS.minimumCommitmentMs);
  expect((await commitment()).Status).toBe("DISABLED");
}

async function settle(): Promise<void> {
  await useRegistryClock();
  registryClock.advance(KINESIS.updateStreamMs);
}

async function summary(stream: TestStream) {
  return (await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name })).StreamDescriptionSummary as
    DescribeStreamSummaryOutput["StreamDescriptionSummary"] & { WarmThroughput?: { TargetMiBps?: number; CurrentMiBps: number } };
}

describe("account settings", () => {
  it("validates UpdateAccountSettings as the model says", async () => {
    await expectValidation("UpdateAccountSettings", {}, violation(null, "minimumThroughputBillingCommitment", NOT_NULL));
    await expectValidation(
      "UpdateAccountSettings",
      { MinimumThroughputBillingCommitment: { Status: "ENABLED_UNTIL_EARLIEST_ALLOWED_END" } },
      violation(
        "ENABLED_UNTIL_EARLIEST_ALLOWED_END",
        "minimumThroughputBillingCommitment.status",
        "Member must satisfy enum value set: [ENABLED, DISABLED]",
      ),
    );
  });

  it("keeps a commitment for at least 24 hours, and ends it then", async () => {
    await useRegistryClock();
    expect(await commitment()).toEqual({ Status: "DISABLED" });

    const enabled = await update("ENABLED");
    expect(enabled.Status).toBe("ENABLED");
    expect(typeof enabled.StartedAt).toBe("number");
    expect(enabled.EarliestAllowedEndAt).toBeCloseTo((enabled.StartedAt ?? 0) + DAY_SECONDS, 3);
    expect(await commitment()).toEqual(enabled);
    // Enabling again changes nothing.
    expect(await update("ENABLED")).toEqual(enabled);

    // Too early to end: the end is scheduled for the earliest allowed moment, and can be cancelled.
    const pending = await update("DISABLED");
    expect(pending).toEqual({ ...enabled, Status: "ENABLED_UNTIL_EARLIEST_ALLOWED_END" });
    expect(await update("ENABLED")).toEqual(enabled);
    await update("DISABLED");

    registryClock.advance(KINESIS.minimumCommitmentMs);
    const ended = await commitment();
    expect(ended).toEqual({ Status: "DISABLED", StartedAt: enabled.StartedAt, EndedAt: enabled.EarliestAllowedEndAt });

    // A new commitment starts afresh.
    const again = await update("ENABLED");
    expect(again.Status).toBe("ENABLED");
    expect(again.StartedAt).toBeGreaterThan(enabled.StartedAt ?? 0);
    expect(again).not.toHaveProperty("EndedAt");
    await noCommitment();
  });

  describe("warm throughput", () => {
    it("needs an on-demand stream and an account commitment", async () => {
      await noCommitment();
      const onDemand = await createActiveStream(1, { StreamModeDetails: { StreamMode: "ON_DEMAND" } });
      await expectFailure(
        "UpdateStreamWarmThroughput",
        { StreamName: onDemand.name, WarmThroughputMiBps: 100 },
        "InvalidArgumentException",
        "Warm throughput requires MinimumThroughputBillingCommitment to be enabled for account 000000000000.",
      );
      expect(await summary(onDemand)).not.toHaveProperty("WarmThroughput");

      await update("ENABLED");
      const provisioned = await createActiveStream(2);
      await expectFailure(
        "UpdateStreamWarmThroughput",
        { StreamARN: provisioned.arn, WarmThroughputMiBps: 100 },
        "InvalidArgumentException",
        `Warm throughput is only supported for on-demand streams. Stream ${provisioned.name} under account 000000000000 is in PROVISIONED mode.`,
      );
      expect(await summary(provisioned)).not.toHaveProperty("WarmThroughput");
      await expectFailure(
        "UpdateStreamWarmThroughput",
        { StreamName: onDemand.name, WarmThroughputMiBps: KINESIS.maxWarmThroughputMiBps + 1 },
        "LimitExceededException",
        `Requested warm throughput of ${KINESIS.maxWarmThroughputMiBps + 1} MiBps for stream ${onDemand.name} under account 000000000000 exceeds the limit of ${KINESIS.maxWarmThroughputMiBps} MiBps.`,
      );
      const name = uniqueName();
      await expectFailure(
        "UpdateStreamWarmThroughput",
        { StreamName: name, WarmThroughputMiBps: 1 },
        "ResourceNotFoundException",
        streamNotFound(name),
      );
      await expectValidation("UpdateStreamWarmThroughput", { StreamName: name }, violation(null, "warmThroughputMiBps", NOT_NULL));
      await noCommitment();
    });

    it("is kept and reported for on-demand streams", async () => {
      await useRegistryClock();
      await update("ENABLED");
      const stream = await createActiveStream(1, { StreamModeDetails: { StreamMode: "ON_DEMAND" } });
      expect((await summary(stream)).WarmThroughput).toEqual({ CurrentMiBps: 4 });

      const output = await ok("UpdateStreamWarmThroughput", { StreamARN: stream.arn, WarmThroughputMiBps: 200 });
      expect(output).toEqual({
        StreamARN: streamArn(stream.name),
        StreamName: stream.name,
        WarmThroughput: { TargetMiBps: 200, CurrentMiBps: 4 },
      });
      expect((await summary(stream)).StreamStatus).toBe("UPDATING");
      await settle();
      expect((await summary(stream)).WarmThroughput).toEqual({ TargetMiBps: 200, CurrentMiBps: 4 });

      // Once the commitment ends, warm throughput is no longer shown.
      await noCommitment();
      expect(await summary(stream)).not.toHaveProperty("WarmThroughput");
    });

    it("is taken by CreateStream and UpdateStreamMode for on-demand streams", async () => {
      await useRegistryClock();
      await update("ENABLED");
      const created = await createActiveStream(1, { StreamModeDetails: { StreamMode: "ON_DEMAND" }, WarmThroughputMiBps: 50 });
      expect((await summary(created)).WarmThroughput).toEqual({ TargetMiBps: 50, CurrentMiBps: 4 });

      const name = uniqueName();
      await expectFailure(
        "CreateStream",
        { StreamName: name, ShardCount: 1, WarmThroughputMiBps: 50 },
        "InvalidArgumentException",
        `Warm throughput is only supported for on-demand streams. Stream ${name} under account 000000000000 is in PROVISIONED mode.`,
      );

      const provisioned = await createActiveStream(2);
      await expectFailure(
        "UpdateStreamMode",
        { StreamARN: provisioned.arn, StreamModeDetails: { StreamMode: "PROVISIONED" }, WarmThroughputMiBps: 10 },
        "InvalidArgumentException",
        "WarmThroughputMiBps is only valid when the stream mode is being updated to ON_DEMAND.",
      );
      await ok("UpdateStreamMode", { StreamARN: provisioned.arn, StreamModeDetails: { StreamMode: "ON_DEMAND" }, WarmThroughputMiBps: 30 });
      await settle();
      expect((await summary(provisioned)).WarmThroughput).toEqual({ TargetMiBps: 30, CurrentMiBps: 2 });
      await noCommitment();
    });
  });
});
