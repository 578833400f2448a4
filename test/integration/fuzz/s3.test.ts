/**
 * The fuzz suite of S3's REST API: any method on any path (buckets that exist and do not, keys with
 * odd unicode, encodings and dot segments), with the query parameters and headers S3 reads given
 * valid and broken values, signed as @aws-sdk/client-s3 signs. Each answer must be a success or
 * S3's error form (`<Error><Code>` with the status its code has, no body for HEAD), never a 5xx but
 * S3's own 501 NotImplemented; a refused write changes no object.
 */
import { Sha256Js } from "@smithy/core/checksum";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
import { exports as workersExports } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "../client";
import { ODD_UNICODE_FOR_URLS } from "./arbitraries";
import { fuzz, SEED, timeoutFor } from "./harness";

const worker = (workersExports as unknown as { default: Fetcher }).default;
const RUNS = 500;
const BUCKET = "rivulet-deliveries";
const PREFIX = "fuzz-s3/";
const KEYS = [`${PREFIX}one.txt`, `${PREFIX}dir/two.json`, `${PREFIX}odd name+&'(x).txt`];

/** S3's codes with their statuses (src/s3/errors.ts and S3's error list); other codes must still be 4xx. */
const CODE_STATUS: Readonly<Record<string, number>> = {
  AccessDenied: 403,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  InvalidArgument: 400,
  InvalidRange: 416,
  InvalidRequest: 400,
  SignatureDoesNotMatch: 403,
  RequestTimeTooSkewed: 403,
  AuthorizationHeaderMalformed: 400,
  XAmzContentSHA256Mismatch: 400,
  NotImplemented: 501,
  MethodNotAllowed: 405,
  PreconditionFailed: 412,
  InvalidBucketName: 400,
  KeyTooLongError: 400,
  MalformedXML: 400,
  InvalidDigest: 400,
  BadDigest: 400,
};

