/**
 * The console's way into the buckets: S3's own operations (src/s3/), run for the signed-in user
 * through serveS3As exactly as a signed request from that key would run them: ListBuckets and
 * ListObjectsV2 for the pages, PutObject for an upload, DeleteObject for a delete. There is no
 * other write path; the answers are S3's, read back from its XML, and its errors become AwsErrors
 * (S3's codes and messages) for the pages and the console API to show.
 */
import { AwsError } from "../aws/errors";
import { serveS3As } from "../s3/api";
import { childNamed, parseXml, type XmlNode } from "../s3/xml-read";
import type { ConsoleContext } from "./auth";

/** Where the console's S3 requests are addressed; only the path and query matter to S3's routing. */
const ORIGIN = "https://console.invalid";

export interface BucketListing {
  bucket: string;
  prefix: string;
  folders: string[];
  objects: { key: string; size: number; lastModified: number }[];
  /** Whether there was more than the page shows. */
  truncated: boolean;
}

/** How many entries a bucket page shows (one ListObjectsV2 page). */
export const LISTED_OBJECTS = 200;

export function objectPath(bucket: string, key: string): string {
  return `/${encodeURIComponent(bucket)}/${key.split("/").map(encodeURIComponent).join("/")}`;
}

/** Runs one S3 request as the session's user; an S3 error is thrown as an AwsError. */
export async function callS3(c: ConsoleContext, path: string, init: RequestInit = {}): Promise<Response> {
  const session = c.get("session");
  const response = await serveS3As(new Request(`${ORIGIN}${path}`, init), c.env, c.get("clock"), {
    accessKeyId: session.keyId,
    region: session.region,
    signing: undefined,
  });
  if (response.ok) return response;
  const text = init.method === "HEAD" ? "" : await response.text();
  const error = text === "" ? undefined : parseXml(text);
  const field = (name: string) => (error ? childNamed(error, name)?.text : undefined);
  throw new AwsError(field("Code") ?? `HTTP ${response.status}`, field("Message"), response.status);
}

export async function listBuckets(c: ConsoleContext): Promise<string[]> {
  const root = parseXml(await (await callS3(c, "/")).text());
  return (childNamed(root, "Buckets")?.children ?? []).map((bucket) => childNamed(bucket, "Name")?.text ?? "");
}

/** One folder level of a bucket (delimiter `/`), as ListObjectsV2 answers it. */
export async function listFolder(c: ConsoleContext, bucket: string, prefix: string): Promise<BucketListing> {
  const query = new URLSearchParams({ "list-type": "2", prefix, delimiter: "/", "max-keys": String(LISTED_OBJECTS) });
  const root = parseXml(await (await callS3(c, `/${encodeURIComponent(bucket)}?${query.toString()}`)).text());
  const all = (name: string): XmlNode[] => root.children.filter((child) => child.name === name);
  return {
    bucket,
    prefix,
    folders: all("CommonPrefixes").map((folder) => childNamed(folder, "Prefix")?.text ?? ""),
    objects: all("Contents").map((object) => ({
      key: childNamed(object, "Key")?.text ?? "",
      size: Number(childNamed(object, "Size")?.text ?? "0"),
      lastModified: Date.parse(childNamed(object, "LastModified")?.text ?? "") || 0,
    })),
    truncated: childNamed(root, "IsTruncated")?.text === "true",
  };
}
