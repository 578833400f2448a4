/**
 * One S3 request on its way through an operation: the bucket it names (resolved to its R2 binding),
 * the key for object operations, who asked and in which region, what its body's chunks are signed
 * with, and the response headers gathered so far (request id, host id).
 */
import type { ChunkSigning } from "../aws/sigv4";
import type { Clock } from "../clock";
import type { Owner } from "./listing";
import { xmlDocument } from "./xml";

export interface S3Call {
  request: Request;
  query: URLSearchParams;
  env: Env;
  clock: Clock;
  region: string;
  /** The access key id that signed the request (the console's: the signed-in one). */
  caller: string;
  owner: Owner;
  bucketName: string;
  bucket: R2Bucket;
  /** Undefined when the request verified no signature (local development without keys). */
  signing: ChunkSigning | undefined;
  headers: Headers;
}

export interface ObjectCall extends S3Call {
  key: string;
}

/** An XML answer (no body for HEAD). */
export function xmlAnswer(call: S3Call, root: string, children: string, status = 200): Response {
  call.headers.set("content-type", "application/xml");
  return new Response(call.request.method === "HEAD" ? null : xmlDocument(root, children), { status, headers: call.headers });
}

/** An answer without a body. */
export function emptyAnswer(call: S3Call, status = 200): Response {
  if (status === 200) call.headers.set("content-length", "0");
  return new Response(null, { status, headers: call.headers });
}
