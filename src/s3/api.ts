/**
 * A read-only, path-style subset of S3's REST API over the Worker's R2 buckets, so unmodified S3
 * clients (`aws s3 ls/cp`, `@aws-sdk/client-s3` with `forcePathStyle`) can read what Firehose
 * delivered: ListBuckets, ListObjectsV2, ListObjects, GetBucketLocation, HeadBucket, HeadObject and
 * GetObject (with Range). Buckets resolve to R2 bindings as Firehose's BucketARNs do (../firehose/buckets.ts).
 *
 * Requests are told apart from the AWS JSON services by their SigV4 credential scope's service
 * ("s3"), header or presigned, and verified with S3's signing rules. Writes answer AccessDenied, as
 * S3 answers a principal allowed only to read; other sub-resources (?acl, ?tagging, ...) NotImplemented.
 * Served deployed as well as locally: every request is authenticated like any API call.
 */
import type { Clock } from "../clock";
import type { Env } from "../env";
import { BodyTooLarge, bodyOnce, readBody } from "../aws/body";
import { AwsError } from "../aws/errors";
import { accountOf } from "../aws/protocol";
import { keyPolicy, verifySigV4 } from "../aws/sigv4";
import { boundBucketNames, resolveBucket } from "../firehose/buckets";
import { MAX_S3_REQUEST_BYTES } from "../limits";
import { accessDenied, errorResponse, fromSignatureError, noSuchBucket, notImplemented, S3Error } from "./errors";
import { listBucketsXml, listObjectsV1Xml, listObjectsV2Xml, type Owner } from "./listing";
import { getObject } from "./objects";
import { parseAddress } from "./paths";
import { xmlDocument } from "./xml";

/** Query parameters that name an S3 sub-resource this read-only subset does not serve. */
const SUBRESOURCES = new Set([
  "accelerate", "acl", "analytics", "attributes", "cors", "encryption", "intelligent-tiering", "inventory",
  "legal-hold", "lifecycle", "logging", "metadataTable", "metrics", "notification", "object-lock",
  "ownershipControls", "partNumber", "policy", "policyStatus", "publicAccessBlock", "replication",
  "requestPayment", "restore", "retention", "select", "session", "tagging", "torrent", "uploadId", "uploads",
  "versionId", "versioning", "versions", "website",
]);

/** R2 bindings carry no creation date: buckets are listed as created at the epoch. */
const CREATION_DATE = new Date(0);

/** Whether a request is signed for service "s3" (Authorization header or X-Amz-Credential). */
export function isS3Request(request: Request): boolean {
  const authorization = request.headers.get("authorization");
  const credential =
    authorization !== null
      ? /Credential=([^,\s]*)/.exec(authorization)?.[1]
      : (new URL(request.url).searchParams.get("X-Amz-Credential") ?? undefined);
  return credential?.split("/")[3] === "s3";
}

export async function serveS3(request: Request, env: Env, clock: Clock): Promise<Response> {
  const requestId = randomHex(8).toUpperCase();
  const hostId = crypto.getRandomValues(new Uint8Array(48)).toBase64();
  const headers = new Headers({ "x-amz-request-id": requestId, "x-amz-id-2": hostId });
  try {
    return await route(request, env, clock, headers);
  } catch (error) {
    if (!(error instanceof S3Error)) {
      console.error(`S3 request ${requestId} failed`, error);
      return errorResponse(new S3Error("InternalError", "We encountered an internal error. Please try again.", 500), request.method, headers, requestId, hostId);
    }
    return errorResponse(error, request.method, headers, requestId, hostId);
  }
}

async function route(request: Request, env: Env, clock: Clock, headers: Headers): Promise<Response> {
  const url = new URL(request.url);
  const presigned = url.searchParams.has("X-Amz-Algorithm");
  let region: string;
  try {
    const caller = await verifySigV4(
      { method: request.method, url: request.url, headers: request.headers, body: bodyOnce(() => readS3Body(request)) },
      keyPolicy(env.RIVULET_ACCESS_KEYS, env.RIVULET_LOCAL === "1"),
      clock.now(),
      "s3",
    );
    region = caller.region;
  } catch (error) {
    if (error instanceof AwsError) throw fromSignatureError(error, presigned);
    throw error;
  }

  const method = request.method;
  const query = url.searchParams;
  const { bucket: bucketName, key } = parseAddress(url.pathname);
  const owner: Owner = { id: await canonicalUserId(accountOf(env)) };
  const xml = (body: string): Response => {
    headers.set("content-type", "application/xml");
    return new Response(method === "HEAD" ? null : body, { status: 200, headers });
  };

  if (bucketName === undefined) {
    if (method !== "GET" && method !== "HEAD") throw accessDenied();
    return xml(listBucketsXml(boundBucketNames(env), owner, region, CREATION_DATE));
  }
  const bucket = resolveBucket(env, `arn:aws:s3:::${bucketName}`);
  if (!bucket) throw noSuchBucket(bucketName);
  if (method !== "GET" && method !== "HEAD") throw accessDenied();
  if ([...query.keys()].some((name) => SUBRESOURCES.has(name))) throw notImplemented();

  if (key !== undefined) return getObject(bucket, key, request, query, headers);
  if (query.has("location")) {
    // An empty LocationConstraint is us-east-1's; any other region names itself.
    const constraint = region === "us-east-1" ? "" : region;
    return xml(xmlDocument("LocationConstraint", constraint));
  }
  if (method === "HEAD") {
    headers.set("x-amz-bucket-region", region);
    return new Response(null, { status: 200, headers });
  }
  if (query.get("list-type") === "2") return xml(await listObjectsV2Xml(bucketName, bucket, query, owner));
  return xml(await listObjectsV1Xml(bucketName, bucket, query, owner));
}

/** The body, read once the signature is verified (sigv4.ts), up to what a Worker can receive. */
async function readS3Body(request: Request): Promise<Uint8Array> {
  try {
    return await readBody(request, MAX_S3_REQUEST_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) throw new S3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", 400);
    throw error;
  }
}

/** A stable 64-hex-digit canonical user id for the deployment's account, as S3 shows owners. */
async function canonicalUserId(account: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`rivulet:${account}`));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
