/**
 * The console's Analytics pages in a real browser (Debian's Chromium through playwright-core) against
 * the real local server (`npm start`) with access keys configured. An application made with the
 * unmodified v1 SDK (`@aws-sdk/client-kinesis-analytics`) appears in the list and on its page; the user
 * edits its SQL, is told where code that cannot run is wrong (line and column), fixes it, starts it
 * from the trim horizon and sees it RUNNING, then stops it. Another application is created from the
 * console's form, its schema discovered from the records of its source stream.
 *
 * The live rows: once src/analytics/application.ts is the running engine (not the stand-in that
 * records calls), records put to the input stream show up as rows of the application's output stream
 * on the open page; with the stand-in, the live view can only say the application runs and shows none.
 * Screenshots land in artifacts/screenshots/.
 *
 * The tests follow one user through one session, so they run in order and share the applications.
 */
import fs from "node:fs";
import path from "node:path";
import { CreateApplicationCommand, DescribeApplicationCommand, KinesisAnalyticsClient } from "@aws-sdk/client-kinesis-analytics";
import { CreateStreamCommand, PutRecordsCommand, type KinesisClient } from "@aws-sdk/client-kinesis";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, kinesisClient, REGION, removeDir, startServer, tempDir, uniqueName, waitForActive, type TestServer } from "../e2e/helpers";
import { launchChromium, screenshot, type TestBrowser } from "./browser";

const KEY_ID = "AKIDBROWSERANALYTICS";
const SECRET = "browser-analytics-secret-0123456789";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/analytics`;
/** Statuses settle within a second or two; the summary refreshes every second meanwhile, rows every second. */
const PAGE_WAIT = { timeout: 60_000, interval: 250 };
/** Whether the application object on this branch runs applications (the stand-in says it is one). */
const ENGINE_RUNS = !fs.readFileSync(path.resolve(import.meta.dirname, "../../src/analytics/application.ts"), "utf8").includes("A STAND-IN");

const FILTER_CODE = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (ticker_symbol VARCHAR(4), price REAL);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
  SELECT STREAM ticker_symbol, price FROM "SOURCE_SQL_STREAM_001" WHERE price > 50;
`;
/** The same with a typo on its third line, where AWS's engine names the line and the column. */
const BROKEN_CODE = FILTER_CODE.replace("SELECT STREAM", "SELEC STREAM");

let persistDir: string | undefined;
let server: TestServer | undefined;
let chromium: TestBrowser | undefined;
let page: Page;
let kinesis: KinesisClient;
let analytics: KinesisAnalyticsClient;
const input = uniqueName("tickers");
const output = uniqueName("expensive");
const application = uniqueName("filter");
const created = uniqueName("console-made");

function url(pathname: string): string {
  if (!server) throw new Error("the server did not start");
  return `${server.url}${pathname}`;
}

