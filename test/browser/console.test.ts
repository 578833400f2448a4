/**
 * The web console in a real browser (Debian's Chromium through playwright-core) against the real
 * local server (`npm start`), with access keys configured so that signing in is part of the run.
 * Records go in through the unmodified AWS SDK and come out on the pages, and the other way round;
 * every check counts what it sees. Screenshots land in artifacts/screenshots/.
 *
 * The tests follow one user through one session, so they run in order and share the stream.
 */
import {
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListShardsCommand,
  PutRecordCommand,
  PutRecordsCommand,
  type KinesisClient,
} from "@aws-sdk/client-kinesis";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kinesisClient, removeDir, startServer, tempDir, uniqueName, waitForActive, type TestServer } from "../e2e/helpers";
import { launchChromium, screenshot, type TestBrowser } from "./browser";

const KEY_ID = "AKIDBROWSERTEST";
const SECRET = "browser-test-secret-0123456789";
const SHARD_0 = "shardId-000000000000";
const SHARD_1 = "shardId-000000000001";
/** How long a page may take to show what the server has: refreshes run every 2 to 10 seconds. */
const PAGE_WAIT = { timeout: 45_000, interval: 250 };

let persistDir: string | undefined;
let server: TestServer | undefined;
let chromium: TestBrowser | undefined;
let page: Page;
let kinesis: KinesisClient;
const streamName = uniqueName("console");
/** Sequence numbers the SDK was given, per shard, in order. */
const written = new Map<string, string[]>();

function url(path: string): string {
  if (!server) throw new Error("the server did not start");
  return `${server.url}${path}`;
}

function remember(shardId: string | undefined, sequenceNumber: string | undefined): void {
  if (shardId === undefined || sequenceNumber === undefined) throw new Error("a record was put without a shard or sequence number");
  written.set(shardId, [...(written.get(shardId) ?? []), sequenceNumber]);
}

async function count(locator: Locator): Promise<number> {
  return Number((await locator.textContent()) ?? "NaN");
}

async function attribute(locator: Locator, name: string): Promise<number> {
  return Number((await locator.getAttribute(name)) ?? "NaN");
}

beforeAll(async () => {
  persistDir = tempDir("browser");
  server = await startServer({ persistDir, accessKeys: `${KEY_ID}:${SECRET}` });
  kinesis = kinesisClient(server.url, { credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET } });
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  // Deleting asks first (window.confirm); the user says yes.
  page.on("dialog", (dialog) => void dialog.accept());
});

afterAll(async () => {
  await chromium?.close();
  kinesis?.destroy();
  await server?.close();
  removeDir(persistDir);
});

