/**
 * S3's REST API over R2 (its reads; writes: writes.test.ts, multipart.test.ts), through the Worker's fetch handler: requests signed for "s3" as
 * the S3 clients sign them (path not encoded twice, x-amz-content-sha256 signed), objects put
 * straight into the bound R2 bucket, answers read as S3's XML.
 */
import { Sha256Js } from "@smithy/core/checksum";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
import { exports as workersExports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { env, uniqueName } from "../client";

const worker = (workersExports as unknown as { default: Fetcher }).default;
const BUCKET = "rivulet-deliveries";
const HOST = "127.0.0.1:4567";
const credentials = { accessKeyId: "AKIDS3TEST", secretAccessKey: "s3-test-secret" };

interface S3Call {
  method?: string;
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  presign?: boolean;
  service?: string;
  date?: Date;
}

/** Signs as @aws-sdk/client-s3 does (uriEscapePath false, payload hash sent) and sends through the Worker. */
async function s3(call: S3Call): Promise<Response> {
  const signer = new SignatureV4({ service: call.service ?? "s3", region: "eu-west-1", credentials, sha256: Sha256Js, uriEscapePath: false });
  const request = new HttpRequest({
    method: call.method ?? "GET",
    protocol: "http:",
    hostname: "127.0.0.1",
    port: 4567,
    path: call.path,
    query: call.query ?? {},
    headers: { host: HOST, ...call.headers },
  });
  const signed = call.presign
    ? await signer.presign(request, { expiresIn: 60, signingDate: call.date })
    : await signer.sign(request, { signingDate: call.date });
  const url = new URL(`http://${HOST}${signed.path}`);
  const search = Object.entries(signed.query as Record<string, string>)
    .map(([k, v]) => `${encode(k)}=${encode(v)}`)
    .join("&");
  if (search) url.search = `?${search}`;
  return worker.fetch(url.toString(), { method: signed.method, headers: signed.headers as Record<string, string> });
}

function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A key's path as the S3 clients spell it: each segment RFC 3986-encoded once. */
function keyPath(key: string): string {
  return `/${BUCKET}/${key.split("/").map(encode).join("/")}`;
}

function tags(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, "g"))].map((m) => m[1] ?? "");
}

const root = uniqueName("s3api");
const keys = [`${root}/a/one.txt`, `${root}/a/two.txt`, `${root}/b/three.txt`, `${root}/top.txt`, `${root}/odd name+&'(x).txt`];

beforeAll(async () => {
  const bucket = env.RIVULET_DELIVERIES;
  for (const key of keys) await bucket.put(key, `body of ${key}`, { httpMetadata: { contentType: "text/plain" } });
});

