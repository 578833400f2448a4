/**
 * Which S3 operation a path-style request is, from its method, whether it names a key, its
 * sub-resource query parameters and x-amz-copy-source, and the handler of each (one table per
 * scope, so a missing handler is a type error). Sub-resources of operations not served here
 * (?acl, ?tagging, ...) answer NotImplemented; a method an address does not take, MethodNotAllowed.
 */
import type { ObjectCall, S3Call } from "./call";
import { copyObject } from "./copy";
import { deleteObject, deleteObjects } from "./delete";
import { accessDenied, methodNotAllowed, notImplemented } from "./errors";
import { listBucketsXml, listObjectsV1Xml, listObjectsV2Xml } from "./listing";
import { listMultipartUploads, listParts } from "./multipart-lists";
import {
  abortMultipartUpload,
  completeMultipartUpload,
  createMultipartUpload,
  uploadPart,
  uploadPartCopy,
} from "./multipart";
import { getObject } from "./objects";
import { putObject } from "./put";
import { xmlDocument } from "./xml";

export type BucketOperation = "ListObjects" | "ListObjectsV2" | "HeadBucket" | "GetBucketLocation" | "ListMultipartUploads" | "DeleteObjects";

export type ObjectOperation =
  | "GetObject"
  | "HeadObject"
  | "PutObject"
  | "CopyObject"
  | "DeleteObject"
  | "CreateMultipartUpload"
  | "UploadPart"
  | "UploadPartCopy"
  | "CompleteMultipartUpload"
  | "AbortMultipartUpload"
  | "ListParts";

export type Route = { scope: "bucket"; operation: BucketOperation } | { scope: "object"; operation: ObjectOperation };

/** Query parameters that name an S3 sub-resource of an operation not served here. */
const UNSERVED_SUBRESOURCES = new Set([
  "accelerate", "acl", "analytics", "attributes", "cors", "encryption", "intelligent-tiering", "inventory",
  "legal-hold", "lifecycle", "logging", "metadataTable", "metrics", "notification", "object-lock",
  "ownershipControls", "policy", "policyStatus", "publicAccessBlock", "replication", "requestPayment",
  "restore", "retention", "select", "session", "tagging", "torrent", "versionId", "versioning", "versions", "website",
]);

export function routeOf(method: string, hasKey: boolean, query: URLSearchParams, headers: Headers): Route {
  if ([...query.keys()].some((name) => UNSERVED_SUBRESOURCES.has(name))) throw notImplemented();
  return hasKey ? { scope: "object", operation: objectOperation(method, query, headers) } : { scope: "bucket", operation: bucketOperation(method, query) };
}

function bucketOperation(method: string, query: URLSearchParams): BucketOperation {
  switch (method) {
    case "GET":
      if (query.has("location")) return "GetBucketLocation";
      if (query.has("uploads")) return "ListMultipartUploads";
      return query.get("list-type") === "2" ? "ListObjectsV2" : "ListObjects";
    case "HEAD":
      return "HeadBucket";
    case "POST":
      if (query.has("delete")) return "DeleteObjects";
      // Browser form uploads (PostObject) are not served.
      throw notImplemented();
    case "PUT":
    case "DELETE":
      // Buckets are the Worker's R2 bindings: CreateBucket and DeleteBucket are refused as S3 refuses a principal without the right.
      throw accessDenied();
    default:
      throw methodNotAllowed(method, "BUCKET");
  }
}

function objectOperation(method: string, query: URLSearchParams, headers: Headers): ObjectOperation {
  const upload = query.has("uploadId");
  switch (method) {
    case "GET":
    case "HEAD":
      // GetObject of one part (?partNumber=) is not served.
      if (query.has("partNumber")) throw notImplemented();
      if (upload && method === "GET") return "ListParts";
      return method === "GET" ? "GetObject" : "HeadObject";
    case "PUT":
      if (upload || query.has("partNumber")) return headers.has("x-amz-copy-source") ? "UploadPartCopy" : "UploadPart";
      return headers.has("x-amz-copy-source") ? "CopyObject" : "PutObject";
    case "POST":
      if (query.has("uploads")) return "CreateMultipartUpload";
      if (upload) return "CompleteMultipartUpload";
      throw methodNotAllowed(method, "OBJECT");
    case "DELETE":
      return upload ? "AbortMultipartUpload" : "DeleteObject";
    default:
      throw methodNotAllowed(method, "OBJECT");
  }
}

/** R2 bindings carry no creation date: buckets are listed as created at the epoch. */
const CREATION_DATE = new Date(0);

export const BUCKET_OPERATIONS: Record<BucketOperation, (call: S3Call) => Promise<Response>> = {
  ListObjects: async (call) =>
    xmlBody(call, await listObjectsV1Xml(call.bucketName, call.bucket, call.query, call.owner)),
  ListObjectsV2: async (call) =>
    xmlBody(call, await listObjectsV2Xml(call.bucketName, call.bucket, call.query, call.owner)),
  HeadBucket: async (call) => {
    call.headers.set("x-amz-bucket-region", call.region);
    return new Response(null, { status: 200, headers: call.headers });
  },
  // An empty LocationConstraint is us-east-1's; any other region names itself.
  GetBucketLocation: async (call) =>
    xmlBody(call, xmlDocument("LocationConstraint", call.region === "us-east-1" ? "" : call.region)),
  ListMultipartUploads: listMultipartUploads,
  DeleteObjects: deleteObjects,
};

export const OBJECT_OPERATIONS: Record<ObjectOperation, (call: ObjectCall) => Promise<Response>> = {
  GetObject: (call) => getObject(call.bucket, call.key, call.request, call.query, call.headers),
  HeadObject: (call) => getObject(call.bucket, call.key, call.request, call.query, call.headers),
  PutObject: putObject,
  CopyObject: copyObject,
  DeleteObject: deleteObject,
  CreateMultipartUpload: createMultipartUpload,
  UploadPart: uploadPart,
  UploadPartCopy: uploadPartCopy,
  CompleteMultipartUpload: completeMultipartUpload,
  AbortMultipartUpload: abortMultipartUpload,
  ListParts: listParts,
};

/** ListBuckets' answer. */
export function listBuckets(call: Omit<S3Call, "bucket" | "bucketName">, names: readonly string[]): Response {
  call.headers.set("content-type", "application/xml");
  const body = listBucketsXml(names, call.owner, call.region, CREATION_DATE);
  return new Response(call.request.method === "HEAD" ? null : body, { status: 200, headers: call.headers });
}

/** A whole rendered document (the listings render their own). */
function xmlBody(call: S3Call, document: string): Response {
  call.headers.set("content-type", "application/xml");
  return new Response(call.request.method === "HEAD" ? null : document, { status: 200, headers: call.headers });
}