describe("the web console", () => {
  it("asks for an access key, refuses a wrong secret and signs in with the right one", async () => {
    await page.goto(url("/console/"));
    expect(new URL(page.url()).pathname).toBe("/console/sign-in");

    await page.getByTestId("access-key-id").fill(KEY_ID);
    await page.getByTestId("secret-access-key").fill("not-the-secret");
    await page.getByTestId("sign-in-submit").click();
    await expect.poll(() => page.getByTestId("sign-in-error").textContent()).toBe("The access key ID or the secret access key is wrong.");
    await screenshot(page, "01-sign-in-refused");

    await page.getByTestId("secret-access-key").fill(SECRET);
    await page.getByTestId("sign-in-submit").click();
    await page.waitForURL(url("/console/streams"));
    expect(await page.getByTestId("signed-in-as").textContent()).toBe(KEY_ID);
    expect(await page.getByTestId("no-streams").isVisible()).toBe(true);
    await screenshot(page, "02-streams-empty");
  });

  it("creates a stream from the page", async () => {
    await page.getByTestId("create-stream").locator("summary").click();
    await page.getByTestId("new-stream-name").fill(streamName);
    await page.getByTestId("new-stream-shards").fill("2");
    await page.getByTestId("create-stream-submit").click();
    await page.waitForURL(url(`/console/streams/${streamName}`));
    // The page follows the stream from CREATING to ACTIVE by itself.
    await expect.poll(() => page.getByTestId("stream-status").textContent(), PAGE_WAIT).toBe("ACTIVE");

    const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
    expect(summary.StreamDescriptionSummary?.OpenShardCount).toBe(2);
    expect(await page.getByTestId("shards-table").locator("tbody tr").count()).toBe(2);
    await screenshot(page, "03-stream-created");
  });

  it("shows every record put with the AWS SDK in the data viewer, shard by shard", async () => {
    const records = Array.from({ length: 40 }, (_, i) => ({ n: i, user: `user-${i % 7}` }));
    const answer = await kinesis.send(
      new PutRecordsCommand({
        StreamName: streamName,
        Records: records.map((record, i) => ({ PartitionKey: `key-${i}`, Data: new TextEncoder().encode(JSON.stringify(record)) })),
      }),
    );
    expect(answer.FailedRecordCount).toBe(0);
    for (const entry of answer.Records ?? []) remember(entry.ShardId, entry.SequenceNumber);
    expect([...written.values()].every((sequenceNumbers) => sequenceNumbers.length > 0)).toBe(true);

    await page.getByTestId("open-viewer").click();
    await page.waitForURL(url(`/console/streams/${streamName}/data`));
    let seen = 0;
    for (const shardId of [SHARD_0, SHARD_1]) {
      const expected = written.get(shardId) ?? [];
      await page.getByTestId("viewer-shard").selectOption(shardId);
      await page.getByTestId("viewer-position").selectOption("TRIM_HORIZON");
      await page.getByTestId("viewer-read").click();
      await expect.poll(() => count(page.getByTestId("record-count")), PAGE_WAIT).toBe(expected.length);
      const shown = await page.getByTestId("record-sequence-number").allTextContents();
      expect(shown).toEqual(expected);
      seen += shown.length;
    }
    expect(seen).toBe(records.length);

    // The other starting positions, on the last shard read.
    const sequenceNumbers = written.get(SHARD_1) ?? [];
    const fifth = sequenceNumbers[4] ?? "";
    const from = async (position: string, fill?: { testId: string; value: string }): Promise<string[]> => {
      await page.getByTestId("viewer-position").selectOption(position);
      if (fill) await page.getByTestId(fill.testId).fill(fill.value);
      await page.getByTestId("viewer-read").click();
      await expect.poll(() => page.getByTestId("viewer-status").textContent(), PAGE_WAIT).toMatch(/^(Read \d+ records|No records)/);
      return page.getByTestId("record-sequence-number").allTextContents();
    };
    expect(await from("AT_SEQUENCE_NUMBER", { testId: "viewer-sequence-number", value: fifth })).toEqual(sequenceNumbers.slice(4));
    expect(await from("AFTER_SEQUENCE_NUMBER", { testId: "viewer-sequence-number", value: fifth })).toEqual(sequenceNumbers.slice(5));
    const aMinuteAgo = new Date(Date.now() - 60_000).toISOString().slice(0, 19);
    expect(await from("AT_TIMESTAMP", { testId: "viewer-timestamp", value: aMinuteAgo })).toEqual(sequenceNumbers);
    expect(await from("LATEST")).toEqual([]);
    await page.getByTestId("viewer-position").selectOption("TRIM_HORIZON");
    await page.getByTestId("viewer-read").click();
    await expect.poll(() => count(page.getByTestId("record-count")), PAGE_WAIT).toBe(sequenceNumbers.length);

    // The last shard read: its first record as pretty JSON, then as text and as hex.
    const first = page.getByTestId("record").first();
    const firstKey = await first.getAttribute("data-partition-key");
    const firstRecord = records[Number(firstKey?.replace("key-", ""))];
    expect(await first.getByTestId("record-data").textContent()).toBe(JSON.stringify(firstRecord, null, 2));
    await page.getByTestId("format-text").check();
    expect(await first.getByTestId("record-data").textContent()).toBe(JSON.stringify(firstRecord));
    await page.getByTestId("format-hex").check();
    expect(await first.getByTestId("record-data").textContent()).toMatch(/^00000000  7b 22 6e 22 3a /);
    await page.getByTestId("format-json").check();
    await screenshot(page, "04-data-viewer");
  });

  it("tails a shard live: records put while it watches appear as they arrive", async () => {
    await page.getByTestId("viewer-shard").selectOption(SHARD_0);
    await page.getByTestId("viewer-position").selectOption("LATEST");
    await page.getByTestId("viewer-tail").check();
    // Watching from LATEST: the first GetRecords call has been answered.
    await expect.poll(() => page.getByTestId("viewer-status").textContent(), PAGE_WAIT).toMatch(/^Live: 0 records, last checked/);
    expect(await count(page.getByTestId("record-count"))).toBe(0);

    const keys: string[] = [];
    for (let i = 0; i < 10; i++) {
      const key = `live-${i}`;
      // Hash key 0 belongs to the first shard, whatever the partition key.
      const put = await kinesis.send(
        new PutRecordCommand({ StreamName: streamName, PartitionKey: key, ExplicitHashKey: "0", Data: new TextEncoder().encode(`live record ${i}`) }),
      );
      expect(put.ShardId).toBe(SHARD_0);
      remember(put.ShardId, put.SequenceNumber);
      keys.push(key);
      // Some arrive in a later poll than others: the tail keeps going.
      if (i === 4) await expect.poll(() => count(page.getByTestId("record-count")), PAGE_WAIT).toBe(5);
    }
    await expect.poll(() => count(page.getByTestId("record-count")), PAGE_WAIT).toBe(10);
    const shownKeys = await page.getByTestId("record").evaluateAll((items) => items.map((item) => item.getAttribute("data-partition-key")));
    expect(shownKeys).toEqual(keys);
    expect(await page.getByTestId("record-data").last().textContent()).toBe("live record 9");
    await screenshot(page, "05-live-tail");
    await page.getByTestId("viewer-tail").uncheck();
  });

  it("puts a test record from the form, which the AWS SDK reads back", async () => {
    const data = JSON.stringify({ from: "the console form", emoji: "🌊" });
    await page.getByTestId("put-partition-key").fill("from-the-form");
    await page.getByTestId("put-data").fill(data);
    await page.getByTestId("put-record-submit").click();
    const result = page.getByTestId("put-record-form-result");
    await expect.poll(() => result.textContent(), PAGE_WAIT).toMatch(/^Stored in shardId-\d{12} as sequence number \d+\.$/);
    const [, shardId = "", sequenceNumber = ""] = /^Stored in (shardId-\d{12}) as sequence number (\d+)\.$/.exec((await result.textContent()) ?? "") ?? [];
    remember(shardId, sequenceNumber);

    const { ShardIterator } = await kinesis.send(
      new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: "AT_SEQUENCE_NUMBER", StartingSequenceNumber: sequenceNumber }),
    );
    const { Records = [] } = await kinesis.send(new GetRecordsCommand({ ShardIterator, Limit: 1 }));
    expect(Records).toHaveLength(1);
    expect(Records[0]?.PartitionKey).toBe("from-the-form");
    expect(new TextDecoder().decode(Records[0]?.Data)).toBe(data);
    await screenshot(page, "06-put-record-form");
  });

  it("charts the stream's incoming records, and the list's sparklines follow", async () => {
    const total = [...written.values()].reduce((sum, sequenceNumbers) => sum + sequenceNumbers.length, 0);
    expect(total).toBe(51);
    await page.goto(url(`/console/streams/${streamName}`));
    const chart = page.getByTestId("chart-IncomingRecords");
    await expect.poll(() => attribute(chart, "data-total"), PAGE_WAIT).toBe(total);
    expect(await attribute(chart, "data-max")).toBeGreaterThan(0);
    expect(await chart.locator("polyline, circle").count()).toBeGreaterThan(0);
    await screenshot(page, "07-stream-charts");

    // One more record, and the chart moves without a reload (the panel refreshes itself).
    const put = await kinesis.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: "late", Data: new TextEncoder().encode("late") }));
    remember(put.ShardId, put.SequenceNumber);
    await expect.poll(() => attribute(page.getByTestId("chart-IncomingRecords"), "data-total"), PAGE_WAIT).toBe(total + 1);

    await page.goto(url("/console/streams"));
    const row = page.getByTestId(`stream-row-${streamName}`);
    expect(await row.getByTestId("stream-status").textContent()).toBe("ACTIVE");
    expect(await attribute(row.getByTestId("sparkline-IncomingRecords"), "data-total")).toBe(total + 1);
    expect(await attribute(row.getByTestId("sparkline-IncomingBytes"), "data-total")).toBeGreaterThan(0);
    await screenshot(page, "08-streams-list");
  });

  it("fits a phone's screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of ["/console/streams", `/console/streams/${streamName}`, `/console/streams/${streamName}/data`]) {
      await page.goto(url(path));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await page.goto(url("/console/streams"));
    await screenshot(page, "09-streams-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("reshards and deletes the stream from its page", async () => {
    await page.goto(url(`/console/streams/${streamName}`));
    await page.getByTestId("target-shards").fill("3");
    await page.getByTestId("reshard-submit").click();
    await expect.poll(() => page.getByTestId("open-shards").first().textContent(), PAGE_WAIT).toBe("3");
    await waitForActive(kinesis, streamName);
    const { Shards = [] } = await kinesis.send(new ListShardsCommand({ StreamName: streamName }));
    const open = Shards.filter((shard) => shard.SequenceNumberRange?.EndingSequenceNumber === undefined);
    expect(open).toHaveLength(3);
    // The shards table shows the lineage: closed parents name their children.
    await page.reload();
    const closedRows = page.getByTestId("shards-table").locator("tbody tr.closed");
    expect(await closedRows.count()).toBe(Shards.length - 3);
    for (const children of await closedRows.getByTestId("shard-children").allTextContents()) expect(children).toMatch(/shardId-\d{12}/);
    await screenshot(page, "10-resharded");

    await page.getByTestId("delete-stream-submit").click();
    await page.waitForURL(url("/console/streams"));
    await expect
      .poll(async () => {
        try {
          return (await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: streamName }))).StreamDescriptionSummary?.StreamStatus;
        } catch (error) {
          return (error as Error).name;
        }
      }, PAGE_WAIT)
      .toBe("ResourceNotFoundException");
  });

  it("signs out, after which pages ask to sign in again", async () => {
    await page.goto(url("/console/streams"));
    await page.getByTestId("sign-out").click();
    await page.waitForURL(url("/console/sign-in"));
    await page.goto(url("/console/streams"));
    expect(new URL(page.url()).pathname).toBe("/console/sign-in");
    const answer = await page.evaluate(async () => {
      const response = await fetch("/console/api/kinesis/ListStreams", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
      return response.status;
    });
    expect(answer).toBe(401);
  });
});
