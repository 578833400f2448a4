/**
 * The metrics Kinesis Data Streams keeps about itself (src/metrics/), as the web console reads them:
 * records put and read through the real operations, then counted back per stream and per shard.
 */
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { METRICS } from "../../src/limits";
import { readStreamMetrics, type MetricRange, type MetricsAnswer, type MetricSeries } from "../../src/metrics/query";
import type { Shard } from "../../src/streams/shard";
import {
  ACCOUNT,
  base64,
  call,
  createActiveStream,
  env,
  expectError,
  getIterator,
  ok,
  readAll,
  REGION,
  registryClock,
  shardId,
  shardStub,
  streamNotFound,
  TestClock,
  useRegistryClock,
  useShardClock,
  type PutRecordOutput,
  type PutRecordsOutput,
  type TestStream,
} from "./client";
import { KINESIS } from "../../src/limits";

const scope = { account: ACCOUNT, region: REGION };

function series(answer: MetricsAnswer, name: string): MetricSeries {
  const found = answer.series.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no series ${name} in ${answer.series.map((s) => s.name).join(", ")}`);
  return found;
}

/** The values of a series' points (a run may straddle a minute: then there are two). */
function values(answer: MetricsAnswer, name: string): number[] {
  return series(answer, name).points.map(([, value]) => value);
}

/** The sum over a Sum series' points. */
function total(answer: MetricsAnswer, name: string): number {
  return series(answer, name).points.reduce((sum, [, value]) => sum + value, 0);
}

async function streamMetrics(stream: TestStream, range: MetricRange = "1h", now = Date.now(), shard?: string): Promise<MetricsAnswer> {
  return readStreamMetrics(env, scope, { streamName: stream.name, range, now, ...(shard !== undefined && { shardId: shard }) });
}

/** `count` records of `size` bytes under distinct partition keys `${prefix}-<i>`. */
function records(count: number, prefix = "key", size = 20) {
  return Array.from({ length: count }, (_, i) => ({ PartitionKey: `${prefix}-${i}`, Data: base64(new Uint8Array(size).fill(i)) }));
}

const bytesOf = (list: { PartitionKey: string; Data: string }[]) =>
  list.reduce((sum, record) => sum + record.PartitionKey.length + Uint8Array.fromBase64(record.Data).byteLength, 0);

async function enableMonitoring(stream: TestStream, metrics: string[]): Promise<void> {
  await ok("EnableEnhancedMonitoring", { StreamName: stream.name, ShardLevelMetrics: metrics });
  await useRegistryClock();
  registryClock.advance(KINESIS.updateStreamMs);
}

describe("stream-level metrics", () => {
  it("count every record put, by PutRecord and PutRecords, across shards", async () => {
    const stream = await createActiveStream(2);
    const batch = records(30);
    const putRecords = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: batch });
    expect(putRecords.FailedRecordCount).toBe(0);
    const singles = records(5, "single", 7);
    for (const record of singles) await ok<PutRecordOutput>("PutRecord", { StreamName: stream.name, ...record });

    const answer = await streamMetrics(stream);
    expect(total(answer, "IncomingRecords")).toBe(35);
    expect(total(answer, "IncomingBytes")).toBe(bytesOf(batch) + bytesOf(singles));
    expect(total(answer, "PutRecords.TotalRecords")).toBe(30);
    expect(total(answer, "PutRecords.SuccessfulRecords")).toBe(30);
    expect(total(answer, "PutRecords.ThrottledRecords")).toBe(0);
    expect(total(answer, "PutRecords.Bytes")).toBe(bytesOf(batch));
    expect(total(answer, "PutRecord.Bytes")).toBe(bytesOf(singles));
    expect(total(answer, "WriteProvisionedThroughputExceeded")).toBe(0);
    expect(new Set(values(answer, "PutRecord.Success"))).toEqual(new Set([1]));
    expect(series(answer, "PutRecord.Latency")).toMatchObject({ unit: "Milliseconds", statistic: "Average" });
    for (const name of ["PutRecord.Latency", "PutRecords.Latency"]) {
      expect(values(answer, name).length).toBeGreaterThan(0);
      for (const value of values(answer, name)) expect(value).toBeGreaterThanOrEqual(0);
    }
  });

  it("count every record read by GetRecords, and the readers' latency and iterator age", async () => {
    const stream = await createActiveStream(2);
    const batch = records(40);
    await ok("PutRecords", { StreamName: stream.name, Records: batch });
    let read = 0;
    for (const shard of stream.shardIds) read += (await readAll(await getIterator(stream, shard, "TRIM_HORIZON"), 7)).length;
    expect(read).toBe(40);

    const answer = await streamMetrics(stream);
    expect(total(answer, "GetRecords.Records")).toBe(40);
    expect(total(answer, "GetRecords.Bytes")).toBe(bytesOf(batch));
    expect(new Set(values(answer, "GetRecords.Success"))).toEqual(new Set([1]));
    expect(values(answer, "GetRecords.Latency").length).toBeGreaterThan(0);
    expect(series(answer, "GetRecords.IteratorAgeMilliseconds")).toMatchObject({ unit: "Milliseconds", statistic: "Maximum" });
    expect(values(answer, "GetRecords.IteratorAgeMilliseconds").length).toBeGreaterThan(0);
    expect(total(answer, "ReadProvisionedThroughputExceeded")).toBe(0);
  });

  it("count what the throughput limits refused: records over the write limit, GetRecords calls over the read limit", async () => {
    const stream = await createActiveStream(1);
    const stub = shardStub(stream.id, 0);
    const clock = new TestClock();
    clock.freeze();
    await useShardClock(stub, clock);
    await runInDurableObject(stub, (instance: Shard) => {
      instance.enforceLimits = true;
    });
    let accepted = 0;
    for (let i = 0; i < 3; i++) {
      const output = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: records(500, `k${i}`, 10) });
      accepted += 500 - output.FailedRecordCount;
    }
    expect(accepted).toBe(KINESIS.shardWriteRecordsPerSecond);
    expectError(await call("PutRecord", { StreamName: stream.name, PartitionKey: "k", Data: base64("x") }), "ProvisionedThroughputExceededException", /^Rate exceeded for /);
    const iterator = await getIterator(stream, shardId(0), "TRIM_HORIZON");
    for (let i = 0; i < KINESIS.shardGetRecordsPerSecond; i++) await ok("GetRecords", { ShardIterator: iterator });
    expectError(await call("GetRecords", { ShardIterator: iterator }), "ProvisionedThroughputExceededException", /^Rate exceeded for /);

    const answer = await streamMetrics(stream, "1h", clock.now());
    expect(total(answer, "IncomingRecords")).toBe(1000);
    expect(total(answer, "PutRecords.TotalRecords")).toBe(1500);
    expect(total(answer, "PutRecords.ThrottledRecords")).toBe(500);
    expect(total(answer, "WriteProvisionedThroughputExceeded")).toBe(501);
    // The shard's clock stands still: one minute holds everything.
    expect(values(answer, "PutRecord.Success")).toEqual([0]);
    expect(total(answer, "ReadProvisionedThroughputExceeded")).toBe(1);
    // Five calls of six succeeded.
    expect(values(answer, "GetRecords.Success")).toEqual([5 / 6]);
  });

  it("sum a resharded stream's closed shards with its open ones", async () => {
    const stream = await createActiveStream(1);
    await ok("PutRecords", { StreamName: stream.name, Records: records(12, "before") });
    await ok("UpdateShardCount", { StreamName: stream.name, TargetShardCount: 2, ScalingType: "UNIFORM_SCALING" });
    await useRegistryClock();
    registryClock.advance(KINESIS.updateStreamMs);
    const after = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: records(8, "after") });
    expect(after.Records.every((record) => "ShardId" in record && record.ShardId !== shardId(0))).toBe(true);
    expect(total(await streamMetrics(stream), "IncomingRecords")).toBe(20);
  });

  it("answer ResourceNotFoundException, as Kinesis words it, for a stream that does not exist", async () => {
    const name = "no-such-stream-for-metrics";
    await expect(readStreamMetrics(env, scope, { streamName: name, range: "1h", now: Date.now() })).rejects.toMatchObject({
      type: "ResourceNotFoundException",
      message: streamNotFound(name),
    });
  });
});

describe("shard-level metrics (enhanced monitoring)", () => {
  it("are absent until EnableEnhancedMonitoring turns them on, then count that shard's records only", async () => {
    const stream = await createActiveStream(2);
    const output = await ok<PutRecordsOutput>("PutRecords", { StreamName: stream.name, Records: records(50) });
    const perShard = new Map<string, number>();
    for (const record of output.Records) if ("ShardId" in record) perShard.set(record.ShardId, (perShard.get(record.ShardId) ?? 0) + 1);
    expect(perShard.size).toBe(2);

    expect((await streamMetrics(stream, "1h", Date.now(), shardId(0))).series).toEqual([]);

    await enableMonitoring(stream, ["IncomingRecords", "OutgoingRecords"]);
    await readAll(await getIterator(stream, shardId(1), "TRIM_HORIZON"));
    let sum = 0;
    for (const shard of stream.shardIds) {
      const answer = await streamMetrics(stream, "1h", Date.now(), shard);
      expect(answer.series.map((s) => s.name)).toEqual(["IncomingRecords", "OutgoingRecords"]);
      expect(total(answer, "IncomingRecords")).toBe(perShard.get(shard));
      expect(total(answer, "OutgoingRecords")).toBe(shard === shardId(1) ? perShard.get(shard) : 0);
      sum += total(answer, "IncomingRecords");
    }
    expect(sum).toBe(50);

    await enableMonitoring(stream, ["ALL"]);
    const all = await streamMetrics(stream, "1h", Date.now(), shardId(1));
    expect(all.series.map((s) => s.name)).toEqual([
      "IncomingBytes",
      "IncomingRecords",
      "OutgoingBytes",
      "OutgoingRecords",
      "WriteProvisionedThroughputExceeded",
      "ReadProvisionedThroughputExceeded",
      "IteratorAgeMilliseconds",
    ]);
    expect(total(all, "OutgoingBytes")).toBe(total(all, "IncomingBytes"));
  });

  it("answer ResourceNotFoundException for a shard the stream does not have", async () => {
    const stream = await createActiveStream(1);
    await expect(streamMetrics(stream, "1h", Date.now(), shardId(7))).rejects.toMatchObject({
      type: "ResourceNotFoundException",
      message: `Shard ${shardId(7)} in stream ${stream.name} under account ${ACCOUNT} does not exist`,
    });
  });
});

describe("ranges, periods and retention", () => {
  it("cut the last hour into minutes, the last day into 5 minutes and the last week into hours, Sum series zero-filled", async () => {
    const stream = await createActiveStream(1);
    const clock = new TestClock();
    clock.freeze();
    await useShardClock(shardStub(stream.id, 0), clock);
    await ok("PutRecords", { StreamName: stream.name, Records: records(9) });
    const now = clock.now();
    for (const [range, periodSeconds, points] of [
      ["1h", 60, 60],
      ["24h", 300, 288],
      ["7d", 3600, 168],
    ] as const) {
      const answer = await streamMetrics(stream, range, now);
      expect(answer).toMatchObject({ range, periodSeconds });
      const incoming = series(answer, "IncomingRecords");
      expect(incoming).toMatchObject({ unit: "Count", statistic: "Sum" });
      expect(incoming.points).toHaveLength(points);
      const starts = incoming.points.map(([start]) => start);
      for (const start of starts) expect(start % (periodSeconds * 1000)).toBe(0);
      expect(starts.at(-1)).toBeLessThanOrEqual(now);
      expect((starts.at(-1) ?? 0) + periodSeconds * 1000).toBeGreaterThan(now);
      // All nine in the current period, zeros before it.
      expect(incoming.points.at(-1)?.[1]).toBe(9);
      expect(total(answer, "IncomingRecords")).toBe(9);
      // An average of nothing is no point at all.
      expect(series(answer, "GetRecords.Latency").points).toEqual([]);
    }
  });

  it("place records in the minute they arrived, and forget minutes older than 7 days", async () => {
    const stream = await createActiveStream(1);
    const stub = shardStub(stream.id, 0);
    const clock = new TestClock();
    await useShardClock(stub, clock);
    await ok("PutRecords", { StreamName: stream.name, Records: records(3, "first") });
    clock.advance(10 * 60_000);
    await ok("PutRecords", { StreamName: stream.name, Records: records(4, "second") });

    const hour = series(await streamMetrics(stream, "1h", clock.now()), "IncomingRecords").points.filter(([, value]) => value > 0);
    expect(hour.map(([, value]) => value)).toEqual([3, 4]);
    expect((hour[1]?.[0] ?? 0) - (hour[0]?.[0] ?? 0)).toBe(10 * 60_000);

    // Six days on, both minutes are still in the week.
    clock.advance(6 * 24 * 3_600_000);
    await ok("PutRecords", { StreamName: stream.name, Records: records(5, "third") });
    expect(total(await streamMetrics(stream, "7d", clock.now()), "IncomingRecords")).toBe(12);

    // A week and a bit after the first records, their rows are gone from the shard's storage.
    clock.advance(METRICS.retentionMs - 6 * 24 * 3_600_000 + METRICS.pruneEveryMs);
    await ok("PutRecords", { StreamName: stream.name, Records: records(6, "fourth") });
    const rows = await runInDurableObject(stub, (_instance: Shard, state) =>
      state.storage.sql
        .exec<{ name: string; n: number }>("SELECT name, count(*) AS n FROM metrics WHERE name = 'IncomingRecords' GROUP BY name")
        .one().n,
    );
    expect(rows).toBe(2);
    expect(total(await streamMetrics(stream, "7d", clock.now()), "IncomingRecords")).toBe(11);
  });
});
