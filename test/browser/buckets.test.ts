/**
 * The console's buckets in a real browser (Debian's Chromium through playwright-core) against the
 * real local server with access keys configured: the user signs in, opens the bucket, uploads a
 * file with the page's file input and deletes it with the row's button. What the page uploaded is
 * read back with the unmodified `@aws-sdk/client-s3`, byte for byte, under the same key: the console
 * writes through S3's own PutObject. Screenshots land in artifacts/screenshots/.
 *
 * The tests follow one user through one session, so they run in order.
 */
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGION, removeDir, startServer, tempDir, uniqueName, type TestServer } from "../e2e/helpers";
import { launchChromium, screenshot, type TestBrowser } from "./browser";

const KEY_ID = "AKIDBROWSERBUCKETS";
const SECRET = "browser-buckets-secret-0123456789";
const BUCKET = "rivulet-deliveries";
const folder = `${uniqueName("browser-objects")}/`;
const content = Buffer.from(Array.from({ length: 3000 }, (_, i) => `line ${i}\n`).join(""));

let persistDir: string | undefined;
let server: TestServer | undefined;
let chromium: TestBrowser | undefined;
let page: Page;
let s3: S3Client;

function url(path: string): string {
  if (!server) throw new Error("the server did not start");
  return `${server.url}${path}`;
}

beforeAll(async () => {
  persistDir = tempDir("browser-buckets");
  server = await startServer({ persistDir, accessKeys: `${KEY_ID}:${SECRET}` });
  s3 = new S3Client({ endpoint: server.url, region: REGION, credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET }, forcePathStyle: true });
  chromium = await launchChromium();
  page = await chromium.context.newPage();
});

afterAll(async () => {
  await chromium?.close();
  s3?.destroy();
  await server?.close();
  removeDir(persistDir);
});

describe("the console's buckets", () => {
  it("shows a folder of a bucket with what the SDK put there", async () => {
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${folder}existing.txt`, Body: "already here" }));
    await page.goto(url("/console/buckets"));
    expect(new URL(page.url()).pathname).toBe("/console/sign-in");
    await page.getByTestId("access-key-id").fill(KEY_ID);
    await page.getByTestId("secret-access-key").fill(SECRET);
    await page.getByTestId("sign-in-submit").click();
    await page.waitForURL(url("/console/buckets"));

    await page.getByTestId("bucket-link").filter({ hasText: BUCKET }).click();
    await page.waitForURL(url(`/console/buckets/${BUCKET}`));
    await page.locator(`[data-testid="folder-row"][data-prefix="${folder}"]`).getByTestId("folder-link").click();
    await page.waitForURL((address) => address.searchParams.get("prefix") === folder);
    expect(await page.getByTestId("object-row").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-key")))).toEqual([`${folder}existing.txt`]);
  });

  it("uploads a file into the folder, readable with the SDK byte for byte", async () => {
    await page.getByTestId("upload-file").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: content });
    await page.getByTestId("upload-submit").click();
    const row = page.locator(`[data-testid="object-row"][data-key="${folder}notes.txt"]`);
    await row.waitFor();
    expect(await row.getAttribute("data-size")).toBe(String(content.length));

    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${folder}notes.txt` }));
    expect(object.ContentType).toBe("text/plain");
    expect(Buffer.from((await object.Body?.transformToByteArray()) ?? new Uint8Array()).equals(content)).toBe(true);
    await screenshot(page, "buckets-01-folder");
  });

  it("deletes an object after asking", async () => {
    page.once("dialog", (dialog) => void dialog.accept());
    await page.locator(`[data-testid="object-row"][data-key="${folder}notes.txt"]`).getByTestId("delete-object").click();
    await page.locator(`[data-testid="object-row"][data-key="${folder}notes.txt"]`).waitFor({ state: "detached" });
    const error = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${folder}notes.txt` })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ServiceException);
    expect((error as S3ServiceException).$metadata.httpStatusCode).toBe(404);
    expect(await page.getByTestId("object-row").count()).toBe(1);
  });
});
