/**
 * GetObject and HeadObject over R2: S3's headers (ETag, Last-Modified, Content-Length, Accept-Ranges,
 * the stored Content-* and x-amz-meta-*), a single byte range answered 206 with Content-Range, and
 * the `response-*` query overrides presigned URLs use.
 */
import { invalidArgument, noSuchKey, S3Error } from "./errors";
import { checkKey } from "./metadata";

/** An object stored without a content type reads as S3's default. */
const DEFAULT_CONTENT_TYPE = "binary/octet-stream";

const RESPONSE_OVERRIDES: Readonly<Record<string, string>> = {
  "response-content-type": "content-type",
  "response-content-language": "content-language",
  "response-expires": "expires",
  "response-cache-control": "cache-control",
  "response-content-disposition": "content-disposition",
  "response-content-encoding": "content-encoding",
};

export type ByteRange = { offset: number; length?: number } | { suffix: number };

/**
 * One `bytes=` range, or undefined when there is none S3 would honour: S3 ignores a header it
 * cannot parse and, as here, answers the whole object to a request for several ranges.
 */
function parseRange(header: string | null): ByteRange | undefined {
  if (header === null) return undefined;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return undefined;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return undefined;
  if (first === "") return { suffix: Number(last) };
  if (last === "") return { offset: Number(first) };
  if (Number(last) < Number(first)) return undefined;
  return { offset: Number(first), length: Number(last) - Number(first) + 1 };
}

/** The first and last byte a range selects of `size` bytes, or undefined when none (416). */
function span(range: ByteRange, size: number): { start: number; end: number } | undefined {
  if ("suffix" in range) {
    if (range.suffix === 0 || size === 0) return undefined;
    return { start: Math.max(0, size - range.suffix), end: size - 1 };
  }
  if (range.offset >= size) return undefined;
  const end = range.length === undefined ? size - 1 : Math.min(size - 1, range.offset + range.length - 1);
  return { start: range.offset, end };
}

export async function getObject(
  bucket: R2Bucket,
  key: string,
  request: Request,
  query: URLSearchParams,
  headers: Headers,
): Promise<Response> {
  const head = request.method === "HEAD";
  // R2 throws for such a name; S3 refuses it.
  checkKey(key);
  const stored = await bucket.head(key);
  if (!stored) throw noSuchKey(key);
  const range = parseRange(request.headers.get("range"));
  const selected = range === undefined ? undefined : span(range, stored.size);
  if (range !== undefined && selected === undefined) {
    throw new S3Error("InvalidRange", "The requested range is not satisfiable", 416, [
      ["RangeRequested", request.headers.get("range") ?? ""],
      ["ActualObjectSize", String(stored.size)],
    ]);
  }
  describe(stored, headers);
  for (const [parameter, header] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = query.get(parameter);
    if (value === null) continue;
    try {
      headers.set(header, value);
    } catch {
      // A value no HTTP header can carry (NUL, line breaks): S3's code, a message of ours.
      throw invalidArgument(`The value of ${parameter} cannot be sent as a header.`, parameter, value);
    }
  }
  if (selected !== undefined) {
    headers.set("content-range", `bytes ${selected.start}-${selected.end}/${stored.size}`);
    headers.set("content-length", String(selected.end - selected.start + 1));
  }
  const status = selected === undefined ? 200 : 206;
  if (head) return new Response(null, { status, headers });
  const object = await bucket.get(key, {
    range: selected === undefined ? undefined : { offset: selected.start, length: selected.end - selected.start + 1 },
  });
  // Deleted between the two reads.
  if (!object) throw noSuchKey(key);
  return new Response(object.body, { status, headers });
}

function describe(object: R2Object, headers: Headers): void {
  const meta = object.httpMetadata ?? {};
  headers.set("content-type", meta.contentType ?? DEFAULT_CONTENT_TYPE);
  headers.set("content-length", String(object.size));
  headers.set("etag", object.httpEtag);
  headers.set("last-modified", object.uploaded.toUTCString());
  headers.set("accept-ranges", "bytes");
  if (meta.contentEncoding) headers.set("content-encoding", meta.contentEncoding);
  if (meta.contentLanguage) headers.set("content-language", meta.contentLanguage);
  if (meta.contentDisposition) headers.set("content-disposition", meta.contentDisposition);
  if (meta.cacheControl) headers.set("cache-control", meta.cacheControl);
  if (meta.cacheExpiry) headers.set("expires", meta.cacheExpiry.toUTCString());
  for (const [name, value] of Object.entries(object.customMetadata ?? {})) headers.set(`x-amz-meta-${name}`, value);
}
