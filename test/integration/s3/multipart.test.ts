/**
 * S3's multipart upload over R2's through the Worker: CreateMultipartUpload, UploadPart,
 * UploadPartCopy, ListParts, ListMultipartUploads, CompleteMultipartUpload (S3's ETag of the parts'
 * MD5s, COMPOSITE and FULL_OBJECT checksums) and AbortMultipartUpload, with S3's errors. Parts but
 * the last are 5 MiB, S3's (and R2's) smallest.
 */
import { describe, expect, it } from "vitest";
import { checksumOf } from "../../../src/s3/checksums";
import { env, uniqueName } from "../client";
import { bytes, concat, errorCode, hex, keyPath, s3, tags, BUCKET } from "./s3-client";

const root = uniqueName("s3mp");
const MIB = 1024 * 1024;
const partA = bytes(5 * MIB, 1);
const partB = bytes(5 * MIB, 2);
const tail = bytes(1000, 3);

async function create(key: string, headers: Record<string, string> = {}): Promise<string> {
  const response = await s3({ method: "POST", path: keyPath(key), query: { uploads: "" }, headers });
  expect(response.status).toBe(200);
  const [uploadId = ""] = tags(await response.text(), "UploadId");
  return uploadId;
}

async function upload(key: string, uploadId: string, partNumber: number, body: Uint8Array, headers: Record<string, string> = {}): Promise<Response> {
  return s3({ method: "PUT", path: keyPath(key), query: { partNumber: String(partNumber), uploadId }, body, headers });
}

function completeXml(parts: { number: number; etag: string; checksum?: [string, string] }[]): string {
  const entries = parts.map(
    (part) =>
      `<Part><PartNumber>${part.number}</PartNumber><ETag>${part.etag}</ETag>${part.checksum ? `<${part.checksum[0]}>${part.checksum[1]}</${part.checksum[0]}>` : ""}</Part>`,
  );
  return `<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${entries.join("")}</CompleteMultipartUpload>`;
}

async function complete(key: string, uploadId: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return s3({ method: "POST", path: keyPath(key), query: { uploadId }, body, headers });
}

async function md5Hex(data: Uint8Array): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest("MD5", data)));
}

async function multipartEtag(parts: Uint8Array[]): Promise<string> {
  const md5s = await Promise.all(parts.map(async (part) => new Uint8Array(await crypto.subtle.digest("MD5", part))));
  return `"${await md5Hex(concat(md5s))}-${parts.length}"`;
}

