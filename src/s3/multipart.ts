/**
 * Multipart upload on R2's multipart API: CreateMultipartUpload, UploadPart, UploadPartCopy,
 * CompleteMultipartUpload and AbortMultipartUpload, with S3's ETags (a part's is its MD5; the
 * object's the MD5 of the parts' MD5s, then `-<parts>`), checksums (an upload's algorithm and type,
 * each part's checksum, COMPOSITE or FULL_OBJECT on completion) and errors. The uploads in progress
 * and their parts are kept by the bucket's MultipartUploads object (uploads.ts); the bytes by R2.
 *
 * Difference from S3 (R2's rule): every part but the last must be the same size, and the last no
 * larger. The AWS CLI and SDKs upload parts of one size, so they never meet it.
 */
import { S3 } from "../limits";
import { readXmlBody, streamInto } from "./body";
import { emptyAnswer, xmlAnswer, type ObjectCall } from "./call";
import {
  allowsType,
  checksumElement,
  checksumHeader,
  defaultChecksumType,
  multipartChecksum,
  type ChecksumAlgorithm,
  type ChecksumType,
} from "./checksums";
import { copySource, digesting, requestedAlgorithm } from "./copy";
import {
  entityTooLarge,
  entityTooSmall,
  invalidArgument,
  invalidPart,
  invalidPartOrder,
  invalidRequest,
  malformedXml,
  noSuchUpload,
  S3Error,
} from "./errors";
import { checkKey, metadataOf } from "./metadata";
import { IncomingBody } from "./payload";
import { echoChecksum } from "./put";
import { uploadsFor } from "../objects";
import type { PartRecord, UploadRecord } from "./uploads-store";
import { xmlElement } from "./xml";
import { childNamed, parseXml } from "./xml-read";

export async function createMultipartUpload(call: ObjectCall): Promise<Response> {
  checkKey(call.key);
  const headers = call.request.headers;
  const metadata = metadataOf(headers);
  const algorithm = requestedAlgorithm(headers);
  const type = checksumTypeOf(headers.get("x-amz-checksum-type"), algorithm);
  const upload = await call.bucket.createMultipartUpload(call.key, metadata);
  await uploadsFor(call.env, call.bucketName).create({
    uploadId: upload.uploadId,
    key: call.key,
    initiated: call.clock.now(),
    initiator: call.caller,
    checksumAlgorithm: algorithm,
    checksumType: type,
    storageClass: metadata.storageClass === "InfrequentAccess" ? "STANDARD_IA" : "STANDARD",
  });
  if (algorithm && type) {
    call.headers.set("x-amz-checksum-algorithm", algorithm);
    call.headers.set("x-amz-checksum-type", type);
  }
  return xmlAnswer(
    call,
    "InitiateMultipartUploadResult",
    xmlElement("Bucket", call.bucketName) + xmlElement("Key", call.key) + xmlElement("UploadId", upload.uploadId),
  );
}

function checksumTypeOf(header: string | null, algorithm: ChecksumAlgorithm | undefined): ChecksumType | undefined {
  if (header === null) return algorithm && defaultChecksumType(algorithm);
  if (!algorithm) throw invalidRequest("The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.");
  const type = header.toUpperCase();
  if (type !== "COMPOSITE" && type !== "FULL_OBJECT") throw invalidRequest(`Value for x-amz-checksum-type header is invalid.`);
  if (!allowsType(algorithm, type)) {
    throw invalidRequest(`The ${type} checksum type cannot be used with the ${algorithm.toLowerCase()} checksum algorithm.`);
  }
  return type;
}

/** The upload a request names by its uploadId, in this bucket and for this key. */
async function uploadOf(call: ObjectCall): Promise<UploadRecord> {
  const uploadId = call.query.get("uploadId") ?? "";
  const upload = await uploadsFor(call.env, call.bucketName).find(uploadId);
  if (!upload || upload.key !== call.key) throw noSuchUpload(uploadId);
  return upload;
}

