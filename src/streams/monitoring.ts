/**
 * Enhanced (shard-level) monitoring as the registry keeps it: which of AWS's shard-level metrics are
 * enabled for a stream. Rivulet publishes no CloudWatch metrics; the setting is kept and reported
 * (EnableEnhancedMonitoring, DisableEnhancedMonitoring, DescribeStream's EnhancedMonitoring).
 */
import type { MetricsName } from "./shapes.generated";

/** The shard-level metrics, in the model's order; "ALL" stands for every one of them. */
export const SHARD_LEVEL_METRICS = [
  "IncomingBytes",
  "IncomingRecords",
  "OutgoingBytes",
  "OutgoingRecords",
  "WriteProvisionedThroughputExceeded",
  "ReadProvisionedThroughputExceeded",
  "IteratorAgeMilliseconds",
] as const satisfies readonly MetricsName[];

export type ShardLevelMetric = (typeof SHARD_LEVEL_METRICS)[number];

function expand(metrics: readonly string[]): Set<string> {
  return new Set(metrics.includes("ALL") ? SHARD_LEVEL_METRICS : metrics);
}

/** The metrics enabled after enabling (or disabling) `change` on top of `current`, in the model's order. */
export function changeMetrics(current: readonly string[], change: readonly string[], enable: boolean): ShardLevelMetric[] {
  const changed = expand(change);
  const enabled = new Set(current);
  return SHARD_LEVEL_METRICS.filter((metric) => (enable ? enabled.has(metric) || changed.has(metric) : enabled.has(metric) && !changed.has(metric)));
}
