/**
 * A path-style subset of S3's REST API over the Worker's R2 buckets, so unmodified S3 clients
 * (`aws s3 ls/cp/rm`, `@aws-sdk/client-s3` with `forcePathStyle`, `@aws-sdk/lib-storage`) can read
 * what Firehose delivered and write what the services read: ListBuckets, ListObjectsV2, ListObjects,
 * GetBucketLocation, HeadBucket, HeadObject, GetObject (with Range), PutObject, CopyObject,
 * DeleteObject, DeleteObjects and multipart upload (operations.ts says which request is which).
 * Buckets resolve to R2 bindings as Firehose's BucketARNs do (../firehose/buckets.ts).
 *
 * Requests are told apart from the AWS JSON services by their SigV4 credential scope's service
 * ("s3"), header or presigned, and verified with S3's signing rules; bodies are not read for that,
 * but checked as they stream (payload.ts), chunk signatures included. Every access key of the
 * deployment may read and write every bound bucket; buckets themselves cannot be created or deleted
 * (AccessDenied), and other sub-resources (?acl, ?tagging, ...) answer NotImplemented. Served deployed
 * as well as locally: every request is authenticated like any API call.
 *
 * The console (src/console/) runs the same operations for its signed-in user through serveS3As.
 */
import type { Clock } from "../clock";
import { AwsError } from "../aws/errors";
import { accountOf } from "../aws/protocol";
import { keyPolicy, verifySigV4Signing, type ChunkSigning } from "../aws/sigv4";
import { boundBucketNames, resolveBucket } from "../firehose/buckets";
import type { S3Call } from "./call";
import { errorResponse, fromSignatureError, methodNotAllowed, noSuchBucket, S3Error } from "./errors";
import type { Owner } from "./listing";
import { BUCKET_OPERATIONS, listBuckets, OBJECT_OPERATIONS, routeOf } from "./operations";
import { isLocalRequest } from "../local";
import { parseAddress } from "./paths";

/** Who a request acts for, once authenticated. */
export interface S3Principal {
  accessKeyId: string;
  region: string;
  /** What its aws-chunked body's chunks are signed with; undefined when nothing was verified. */
  signing: ChunkSigning | undefined;
}

/** Whether a request is signed for service "s3" (Authorization header or X-Amz-Credential). */
export function isS3Request(request: Request): boolean {
  const authorization = request.headers.get("authorization");
  const credential =
    authorization !== null
      ? /Credential=([^,\s]*)/.exec(authorization)?.[1]
      : (new URL(request.url).searchParams.get("X-Amz-Credential") ?? undefined);
  return credential?.split("/")[3] === "s3";
}

/** An S3 request from the wire: its signature checked, then served. */
export async function serveS3(request: Request, env: Env, clock: Clock): Promise<Response> {
  return answer(request, async (headers) => serve(request, env, clock, await authenticate(request, env, clock), headers));
}

/** An S3 request on behalf of someone already authenticated (the console's signed-in user). */
export async function serveS3As(request: Request, env: Env, clock: Clock, principal: S3Principal): Promise<Response> {
  return answer(request, async (headers) => serve(request, env, clock, principal, headers));
}

async function answer(request: Request, work: (headers: Headers) => Promise<Response>): Promise<Response> {
  const requestId = randomHex(8).toUpperCase();
  const hostId = crypto.getRandomValues(new Uint8Array(48)).toBase64();
  const headers = new Headers({ "x-amz-request-id": requestId, "x-amz-id-2": hostId });
  try {
    return await work(headers);
  } catch (error) {
    if (!(error instanceof S3Error)) {
      console.error(`S3 request ${requestId} failed`, error);
      return errorResponse(new S3Error("InternalError", "We encountered an internal error. Please try again.", 500), request.method, headers, requestId, hostId);
    }
    return errorResponse(error, request.method, headers, requestId, hostId);
  }
}

async function authenticate(request: Request, env: Env, clock: Clock): Promise<S3Principal> {
  const presigned = new URL(request.url).searchParams.has("X-Amz-Algorithm");
  try {
    const { caller, signing } = await verifySigV4Signing(
      { method: request.method, url: request.url, headers: request.headers },
      keyPolicy(env.RIVULET_ACCESS_KEYS, isLocalRequest(env, request.url)),
      clock.now(),
      "s3",
    );
    return { accessKeyId: caller.accessKeyId, region: caller.region, signing };
  } catch (error) {
    if (error instanceof AwsError) throw fromSignatureError(error, presigned);
    throw error;
  }
}

async function serve(request: Request, env: Env, clock: Clock, principal: S3Principal, headers: Headers): Promise<Response> {
  const url = new URL(request.url);
  const { bucket: bucketName, key } = parseAddress(url.pathname);
  const base = {
    request,
    query: url.searchParams,
    env,
    clock,
    region: principal.region,
    caller: principal.accessKeyId,
    owner: { id: await canonicalUserId(accountOf(env)) } satisfies Owner,
    signing: principal.signing,
    headers,
  };
  if (bucketName === undefined) {
    if (request.method !== "GET" && request.method !== "HEAD") throw methodNotAllowed(request.method, "SERVICE");
    return listBuckets(base, boundBucketNames(env));
  }
  const bucket = resolveBucket(env, `arn:aws:s3:::${bucketName}`);
  if (!bucket) throw noSuchBucket(bucketName);
  const call: S3Call = { ...base, bucketName, bucket };
  const route = routeOf(request.method, key !== undefined, url.searchParams, request.headers);
  if (route.scope === "bucket") return BUCKET_OPERATIONS[route.operation](call);
  return OBJECT_OPERATIONS[route.operation]({ ...call, key: key ?? "" });
}

/** A stable 64-hex-digit canonical user id for the deployment's account, as S3 shows owners. */
async function canonicalUserId(account: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(`rivulet:${account}`));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

function randomHex(bytes: number): string {
  return [...crypto.getRandomValues(new Uint8Array(bytes))].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
