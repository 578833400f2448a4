/**
 * The console's Firehose pages in a real browser (Debian's Chromium through playwright-core) against
 * the real local server (`npm start`) with access keys configured: a delivery stream created with
 * the unmodified `@aws-sdk/client-firehose`, whose JSONata transform fails the records that are not
 * JSON. The user signs in, finds the stream in the list and opens it; records put with
 * PutRecordBatch then appear on the open page as deliveries, and as failed records with their error
 * code and raw data; a delivered object opens with its content. Every record put is accounted for on the page: delivered + failed = put.
 * Screenshots land in artifacts/screenshots/.
 *
 * The tests follow one user through one session, so they run in order and share the stream.
 */
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, REGION, removeDir, sleep, startServer, tempDir, uniqueName, type TestServer } from "../e2e/helpers";
import { launchChromium, screenshot, type TestBrowser } from "./browser";

const KEY_ID = "AKIDBROWSERFIREHOSE";
const SECRET = "browser-firehose-secret-0123456789";
const BUCKET = "rivulet-deliveries";
/** How long a page may take to show what the server has: deliveries take about a second, panels refresh every 5 to 10 seconds. */
const PAGE_WAIT = { timeout: 60_000, interval: 500 };
const EXPRESSION = '{"user": user, "page": page, "seen": true}';

let persistDir: string | undefined;
let server: TestServer | undefined;
let chromium: TestBrowser | undefined;
let page: Page;
let firehose: FirehoseClient;
const name = uniqueName("browser-hose");
const good = Array.from({ length: 12 }, (_, i) => JSON.stringify({ user: `user-${i % 4}`, page: `/p/${i}` }));
const bad = ["this is not JSON", "<script>alert('not json either')</script>"];
/** In the order put: the failed ones among the good ones. */
const records = [...good.slice(0, 6), bad[0] ?? "", ...good.slice(6), bad[1] ?? ""];

function url(path: string): string {
  if (!server) throw new Error("the server did not start");
  return `${server.url}${path}`;
}

/** The sum of a numeric attribute over the elements a locator finds. */
async function sumOf(locator: Locator, attribute: string): Promise<number> {
  const values = await locator.evaluateAll((elements, attributeName) => elements.map((element) => Number(element.getAttribute(attributeName))), attribute);
  return values.reduce((sum, value) => sum + value, 0);
}

async function waitForActive(): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const { DeliveryStreamDescription } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    if (DeliveryStreamDescription?.DeliveryStreamStatus === "ACTIVE") return;
    await sleep(100);
  }
  throw new Error(`${name} never became ACTIVE`);
}

beforeAll(async () => {
  persistDir = tempDir("browser-firehose");
  server = await startServer({ persistDir, accessKeys: `${KEY_ID}:${SECRET}` });
  firehose = new FirehoseClient({ endpoint: server.url, region: REGION, credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET } });
  chromium = await launchChromium();
  page = await chromium.context.newPage();
});

afterAll(async () => {
  await chromium?.close();
  firehose?.destroy();
  await server?.close();
  removeDir(persistDir);
});

