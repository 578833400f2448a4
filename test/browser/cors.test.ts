/**
 * A web page of another origin uses Rivulet as it would use AWS: the real `@aws-sdk/client-kinesis`,
 * bundled for the browser here with esbuild (pages/kinesis-app.ts), runs in Debian's Chromium on a
 * page served by a small static server on another port than the API's, against the real local
 * server (`npm start`). Every call crosses origins, so each needs a preflight and CORS headers; the
 * page creates a stream, puts records and reads them back, and the SDK reads request ids and an error.
 */
import http from "node:http";
import path from "node:path";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REQUEST_ID, removeDir, startServer, tempDir, uniqueName, type TestServer } from "../e2e/helpers";
import { launchChromium, type TestBrowser } from "./browser";
import type { PageResult } from "./pages/kinesis-app";

let persistDir: string | undefined;
let server: TestServer | undefined;
let site: http.Server | undefined;
let siteUrl = "";
let chromium: TestBrowser | undefined;
let page: Page;

/** The page's script: the SDK and pages/kinesis-app.ts as one browser bundle, exposed as `window.kinesisApp`. */
async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(import.meta.dirname, "pages/kinesis-app.ts")],
    bundle: true,
    write: false,
    platform: "browser",
    format: "iife",
    globalName: "kinesisApp",
    target: "es2022",
    logLevel: "silent",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error("esbuild produced nothing");
  return output.text;
}

/** Serves the page and its script, and nothing else, on a port of its own. */
async function serveSite(script: string): Promise<string> {
  const html = '<!doctype html><html><head><meta charset="utf-8"><script src="/app.js"></script></head><body>a page of another origin</body></html>';
  site = http.createServer((request, response) => {
    if (request.url === "/app.js") response.writeHead(200, { "content-type": "text/javascript" }).end(script);
    else if (request.url === "/") response.writeHead(200, { "content-type": "text/html" }).end(html);
    else response.writeHead(404).end();
  });
  const listening = site;
  await new Promise<void>((resolve) => listening.listen(0, "127.0.0.1", resolve));
  const address = listening.address();
  if (address === null || typeof address === "string") throw new Error("the page's server has no port");
  return `http://127.0.0.1:${address.port}`;
}

beforeAll(async () => {
  const script = await bundle();
  persistDir = tempDir("browser-cors");
  server = await startServer({ persistDir });
  siteUrl = await serveSite(script);
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  await page.goto(`${siteUrl}/`);
});

afterAll(async () => {
  await chromium?.close();
  await new Promise((resolve) => (site ? site.close(resolve) : resolve(undefined)));
  await server?.close();
  removeDir(persistDir);
});

describe("a page of another origin with @aws-sdk/client-kinesis", () => {
  it("creates a stream, puts records and reads them back; the SDK reads request ids and errors", async () => {
    const endpoint = server?.url ?? "";
    expect(new URL(siteUrl).origin).not.toBe(new URL(endpoint).origin);
    const streamName = uniqueName("browser-cors");
    const result: PageResult = await page.evaluate(
      ([api, name]) => (window as unknown as { kinesisApp: { run(endpoint: string, name: string): Promise<PageResult> } }).kinesisApp.run(api, name),
      [endpoint, streamName] as const,
    );

    expect(result.written.map((record) => record.data)).toEqual([0, 1, 2, 3, 4].map((i) => `from a page: ${i}`));
    expect(result.read).toEqual(result.written);
    for (const id of result.requestIds) expect(id).toMatch(REQUEST_ID);
    expect(result.error.name).toBe("ResourceNotFoundException");
    expect(result.error.status).toBe(400);
    expect(result.error.requestId).toMatch(REQUEST_ID);
  });
});
