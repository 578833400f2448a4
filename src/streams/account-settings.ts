/**
 * Account settings (DescribeAccountSettings, UpdateAccountSettings): the MinimumThroughputBillingCommitment,
 * kept by the registry of each account and region, and what it unlocks: warm throughput for on-demand
 * streams. Rivulet bills nothing; the commitment is kept, reported and enforced as a precondition.
 *
 * A commitment lasts at least KINESIS.minimumCommitmentMs: disabling it earlier schedules its end
 * for the earliest allowed moment (ENABLED_UNTIL_EARLIEST_ALLOWED_END), and enabling it again
 * before then cancels that (the model's documentation of MinimumThroughputBillingCommitmentInput).
 */
import { InvalidArgumentException, LimitExceededException } from "../aws/errors";
import { KINESIS } from "../limits";
import type { AccountSettingsRow, StreamMode } from "./registry-store";

const NEVER: AccountSettingsRow = { commitmentStatus: "DISABLED", startedMs: null, endedMs: null, earliestEndMs: null };

/** The commitment as it stands at `now`: a scheduled end that has come is an end. */
export function effectiveCommitment(row: AccountSettingsRow | undefined, now: number): AccountSettingsRow {
  if (!row) return NEVER;
  if (row.commitmentStatus === "ENABLED_UNTIL_EARLIEST_ALLOWED_END" && row.earliestEndMs !== null && now >= row.earliestEndMs) {
    return { ...row, commitmentStatus: "DISABLED", endedMs: row.earliestEndMs };
  }
  return row;
}

export function commitmentActive(row: AccountSettingsRow): boolean {
  return row.commitmentStatus !== "DISABLED";
}

/** The commitment after asking for `desired` at `now`. */
export function updateCommitment(current: AccountSettingsRow, desired: "ENABLED" | "DISABLED", now: number): AccountSettingsRow {
  if (desired === "ENABLED") {
    if (current.commitmentStatus === "ENABLED") return current;
    if (current.commitmentStatus === "ENABLED_UNTIL_EARLIEST_ALLOWED_END") return { ...current, commitmentStatus: "ENABLED", endedMs: null };
    return { commitmentStatus: "ENABLED", startedMs: now, endedMs: null, earliestEndMs: now + KINESIS.minimumCommitmentMs };
  }
  if (current.commitmentStatus === "DISABLED") return current;
  if (current.earliestEndMs !== null && now < current.earliestEndMs) {
    return { ...current, commitmentStatus: "ENABLED_UNTIL_EARLIEST_ALLOWED_END" };
  }
  return { ...current, commitmentStatus: "DISABLED", endedMs: now };
}

/** MinimumThroughputBillingCommitmentOutput: the timestamps that apply to the status. */
export function commitmentOutput(row: AccountSettingsRow) {
  const at = (ms: number | null) => (ms === null ? undefined : new Date(ms));
  const startedAt = at(row.startedMs);
  const endedAt = row.commitmentStatus === "DISABLED" ? at(row.endedMs) : undefined;
  const earliest = row.commitmentStatus === "DISABLED" ? undefined : at(row.earliestEndMs);
  return {
    Status: row.commitmentStatus,
    ...(startedAt && { StartedAt: startedAt }),
    ...(endedAt && { EndedAt: endedAt }),
    ...(earliest && { EarliestAllowedEndAt: earliest }),
  };
}

/** Write capacity of the stream's open shards, in MiB/s: what the stream is scaled to handle now. */
export function currentThroughputMiBps(openShards: number): number {
  return (openShards * KINESIS.shardWriteBytesPerSecond) / (1024 * 1024);
}

/** The checks AWS makes before taking a warm throughput for a stream. */
export function checkWarmThroughput(
  where: { account: string; streamName: string },
  mode: StreamMode,
  commitment: AccountSettingsRow,
  mibps: number,
): void {
  if (mode !== "ON_DEMAND") {
    throw new InvalidArgumentException(
      `Warm throughput is only supported for on-demand streams. Stream ${where.streamName} under account ${where.account} is in ${mode} mode.`,
    );
  }
  if (!commitmentActive(commitment)) {
    throw new InvalidArgumentException(
      `Warm throughput requires MinimumThroughputBillingCommitment to be enabled for account ${where.account}.`,
    );
  }
  if (mibps > KINESIS.maxWarmThroughputMiBps) {
    throw new LimitExceededException(
      `Requested warm throughput of ${mibps} MiBps for stream ${where.streamName} under account ${where.account} exceeds the limit of ${KINESIS.maxWarmThroughputMiBps} MiBps.`,
    );
  }
}
