/**
 * PutObject: the body streamed into R2 as it arrives, checked against what the client declared
 * (payload.ts) before R2 commits it, with S3's answer: the ETag (the MD5 of the bytes, as R2 and
 * S3 both make it) and the declared checksum echoed with its type (always FULL_OBJECT for a
 * single PUT). If-Match and If-None-Match make the write conditional, as on S3, through R2's own
 * conditional put.
 */
import { S3 } from "../limits";
import { streamInto } from "./body";
import { emptyAnswer, type ObjectCall } from "./call";
import { checksumHeader, type Checksum } from "./checksums";
import { entityTooLarge, noSuchKey, notImplemented, preconditionFailed } from "./errors";
import { checkKey, metadataOf } from "./metadata";
import { IncomingBody } from "./payload";

export async function putObject(call: ObjectCall): Promise<Response> {
  checkKey(call.key);
  const metadata = metadataOf(call.request.headers);
  const condition = writeCondition(call.request.headers);
  const body = new IncomingBody(call.request, call.signing);
  if (body.length > S3.maxPutBytes) throw entityTooLarge(body.length, S3.maxPutBytes);
  const stored = await streamInto(body.stream(), body.length, (value) =>
    call.bucket.put(call.key, value, { ...metadata, onlyIf: condition?.onlyIf }),
  );
  if (stored === null) {
    // If-Match on a key with no object is S3's NoSuchKey, not a failed condition.
    if (condition?.name === "If-Match" && (await call.bucket.head(call.key)) === null) throw noSuchKey(call.key);
    throw preconditionFailed(condition?.name ?? "If-Match");
  }
  call.headers.set("etag", stored.httpEtag);
  echoChecksum(call.headers, body.result().checksum);
  return emptyAnswer(call);
}

/** An object's checksum, as PutObject, UploadPart and CompleteMultipartUpload answer it. */
export function echoChecksum(headers: Headers, checksum: Checksum | undefined, type = "FULL_OBJECT"): void {
  if (!checksum) return;
  headers.set(checksumHeader(checksum.algorithm), checksum.value);
  headers.set("x-amz-checksum-type", type);
}

/**
 * S3's conditional writes: If-None-Match `*` (only when there is no such object) or If-Match
 * `<etag>` (only over that version); not both, and no other values, as S3 answers.
 */
function writeCondition(headers: Headers): { onlyIf: R2Conditional; name: string } | undefined {
  const ifMatch = headers.get("if-match");
  const ifNoneMatch = headers.get("if-none-match");
  if (ifMatch !== null && ifNoneMatch !== null) throw notImplemented();
  if (ifNoneMatch !== null) {
    if (ifNoneMatch.trim() !== "*") throw notImplemented();
    return { onlyIf: { etagDoesNotMatch: "*" }, name: "If-None-Match" };
  }
  if (ifMatch !== null) {
    if (ifMatch.trim() === "*") throw notImplemented();
    return { onlyIf: { etagMatches: ifMatch.trim().replace(/^"|"$/g, "") }, name: "If-Match" };
  }
  return undefined;
}
