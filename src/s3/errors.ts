/**
 * S3's REST errors: `<Error><Code/><Message/>...<RequestId/><HostId/></Error>` with the code's status,
 * and no body at all for HEAD requests (S3 cannot send one there). Operations throw S3Error; the
 * signature errors of ../aws/sigv4.ts, thrown in the JSON services' vocabulary, are translated here
 * once into the codes S3 uses for the same failures.
 */
import { AwsError } from "../aws/errors";
import { NO_ACCESS_KEYS_HINT, NoAccessKeysException, RequestTimeException, SessionTokenException, SignatureMismatchException } from "../aws/sigv4";
import { xmlDocument, xmlElement } from "./xml";

export class S3Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Elements S3 adds after Message (Key, BucketName, ...), in order. */
    readonly details: readonly (readonly [string, string])[] = [],
  ) {
    super(message);
    this.name = code;
  }
}

export const accessDenied = (): S3Error => new S3Error("AccessDenied", "Access Denied", 403);

export const noSuchBucket = (bucket: string): S3Error =>
  new S3Error("NoSuchBucket", "The specified bucket does not exist", 404, [["BucketName", bucket]]);

export const noSuchKey = (key: string): S3Error => new S3Error("NoSuchKey", "The specified key does not exist.", 404, [["Key", key]]);

export const notImplemented = (): S3Error =>
  new S3Error("NotImplemented", "A header you provided implies functionality that is not implemented", 501);

export const invalidArgument = (message: string, name: string, value: string): S3Error =>
  new S3Error("InvalidArgument", message, 400, [
    ["ArgumentName", name],
    ["ArgumentValue", value],
  ]);

export const invalidRequest = (message: string): S3Error => new S3Error("InvalidRequest", message, 400);