function partNumberOf(call: ObjectCall): number {
  const text = call.query.get("partNumber") ?? "";
  const number = /^\d{1,5}$/.test(text) ? Number(text) : 0;
  if (number < 1 || number > S3.maxPartNumber) {
    throw invalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", text);
  }
  return number;
}

async function recordPart(call: ObjectCall, upload: UploadRecord, part: PartRecord): Promise<void> {
  if (!(await uploadsFor(call.env, call.bucketName).putPart(upload.uploadId, part))) throw noSuchUpload(upload.uploadId);
}

export async function uploadPart(call: ObjectCall): Promise<Response> {
  const partNumber = partNumberOf(call);
  const upload = await uploadOf(call);
  const body = new IncomingBody(call.request, call.signing, { md5: true });
  if (upload.checksumAlgorithm !== undefined && body.checksumAlgorithm !== upload.checksumAlgorithm) {
    throw invalidRequest(
      `Checksum Type mismatch occurred, expected checksum Type: ${upload.checksumAlgorithm.toLowerCase()}, actual checksum Type: ${body.checksumAlgorithm?.toLowerCase() ?? "null"}`,
    );
  }
  if (body.length > S3.maxPartBytes) throw entityTooLarge(body.length, S3.maxPartBytes);
  const r2Upload = call.bucket.resumeMultipartUpload(call.key, upload.uploadId);
  const uploaded = await streamInto(body.stream(), body.length, (value) => r2Upload.uploadPart(partNumber, value)).catch((error: unknown) => {
    throw error instanceof S3Error ? error : noSuchUploadIfGone(error, upload.uploadId);
  });
  const digests = body.result();
  const etag = hex(digests.md5 ?? new Uint8Array());
  await recordPart(call, upload, {
    partNumber,
    etag,
    r2Etag: uploaded.etag,
    size: digests.size,
    lastModified: call.clock.now(),
    checksum: upload.checksumAlgorithm !== undefined ? digests.checksum?.value : undefined,
  });
  call.headers.set("etag", `"${etag}"`);
  echoChecksum(call.headers, digests.checksum);
  call.headers.delete("x-amz-checksum-type");
  return emptyAnswer(call);
}

export async function uploadPartCopy(call: ObjectCall): Promise<Response> {
  const partNumber = partNumberOf(call);
  const upload = await uploadOf(call);
  const source = await copySource(call);
  const range = copyRange(call.request.headers.get("x-amz-copy-source-range"), source.object.size);
  if (range.length > S3.maxPartBytes) throw entityTooLarge(range.length, S3.maxPartBytes);
  const object = await source.bucket.get(source.key, { range: { offset: range.offset, length: range.length } });
  if (!object) throw noSuchUpload(upload.uploadId);
  const algorithms: ("MD5" | ChecksumAlgorithm)[] = upload.checksumAlgorithm ? ["MD5", upload.checksumAlgorithm] : ["MD5"];
  const digest = digesting(algorithms);
  const r2Upload = call.bucket.resumeMultipartUpload(call.key, upload.uploadId);
  const uploaded = await streamInto(object.body.pipeThrough(digest.stream), range.length, (value) => r2Upload.uploadPart(partNumber, value)).catch(
    (error: unknown) => {
      throw error instanceof S3Error ? error : noSuchUploadIfGone(error, upload.uploadId);
    },
  );
  const [md5 = new Uint8Array(), checksumBytes] = await digest.digests();
  const lastModified = call.clock.now();
  const checksum = checksumBytes?.toBase64();
  await recordPart(call, upload, { partNumber, etag: hex(md5), r2Etag: uploaded.etag, size: range.length, lastModified, checksum });
  return xmlAnswer(
    call,
    "CopyPartResult",
    xmlElement("ETag", `"${hex(md5)}"`) +
      xmlElement("LastModified", new Date(lastModified).toISOString()) +
      (upload.checksumAlgorithm && checksum ? xmlElement(checksumElement(upload.checksumAlgorithm), checksum) : ""),
  );
}

