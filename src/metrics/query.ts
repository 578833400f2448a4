/**
 * Reading the metrics back, for the web console: a range (the last hour, day or week) cut into
 * periods of 60 s, 300 s and 3,600 s, aligned on the epoch as CloudWatch's are; the last period is
 * the one still running. A stream's stream-level metrics are the sum over all its shards, open or
 * closed, read from each shard's object at once; a shard's shard-level metrics are the ones
 * EnableEnhancedMonitoring turned on for the stream. A delivery stream's are read from its buffer.
 *
 * Points: Sum series have one point per period, 0 where nothing was counted, so charts are
 * continuous; Average and Maximum series have points only for periods with samples (an average of
 * nothing is not zero). Unknown streams and delivery streams answer ResourceNotFoundException as
 * each service words it.
 *
 * Differences from AWS: shard-level metrics are kept whether or not enhanced monitoring is on, and
 * only shown while it is, so turning it on shows the shard's past as well. Rows are kept 7 days
 * (METRICS.retentionMs), CloudWatch keeps them two weeks.
 */
import { ResourceNotFoundException, unwrap } from "../aws/errors";
import { shardIdOf } from "../streams/ids";
import { FIREHOSE_METRICS, SHARD_METRICS, STREAM_METRICS, type MetricDefinition } from "./names";
import type { Bucket } from "./store";
import { bufferFor, firehoseRegistryFor, registryFor, shardStub } from "../objects";
import type { Scope } from "../aws/scope";

export type MetricRange = "1h" | "24h" | "7d";

export interface MetricSeries {
  name: string;
  unit: string;
  statistic: "Sum" | "Average" | "Maximum";
  /** Oldest first; each point is the period that starts at epochMs. */
  points: [epochMs: number, value: number][];
}

export interface MetricsAnswer {
  range: MetricRange;
  periodSeconds: number;
  series: MetricSeries[];
}

/**
 * An object a delivery wrote, newest first in recentDeliveries. `bucket` is the bucket's name. For
 * kind "destination" (records an OpenSearch cluster indexed or Splunk acknowledged), `bucket` is the
 * cluster's or collector's host and `key` the index or the collector's path.
 */
export interface DeliveryLogEntry {
  bucket: string;
  key: string;
  /** As stored (after compression). */
  bytes: number;
  records: number;
  kind: "data" | "error" | "backup" | "destination";
  deliveredAt: number;
}

/**
 * What a delivery stream holds and has not delivered yet: open records and the batches flushed from
 * them that wait for delivery (records and bytes count both), and how long ago the oldest of those
 * records arrived (null when it holds none).
 */
export interface BufferState {
  records: number;
  bytes: number;
  batchesAwaitingDelivery: number;
  oldestRecordAgeMs: number | null;
}

const RANGES: Record<MetricRange, { spanMs: number; periodMs: number }> = {
  "1h": { spanMs: 3_600_000, periodMs: 60_000 },
  "24h": { spanMs: 86_400_000, periodMs: 300_000 },
  "7d": { spanMs: 7 * 86_400_000, periodMs: 3_600_000 },
};

interface Window {
  range: MetricRange;
  fromMs: number;
  toMs: number;
  periodMs: number;
}

function windowOf(range: MetricRange, now: number): Window {
  const { spanMs, periodMs } = RANGES[range];
  const toMs = (Math.floor(now / periodMs) + 1) * periodMs;
  return { range, fromMs: toMs - spanMs, toMs, periodMs };
}

interface Combined {
  sum: number;
  count: number;
  max: number;
}

/** Buckets by metric name and period start, combined across objects (shards) and across names. */
class Aggregate {
  private readonly byName = new Map<string, Map<number, Combined>>();

  add(buckets: readonly Bucket[]): void {
    for (const bucket of buckets) {
      let periods = this.byName.get(bucket.name);
      if (!periods) this.byName.set(bucket.name, (periods = new Map()));
      const known = periods.get(bucket.startMs);
      if (known) {
        known.sum += bucket.sum;
        known.count += bucket.count;
        known.max = Math.max(known.max, bucket.max);
      } else {
        periods.set(bucket.startMs, { sum: bucket.sum, count: bucket.count, max: bucket.max });
      }
    }
  }

