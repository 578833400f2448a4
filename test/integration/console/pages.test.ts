/**
 * The Data Streams pages and the metrics JSON, through the Worker as `npm start` serves it (open
 * console: RIVULET_LOCAL=1, no keys): what each page shows of streams, shards and records put
 * through the AWS API, and that the console's reads answer as the API does when something is missing.
 */
import { exports as workersExports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { base64, createActiveStream, ok, type PutRecordsOutput } from "../client";

const worker = (workersExports as unknown as { default: Fetcher }).default;
const ORIGIN = "https://rivulet.example";

async function get(path: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await worker.fetch(`${ORIGIN}${path}`, { redirect: "manual" });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** The value of `attribute` on the element whose data-testid is `testId`, as the page has it. */
function attributeOf(html: string, testId: string, attribute: string): string | undefined {
  const element = new RegExp(`<[^>]*data-testid="${testId.replace(/[.]/g, "\\.")}"[^>]*>`).exec(html)?.[0];
  return element === undefined ? undefined : new RegExp(`${attribute}="([^"]*)"`).exec(element)?.[1];
}

async function putRecords(streamName: string, count: number): Promise<PutRecordsOutput> {
  const records = Array.from({ length: count }, (_, i) => ({ PartitionKey: `key-${i}`, Data: base64(`record ${i}`) }));
  const answer = await ok<PutRecordsOutput>("PutRecords", { StreamName: streamName, Records: records });
  expect(answer.FailedRecordCount).toBe(0);
  return answer;
}

interface MetricsJson {
  range: string;
  periodSeconds: number;
  series: { name: string; unit: string; statistic: string; points: [number, number][] }[];
}

describe("Data Streams pages", () => {
  it("lists streams with their status, shards and the last hour's incoming records", async () => {
    const stream = await createActiveStream(2);
    await putRecords(stream.name, 7);
    const page = await get("/console/streams");
    expect(page.status).toBe(200);
    const row = new RegExp(`<tr data-testid="stream-row-${stream.name}">[\\s\\S]*?</tr>`).exec(page.text)?.[0] ?? "";
    expect(row).toContain('data-testid="stream-status">ACTIVE<');
    expect(row).toContain('data-testid="open-shards">2<');
    expect(attributeOf(row, "sparkline-IncomingRecords", "data-total")).toBe("7");

    // The table alone, as the page's script fetches it every few seconds.
    const table = await get("/console/streams?part=table");
    expect(table.text.startsWith('<div class="table-wrap" data-testid="streams-table"')).toBe(true);
    expect(table.text).toContain(`stream-row-${stream.name}`);
  });

  it("shows a stream's shards, charts over each range, and shard-level charts once enhanced monitoring is on", async () => {
    const stream = await createActiveStream(2);
    const put = await putRecords(stream.name, 9);
    const page = await get(`/console/streams/${stream.name}`);
    expect(page.status).toBe(200);
    for (const shardId of stream.shardIds) expect(page.text).toContain(`data-testid="shard-row-${shardId}"`);
    expect(attributeOf(page.text, "chart-IncomingRecords", "data-total")).toBe("9");
    expect(page.text).not.toContain('data-testid="shard-charts"');

    for (const range of ["1h", "24h", "7d"]) {
      const charts = await get(`/console/streams/${stream.name}/charts?range=${range}`);
      expect(charts.text).toMatch(new RegExp(`^<div class="chart-grid" data-testid="stream-charts" data-refresh="[^"]*range=${range}" data-range="${range}">`));
      expect(attributeOf(charts.text, "chart-IncomingRecords", "data-total")).toBe("9");
    }

    await ok("EnableEnhancedMonitoring", { StreamName: stream.name, ShardLevelMetrics: ["ALL"] });
    const shardId = stream.shardIds[1] ?? "";
    const onFirstShard = put.Records.filter((entry) => "ShardId" in entry && entry.ShardId === shardId).length;
    const withShard = await get(`/console/streams/${stream.name}?shard=${shardId}`);
    expect(withShard.text).toContain('data-testid="shard-charts"');
    const shardCharts = /data-testid="shard-chart-grid"[\s\S]*$/.exec(withShard.text)?.[0] ?? "";
    expect(attributeOf(shardCharts, "chart-IncomingRecords", "data-total")).toBe(String(onFirstShard));
  });

  it("lays out the data viewer with the stream's shards, and no records until the browser reads them", async () => {
    const stream = await createActiveStream(3);
    const page = await get(`/console/streams/${stream.name}/data?shard=${stream.shardIds[2] ?? ""}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`data-stream-name="${stream.name}"`);
    expect(page.text.match(/<option value="shardId-/g)).toHaveLength(3);
    expect(page.text).toContain(`<option value="${stream.shardIds[2] ?? ""}" selected="">`);
    expect(page.text).toContain('data-testid="record-count">0<');
  });

  it("answers a missing stream's page with AWS's message, and an unknown console path with the console's 404", async () => {
    const missing = await get("/console/streams/no-such-stream");
    expect(missing.status).toBe(404);
    expect(missing.text).toContain("Stream no-such-stream under account 000000000000 not found.");
    const nowhere = await get("/console/no/such/page");
    expect(nowhere.status).toBe(404);
    expect(nowhere.headers.get("content-type")).toContain("text/html");
    expect(nowhere.text).toContain('data-testid="error-page"');
    expect((await get("/console/")).headers.get("location")).toBe("/console/streams");
  });
});

describe("metrics JSON", () => {
  it("serves a stream's metrics per range, and a shard's", async () => {
    const stream = await createActiveStream(1);
    await putRecords(stream.name, 4);
    for (const [range, periodSeconds] of [
      ["1h", 60],
      ["24h", 300],
      ["7d", 3600],
    ] as const) {
      const answer = await get(`/console/api/metrics/stream/${stream.name}?range=${range}`);
      expect(answer.status).toBe(200);
      const body = JSON.parse(answer.text) as MetricsJson;
      expect(body.range).toBe(range);
      expect(body.periodSeconds).toBe(periodSeconds);
      const incoming = body.series.find((series) => series.name === "IncomingRecords");
      expect(incoming).toMatchObject({ unit: "Count", statistic: "Sum" });
      expect(incoming?.points.reduce((sum, [, value]) => sum + value, 0)).toBe(4);
    }
    await ok("EnableEnhancedMonitoring", { StreamName: stream.name, ShardLevelMetrics: ["IncomingRecords"] });
    const shard = JSON.parse((await get(`/console/api/metrics/stream/${stream.name}?shard=${stream.shardIds[0] ?? ""}`)).text) as MetricsJson;
    expect(shard.series.map((series) => series.name)).toEqual(["IncomingRecords"]);
    expect(shard.series[0]?.points.reduce((sum, [, value]) => sum + value, 0)).toBe(4);
  });

  it("answers as DescribeStreamSummary does for a missing stream, and refuses an unknown range", async () => {
    const missing = await get("/console/api/metrics/stream/no-such-stream?range=1h");
    expect(missing.status).toBe(400);
    expect(JSON.parse(missing.text)).toEqual({
      __type: "ResourceNotFoundException",
      message: "Stream no-such-stream under account 000000000000 not found.",
    });
    const badRange = await get("/console/api/metrics/stream/no-such-stream?range=2w");
    expect(badRange.status).toBe(400);
    expect(JSON.parse(badRange.text)).toEqual({ __type: "InvalidArgumentException", message: "range must be one of 1h, 24h, 7d." });
  });
});