function streamArn(name: string): string {
  return `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;
}

/** Stock ticker records as the SQL guide's demo writes them. */
async function putTickers(prices: readonly number[]): Promise<void> {
  const records = prices.map((price, i) => ({
    PartitionKey: `key-${i}`,
    Data: new TextEncoder().encode(JSON.stringify({ TICKER_SYMBOL: i % 2 === 0 ? "AMZN" : "QXZ", SECTOR: "TECHNOLOGY", CHANGE: 0.5, PRICE: price })),
  }));
  const answer = await kinesis.send(new PutRecordsCommand({ StreamName: input, Records: records }));
  expect(answer.FailedRecordCount).toBe(0);
}

beforeAll(async () => {
  persistDir = tempDir("browser-analytics");
  server = await startServer({ persistDir, accessKeys: `${KEY_ID}:${SECRET}` });
  const credentials = { accessKeyId: KEY_ID, secretAccessKey: SECRET };
  kinesis = kinesisClient(server.url, { credentials });
  analytics = new KinesisAnalyticsClient({ endpoint: server.url, region: REGION, credentials });
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  // Deleting asks first (window.confirm); the user says yes.
  page.on("dialog", (dialog) => void dialog.accept());
});

afterAll(async () => {
  await chromium?.close();
  kinesis?.destroy();
  analytics?.destroy();
  await server?.close();
  removeDir(persistDir);
});

describe("the console's Analytics pages", () => {
  it("list an application made with the v1 SDK, with its status, version, source and destination", async () => {
    for (const name of [input, output]) {
      await kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
      await waitForActive(kinesis, name);
    }
    await putTickers([12, 60, 75, 30]);
    await analytics.send(
      new CreateApplicationCommand({
        ApplicationName: application,
        ApplicationCode: FILTER_CODE,
        Inputs: [
          {
            NamePrefix: "SOURCE_SQL_STREAM",
            KinesisStreamsInput: { ResourceARN: streamArn(input), RoleARN: ROLE_ARN },
            InputSchema: {
              RecordFormat: { RecordFormatType: "JSON", MappingParameters: { JSONMappingParameters: { RecordRowPath: "$" } } },
              RecordEncoding: "UTF-8",
              RecordColumns: [
                { Name: "TICKER_SYMBOL", Mapping: "$.TICKER_SYMBOL", SqlType: "VARCHAR(4)" },
                { Name: "SECTOR", Mapping: "$.SECTOR", SqlType: "VARCHAR(16)" },
                { Name: "CHANGE", Mapping: "$.CHANGE", SqlType: "REAL" },
                { Name: "PRICE", Mapping: "$.PRICE", SqlType: "REAL" },
              ],
            },
          },
        ],
        Outputs: [{ Name: "DESTINATION_SQL_STREAM", KinesisStreamsOutput: { ResourceARN: streamArn(output), RoleARN: ROLE_ARN }, DestinationSchema: { RecordFormatType: "JSON" } }],
      }),
    );

    await page.goto(url("/console/analytics"));
    expect(new URL(page.url()).pathname).toBe("/console/sign-in");
    await page.getByTestId("access-key-id").fill(KEY_ID);
    await page.getByTestId("secret-access-key").fill(SECRET);
    await page.getByTestId("sign-in-submit").click();
    await page.waitForURL(url("/console/analytics"));

    const row = page.getByTestId(`application-row-${application}`);
    expect(await row.getByTestId("application-status").textContent()).toBe("READY");
    expect(await row.getByTestId("application-version").textContent()).toBe("1");
    expect(await row.getByTestId("application-input").getByRole("link").textContent()).toBe(input);
    expect(await row.getByTestId("application-output").getByRole("link").textContent()).toBe(output);
    await screenshot(page, "analytics-01-list");

    await row.getByTestId("application-link").click();
    await page.waitForURL(url(`/console/analytics/${application}`));
    expect(await page.getByTestId("application-code").locator("li").count()).toBe(FILTER_CODE.split("\n").length);
    expect(await page.getByTestId("input-streams").textContent()).toBe("SOURCE_SQL_STREAM_001");
    expect(await page.getByTestId("input-source-link").getByRole("link").getAttribute("href")).toBe(`/console/streams/${input}`);
    expect(await page.getByTestId("output-destination").getByRole("link").getAttribute("href")).toBe(`/console/streams/${output}`);
    expect(await page.getByTestId("live-stream").inputValue()).toBe("DESTINATION_SQL_STREAM");
  });

  it("edit the SQL, and say where code that cannot run is wrong when it starts", async () => {
    await page.getByTestId("edit-code").locator("summary").click();
    await page.getByTestId("edit-code-text").fill(BROKEN_CODE);
    await page.getByTestId("edit-code-submit").click();
    // A READY application takes code as it is (AWS checks it when it runs it): version 2.
    await expect.poll(() => page.getByTestId("application-version").textContent(), PAGE_WAIT).toBe("2");
    expect(await page.locator("#line-3").textContent()).toBe(BROKEN_CODE.split("\n")[2]);

    await page.getByTestId("start-submit").click();
    const error = page.getByTestId("start-form-error");
    await error.waitFor({ state: "visible" });
    expect(await error.textContent()).toMatch(/^CodeValidationException: .*line 3/);
    expect(await page.getByTestId("application-status").textContent()).toBe("READY");
    await screenshot(page, "analytics-02-code-error");

    await page.getByTestId("edit-code").locator("summary").click();
    await page.getByTestId("edit-code-text").fill(FILTER_CODE);
    await page.getByTestId("edit-code-submit").click();
    await expect.poll(() => page.getByTestId("application-version").textContent(), PAGE_WAIT).toBe("3");
    const { ApplicationDetail } = await analytics.send(new DescribeApplicationCommand({ ApplicationName: application }));
    expect(ApplicationDetail?.ApplicationCode).toBe(FILTER_CODE);
  });

  it("start it from the trim horizon and see it RUNNING, with its live rows", async () => {
    await page.getByTestId("start-position").selectOption("TRIM_HORIZON");
    await page.getByTestId("start-submit").click();
    await expect.poll(() => page.getByTestId("application-status").textContent(), PAGE_WAIT).toBe("RUNNING");
    expect(await page.getByTestId("input-starting-position").textContent()).toBe("TRIM_HORIZON");
    await expect.poll(() => page.getByTestId("live-status").textContent(), PAGE_WAIT).toMatch(/^Live: \d+ rows of DESTINATION_SQL_STREAM/);

    if (ENGINE_RUNS) {
      // The view watches the stream from its first ask: rows of records put from now on appear.
      const prices = [55, 10, 99, 51, 50];
      await putTickers(prices);
      const expected = prices.filter((price) => price > 50).length;
      const rows = page.getByTestId("live-row");
      await expect.poll(() => rows.count(), PAGE_WAIT).toBeGreaterThanOrEqual(expected);
      expect(await page.getByTestId("live-rows").locator("th").allTextContents()).toEqual(["ROWTIME", "TICKER_SYMBOL", "PRICE"]);
      const shownPrices = await rows.evaluateAll((items) => items.map((item) => Number(item.querySelectorAll("td")[2]?.textContent)));
      expect(shownPrices.every((price) => price > 50)).toBe(true);
    } else {
      expect(await page.getByTestId("live-row").count()).toBe(0);
    }
    await screenshot(page, "analytics-03-running");
  });

  it("stop it", async () => {
    await page.getByTestId("stop-submit").click();
    await expect.poll(() => page.getByTestId("application-status").textContent(), PAGE_WAIT).toBe("READY");
    await expect.poll(() => page.getByTestId("live-status").textContent(), PAGE_WAIT).toMatch(/^The application is not running/);
    expect(await page.getByTestId("start-submit").isEnabled()).toBe(true);
    expect(await page.getByTestId("stop-submit").isEnabled()).toBe(false);
  });

  it("create an application from the console, its schema discovered from its source's records", async () => {
    await page.goto(url("/console/analytics"));
    await page.getByTestId("create-application").locator("summary").click();
    await page.getByTestId("new-application-name").fill(created);
    await page.getByTestId("new-application-source").selectOption(streamArn(input));
    await page.getByTestId("discover-schema").click();
    await expect.poll(() => page.getByTestId("discovered-column").count(), PAGE_WAIT).toBe(4);
    expect(await page.getByTestId("discovered-column").locator("td:first-child").allTextContents()).toEqual(["TICKER_SYMBOL", "SECTOR", "CHANGE", "PRICE"]);
    // The SQL starts as a pump copying every column to the destination stream.
    expect(await page.getByTestId("new-application-code").inputValue()).toContain('FROM "SOURCE_SQL_STREAM_001"');
    await page.getByTestId("new-application-destination").selectOption(streamArn(output));
    await screenshot(page, "analytics-04-create");

    await page.getByTestId("create-application-submit").click();
    await page.waitForURL(url(`/console/analytics/${created}`));
    expect(await page.getByTestId("application-status").textContent()).toBe("READY");
    expect(await page.getByTestId("application-api").textContent()).toBe("v2 API (kinesisanalyticsv2)");
    expect(await page.getByTestId("input-schema").getByTestId("schema-column").count()).toBe(4);
    expect(await page.getByTestId("output-stream").textContent()).toBe("DESTINATION_SQL_STREAM");
  });

  it("fits a phone's screen", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const pathname of ["/console/analytics", `/console/analytics/${application}`]) {
      await page.goto(url(pathname));
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${pathname} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await screenshot(page, "analytics-05-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
  });
});