beforeAll(async () => {
  console.info(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays this run)`);
  for (const key of KEYS) await env.RIVULET_DELIVERIES.put(key, `body of ${key}`, { httpMetadata: { contentType: "text/plain" } });
});

function encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const keys = fc.oneof(
  fc.constantFrom(...KEYS),
  fc.constantFrom(...ODD_UNICODE_FOR_URLS).map((key) => `${PREFIX}${key}`),
  fc.string({ maxLength: 30 }).map((key) => `${PREFIX}${key}`),
  fc.constantFrom("../../etc/passwd", "a/./b/../c", "//double", `${PREFIX}${"k".repeat(1100)}`, "%", "?", "#"),
);

interface S3Call {
  method: string;
  bucket: string | undefined;
  key: string | undefined;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: Uint8Array | undefined;
  /** Encode the path as the clients do, or send it raw (`%` and all). */
  encodePath: boolean;
}

const queryValue = fc.oneof(fc.constantFrom("", "0", "-1", "1", "1000", "1001", "99999999999999999999", "x", "url", "true"), fc.constantFrom(...ODD_UNICODE_FOR_URLS), fc.string({ maxLength: 20 }));
const query = fc.dictionary(
  fc.constantFrom("list-type", "prefix", "delimiter", "max-keys", "continuation-token", "start-after", "marker", "encoding-type", "fetch-owner", "location", "acl", "tagging", "uploads", "versionId", "partNumber", "x-id", "response-content-type", "uploadId", "delete"),
  queryValue,
  { maxKeys: 4 },
);
const headers = fc.dictionary(
  fc.constantFrom("range", "if-match", "if-none-match", "if-modified-since", "if-unmodified-since", "x-amz-checksum-mode", "content-md5", "x-amz-copy-source", "x-amz-meta-fuzz", "x-amz-checksum-crc32"),
  fc.oneof(fc.constantFrom("bytes=0-3", "bytes=-2", "bytes=5-1", "bytes=0-0,2-3", "bytes=x", "*", '"etag"', "Wed, 21 Oct 2015 07:28:00 GMT", "not a date", "ENABLED", "AAAAAA=="), fc.string({ unit: "grapheme-ascii", maxLength: 20 })),
  { maxKeys: 3 },
);

const calls: fc.Arbitrary<S3Call> = fc.record({
  method: fc.constantFrom("GET", "GET", "HEAD", "PUT", "POST", "DELETE"),
  bucket: fc.option(fc.constantFrom(BUCKET, BUCKET, "no-such-bucket", "RIVULET-DELIVERIES", "a", "xn--bucket"), { nil: undefined }),
  key: fc.option(keys, { nil: undefined }),
  query,
  headers,
  body: fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
  encodePath: fc.boolean(),
});

function pathOf(call: S3Call): string {
  if (call.bucket === undefined) return "/";
  if (call.key === undefined) return `/${call.bucket}`;
  const key = call.encodePath ? call.key.split("/").map(encode).join("/") : call.key;
  return `/${call.bucket}/${key}`;
}

async function send(call: S3Call): Promise<Response> {
  const signer = new SignatureV4({ service: "s3", region: "us-east-1", credentials: { accessKeyId: "AKIDS3FUZZ", secretAccessKey: "s3-fuzz-secret" }, sha256: Sha256Js, uriEscapePath: false });
  const path = pathOf(call);
  const request = new HttpRequest({
    method: call.method,
    protocol: "http:",
    hostname: "127.0.0.1",
    port: 4567,
    path,
    query: call.query,
    headers: { host: "127.0.0.1:4567", ...call.headers },
    body: call.body,
  });
  const signed = await signer.sign(request);
  const search = Object.entries(call.query)
    .map(([name, value]) => `${encode(name)}=${encode(value)}`)
    .join("&");
  const url = `http://127.0.0.1:4567${path}${search ? `?${search}` : ""}`;
  const withBody = call.method !== "GET" && call.method !== "HEAD";
  return worker.fetch(url, { method: call.method, headers: signed.headers as Record<string, string>, body: withBody ? (call.body ?? null) : undefined });
}

/** What the bucket holds under the suite's prefix, and at the key the call named. */
async function objects(call: S3Call): Promise<unknown> {
  const listed = await env.RIVULET_DELIVERIES.list({ prefix: PREFIX });
  // R2 throws for a name it cannot hold (longer than 1,024 bytes): no object there.
  const named = call.key === undefined ? null : await env.RIVULET_DELIVERIES.head(call.key).catch(() => null);
  return { listed: listed.objects.map((object) => [object.key, object.etag]), named: named?.etag ?? null };
}

describe("S3's REST API", () => {
  it("answers any method, path, query and header as S3 would; refused writes write nothing", async () => {
    await fuzz(calls, RUNS, async (call) => {
      const context = JSON.stringify({ ...call, body: call.body?.length, path: pathOf(call) });
      const mutating = call.method !== "GET" && call.method !== "HEAD";
      const before = mutating ? await objects(call) : undefined;
      const response = await send(call);
      const text = await response.text();
      const shown = `${context}\nanswered ${response.status}: ${text.slice(0, 400)}`;
      expect(response.headers.get("x-amz-request-id"), shown).toMatch(/^[0-9A-F]{16}$/);
      if (response.status < 400) {
        if (mutating) expect([200, 204], shown).toContain(response.status);
        return;
      }
      const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
      if (call.method === "HEAD") expect(text, shown).toBe("");
      else {
        expect(text, shown).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>[A-Za-z0-9]+<\/Code><Message>/);
        const expected = code === undefined ? undefined : CODE_STATUS[code];
        if (expected !== undefined) expect(response.status, shown).toBe(expected);
      }
      // S3's one 5xx that a request causes: NotImplemented (HEAD answers carry no code to tell).
      if (code !== "NotImplemented") expect(response.status === 501 && call.method === "HEAD" ? 499 : response.status, shown).toBeLessThan(500);
      if (mutating) expect(await objects(call), `${shown}\nwas refused, and changed an object`).toEqual(before);
    });
  }, timeoutFor(RUNS));
});
