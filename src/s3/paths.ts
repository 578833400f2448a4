/**
 * Path-style S3 addresses: `/<bucket>/<key>`. The key is everything after the bucket's slash,
 * decoded once, with empty and dot segments kept (they are part of S3 keys).
 */

export interface S3Address {
  /** Undefined for `/` (the service: ListBuckets). */
  bucket: string | undefined;
  /** Undefined for the bucket itself (`/<bucket>` or `/<bucket>/`). */
  key: string | undefined;
}

export function parseAddress(pathname: string): S3Address {
  const path = pathname.replace(/^\//, "");
  if (path === "") return { bucket: undefined, key: undefined };
  const slash = path.indexOf("/");
  const bucket = decode(slash < 0 ? path : path.slice(0, slash));
  const key = slash < 0 ? "" : decode(path.slice(slash + 1));
  return { bucket, key: key === "" ? undefined : key };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** S3's `encoding-type=url`: RFC 3986 percent-encoding, slashes left as they are. */
export function uriEncodeKeepingSlashes(text: string): string {
  return text
    .split("/")
    .map((part) => encodeURIComponent(part).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join("/");
}
