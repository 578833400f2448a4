/**
 * S3's listings over R2: ListBuckets (GET /), ListObjectsV2 (GET /<bucket>?list-type=2) and
 * ListObjects, the version 1 the older tools still send (GET /<bucket>), answered in S3's XML.
 *
 * Continuation tokens are R2's cursors (opaque to clients, as S3's are); version 1's markers are
 * keys, so they become R2's startAfter. With `encoding-type=url`, keys and prefixes are URL-encoded
 * as S3 does, and the clients that ask for it (the AWS CLI) decode them.
 */
import { uriEncodeKeepingSlashes } from "./paths";
import { invalidArgument } from "./errors";
import { xmlDocument, xmlElement, xmlParent } from "./xml";

const MAX_KEYS = 1000;

export interface Owner {
  id: string;
}

export function listBucketsXml(names: readonly string[], owner: Owner, region: string, creationDate: Date): string {
  const buckets = names
    .map((name) =>
      xmlParent("Bucket", xmlElement("Name", name) + xmlElement("CreationDate", creationDate.toISOString()) + xmlElement("BucketRegion", region)),
    )
    .join("");
  return xmlDocument("ListAllMyBucketsResult", xmlParent("Owner", xmlElement("ID", owner.id)) + xmlParent("Buckets", buckets));
}

interface ListParams {
  prefix: string;
  delimiter: string;
  maxKeys: number;
  encode: (text: string) => string;
  encodingType: string | undefined;
}

function listParams(query: URLSearchParams): ListParams {
  const maxKeysText = query.get("max-keys");
  let maxKeys = MAX_KEYS;
  if (maxKeysText !== null) {
    if (!/^\d+$/.test(maxKeysText) || Number(maxKeysText) > 2147483647) {
      throw invalidArgument("Provided max-keys not an integer or within integer range", "max-keys", maxKeysText);
    }
    maxKeys = Number(maxKeysText);
  }
  const encodingType = query.get("encoding-type") ?? undefined;
  if (encodingType !== undefined && encodingType !== "url") {
    throw invalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encodingType);
  }
  return {
    prefix: query.get("prefix") ?? "",
    delimiter: query.get("delimiter") ?? "",
    maxKeys,
    encode: encodingType === "url" ? uriEncodeKeepingSlashes : (text) => text,
    encodingType,
  };
}

interface Page {
  objects: R2Object[];
  prefixes: string[];
  truncated: boolean;
  cursor: string | undefined;
}

/**
 * One page from R2. `after` is a key (or a common prefix) already returned: R2 would list a prefix
 * again when keys under it sort after it, so prefixes up to `after` are dropped, as S3 skips them.
 */
async function listPage(bucket: R2Bucket, params: ListParams, from: { cursor?: string; after?: string }): Promise<Page> {
  if (params.maxKeys === 0) return { objects: [], prefixes: [], truncated: false, cursor: undefined };
  let listing: R2Objects;
  try {
    listing = await bucket.list({
      prefix: params.prefix || undefined,
      delimiter: params.delimiter || undefined,
      limit: Math.min(params.maxKeys, MAX_KEYS),
      cursor: from.cursor,
      startAfter: from.cursor === undefined ? from.after || undefined : undefined,
    });
  } catch (error) {
    if (from.cursor !== undefined) {
      throw invalidArgument("The continuation token provided is incorrect", "continuation-token", from.cursor);
    }
    throw error;
  }
  const after = from.after ?? "";
  return {
    objects: listing.objects,
    prefixes: listing.delimitedPrefixes.filter((prefix) => prefix > after),
    truncated: listing.truncated,
    cursor: listing.truncated ? listing.cursor : undefined,
  };
}

function contents(objects: readonly R2Object[], encode: (text: string) => string, owner: Owner | undefined): string {
  return objects
    .map((object) =>
      xmlParent(
        "Contents",
        xmlElement("Key", encode(object.key)) +
          xmlElement("LastModified", object.uploaded.toISOString()) +
          xmlElement("ETag", object.httpEtag) +
          xmlElement("Size", object.size) +
          (owner ? xmlParent("Owner", xmlElement("ID", owner.id)) : "") +
          xmlElement("StorageClass", storageClass(object)),
      ),
    )
    .join("");
}

function commonPrefixes(prefixes: readonly string[], encode: (text: string) => string): string {
  return prefixes.map((prefix) => xmlParent("CommonPrefixes", xmlElement("Prefix", encode(prefix)))).join("");
}

/** R2's storage classes under S3's names. */
function storageClass(object: R2Object): string {
  return object.storageClass === "InfrequentAccess" ? "STANDARD_IA" : "STANDARD";
}

export async function listObjectsV2Xml(bucketName: string, bucket: R2Bucket, query: URLSearchParams, owner: Owner): Promise<string> {
  const params = listParams(query);
  const token = query.get("continuation-token") ?? undefined;
  const startAfter = query.get("start-after") ?? undefined;
  const page = await listPage(bucket, params, { cursor: token, after: startAfter });
  const fetchOwner = query.get("fetch-owner") === "true";
  const children =
    xmlElement("Name", bucketName) +
    xmlElement("Prefix", params.encode(params.prefix)) +
    (startAfter !== undefined ? xmlElement("StartAfter", params.encode(startAfter)) : "") +
    (token !== undefined ? xmlElement("ContinuationToken", token) : "") +
    (page.cursor !== undefined ? xmlElement("NextContinuationToken", page.cursor) : "") +
    xmlElement("KeyCount", page.objects.length + page.prefixes.length) +
    xmlElement("MaxKeys", params.maxKeys) +
    (params.delimiter !== "" ? xmlElement("Delimiter", params.encode(params.delimiter)) : "") +
    (params.encodingType !== undefined ? xmlElement("EncodingType", params.encodingType) : "") +
    xmlElement("IsTruncated", page.truncated) +
    contents(page.objects, params.encode, fetchOwner ? owner : undefined) +
    commonPrefixes(page.prefixes, params.encode);
  return xmlDocument("ListBucketResult", children);
}

export async function listObjectsV1Xml(bucketName: string, bucket: R2Bucket, query: URLSearchParams, owner: Owner): Promise<string> {
  const params = listParams(query);
  const marker = query.get("marker") ?? "";
  const page = await listPage(bucket, params, { after: marker });
  // S3 answers NextMarker only with a delimiter; without one, clients continue from the last key.
  const last = [...page.objects.map((object) => object.key), ...page.prefixes].sort().at(-1);
  const children =
    xmlElement("Name", bucketName) +
    xmlElement("Prefix", params.encode(params.prefix)) +
    xmlElement("Marker", params.encode(marker)) +
    (page.truncated && params.delimiter !== "" && last !== undefined ? xmlElement("NextMarker", params.encode(last)) : "") +
    xmlElement("MaxKeys", params.maxKeys) +
    (params.delimiter !== "" ? xmlElement("Delimiter", params.encode(params.delimiter)) : "") +
    (params.encodingType !== undefined ? xmlElement("EncodingType", params.encodingType) : "") +
    xmlElement("IsTruncated", page.truncated) +
    contents(page.objects, params.encode, owner) +
    commonPrefixes(page.prefixes, params.encode);
  return xmlDocument("ListBucketResult", children);
}
