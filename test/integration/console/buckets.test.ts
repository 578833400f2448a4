/**
 * The console's buckets, through the Worker as `npm start` serves it (open console): the bucket
 * list, a folder of a bucket as S3's ListObjectsV2 answers it, and uploads and deletes through the
 * console API, which run S3's PutObject and DeleteObject: what they store is what R2 holds, S3's
 * errors come back in AWS's JSON shape, and a change from another site is refused.
 */
import { exports as workersExports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { env, uniqueName } from "../client";

const worker = (workersExports as unknown as { default: Fetcher }).default;
const ORIGIN = "https://rivulet.example";
const BUCKET = "rivulet-deliveries";
const root = uniqueName("console-objects");

function objectApi(key: string, bucket = BUCKET): string {
  return `${ORIGIN}/console/api/s3/${bucket}/${key.split("/").map(encodeURIComponent).join("/")}`;
}

describe("the console's buckets", () => {
  it("lists the bound buckets and a folder's objects and subfolders", async () => {
    await env.RIVULET_DELIVERIES.put(`${root}/top.txt`, "top");
    await env.RIVULET_DELIVERIES.put(`${root}/sub/inner.txt`, "inner");
    const list = await (await worker.fetch(`${ORIGIN}/console/buckets`)).text();
    expect(list).toContain(`data-testid="bucket-link">${BUCKET}<`);

    const folder = await worker.fetch(`${ORIGIN}/console/buckets/${BUCKET}?prefix=${encodeURIComponent(`${root}/`)}`);
    expect(folder.status).toBe(200);
    const html = await folder.text();
    expect(html).toContain(`data-key="${root}/top.txt"`);
    expect(html).toContain(`data-prefix="${root}/sub/"`);
    expect(html).not.toContain(`data-key="${root}/sub/inner.txt"`);

    const missing = await worker.fetch(`${ORIGIN}/console/buckets/no-such-bucket`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("NoSuchBucket");
  });

  it("uploads through S3's PutObject and deletes through DeleteObject, from the console's own pages only", async () => {
    const key = `${root}/uploaded file.csv`;
    const uploaded = await worker.fetch(objectApi(key), { method: "PUT", headers: { origin: ORIGIN, "content-type": "text/csv" }, body: "a,b\n1,2\n" });
    expect(uploaded.status).toBe(200);
    expect(await uploaded.json()).toEqual({ ETag: `"${new Uint8Array(await crypto.subtle.digest("MD5", new TextEncoder().encode("a,b\n1,2\n"))).toHex()}"` });
    const stored = await env.RIVULET_DELIVERIES.get(key);
    expect(await stored?.text()).toBe("a,b\n1,2\n");
    expect(stored?.httpMetadata?.contentType).toBe("text/csv");

    const crossSite = await worker.fetch(objectApi(key), { method: "DELETE", headers: { origin: "https://evil.example" } });
    expect(crossSite.status).toBe(403);
    const crossSiteUpload = await worker.fetch(objectApi(`${root}/evil`), { method: "PUT", headers: { origin: "https://evil.example" }, body: "x" });
    expect(crossSiteUpload.status).toBe(403);
    expect(await env.RIVULET_DELIVERIES.head(`${root}/evil`)).toBeNull();

    const deleted = await worker.fetch(objectApi(key), { method: "DELETE", headers: { origin: ORIGIN } });
    expect(deleted.status).toBe(200);
    expect(await env.RIVULET_DELIVERIES.head(key)).toBeNull();

    const noBucket = await worker.fetch(objectApi("x", "no-such-bucket"), { method: "PUT", headers: { origin: ORIGIN }, body: "x" });
    expect(noBucket.status).toBe(404);
    expect(await noBucket.json()).toEqual({ __type: "NoSuchBucket", message: "The specified bucket does not exist" });
  });
});