export const malformedXml = (): S3Error =>
  new S3Error("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400);

export const methodNotAllowed = (method: string, resourceType: "OBJECT" | "BUCKET" | "SERVICE"): S3Error =>
  new S3Error("MethodNotAllowed", "The specified method is not allowed against this resource.", 405, [
    ["Method", method],
    ["ResourceType", resourceType],
  ]);

export const missingContentLength = (): S3Error => new S3Error("MissingContentLength", "You must provide the Content-Length HTTP header.", 411);

export const incompleteBody = (): S3Error =>
  new S3Error("IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header", 400);

export const entityTooLarge = (proposed: number, max: number): S3Error =>
  new S3Error("EntityTooLarge", "Your proposed upload exceeds the maximum allowed size", 400, [
    ["ProposedSize", String(proposed)],
    ["MaxSizeAllowed", String(max)],
  ]);

export const keyTooLong = (size: number, max: number): S3Error =>
  new S3Error("KeyTooLongError", "Your key is too long", 400, [
    ["Size", String(size)],
    ["MaxSizeAllowed", String(max)],
  ]);

export const metadataTooLarge = (size: number, max: number): S3Error =>
  new S3Error("MetadataTooLarge", "Your metadata headers exceed the maximum allowed metadata size", 400, [
    ["Size", String(size)],
    ["MaxSizeAllowed", String(max)],
  ]);

export const invalidStorageClass = (requested: string): S3Error =>
  new S3Error("InvalidStorageClass", "The storage class you specified is not valid", 400, [["StorageClassRequested", requested]]);

export const invalidDigest = (contentMd5: string): S3Error =>
  new S3Error("InvalidDigest", "The Content-MD5 you specified was invalid.", 400, [["Content-MD5", contentMd5]]);

export const badContentMd5 = (expected: string, calculated: string): S3Error =>
  new S3Error("BadDigest", "The Content-MD5 you specified did not match what we received.", 400, [
    ["ExpectedDigest", expected],
    ["CalculatedDigest", calculated],
  ]);

export const contentSha256Mismatch = (declared: string, computed: string): S3Error =>
  new S3Error("XAmzContentSHA256Mismatch", "The provided 'x-amz-content-sha256' header does not match what was computed.", 400, [
    ["ClientComputedContentSHA256", declared],
    ["S3ComputedContentSHA256", computed],
  ]);

/** A chunk of an aws-chunked body whose signature is wrong. */
export const chunkSignatureMismatch = (): S3Error =>
  new S3Error(
    "SignatureDoesNotMatch",
    "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
    403,
  );

export const preconditionFailed = (condition: string): S3Error =>
  new S3Error("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412, [["Condition", condition]]);

export const noSuchUpload = (uploadId: string): S3Error =>
  new S3Error(
    "NoSuchUpload",
    "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.",
    404,
    [["UploadId", uploadId]],
  );

export const invalidPart = (uploadId: string, partNumber: number, etag: string): S3Error =>
  new S3Error(
    "InvalidPart",
    "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
    400,
    [
      ["UploadId", uploadId],
      ["PartNumber", String(partNumber)],
      ["ETag", etag],
    ],
  );

export const invalidPartOrder = (uploadId: string): S3Error =>
  new S3Error("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.", 400, [["UploadId", uploadId]]);

export const entityTooSmall = (partNumber: number, etag: string, size: number, min: number): S3Error =>
  new S3Error("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size", 400, [
    ["ProposedSize", String(size)],
    ["MinSizeAllowed", String(min)],
    ["PartNumber", String(partNumber)],
    ["ETag", etag],
  ]);

/** A failed signature check, as S3 reports it. `presigned`: the signature came in the query string. */
export function fromSignatureError(error: AwsError, presigned: boolean): S3Error {
  if (error instanceof SignatureMismatchException) {
    return new S3Error(
      "SignatureDoesNotMatch",
      "The request signature we calculated does not match the signature you provided. Check your key and signing method.",
      403,
      [
        ["AWSAccessKeyId", error.accessKeyId],
        ["StringToSign", error.stringToSign],
        ["SignatureProvided", error.signatureProvided],
        ["StringToSignBytes", spacedHex(error.stringToSign)],
        ["CanonicalRequest", error.canonicalRequest],
        ["CanonicalRequestBytes", spacedHex(error.canonicalRequest)],
      ],
    );
  }
  if (error instanceof RequestTimeException) {
    if (presigned) return new S3Error("AccessDenied", error.expired ? "Request has expired" : "Request is not valid yet", 403);
    return new S3Error("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", 403);
  }
  if (error instanceof SessionTokenException) {
    return new S3Error("InvalidToken", "The provided token is malformed or otherwise invalid.", 400);
  }
  if (error instanceof NoAccessKeysException) {
    return new S3Error("InvalidAccessKeyId", `The AWS Access Key Id you provided does not exist in our records. ${NO_ACCESS_KEYS_HINT}`, 403);
  }
  switch (error.type) {
    case "UnrecognizedClientException":
      return new S3Error("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403);
    case "MissingAuthenticationTokenException":
      return accessDenied();
    case "IncompleteSignatureException":
    case "InvalidSignatureException":
      // S3 reports a malformed or mis-scoped signature as a malformed header or query (the message is ours).
      return new S3Error(
        presigned ? "AuthorizationQueryParametersError" : "AuthorizationHeaderMalformed",
        error.awsMessage ?? error.type,
        400,
      );
    default:
      // InvalidRequest, InvalidArgument, XAmzContentSHA256Mismatch: already S3's codes (sigv4.ts, S3 payload rules).
      return new S3Error(error.type, error.awsMessage ?? error.type, error.status);
  }
}

export function errorResponse(error: S3Error, method: string, headers: Headers, requestId: string, hostId: string): Response {
  if (method === "HEAD") return new Response(null, { status: error.status, headers });
  headers.set("content-type", "application/xml");
  const body = xmlDocument(
    "Error",
    [
      xmlElement("Code", error.code),
      xmlElement("Message", error.message),
      ...error.details.map(([name, value]) => xmlElement(name, value)),
      xmlElement("RequestId", requestId),
      xmlElement("HostId", hostId),
    ].join(""),
    false,
  );
  return new Response(body, { status: error.status, headers });
}

function spacedHex(text: string): string {
  return [...new TextEncoder().encode(text)].map((byte) => byte.toString(16).padStart(2, "0")).join(" ");
}
