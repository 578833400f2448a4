/**
 * What an upload stores besides its bytes, read from the request as S3 reads it: the HTTP headers
 * S3 keeps (Content-Type, Content-Encoding without aws-chunked, Content-Language,
 * Content-Disposition, Cache-Control, Expires), user metadata (x-amz-meta-*, names lower-cased,
 * at most 2 KB), and the storage class, as R2 keeps them. GetObject answers them back (objects.ts).
 *
 * R2 knows two storage classes: STANDARD and STANDARD_IA (R2's InfrequentAccess); S3's others are
 * refused as S3 refuses a class it does not offer.
 */
import { S3 } from "../limits";
import { invalidStorageClass, keyTooLong, metadataTooLarge } from "./errors";

const USER_METADATA_PREFIX = "x-amz-meta-";

export interface StoredMetadata {
  httpMetadata: R2HTTPMetadata;
  customMetadata: Record<string, string>;
  storageClass: "Standard" | "InfrequentAccess" | undefined;
}

export function metadataOf(headers: Headers): StoredMetadata {
  const httpMetadata: R2HTTPMetadata = {};
  const contentType = headers.get("content-type");
  if (contentType !== null && contentType !== "") httpMetadata.contentType = contentType;
  const encodings = (headers.get("content-encoding") ?? "")
    .split(",")
    .map((each) => each.trim())
    .filter((each) => each !== "" && each.toLowerCase() !== "aws-chunked");
  if (encodings.length > 0) httpMetadata.contentEncoding = encodings.join(",");
  const language = headers.get("content-language");
  if (language) httpMetadata.contentLanguage = language;
  const disposition = headers.get("content-disposition");
  if (disposition) httpMetadata.contentDisposition = disposition;
  const cacheControl = headers.get("cache-control");
  if (cacheControl) httpMetadata.cacheControl = cacheControl;
  const expires = headers.get("expires");
  if (expires && !Number.isNaN(Date.parse(expires))) httpMetadata.cacheExpiry = new Date(expires);
  return { httpMetadata, customMetadata: userMetadataOf(headers), storageClass: storageClassOf(headers) };
}

function userMetadataOf(headers: Headers): Record<string, string> {
  const metadata: Record<string, string> = {};
  let size = 0;
  for (const [name, value] of headers) {
    if (!name.startsWith(USER_METADATA_PREFIX)) continue;
    const key = name.slice(USER_METADATA_PREFIX.length);
    metadata[key] = value;
    size += new TextEncoder().encode(key + value).byteLength;
  }
  if (size > S3.maxUserMetadataBytes) throw metadataTooLarge(size, S3.maxUserMetadataBytes);
  return metadata;
}

export function storageClassOf(headers: Headers): StoredMetadata["storageClass"] {
  const requested = headers.get("x-amz-storage-class");
  if (requested === null) return undefined;
  if (requested === "STANDARD") return "Standard";
  if (requested === "STANDARD_IA") return "InfrequentAccess";
  throw invalidStorageClass(requested);
}

/** S3's limit on key length, checked before anything is written. */
export function checkKey(key: string): void {
  const size = new TextEncoder().encode(key).byteLength;
  if (size > S3.maxKeyBytes) throw keyTooLong(size, S3.maxKeyBytes);
}