describe("multipart upload", () => {
  it("uploads parts with CRC32 checksums, lists them, and completes with S3's ETag and COMPOSITE checksum", async () => {
    const key = `${root}/composite.bin`;
    const created = await s3({ method: "POST", path: keyPath(key), query: { uploads: "" }, headers: { "x-amz-checksum-algorithm": "CRC32", "content-type": "application/x-test", "x-amz-meta-kind": "parts" } });
    expect(created.headers.get("x-amz-checksum-algorithm")).toBe("CRC32");
    expect(created.headers.get("x-amz-checksum-type")).toBe("COMPOSITE");
    const createdXml = await created.text();
    expect(createdXml).toContain("<InitiateMultipartUploadResult");
    expect(tags(createdXml, "Key")).toEqual([key]);
    const [uploadId = ""] = tags(createdXml, "UploadId");

    const parts = [partA, partB, tail];
    const checksums = await Promise.all(parts.map((part) => checksumOf("CRC32", part)));
    for (const [i, part] of parts.entries()) {
      const response = await upload(key, uploadId, i + 1, part, { "x-amz-checksum-crc32": checksums[i] ?? "" });
      expect(response.status).toBe(200);
      expect(response.headers.get("etag")).toBe(`"${await md5Hex(part)}"`);
      expect(response.headers.get("x-amz-checksum-crc32")).toBe(checksums[i]);
    }

    const listed = await s3({ path: keyPath(key), query: { uploadId, "max-parts": "2" } });
    const listedXml = await listed.text();
    expect(tags(listedXml, "PartNumber")).toEqual(["1", "2"]);
    expect(tags(listedXml, "IsTruncated")).toEqual(["true"]);
    expect(tags(listedXml, "NextPartNumberMarker")).toEqual(["2"]);
    expect(tags(listedXml, "ChecksumCRC32")).toEqual(checksums.slice(0, 2));
    const rest = await (await s3({ path: keyPath(key), query: { uploadId, "part-number-marker": "2" } })).text();
    expect(tags(rest, "PartNumber")).toEqual(["3"]);
    expect(tags(rest, "Size")).toEqual(["1000"]);

    const uploads = await (await s3({ path: `/${BUCKET}`, query: { uploads: "", prefix: `${root}/composite` } })).text();
    expect(tags(uploads, "UploadId")).toEqual([uploadId]);
    expect(tags(uploads, "ChecksumAlgorithm")).toEqual(["CRC32"]);

    const body = completeXml(await Promise.all(parts.map(async (part, i) => ({ number: i + 1, etag: `"${await md5Hex(part)}"`, checksum: ["ChecksumCRC32", checksums[i] ?? ""] as [string, string] }))));
    const completed = await complete(key, uploadId, body);
    expect(completed.status).toBe(200);
    const completedXml = await completed.text();
    expect(tags(completedXml, "ETag")).toEqual([(await multipartEtag(parts)).replaceAll('"', "&quot;")]);
    const composite = await checksumOf("CRC32", concat(checksums.map((each) => Uint8Array.fromBase64(each))));
    expect(tags(completedXml, "ChecksumCRC32")).toEqual([`${composite}-3`]);
    expect(tags(completedXml, "ChecksumType")).toEqual(["COMPOSITE"]);

    const object = await env.RIVULET_DELIVERIES.get(key);
    expect(new Uint8Array((await object?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(concat(parts));
    expect(object?.httpEtag).toBe(await multipartEtag(parts));
    expect(object?.httpMetadata?.contentType).toBe("application/x-test");
    expect(object?.customMetadata).toEqual({ kind: "parts" });

    expect(await errorCode(await s3({ path: keyPath(key), query: { uploadId } }))).toBe("NoSuchUpload");
    const after = await (await s3({ path: `/${BUCKET}`, query: { uploads: "", prefix: `${root}/composite` } })).text();
    expect(tags(after, "UploadId")).toEqual([]);
  });

  it("completes a CRC64NVME upload with the FULL_OBJECT checksum of the whole object, and copies a part from an object", async () => {
    const source = `${root}/source.bin`;
    await env.RIVULET_DELIVERIES.put(source, concat([partB, partA]));
    const key = `${root}/full.bin`;
    const uploadId = await create(key, { "x-amz-checksum-algorithm": "CRC64NVME" });
    const copied = await s3({
      method: "PUT",
      path: keyPath(key),
      query: { partNumber: "1", uploadId },
      headers: { "x-amz-copy-source": `${BUCKET}/${source}`, "x-amz-copy-source-range": `bytes=${5 * MIB}-${10 * MIB - 1}` },
    });
    expect(copied.status).toBe(200);
    const copiedXml = await copied.text();
    expect(copiedXml).toContain("<CopyPartResult");
    expect(tags(copiedXml, "ETag")).toEqual([`&quot;${await md5Hex(partA)}&quot;`]);
    const tailChecksum = await checksumOf("CRC64NVME", tail);
    expect((await upload(key, uploadId, 2, tail, { "x-amz-checksum-crc64nvme": tailChecksum })).status).toBe(200);

    const whole = concat([partA, tail]);
    const body = completeXml([
      { number: 1, etag: await md5Hex(partA), checksum: ["ChecksumCRC64NVME", await checksumOf("CRC64NVME", partA)] },
      { number: 2, etag: await md5Hex(tail), checksum: ["ChecksumCRC64NVME", tailChecksum] },
    ]);
    const completed = await complete(key, uploadId, body, { "x-amz-checksum-crc64nvme": await checksumOf("CRC64NVME", whole) });
    expect(completed.status).toBe(200);
    const xml = await completed.text();
    expect(tags(xml, "ChecksumCRC64NVME")).toEqual([await checksumOf("CRC64NVME", whole)]);
    expect(tags(xml, "ChecksumType")).toEqual(["FULL_OBJECT"]);
    expect(new Uint8Array((await (await env.RIVULET_DELIVERIES.get(key))?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(whole);
  });

  it("answers S3's errors for unknown uploads, part numbers, parts and their order and sizes", async () => {
    const key = `${root}/errors.bin`;
    const unknown = await upload(key, "no-such-upload", 1, tail);
    expect(unknown.status).toBe(404);
    const unknownXml = await unknown.text();
    expect(tags(unknownXml, "Code")).toEqual(["NoSuchUpload"]);
    expect(tags(unknownXml, "UploadId")).toEqual(["no-such-upload"]);

    const uploadId = await create(key);
    const badNumber = await upload(key, uploadId, 10001, tail);
    expect(tags(await badNumber.text(), "Message")).toEqual(["Part number must be an integer between 1 and 10000, inclusive"]);
    const checksumMismatch = await s3({ method: "PUT", path: keyPath(key), query: { partNumber: "1", uploadId }, body: tail, headers: { "x-amz-checksum-crc32": "AAAAAA==" } });
    expect(await errorCode(checksumMismatch)).toBe("BadDigest");

    const small = await upload(key, uploadId, 1, tail);
    const smallEtag = small.headers.get("etag") ?? "";
    const big = await upload(key, uploadId, 2, partA);
    const bigEtag = big.headers.get("etag") ?? "";

    const outOfOrder = await complete(key, uploadId, completeXml([{ number: 2, etag: bigEtag }, { number: 1, etag: smallEtag }]));
    expect(await errorCode(outOfOrder)).toBe("InvalidPartOrder");
    const wrongEtag = await complete(key, uploadId, completeXml([{ number: 1, etag: '"d41d8cd98f00b204e9800998ecf8427e"' }]));
    const wrongXml = await wrongEtag.text();
    expect(tags(wrongXml, "Code")).toEqual(["InvalidPart"]);
    expect(tags(wrongXml, "PartNumber")).toEqual(["1"]);
    const missingPart = await complete(key, uploadId, completeXml([{ number: 3, etag: smallEtag }]));
    expect(await errorCode(missingPart)).toBe("InvalidPart");
    const tooSmall = await complete(key, uploadId, completeXml([{ number: 1, etag: smallEtag }, { number: 2, etag: bigEtag }]));
    const tooSmallXml = await tooSmall.text();
    expect(tags(tooSmallXml, "Code")).toEqual(["EntityTooSmall"]);
    expect(tags(tooSmallXml, "ProposedSize")).toEqual(["1000"]);
    expect(tags(tooSmallXml, "MinSizeAllowed")).toEqual([String(5 * MIB)]);
    const none = await complete(key, uploadId, completeXml([]));
    expect(tags(await none.text(), "Message")).toEqual(["You must specify at least one part"]);
    const malformed = await complete(key, uploadId, "<CompleteMultipartUpload><Part>");
    expect(await errorCode(malformed)).toBe("MalformedXML");
    expect(await env.RIVULET_DELIVERIES.head(key)).toBeNull();

    const aborted = await s3({ method: "DELETE", path: keyPath(key), query: { uploadId } });
    expect(aborted.status).toBe(204);
    expect(await errorCode(await s3({ method: "DELETE", path: keyPath(key), query: { uploadId } }))).toBe("NoSuchUpload");
    expect(await errorCode(await complete(key, uploadId, completeXml([{ number: 2, etag: bigEtag }])))).toBe("NoSuchUpload");
  });

  it("holds an upload to its checksum algorithm and mode", async () => {
    const key = `${root}/modes.bin`;
    const refused = await s3({ method: "POST", path: keyPath(key), query: { uploads: "" }, headers: { "x-amz-checksum-algorithm": "CRC64NVME", "x-amz-checksum-type": "COMPOSITE" } });
    expect(tags(await refused.text(), "Message")).toEqual(["The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm."]);
    const typeAlone = await s3({ method: "POST", path: keyPath(key), query: { uploads: "" }, headers: { "x-amz-checksum-type": "FULL_OBJECT" } });
    expect(tags(await typeAlone.text(), "Message")).toEqual(["The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header."]);

    const uploadId = await create(key, { "x-amz-checksum-algorithm": "SHA256" });
    const withoutChecksum = await upload(key, uploadId, 1, tail);
    expect(tags(await withoutChecksum.text(), "Message")).toEqual(["Checksum Type mismatch occurred, expected checksum Type: sha256, actual checksum Type: null"]);
    const ok = await upload(key, uploadId, 1, tail, { "x-amz-checksum-sha256": await checksumOf("SHA256", tail) });
    const missing = await complete(key, uploadId, completeXml([{ number: 1, etag: ok.headers.get("etag") ?? "" }]));
    expect(tags(await missing.text(), "Message")).toEqual([
      "The upload was created using a sha256 checksum. The complete request must include the checksum for each part. It was missing for part 1 in the request.",
    ]);
    const mode = await complete(key, uploadId, completeXml([{ number: 1, etag: ok.headers.get("etag") ?? "" }]), { "x-amz-checksum-type": "FULL_OBJECT" });
    expect(tags(await mode.text(), "Message")).toEqual(["The upload was created using the COMPOSITE checksum mode. The complete request must use the same checksum mode."]);
    expect((await s3({ method: "DELETE", path: keyPath(key), query: { uploadId } })).status).toBe(204);
  });

  it("lists uploads in key order, grouped by a delimiter, a page at a time", async () => {
    const base = `${root}/list/`;
    const keys = [`${base}a/1`, `${base}a/2`, `${base}b`, `${base}c`];
    const ids = [];
    for (const key of keys) ids.push(await create(key));
    const grouped = await (await s3({ path: `/${BUCKET}`, query: { uploads: "", prefix: base, delimiter: "/" } })).text();
    expect(tags(grouped, "Key")).toEqual([`${base}b`, `${base}c`]);
    expect(grouped).toContain(`<CommonPrefixes><Prefix>${base}a/</Prefix></CommonPrefixes>`);

    const first = await (await s3({ path: `/${BUCKET}`, query: { uploads: "", prefix: base, "max-uploads": "3" } })).text();
    expect(tags(first, "Key")).toEqual(keys.slice(0, 3));
    expect(tags(first, "IsTruncated")).toEqual(["true"]);
    const [nextKey = "", nextId = ""] = [tags(first, "NextKeyMarker")[0], tags(first, "NextUploadIdMarker")[0]];
    const second = await (await s3({ path: `/${BUCKET}`, query: { uploads: "", prefix: base, "key-marker": nextKey, "upload-id-marker": nextId } })).text();
    expect(tags(second, "Key")).toEqual([keys[3]]);
    expect(tags(second, "IsTruncated")).toEqual(["false"]);
    for (const [i, key] of keys.entries()) await s3({ method: "DELETE", path: keyPath(key), query: { uploadId: ids[i] ?? "" } });
  });
});