/** x-amz-copy-source-range, `bytes=first-last` and nothing looser; the whole object without one. */
function copyRange(header: string | null, size: number): { offset: number; length: number } {
  if (header === null) return { offset: 0, length: size };
  const match = /^bytes=(\d+)-(\d+)$/.exec(header.trim());
  const first = Number(match?.[1] ?? Number.NaN);
  const last = Number(match?.[2] ?? Number.NaN);
  if (!match || first > last) {
    throw invalidArgument(
      "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy",
      "x-amz-copy-source-range",
      header,
    );
  }
  if (first >= size) throw invalidRequest("The specified copy range is invalid for the source object size");
  if (last >= size) throw invalidArgument(`Range specified is not valid for source object of size: ${size}`, "x-amz-copy-source-range", header);
  return { offset: first, length: last - first + 1 };
}

/** R2 refusing a part of an upload it no longer has (aborted, completed, or past its lifetime). */
function noSuchUploadIfGone(error: unknown, uploadId: string): unknown {
  return error instanceof Error && /upload/i.test(error.message) && /exist|not found/i.test(error.message) ? noSuchUpload(uploadId) : error;
}

interface CompletedPart {
  partNumber: number;
  etag: string;
  checksums: Map<string, string>;
}

export async function completeMultipartUpload(call: ObjectCall): Promise<Response> {
  const upload = await uploadOf(call);
  const requested = parseComplete(await readXmlBody(new IncomingBody(call.request, call.signing, { checksumHeadersDescribeOther: true })));
  const headers = call.request.headers;
  const type = headers.get("x-amz-checksum-type");
  if (type !== null && type.toUpperCase() !== (upload.checksumType ?? "")) {
    throw invalidRequest(
      `The upload was created using the ${upload.checksumType ?? "null"} checksum mode. The complete request must use the same checksum mode.`,
    );
  }
  const stored = await allParts(call, upload.uploadId);
  const parts = requested.map((each, i) => {
    if (i > 0 && each.partNumber <= (requested[i - 1]?.partNumber ?? 0)) throw invalidPartOrder(upload.uploadId);
    return matchPart(upload, each, stored.get(each.partNumber), i === requested.length - 1);
  });
  checkR2PartSizes(parts);
  const size = parts.reduce((total, part) => total + part.size, 0);
  const declaredSize = headers.get("x-amz-mp-object-size");
  if (declaredSize !== null && Number(declaredSize) !== size) {
    throw invalidRequest(`The provided 'x-amz-mp-object-size' header value ${declaredSize} does not match what was computed: ${size}`);
  }
  const checksum = await uploadChecksum(upload, parts, headers);
  await call.bucket.resumeMultipartUpload(call.key, upload.uploadId).complete(
    parts.map((part) => ({ partNumber: part.partNumber, etag: part.r2Etag })),
  );
  await uploadsFor(call.env, call.bucketName).remove(upload.uploadId);
  // R2 makes the completed object's ETag the same way, so GetObject answers this one too.
  const etag = `"${await multipartEtag(parts)}"`;
  const location = `${new URL(call.request.url).origin}/${encodeURIComponent(call.bucketName)}/${call.key.split("/").map(encodeURIComponent).join("/")}`;
  return xmlAnswer(
    call,
    "CompleteMultipartUploadResult",
    xmlElement("Location", location) +
      xmlElement("Bucket", call.bucketName) +
      xmlElement("Key", call.key) +
      xmlElement("ETag", etag) +
      (checksum && upload.checksumAlgorithm
        ? xmlElement(checksumElement(upload.checksumAlgorithm), checksum) + xmlElement("ChecksumType", upload.checksumType ?? "")
        : ""),
  );
}

function parseComplete(text: string): CompletedPart[] {
  const root = parseXml(text);
  if (root.name !== "CompleteMultipartUpload") throw malformedXml();
  const parts = root.children
    .filter((child) => child.name === "Part")
    .map((part) => {
      const number = childNamed(part, "PartNumber")?.text.trim() ?? "";
      const etag = childNamed(part, "ETag")?.text.trim();
      if (!/^\d{1,5}$/.test(number) || etag === undefined) throw malformedXml();
      const checksums = new Map(part.children.filter((child) => child.name.startsWith("Checksum")).map((child) => [child.name, child.text.trim()]));
      return { partNumber: Number(number), etag: etag.replace(/^"|"$/g, ""), checksums };
    });
  if (parts.length === 0) throw invalidRequest("You must specify at least one part");
  return parts;
}

