/**
 * ListParts (GET /<bucket>/<key>?uploadId=) and ListMultipartUploads (GET /<bucket>?uploads), from
 * the bucket's MultipartUploads object, in S3's XML: parts in number order after part-number-marker,
 * uploads in key order (then by time initiated) after key-marker / upload-id-marker, grouped into
 * CommonPrefixes by a delimiter, keys URL-encoded with encoding-type=url.
 */
import { accountOf } from "../aws/protocol";
import { S3 } from "../limits";
import { xmlAnswer, type ObjectCall, type S3Call } from "./call";
import { checksumElement } from "./checksums";
import { invalidArgument, noSuchUpload } from "./errors";
import { uriEncodeKeepingSlashes } from "./paths";
import { uploadsFor } from "../objects";
import type { UploadRecord } from "./uploads-store";
import { xmlElement, xmlParent } from "./xml";

function count(query: URLSearchParams, name: string, fallback: number): number {
  const text = query.get(name);
  if (text === null) return fallback;
  if (!/^\d{1,10}$/.test(text) || Number(text) > 2147483647) {
    throw invalidArgument(`Provided ${name} not an integer or within integer range`, name, text);
  }
  return Number(text);
}

function people(call: S3Call, initiator: string): string {
  const initiatorArn = `arn:aws:iam::${accountOf(call.env)}:user/${initiator}`;
  return (
    xmlParent("Initiator", xmlElement("ID", initiatorArn) + xmlElement("DisplayName", initiator)) +
    xmlParent("Owner", xmlElement("ID", call.owner.id))
  );
}

function checksumFacts(upload: UploadRecord): string {
  if (!upload.checksumAlgorithm || !upload.checksumType) return "";
  return xmlElement("ChecksumAlgorithm", upload.checksumAlgorithm) + xmlElement("ChecksumType", upload.checksumType);
}

export async function listParts(call: ObjectCall): Promise<Response> {
  const uploadId = call.query.get("uploadId") ?? "";
  const uploads = uploadsFor(call.env, call.bucketName);
  const upload = await uploads.find(uploadId);
  if (!upload || upload.key !== call.key) throw noSuchUpload(uploadId);
  const maxParts = Math.min(count(call.query, "max-parts", S3.maxListEntries), S3.maxListEntries);
  const marker = count(call.query, "part-number-marker", 0);
  const fetched = maxParts === 0 ? [] : await uploads.parts(uploadId, marker, maxParts + 1);
  const parts = fetched.slice(0, maxParts);
  const truncated = fetched.length > parts.length;
  const algorithm = upload.checksumAlgorithm;
  const children =
    xmlElement("Bucket", call.bucketName) +
    xmlElement("Key", call.key) +
    xmlElement("UploadId", uploadId) +
    xmlElement("PartNumberMarker", marker) +
    xmlElement("NextPartNumberMarker", parts.at(-1)?.partNumber ?? 0) +
    xmlElement("MaxParts", maxParts) +
    xmlElement("IsTruncated", truncated) +
    parts
      .map((part) =>
        xmlParent(
          "Part",
          xmlElement("PartNumber", part.partNumber) +
            xmlElement("LastModified", new Date(part.lastModified).toISOString()) +
            xmlElement("ETag", `"${part.etag}"`) +
            xmlElement("Size", part.size) +
            (algorithm && part.checksum ? xmlElement(checksumElement(algorithm), part.checksum) : ""),
        ),
      )
      .join("") +
    people(call, upload.initiator) +
    xmlElement("StorageClass", upload.storageClass) +
    checksumFacts(upload);
  return xmlAnswer(call, "ListPartsResult", children);
}

export async function listMultipartUploads(call: S3Call): Promise<Response> {
  const query = call.query;
  const maxUploads = Math.min(count(query, "max-uploads", S3.maxListEntries), S3.maxListEntries);
  const prefix = query.get("prefix") ?? "";
  const delimiter = query.get("delimiter") ?? "";
  const keyMarker = query.get("key-marker") ?? "";
  const uploadIdMarker = keyMarker === "" ? "" : (query.get("upload-id-marker") ?? "");
  const encodingType = query.get("encoding-type") ?? undefined;
  if (encodingType !== undefined && encodingType !== "url") {
    throw invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
  }
  const encode = encodingType === "url" ? uriEncodeKeepingSlashes : (text: string) => text;

  const uploads: UploadRecord[] = [];
  const prefixes: string[] = [];
  let truncated = false;
  let afterKey = keyMarker;
  let afterUploadId = uploadIdMarker;
  // Reads past the uploads a common prefix stands for, a page at a time, until the answer is full.
  while (maxUploads > 0) {
    const page = await uploadsFor(call.env, call.bucketName).list(prefix, afterKey, afterUploadId, S3.maxListEntries);
    for (const upload of page) {
      if (uploads.length + prefixes.length >= maxUploads) {
        truncated = true;
        break;
      }
      const rest = upload.key.slice(prefix.length);
      const cut = delimiter === "" ? -1 : rest.indexOf(delimiter);
      if (cut < 0) uploads.push(upload);
      else {
        const common = prefix + rest.slice(0, cut + delimiter.length);
        if (prefixes.at(-1) !== common && !keyMarker.startsWith(common)) prefixes.push(common);
      }
      afterKey = upload.key;
      afterUploadId = upload.uploadId;
    }
    if (truncated || page.length < S3.maxListEntries) break;
  }
  const children =
    xmlElement("Bucket", call.bucketName) +
    xmlElement("KeyMarker", encode(keyMarker)) +
    xmlElement("UploadIdMarker", uploadIdMarker) +
    (truncated ? xmlElement("NextKeyMarker", encode(afterKey)) + xmlElement("NextUploadIdMarker", afterUploadId) : "") +
    (delimiter !== "" ? xmlElement("Delimiter", encode(delimiter)) : "") +
    xmlElement("Prefix", encode(prefix)) +
    xmlElement("MaxUploads", maxUploads) +
    xmlElement("IsTruncated", truncated) +
    uploads
      .map((upload) =>
        xmlParent(
          "Upload",
          xmlElement("Key", encode(upload.key)) +
            xmlElement("UploadId", upload.uploadId) +
            people(call, upload.initiator) +
            xmlElement("StorageClass", upload.storageClass) +
            xmlElement("Initiated", new Date(upload.initiated).toISOString()) +
            checksumFacts(upload),
        ),
      )
      .join("") +
    prefixes.map((common) => xmlParent("CommonPrefixes", xmlElement("Prefix", encode(common)))).join("") +
    (encodingType !== undefined ? xmlElement("EncodingType", encodingType) : "");
  return xmlAnswer(call, "ListMultipartUploadsResult", children);
}