describe("S3 API over R2", () => {
  it("ListBuckets names the bound buckets", async () => {
    const response = await s3({ path: "/" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml");
    expect(response.headers.get("x-amz-request-id")).toMatch(/^[0-9A-F]{16}$/);
    const xml = await response.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<ListAllMyBucketsResult xmlns="http:\/\/s3.amazonaws.com\/doc\/2006-03-01\/">/);
    expect(tags(xml, "Name")).toContain(BUCKET);
    expect(tags(xml, "ID")[0]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("ListObjectsV2 with a prefix, a delimiter and common prefixes", async () => {
    const response = await s3({ path: `/${BUCKET}`, query: { "list-type": "2", prefix: `${root}/`, delimiter: "/" } });
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(tags(xml, "Key")).toEqual([`${root}/odd name+&amp;&apos;(x).txt`, `${root}/top.txt`]);
    expect(xml).toContain(`<CommonPrefixes><Prefix>${root}/a/</Prefix></CommonPrefixes><CommonPrefixes><Prefix>${root}/b/</Prefix></CommonPrefixes>`);
    expect(tags(xml, "KeyCount")).toEqual(["4"]);
    expect(tags(xml, "IsTruncated")).toEqual(["false"]);
    expect(tags(xml, "Size")[1]).toBe(String(`body of ${root}/top.txt`.length));
    expect(tags(xml, "ETag")[0]).toMatch(/^&quot;[0-9a-f]{32}&quot;$/);
    expect(tags(xml, "StorageClass")[0]).toBe("STANDARD");
  });

  it("ListObjectsV2 pages with max-keys and continuation tokens, and starts after a key", async () => {
    const seen: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 10; page++) {
      const query: Record<string, string> = { "list-type": "2", prefix: `${root}/`, "max-keys": "2" };
      if (token) query["continuation-token"] = token;
      const xml = await (await s3({ path: `/${BUCKET}`, query })).text();
      seen.push(...tags(xml, "Key"));
      token = tags(xml, "NextContinuationToken")[0];
      expect(tags(xml, "IsTruncated")).toEqual([token ? "true" : "false"]);
      if (!token) break;
    }
    expect(seen).toHaveLength(keys.length);
    const after = await (await s3({ path: `/${BUCKET}`, query: { "list-type": "2", prefix: `${root}/`, "start-after": `${root}/b/three.txt` } })).text();
    expect(tags(after, "Key")).toEqual([`${root}/odd name+&amp;&apos;(x).txt`, `${root}/top.txt`]);
    expect(tags(after, "StartAfter")).toEqual([`${root}/b/three.txt`]);
  });

  it("url-encodes keys when asked (encoding-type=url), as the AWS CLI asks", async () => {
    const xml = await (await s3({ path: `/${BUCKET}`, query: { "list-type": "2", prefix: `${root}/odd`, "encoding-type": "url" } })).text();
    expect(tags(xml, "Key")).toEqual([`${root}/odd%20name%2B%26%27%28x%29.txt`]);
    expect(tags(xml, "EncodingType")).toEqual(["url"]);
  });

  it("ListObjects (version 1) with markers", async () => {
    const xml = await (await s3({ path: `/${BUCKET}`, query: { prefix: `${root}/`, marker: `${root}/a/two.txt` } })).text();
    expect(tags(xml, "Key")).toEqual([`${root}/b/three.txt`, `${root}/odd name+&amp;&apos;(x).txt`, `${root}/top.txt`]);
    expect(tags(xml, "Marker")).toEqual([`${root}/a/two.txt`]);
  });

  it("GetObject, HeadObject and ranges", async () => {
    const key = `${root}/a/one.txt`;
    const body = `body of ${key}`;
    const get = await s3({ path: keyPath(key) });
    expect(get.status).toBe(200);
    expect(await get.text()).toBe(body);
    expect(get.headers.get("etag")).toMatch(/^"[0-9a-f]{32}"$/);
    expect(get.headers.get("accept-ranges")).toBe("bytes");
    expect(get.headers.get("last-modified")).toMatch(/GMT$/);

    const head = await s3({ method: "HEAD", path: keyPath(key) });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(body.length));

    const range = await s3({ path: keyPath(key), headers: { range: "bytes=0-3" } });
    expect(range.status).toBe(206);
    expect(range.headers.get("content-range")).toBe(`bytes 0-3/${body.length}`);
    expect(await range.text()).toBe("body");
    const suffix = await s3({ path: keyPath(key), headers: { range: "bytes=-3" } });
    expect(await suffix.text()).toBe("txt");
    const open = await s3({ path: keyPath(key), headers: { range: "bytes=5-" } });
    expect(await open.text()).toBe(body.slice(5));

    const beyond = await s3({ path: keyPath(key), headers: { range: `bytes=${body.length}-` } });
    expect(beyond.status).toBe(416);
    expect(tags(await beyond.text(), "Code")).toEqual(["InvalidRange"]);

    const odd = await s3({ path: keyPath(`${root}/odd name+&'(x).txt`) });
    expect(odd.status).toBe(200);
    expect(await odd.text()).toBe(`body of ${root}/odd name+&'(x).txt`);
  });

  it("presigned GETs work", async () => {
    const key = `${root}/top.txt`;
    const response = await s3({ path: keyPath(key), presign: true });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(`body of ${key}`);
  });

  it("answers S3's errors in S3's XML", async () => {
    const missingKey = await s3({ path: keyPath(`${root}/nope`) });
    expect(missingKey.status).toBe(404);
    const xml = await missingKey.text();
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>/);
    expect(tags(xml, "Key")).toEqual([`${root}/nope`]);
    expect(tags(xml, "RequestId")[0]).toBe(missingKey.headers.get("x-amz-request-id"));

    const headMissing = await s3({ method: "HEAD", path: keyPath(`${root}/nope`) });
    expect(headMissing.status).toBe(404);
    expect(await headMissing.text()).toBe("");

    const noBucket = await s3({ path: "/no-such-bucket-here", query: { "list-type": "2" } });
    expect(noBucket.status).toBe(404);
    const noBucketXml = await noBucket.text();
    expect(tags(noBucketXml, "Code")).toEqual(["NoSuchBucket"]);
    expect(tags(noBucketXml, "BucketName")).toEqual(["no-such-bucket-here"]);

    // Buckets are R2 bindings: they cannot be created or deleted through S3.
    const createBucket = await s3({ method: "PUT", path: `/${BUCKET}` });
    expect(createBucket.status).toBe(403);
    expect(tags(await createBucket.text(), "Code")).toEqual(["AccessDenied"]);

    const acl = await s3({ path: `/${BUCKET}`, query: { acl: "" } });
    expect(acl.status).toBe(501);
    expect(tags(await acl.text(), "Code")).toEqual(["NotImplemented"]);

    const badMaxKeys = await s3({ path: `/${BUCKET}`, query: { "list-type": "2", "max-keys": "x" } });
    expect(badMaxKeys.status).toBe(400);
    expect(tags(await badMaxKeys.text(), "Code")).toEqual(["InvalidArgument"]);

    const old = await s3({ path: `/${BUCKET}`, date: new Date(Date.now() - 3_600_000) });
    expect(old.status).toBe(403);
    expect(tags(await old.text(), "Code")).toEqual(["RequestTimeTooSkewed"]);
  });

  it("requests not signed for s3 are not S3 requests", async () => {
    const response = await worker.fetch(`http://${HOST}/${BUCKET}`);
    expect(response.status).toBe(403);
    expect(response.headers.get("x-amzn-RequestId")).not.toBeNull();
  });
});