async function allParts(call: ObjectCall, uploadId: string): Promise<Map<number, PartRecord>> {
  const parts = await uploadsFor(call.env, call.bucketName).parts(uploadId, 0, S3.maxPartNumber);
  return new Map(parts.map((part) => [part.partNumber, part]));
}

/** A part the complete request names, as it was uploaded; S3's errors when it was not. */
function matchPart(upload: UploadRecord, requested: CompletedPart, stored: PartRecord | undefined, last: boolean): PartRecord {
  const refuse = (): S3Error => invalidPart(upload.uploadId, requested.partNumber, requested.etag);
  if (!stored || stored.etag !== requested.etag) throw refuse();
  const algorithm = upload.checksumAlgorithm;
  if (!algorithm) {
    if (requested.checksums.size > 0) throw refuse();
  } else {
    const given = requested.checksums.get(checksumElement(algorithm));
    if (given === undefined) {
      if (upload.checksumType === "COMPOSITE") {
        const [other] = requested.checksums.keys();
        if (other !== undefined) {
          throw new S3Error(
            "BadDigest",
            `The ${other.slice("Checksum".length).toLowerCase()} you specified for part ${requested.partNumber} did not match what we received.`,
            400,
          );
        }
        throw invalidRequest(
          `The upload was created using a ${algorithm.toLowerCase()} checksum. The complete request must include the checksum for each part. It was missing for part ${requested.partNumber} in the request.`,
        );
      }
    } else if (given !== stored.checksum) throw refuse();
  }
  if (!last && stored.size < S3.minPartBytes) throw entityTooSmall(requested.partNumber, requested.etag, stored.size, S3.minPartBytes);
  return stored;
}

/** R2 completes only uploads whose parts but the last are all one size, and the last no larger. */
function checkR2PartSizes(parts: readonly PartRecord[]): void {
  const size = parts[0]?.size ?? 0;
  const uneven = parts.some((part, i) => (i < parts.length - 1 ? part.size !== size : part.size > size));
  if (parts.length > 1 && uneven) {
    throw invalidRequest("All parts but the last must be the same size, and the last no larger: R2, which stores the object, completes no other upload.");
  }
}

/** The upload's checksum, checked against a full-object value the request may declare in its headers. */
async function uploadChecksum(upload: UploadRecord, parts: readonly PartRecord[], headers: Headers): Promise<string | undefined> {
  const { checksumAlgorithm: algorithm, checksumType: type } = upload;
  if (!algorithm || !type) return undefined;
  const computed = await multipartChecksum(
    algorithm,
    type,
    parts.map((part) => ({ value: part.checksum ?? "", size: part.size })),
  );
  const declared = headers.get(checksumHeader(algorithm));
  if (declared !== null && type === "FULL_OBJECT" && declared !== computed) {
    throw new S3Error("BadDigest", `The ${algorithm.toLowerCase()} you specified did not match the calculated checksum.`, 400);
  }
  return computed;
}

/** S3's multipart ETag: the MD5 of the parts' MD5s (as bytes), then `-<parts>`. */
async function multipartEtag(parts: readonly PartRecord[]): Promise<string> {
  const joined = new Uint8Array(parts.length * 16);
  parts.forEach((part, i) => joined.set(Uint8Array.fromHex(part.etag), i * 16));
  return `${hex(new Uint8Array(await crypto.subtle.digest("MD5", joined)))}-${parts.length}`;
}

export async function abortMultipartUpload(call: ObjectCall): Promise<Response> {
  const upload = await uploadOf(call);
  await call.bucket.resumeMultipartUpload(call.key, upload.uploadId).abort();
  await uploadsFor(call.env, call.bucketName).remove(upload.uploadId);
  return emptyAnswer(call, 204);
}

function hex(bytes: Uint8Array): string {
  let out = "";
  for (const byte of bytes) out += byte.toString(16).padStart(2, "0");
  return out;
}