describe("the console's Firehose pages", () => {
  it("list a delivery stream created with the AWS SDK, with its source, destination and transform", async () => {
    await firehose.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: name,
        DeliveryStreamType: "DirectPut",
        ExtendedS3DestinationConfiguration: {
          RoleARN: `arn:aws:iam::${ACCOUNT}:role/firehose-delivery`,
          BucketARN: `arn:aws:s3:::${BUCKET}`,
          Prefix: `browser/${name}/`,
          ErrorOutputPrefix: `browser-errors/${name}/!{firehose:error-output-type}/`,
          CompressionFormat: "GZIP",
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
          ProcessingConfiguration: {
            Enabled: true,
            Processors: [
              { Type: "Lambda", Parameters: [{ ParameterName: "LambdaArn", ParameterValue: `jsonata:${EXPRESSION}` }] },
              { Type: "AppendDelimiterToRecord", Parameters: [] },
            ],
          },
        },
      }),
    );
    await waitForActive();

    await page.goto(url("/console/firehose"));
    expect(new URL(page.url()).pathname).toBe("/console/sign-in");
    await page.getByTestId("access-key-id").fill(KEY_ID);
    await page.getByTestId("secret-access-key").fill(SECRET);
    await page.getByTestId("sign-in-submit").click();
    await page.waitForURL(url("/console/firehose"));

    const row = page.getByTestId(`firehose-row-${name}`);
    expect(await row.getByTestId("firehose-status").textContent()).toBe("ACTIVE");
    expect(await row.getByTestId("firehose-source").textContent()).toBe("Direct PUT");
    expect(await row.getByTestId("firehose-destination").textContent()).toBe(`S3 · ${BUCKET}`);
    expect(await row.getByTestId("firehose-transforms").getAttribute("data-value")).toBe("yes");
    expect(await row.getByTestId("firehose-partitioning").getAttribute("data-value")).toBe("no");
    expect(await row.getByTestId("sparkline-IncomingRecords").getAttribute("data-total")).toBe("0");

    await row.getByTestId("firehose-link").click();
    await page.waitForURL(url(`/console/firehose/${name}`));
    expect(await page.getByTestId("jsonata-expression").textContent()).toBe(EXPRESSION);
    expect(await page.getByTestId("processor").evaluateAll((items) => items.map((item) => item.getAttribute("data-type")))).toEqual([
      "Lambda",
      "AppendDelimiterToRecord",
    ]);
    expect(await page.getByTestId("destination-bucket").getByTestId("compression").textContent()).toBe("GZIP");
    expect(await page.getByTestId("no-deliveries").isVisible()).toBe(true);
    expect(await page.getByTestId("no-failed-records").isVisible()).toBe(true);
  });

  it("shows the deliveries as they land, with their record counts, while the page is open", async () => {
    const put = await firehose.send(
      new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records.map((text) => ({ Data: new TextEncoder().encode(text) })) }),
    );
    expect(put.FailedPutCount).toBe(0);
    expect(put.RequestResponses).toHaveLength(records.length);

    // The deliveries panel refreshes itself: the data object and the error output appear.
    await expect.poll(() => sumOf(page.locator('[data-testid="delivery-row"][data-kind="data"]'), "data-records"), PAGE_WAIT).toBe(good.length);
    await expect.poll(() => sumOf(page.locator('[data-testid="delivery-row"][data-kind="error"]'), "data-records"), PAGE_WAIT).toBe(bad.length);
    // Nothing lost: delivered + failed = put, and nothing waits in the buffer.
    expect(await sumOf(page.getByTestId("delivery-row"), "data-records")).toBe(records.length);
    expect(await page.getByTestId("buffer-records").textContent()).toBe("0");
  });

  it("finds the failed records with their error code and raw data", async () => {
    const failed = page.getByTestId("failed-record");
    // The failed-records panel refreshes itself too.
    await expect.poll(() => failed.count(), PAGE_WAIT).toBe(bad.length);
    expect(await page.getByTestId("failed-error-code").allTextContents()).toEqual(["Jsonata.InvalidInput", "Jsonata.InvalidInput"]);
    expect(await page.getByTestId("failed-error-message").first().textContent()).toBe(
      "The record is not valid JSON, so the JSONata expression cannot be applied to it.",
    );
    // Newest first: the last record put is the first shown; the markup in it is shown, not run.
    expect(await page.getByTestId("failed-raw-data").allTextContents()).toEqual([bad[1], bad[0]]);
    expect(await page.evaluate(() => document.querySelectorAll("main script").length)).toBe(0);
    await screenshot(page, "firehose-02-stream");
  });

  it("opens a delivered object and shows its content, decompressed", async () => {
    await page.locator('[data-testid="delivery-row"][data-kind="data"]').first().getByTestId("delivery-link").click();
    await page.waitForURL((address) => address.pathname === `/console/firehose/${name}/object`);
    expect(await page.getByTestId("object-encoding").textContent()).toBe("gzip (shown decompressed)");
    const content = (await page.getByTestId("object-content").textContent()) ?? "";
    const lines = content.split("\n").filter((line) => line !== "");
    // The JSONata expression's output, one document a line, for the good records of this object.
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const parsed = JSON.parse(line) as { user: string; page: string; seen: boolean };
      expect(parsed.seen).toBe(true);
      expect(good).toContain(JSON.stringify({ user: parsed.user, page: parsed.page }));
    }
    await screenshot(page, "firehose-03-object");
  });

  it("counts the records put in the list's sparkline", async () => {
    await page.getByRole("link", { name: "Firehose", exact: true }).first().click();
    await page.waitForURL(url("/console/firehose"));
    const row = page.getByTestId(`firehose-row-${name}`);
    expect(await row.getByTestId("sparkline-IncomingRecords").getAttribute("data-total")).toBe(String(records.length));
    await screenshot(page, "firehose-01-list");
  });
});
