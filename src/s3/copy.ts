/**
 * CopyObject, and the copy source that it and UploadPartCopy read: `x-amz-copy-source`
 * (`<bucket>/<key>`, URL-encoded, optionally `?versionId=null`) in any bound bucket, its conditions
 * (x-amz-copy-source-if-match, -if-none-match, -if-modified-since, -if-unmodified-since, combined
 * as S3 documents) and, for parts, its range. The copy streams from R2 to R2; the new object's
 * ETag is the MD5 of its bytes (a copied multipart object becomes a single-part one, as on S3).
 * x-amz-metadata-directive COPY (the default) keeps the source's headers and metadata, REPLACE takes
 * the request's. x-amz-checksum-algorithm has the checksum computed on the way.
 */
import { resolveBucket } from "../firehose/buckets";
import { S3 } from "../limits";
import { streamInto } from "./body";
import { xmlAnswer, type ObjectCall } from "./call";
import { checksumElement, hasher, isChecksumAlgorithm, type Checksum, type ChecksumAlgorithm, type Hasher } from "./checksums";
import { invalidArgument, invalidRequest, noSuchBucket, noSuchKey, preconditionFailed } from "./errors";
import { checkKey, metadataOf, storageClassOf } from "./metadata";
import { xmlElement } from "./xml";

export interface CopySource {
  bucketName: string;
  bucket: R2Bucket;
  key: string;
  object: R2Object;
}

/** The source object a copy names, found and its conditions met. */
export async function copySource(call: ObjectCall): Promise<CopySource> {
  const header = call.request.headers.get("x-amz-copy-source") ?? "";
  const [path = "", search = ""] = header.split("?", 2);
  let decoded: string;
  try {
    decoded = decodeURIComponent(path.replace(/\+/g, " ")).replace(/^\//, "");
  } catch {
    decoded = "";
  }
  const slash = decoded.indexOf("/");
  if (slash <= 0 || slash === decoded.length - 1) {
    throw invalidArgument("Invalid copy source object key", "x-amz-copy-source", "x-amz-copy-source");
  }
  const versionId = new URLSearchParams(search).get("versionId");
  if (versionId !== null && versionId !== "null") throw invalidArgument("Invalid version id specified", "x-amz-copy-source", header);
  const bucketName = decoded.slice(0, slash);
  const key = decoded.slice(slash + 1);
  const bucket = resolveBucket(call.env, `arn:aws:s3:::${bucketName}`);
  if (!bucket) throw noSuchBucket(bucketName);
  const object = await bucket.head(key);
  if (!object) throw noSuchKey(key);
  const failed = failedCondition(call.request.headers, object);
  if (failed !== undefined) throw preconditionFailed(failed);
  return { bucketName, bucket, key, object };
}

/**
 * The copy condition that fails, if one does. If-Match passing makes If-Unmodified-Since moot, and
 * If-None-Match passing makes If-Modified-Since moot (S3's documented pairs); dates compare in seconds.
 */
function failedCondition(headers: Headers, object: R2Object): string | undefined {
  const etag = object.etag;
  const modified = Math.floor(object.uploaded.getTime() / 1000);
  const date = (name: string): number | undefined => {
    const text = headers.get(name);
    const ms = text === null ? Number.NaN : Date.parse(text);
    return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
  };
  const ifMatch = headers.get("x-amz-copy-source-if-match");
  const ifNoneMatch = headers.get("x-amz-copy-source-if-none-match");
  const ifModifiedSince = date("x-amz-copy-source-if-modified-since");
  const ifUnmodifiedSince = date("x-amz-copy-source-if-unmodified-since");
  if (ifMatch !== null) {
    if (!etagsOf(ifMatch).some((each) => each === "*" || each === etag)) return "x-amz-copy-source-If-Match";
  } else if (ifUnmodifiedSince !== undefined && modified > ifUnmodifiedSince) {
    return "x-amz-copy-source-If-Unmodified-Since";
  }
  if (ifNoneMatch !== null) {
    if (etagsOf(ifNoneMatch).some((each) => each === "*" || each === etag)) return "x-amz-copy-source-If-None-Match";
  } else if (ifModifiedSince !== undefined && modified <= ifModifiedSince) {
    return "x-amz-copy-source-If-Modified-Since";
  }
  return undefined;
}

function etagsOf(header: string): string[] {
  return header.split(",").map((each) => each.trim().replace(/^W\//, "").replace(/^"|"$/g, ""));
}

/** A stream that computes digests of what passes through it. */
export function digesting(algorithms: readonly (ChecksumAlgorithm | "MD5")[]): {
  stream: TransformStream<Uint8Array, Uint8Array>;
  digests: () => Promise<Uint8Array[]>;
} {
  const hashers: Hasher[] = algorithms.map((algorithm) => hasher(algorithm));
  return {
    stream: new TransformStream<Uint8Array, Uint8Array>({
      transform: async (chunk, controller) => {
        for (const each of hashers) await each.update(chunk);
        controller.enqueue(chunk);
      },
    }),
    digests: () => Promise.all(hashers.map((each) => each.digest())),
  };
}

/** x-amz-checksum-algorithm of a request that asks for a checksum to be computed. */
export function requestedAlgorithm(headers: Headers): ChecksumAlgorithm | undefined {
  const requested = headers.get("x-amz-checksum-algorithm");
  if (requested === null) return undefined;
  const upper = requested.toUpperCase();
  if (!isChecksumAlgorithm(upper)) {
    throw invalidRequest(
      "Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]",
    );
  }
  return upper;
}

export async function copyObject(call: ObjectCall): Promise<Response> {
  checkKey(call.key);
  const headers = call.request.headers;
  const directive = headers.get("x-amz-metadata-directive") ?? "COPY";
  if (directive !== "COPY" && directive !== "REPLACE") {
    throw invalidArgument("Unknown metadata directive.", "x-amz-metadata-directive", directive);
  }
  const algorithm = requestedAlgorithm(headers);
  const source = await copySource(call);
  const replaced = directive === "REPLACE" ? metadataOf(headers) : undefined;
  const storageClass = storageClassOf(headers);
  if (source.bucketName === call.bucketName && source.key === call.key && !replaced && storageClass === undefined) {
    throw invalidRequest(
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
    );
  }
  if (source.object.size > S3.maxPutBytes) {
    throw invalidRequest(`The specified copy source is larger than the maximum allowable size for a copy source: ${S3.maxPutBytes}`);
  }
  const body = await source.bucket.get(source.key);
  if (!body) throw noSuchKey(source.key);
  const digest = digesting(algorithm ? [algorithm] : []);
  const stored = await streamInto<R2Object | null>(body.body.pipeThrough(digest.stream), body.size, (value) =>
    call.bucket.put(call.key, value, {
      httpMetadata: replaced?.httpMetadata ?? body.httpMetadata ?? {},
      customMetadata: replaced?.customMetadata ?? body.customMetadata ?? {},
      storageClass: storageClass ?? body.storageClass,
    }),
  );
  if (!stored) throw noSuchKey(source.key);
  const [checksumBytes] = await digest.digests();
  const checksum: Checksum | undefined = algorithm && checksumBytes ? { algorithm, value: checksumBytes.toBase64() } : undefined;
  return xmlAnswer(
    call,
    "CopyObjectResult",
    xmlElement("ETag", stored.httpEtag) +
      xmlElement("LastModified", stored.uploaded.toISOString()) +
      (checksum ? xmlElement("ChecksumType", "FULL_OBJECT") + xmlElement(checksumElement(checksum.algorithm), checksum.value) : ""),
  );
}