  /** The series of `definition`, made of the stored metrics `from` (default: its own name). */
  series(definition: MetricDefinition, window: Window, from: readonly string[] = [definition.name]): MetricSeries {
    const points: [number, number][] = [];
    for (let start = window.fromMs; start < window.toMs; start += window.periodMs) {
      let combined: Combined | undefined;
      for (const name of from) {
        const found = this.byName.get(name)?.get(start);
        if (!found) continue;
        combined = combined
          ? { sum: combined.sum + found.sum, count: combined.count + found.count, max: Math.max(combined.max, found.max) }
          : { ...found };
      }
      if (definition.statistic === "Sum") points.push([start, combined?.sum ?? 0]);
      else if (combined && combined.count > 0) {
        points.push([start, definition.statistic === "Average" ? combined.sum / combined.count : combined.max]);
      }
    }
    return { name: definition.name, unit: definition.unit, statistic: definition.statistic, points };
  }
}

function answer(window: Window, series: MetricSeries[]): MetricsAnswer {
  return { range: window.range, periodSeconds: window.periodMs / 1000, series };
}

export async function readStreamMetrics(
  env: Env,
  scope: Scope,
  query: { streamName: string; shardId?: string; range: MetricRange; now: number },
): Promise<MetricsAnswer> {
  const stream = unwrap(await registryFor(env, scope).describe(scope, query.streamName));
  const window = windowOf(query.range, query.now);
  const read = async (index: number) => unwrap(await shardStub(env, stream.id, index).readMetrics(window.fromMs, window.toMs, window.periodMs));
  const aggregate = new Aggregate();
  if (query.shardId !== undefined) {
    const shard = stream.shards.find((candidate) => shardIdOf(candidate.index) === query.shardId);
    if (!shard) {
      throw new ResourceNotFoundException(`Shard ${query.shardId} in stream ${stream.name} under account ${scope.account} does not exist`);
    }
    const enabled = new Set<string>(stream.shardLevelMetrics ?? []);
    const shown = SHARD_METRICS.filter((definition) => enabled.has(definition.name));
    if (shown.length > 0) aggregate.add(await read(shard.index));
    return answer(window, shown.map((definition) => aggregate.series(definition, window, definition.from)));
  }
  for (const buckets of await Promise.all(stream.shards.map((shard) => read(shard.index)))) aggregate.add(buckets);
  return answer(window, STREAM_METRICS.map((definition) => aggregate.series(definition, window)));
}

/** The buffer object of a delivery stream, whatever its status, or Firehose's ResourceNotFoundException. */
async function bufferOf(env: Env, scope: Scope, deliveryStreamName: string) {
  const stream = unwrap(await firehoseRegistryFor(env, scope).describe(scope, deliveryStreamName));
  return bufferFor(env, stream.id);
}

export async function readDeliveryStreamMetrics(
  env: Env,
  scope: Scope,
  query: { deliveryStreamName: string; range: MetricRange; now: number },
): Promise<MetricsAnswer> {
  const buffer = await bufferOf(env, scope, query.deliveryStreamName);
  const window = windowOf(query.range, query.now);
  const aggregate = new Aggregate();
  aggregate.add(unwrap(await buffer.readMetrics(window.fromMs, window.toMs, window.periodMs)));
  return answer(window, FIREHOSE_METRICS.map((definition) => aggregate.series(definition, window)));
}

/** The last objects the delivery stream wrote (METRICS.recentDeliveries of them), newest first. */
export async function recentDeliveries(env: Env, scope: Scope, deliveryStreamName: string): Promise<DeliveryLogEntry[]> {
  const buffer = await bufferOf(env, scope, deliveryStreamName);
  return unwrap(await buffer.recentDeliveries());
}

export async function bufferState(env: Env, scope: Scope, deliveryStreamName: string, now: number): Promise<BufferState> {
  const buffer = await bufferOf(env, scope, deliveryStreamName);
  const held = unwrap(await buffer.held());
  return {
    records: held.records,
    bytes: held.bytes,
    batchesAwaitingDelivery: held.batches,
    oldestRecordAgeMs: held.oldestMs === null ? null : Math.max(0, now - held.oldestMs),
  };
}
