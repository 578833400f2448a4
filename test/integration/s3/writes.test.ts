/**
 * S3's single-request writes over R2 through the Worker: PutObject (stored headers and metadata,
 * Content-MD5, every x-amz-checksum-*, the signed payload hash, aws-chunked bodies signed and
 * unsigned, conditional writes), DeleteObject, DeleteObjects (Quiet mode, per-key errors) and
 * CopyObject (metadata directive, conditions), each with S3's errors. A refused write stores nothing.
 */
import { describe, expect, it } from "vitest";
import { env, uniqueName } from "../client";
import {
  bytes,
  errorCode,
  keyPath,
  md5Base64,
  s3,
  s3Signed,
  sha256Hex,
  signedChunked,
  tags,
  unsignedChunked,
  BUCKET,
} from "./s3-client";

const root = uniqueName("s3w");
const bucket = () => env.RIVULET_DELIVERIES;

async function stored(key: string): Promise<string | undefined> {
  const object = await bucket().get(key);
  return object ? await object.text() : undefined;
}

describe("PutObject", () => {
  it("stores the body with its headers and metadata, and answers the ETag", async () => {
    const key = `${root}/put/hello.txt`;
    const response = await s3({
      method: "PUT",
      path: keyPath(key),
      body: "hello world",
      headers: {
        "content-type": "text/plain",
        "cache-control": "max-age=60",
        "content-disposition": "attachment",
        "content-language": "en",
        "x-amz-meta-Color": "blue",
        "x-amz-storage-class": "STANDARD",
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe('"5eb63bbbe01eeed093cb22bb8f5acdc3"');
    expect(response.headers.get("x-amz-version-id")).toBeNull();
    expect(await stored(key)).toBe("hello world");

    const get = await s3({ path: keyPath(key) });
    expect(await get.text()).toBe("hello world");
    expect(get.headers.get("content-type")).toBe("text/plain");
    expect(get.headers.get("cache-control")).toBe("max-age=60");
    expect(get.headers.get("content-disposition")).toBe("attachment");
    expect(get.headers.get("content-language")).toBe("en");
    expect(get.headers.get("x-amz-meta-color")).toBe("blue");
    expect(get.headers.get("etag")).toBe('"5eb63bbbe01eeed093cb22bb8f5acdc3"');
  });

  it("stores an empty object, and replaces an object put again", async () => {
    const key = `${root}/put/empty`;
    expect((await s3({ method: "PUT", path: keyPath(key), body: "" })).status).toBe(200);
    expect(await stored(key)).toBe("");
    expect((await s3({ method: "PUT", path: keyPath(key), body: "now" })).status).toBe(200);
    expect(await stored(key)).toBe("now");
  });

  it("checks and echoes each x-amz-checksum-*, with S3's values", async () => {
    // "hello world" under each algorithm, as S3 and the SDKs compute them.
    const known = {
      crc32: "DUoRhQ==",
      crc32c: "yZRlqg==",
      crc64nvme: "jSnVw/bqjr4=",
      sha1: "Kq5sNclPz7QV2+lfQIuc6R7oRu0=",
      sha256: "uU0nuZNNPgilLlLX2n2r+sSE7+N6U4DukIj3rOLvzek=",
    };
    for (const [algorithm, value] of Object.entries(known)) {
      const key = `${root}/put/checksum-${algorithm}`;
      const response = await s3({ method: "PUT", path: keyPath(key), body: "hello world", headers: { [`x-amz-checksum-${algorithm}`]: value } });
      expect(response.status, algorithm).toBe(200);
      expect(response.headers.get(`x-amz-checksum-${algorithm}`)).toBe(value);
      expect(response.headers.get("x-amz-checksum-type")).toBe("FULL_OBJECT");

      const wrong = await s3({ method: "PUT", path: keyPath(`${key}-wrong`), body: "hello world!", headers: { [`x-amz-checksum-${algorithm}`]: value } });
      expect(wrong.status).toBe(400);
      const xml = await wrong.text();
      expect(tags(xml, "Code")).toEqual(["BadDigest"]);
      expect(tags(xml, "Message")).toEqual([`The ${algorithm.toUpperCase()} you specified did not match the calculated checksum.`]);
      expect(await stored(`${key}-wrong`)).toBeUndefined();
    }
  });

  it("refuses malformed and multiple checksums before reading the body", async () => {
    const malformed = await s3({ method: "PUT", path: keyPath(`${root}/put/bad`), body: "x", headers: { "x-amz-checksum-crc32": "nope" } });
    expect(malformed.status).toBe(400);
    const xml = await malformed.text();
    expect(tags(xml, "Code")).toEqual(["InvalidRequest"]);
    expect(tags(xml, "Message")).toEqual(["Value for x-amz-checksum-crc32 header is invalid."]);

    const two = await s3({
      method: "PUT",
      path: keyPath(`${root}/put/bad`),
      body: "x",
      headers: { "x-amz-checksum-crc32": "AAAAAA==", "x-amz-checksum-sha1": "Kq5sNclPz7QV2+lfQIuc6R7oRu0=" },
    });
    expect(tags(await two.text(), "Message")).toEqual(["Expecting a single x-amz-checksum- header. Multiple checksum Types are not allowed."]);
    expect(await stored(`${root}/put/bad`)).toBeUndefined();
  });

  it("checks Content-MD5: BadDigest when it differs, InvalidDigest when it is not an MD5", async () => {
    const key = `${root}/put/md5`;
    const good = await s3({ method: "PUT", path: keyPath(key), body: "abc", headers: { "content-md5": await md5Base64("abc") } });
    expect(good.status).toBe(200);

    const bad = await s3({ method: "PUT", path: keyPath(`${key}-bad`), body: "abd", headers: { "content-md5": await md5Base64("abc") } });
    expect(bad.status).toBe(400);
    const xml = await bad.text();
    expect(tags(xml, "Code")).toEqual(["BadDigest"]);
    expect(tags(xml, "Message")).toEqual(["The Content-MD5 you specified did not match what we received."]);
    expect(tags(xml, "ExpectedDigest")).toEqual([await md5Base64("abc")]);
    expect(tags(xml, "CalculatedDigest")).toEqual([await md5Base64("abd")]);
    expect(await stored(`${key}-bad`)).toBeUndefined();

    const invalid = await s3({ method: "PUT", path: keyPath(`${key}-bad`), body: "abc", headers: { "content-md5": "MTIz" } });
    const invalidXml = await invalid.text();
    expect(tags(invalidXml, "Code")).toEqual(["InvalidDigest"]);
    expect(tags(invalidXml, "Message")).toEqual(["The Content-MD5 you specified was invalid."]);
  });

  it("checks the signed payload hash (XAmzContentSHA256Mismatch)", async () => {
    const key = `${root}/put/sha`;
    const response = await s3({ method: "PUT", path: keyPath(key), body: "the body", payloadHash: await sha256Hex(new TextEncoder().encode("another body")) });
    expect(response.status).toBe(400);
    const xml = await response.text();
    expect(tags(xml, "Code")).toEqual(["XAmzContentSHA256Mismatch"]);
    expect(tags(xml, "ClientComputedContentSHA256")).toEqual([await sha256Hex(new TextEncoder().encode("another body"))]);
    expect(tags(xml, "S3ComputedContentSHA256")).toEqual([await sha256Hex(new TextEncoder().encode("the body"))]);
    expect(await stored(key)).toBeUndefined();

    const unsigned = await s3({ method: "PUT", path: keyPath(key), body: "the body", payloadHash: "UNSIGNED-PAYLOAD" });
    expect(unsigned.status).toBe(200);
  });

  it("decodes unsigned aws-chunked bodies and checks their trailing checksum", async () => {
    const data = bytes(70_000);
    const key = `${root}/put/chunked-unsigned`;
    const crc32 = await crc32Base64(data);
    const headers = {
      "content-encoding": "aws-chunked",
      "x-amz-decoded-content-length": String(data.length),
      "x-amz-trailer": "x-amz-checksum-crc32",
      "content-type": "application/octet-stream",
    };
    const response = await s3({
      method: "PUT",
      path: keyPath(key),
      body: unsignedChunked(data, 16_384, { "x-amz-checksum-crc32": crc32 }),
      payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
      headers,
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-amz-checksum-crc32")).toBe(crc32);
    const object = await bucket().get(key);
    expect(new Uint8Array((await object?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(data);
    expect(object?.httpMetadata?.contentEncoding).toBeUndefined();

    const wrong = await s3({
      method: "PUT",
      path: keyPath(`${key}-wrong`),
      body: unsignedChunked(data, 16_384, { "x-amz-checksum-crc32": "AAAAAA==" }),
      payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
      headers,
    });
    expect(await errorCode(wrong)).toBe("BadDigest");
    expect(await stored(`${key}-wrong`)).toBeUndefined();

    const short = await s3({
      method: "PUT",
      path: keyPath(`${key}-short`),
      body: unsignedChunked(data.subarray(0, 1000), 500, { "x-amz-checksum-crc32": crc32 }),
      payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
      headers,
    });
    expect(await errorCode(short)).toBe("IncompleteBody");

    const garbled = await s3({ method: "PUT", path: keyPath(`${key}-garbled`), body: "zz\r\nnot chunked", payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER", headers });
    expect(garbled.status).toBe(400);
    expect(await stored(`${key}-garbled`)).toBeUndefined();
  });

  it("verifies signed aws-chunked bodies chunk by chunk, and their signed trailers", async () => {
    const data = bytes(40_000, 5);
    const key = `${root}/put/chunked-signed`;
    const headers = { "content-encoding": "aws-chunked", "x-amz-decoded-content-length": String(data.length) };
    const call = { method: "PUT", path: keyPath(key), payloadHash: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", headers, withKeys: true };
    const good = await s3Signed(call, (seed, date) => signedChunked(data, 8192, seed, date));
    expect(good.response.status).toBe(200);
    expect(new Uint8Array((await (await bucket().get(key))?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(data);

    const tampered = await s3Signed({ ...call, path: keyPath(`${key}-tampered`) }, (seed, date) => signedChunked(data, 8192, seed, date, undefined, true));
    expect(tampered.response.status).toBe(403);
    expect(await errorCode(tampered.response)).toBe("SignatureDoesNotMatch");
    expect(await stored(`${key}-tampered`)).toBeUndefined();

    const crc32 = await crc32Base64(data);
    const trailer = {
      ...call,
      path: keyPath(`${key}-trailer`),
      payloadHash: "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
      headers: { ...headers, "x-amz-trailer": "x-amz-checksum-crc32" },
    };
    const withTrailer = await s3Signed(trailer, (seed, date) => signedChunked(data, 8192, seed, date, { "x-amz-checksum-crc32": crc32 }));
    expect(withTrailer.response.status).toBe(200);
    expect(withTrailer.response.headers.get("x-amz-checksum-crc32")).toBe(crc32);
  });

  it("writes conditionally with If-None-Match and If-Match", async () => {
    const key = `${root}/put/conditional`;
    expect((await s3({ method: "PUT", path: keyPath(key), body: "first", headers: { "if-none-match": "*" } })).status).toBe(200);
    const again = await s3({ method: "PUT", path: keyPath(key), body: "second", headers: { "if-none-match": "*" } });
    expect(again.status).toBe(412);
    expect(tags(await again.text(), "Condition")).toEqual(["If-None-Match"]);
    expect(await stored(key)).toBe("first");

    const etag = (await bucket().head(key))?.httpEtag ?? "";
    expect((await s3({ method: "PUT", path: keyPath(key), body: "third", headers: { "if-match": etag } })).status).toBe(200);
    expect((await s3({ method: "PUT", path: keyPath(key), body: "fourth", headers: { "if-match": etag } })).status).toBe(412);
    expect(await stored(key)).toBe("third");
    expect(await errorCode(await s3({ method: "PUT", path: keyPath(`${key}-none`), body: "x", headers: { "if-match": etag } }))).toBe("NoSuchKey");
  });

  it("refuses what S3 refuses: a missing length, long keys, big metadata, unknown storage classes", async () => {
    const longKey = `${root}/${"k".repeat(1100)}`;
    const long = await s3({ method: "PUT", path: keyPath(longKey), body: "x" });
    expect(await errorCode(long)).toBe("KeyTooLongError");

    const metadata = await s3({ method: "PUT", path: keyPath(`${root}/put/meta`), body: "x", headers: { "x-amz-meta-big": "v".repeat(2100) } });
    expect(await errorCode(metadata)).toBe("MetadataTooLarge");

    const glacier = await s3({ method: "PUT", path: keyPath(`${root}/put/glacier`), body: "x", headers: { "x-amz-storage-class": "GLACIER" } });
    const xml = await glacier.text();
    expect(tags(xml, "Code")).toEqual(["InvalidStorageClass"]);
    expect(tags(xml, "StorageClassRequested")).toEqual(["GLACIER"]);

    const chunkedNoLength = await s3({
      method: "PUT",
      path: keyPath(`${root}/put/nolength`),
      body: unsignedChunked(bytes(10), 10, {}),
      payloadHash: "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
      headers: { "content-encoding": "aws-chunked" },
    });
    expect(chunkedNoLength.status).toBe(411);
    expect(await errorCode(chunkedNoLength)).toBe("MissingContentLength");
  });
});

describe("DeleteObject and DeleteObjects", () => {
  it("deletes one object, and answers 204 whether or not it existed", async () => {
    const key = `${root}/delete/one`;
    await bucket().put(key, "x");
    const response = await s3({ method: "DELETE", path: keyPath(key) });
    expect(response.status).toBe(204);
    expect(await bucket().head(key)).toBeNull();
    expect((await s3({ method: "DELETE", path: keyPath(key) })).status).toBe(204);
  });

  it("deletes a batch, answering each key, only errors in Quiet mode", async () => {
    const keys = [`${root}/delete/a`, `${root}/delete/b & <c>`];
    for (const key of keys) await bucket().put(key, "x");
    const body = `<Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Object><Key>${keys[0]}</Key></Object><Object><Key>${root}/delete/b &amp; &lt;c&gt;</Key></Object><Object><Key>${root}/delete/v</Key><VersionId>3HL4kqtJlcpXroDTDmJ</VersionId></Object></Delete>`;
    const response = await s3({ method: "POST", path: `/${BUCKET}`, query: { delete: "" }, body, headers: { "content-md5": await md5Base64(body) } });
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(xml).toContain("<DeleteResult");
    expect(tags(xml, "Key")).toEqual([keys[0], `${root}/delete/b &amp; &lt;c&gt;`, `${root}/delete/v`]);
    expect(tags(xml, "Code")).toEqual(["NoSuchVersion"]);
    for (const key of keys) expect(await bucket().head(key)).toBeNull();

    const quietBody = `<Delete><Quiet>true</Quiet><Object><Key>${keys[0]}</Key></Object></Delete>`;
    const quiet = await s3({ method: "POST", path: `/${BUCKET}`, query: { delete: "" }, body: quietBody, headers: { "x-amz-checksum-crc32": await crc32Base64(new TextEncoder().encode(quietBody)) } });
    expect(quiet.status).toBe(200);
    const quietXml = await quiet.text();
    expect(tags(quietXml, "Key")).toEqual([]);
  });

  it("refuses a batch without Content-MD5 or a checksum, malformed XML and more than 1,000 keys", async () => {
    const body = `<Delete><Object><Key>${root}/x</Key></Object></Delete>`;
    const missing = await s3({ method: "POST", path: `/${BUCKET}`, query: { delete: "" }, body });
    const xml = await missing.text();
    expect(tags(xml, "Code")).toEqual(["InvalidRequest"]);
    expect(tags(xml, "Message")).toEqual(["Missing required header for this request: Content-MD5 OR x-amz-checksum-*"]);

    const malformed = "<Delete><Object><Key>x</Object></Delete>";
    const broken = await s3({ method: "POST", path: `/${BUCKET}`, query: { delete: "" }, body: malformed, headers: { "content-md5": await md5Base64(malformed) } });
    expect(await errorCode(broken)).toBe("MalformedXML");

    const many = `<Delete>${"<Object><Key>k</Key></Object>".repeat(1001)}</Delete>`;
    const tooMany = await s3({ method: "POST", path: `/${BUCKET}`, query: { delete: "" }, body: many, headers: { "content-md5": await md5Base64(many) } });
    expect(await errorCode(tooMany)).toBe("MalformedXML");

    const wrongMd5 = await s3({ method: "POST", path: `/${BUCKET}`, query: { delete: "" }, body, headers: { "content-md5": await md5Base64("other") } });
    expect(await errorCode(wrongMd5)).toBe("BadDigest");
  });
});

describe("CopyObject", () => {
  it("copies an object with its metadata, or replaces the metadata", async () => {
    const source = `${root}/copy/source.txt`;
    await bucket().put(source, "copied bytes", { httpMetadata: { contentType: "text/plain" }, customMetadata: { origin: "test" } });
    const copy = await s3({ method: "PUT", path: keyPath(`${root}/copy/same-meta`), headers: { "x-amz-copy-source": encodeURIComponent(`${BUCKET}/${source}`) } });
    expect(copy.status).toBe(200);
    const xml = await copy.text();
    expect(xml).toContain("<CopyObjectResult");
    expect(tags(xml, "ETag")).toEqual([`&quot;${(await bucket().head(source))?.etag}&quot;`]);
    const copied = await bucket().get(`${root}/copy/same-meta`);
    expect(await copied?.text()).toBe("copied bytes");
    expect(copied?.httpMetadata?.contentType).toBe("text/plain");
    expect(copied?.customMetadata).toEqual({ origin: "test" });

    const replaced = await s3({
      method: "PUT",
      path: keyPath(`${root}/copy/new-meta`),
      headers: { "x-amz-copy-source": `/${BUCKET}/${source}`, "x-amz-metadata-directive": "REPLACE", "content-type": "text/csv", "x-amz-meta-fresh": "yes", "x-amz-checksum-algorithm": "CRC32" },
    });
    expect(replaced.status).toBe(200);
    expect(tags(await replaced.text(), "ChecksumCRC32")).toEqual([await crc32Base64(new TextEncoder().encode("copied bytes"))]);
    const fresh = await bucket().head(`${root}/copy/new-meta`);
    expect(fresh?.httpMetadata?.contentType).toBe("text/csv");
    expect(fresh?.customMetadata).toEqual({ fresh: "yes" });
  });

  it("answers S3's errors: a missing source, a copy onto itself, failed conditions", async () => {
    const source = `${root}/copy/conditional`;
    await bucket().put(source, "abc");
    const missing = await s3({ method: "PUT", path: keyPath(`${root}/copy/x`), headers: { "x-amz-copy-source": `${BUCKET}/${root}/copy/none` } });
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe("NoSuchKey");
    const noBucket = await s3({ method: "PUT", path: keyPath(`${root}/copy/x`), headers: { "x-amz-copy-source": `no-such-bucket/${source}` } });
    expect(await errorCode(noBucket)).toBe("NoSuchBucket");

    const itself = await s3({ method: "PUT", path: keyPath(source), headers: { "x-amz-copy-source": `${BUCKET}/${source}` } });
    expect(tags(await itself.text(), "Message")[0]).toMatch(/^This copy request is illegal because it is trying to copy an object to itself/);

    const etag = (await bucket().head(source))?.httpEtag ?? "";
    const cases: [Record<string, string>, string | undefined][] = [
      [{ "x-amz-copy-source-if-match": etag }, undefined],
      [{ "x-amz-copy-source-if-match": '"0000"' }, "x-amz-copy-source-If-Match"],
      [{ "x-amz-copy-source-if-none-match": etag }, "x-amz-copy-source-If-None-Match"],
      [{ "x-amz-copy-source-if-modified-since": new Date(Date.now() + 60_000).toUTCString() }, "x-amz-copy-source-If-Modified-Since"],
      [{ "x-amz-copy-source-if-unmodified-since": new Date(Date.now() - 3_600_000).toUTCString() }, "x-amz-copy-source-If-Unmodified-Since"],
      [{ "x-amz-copy-source-if-match": etag, "x-amz-copy-source-if-unmodified-since": new Date(Date.now() - 3_600_000).toUTCString() }, undefined],
    ];
    for (const [conditions, failed] of cases) {
      const response = await s3({ method: "PUT", path: keyPath(`${root}/copy/target`), headers: { "x-amz-copy-source": `${BUCKET}/${source}`, ...conditions } });
      if (failed === undefined) expect(response.status, JSON.stringify(conditions)).toBe(200);
      else {
        expect(response.status, JSON.stringify(conditions)).toBe(412);
        expect(tags(await response.text(), "Condition")).toEqual([failed]);
      }
    }
  });
});

describe("routing", () => {
  it("keeps buckets and other sub-resources out of reach", async () => {
    expect(await errorCode(await s3({ method: "PUT", path: `/${BUCKET}` }))).toBe("AccessDenied");
    expect(await errorCode(await s3({ method: "DELETE", path: `/${BUCKET}` }))).toBe("AccessDenied");
    expect(await errorCode(await s3({ method: "PUT", path: keyPath(`${root}/x`), query: { tagging: "" }, body: "<Tagging/>" }))).toBe("NotImplemented");
    const post = await s3({ method: "POST", path: keyPath(`${root}/x`) });
    expect(post.status).toBe(405);
    expect(await errorCode(post)).toBe("MethodNotAllowed");
  });
});

async function crc32Base64(data: Uint8Array): Promise<string> {
  const { checksumOf } = await import("../../../src/s3/checksums");
  return checksumOf("CRC32", data);
}
