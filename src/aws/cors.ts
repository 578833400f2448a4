/**
 * CORS for every API of the Worker (Kinesis, Firehose, S3, Lambda's event source mappings), so that
 * the AWS SDK for JavaScript can run in a web page, as it can against AWS. The console is not served
 * here: it keeps its own same-origin rules (console/); nor are Video's HLS and DASH session URLs, which
 * answer players on any origin whatever RIVULET_CORS_ORIGINS says (video/data/cors.ts: their token is
 * the credential).
 *
 * Preflights are answered as AWS's JSON endpoints answer them (recorded for kinesis, firehose and
 * lambda.us-east-1.amazonaws.com): 200, no body, the requested method and headers echoed, AWS's
 * list of exposed headers, a max age of two days, and a request id. A preflight is answered before
 * anything else looks at the request: browsers never sign one, and it runs no operation.
 *
 * Every other answer to an allowed origin carries Access-Control-Allow-Origin and exposes AWS's
 * headers plus every header the answer itself carries (S3's ETag, x-amz-version-id,
 * x-amz-checksum-*, x-amz-meta-*, ...), errors included, so the SDKs read in a browser what they
 * read elsewhere.
 *
 * Allowed origins: RIVULET_CORS_ORIGINS, `*` (any origin, the default, deployed and local), a
 * comma-separated list of origins (`https://app.example.com,http://localhost:5173`), or empty or
 * `none` (no CORS at all). The README says why any origin is the default. Credentials (cookies)
 * are never allowed: the APIs authenticate each request by its signature, not by anything a
 * browser adds on its own.
 */
import type { Context, Next } from "hono";

/** AWS's answer to `Access-Control-Max-Age` (two days). */
export const PREFLIGHT_MAX_AGE_SECONDS = 172_800;

/**
 * What AWS's endpoints expose (Kinesis' and Firehose's list, Lambda's additions), and S3's response
 * headers the SDKs read; an answer's own headers are exposed as well.
 */
export const EXPOSED_HEADERS: readonly string[] = [
  "x-amzn-RequestId",
  "x-amzn-ErrorType",
  "x-amzn-ErrorMessage",
  "x-amz-request-id",
  "x-amz-id-2",
  "Date",
  "x-amz-log-result",
  "x-amz-function-error",
  "ETag",
  "x-amz-version-id",
  "x-amz-delete-marker",
  "x-amz-bucket-region",
  "x-amz-checksum-crc32",
  "x-amz-checksum-crc32c",
  "x-amz-checksum-crc64nvme",
  "x-amz-checksum-sha1",
  "x-amz-checksum-sha256",
  "x-amz-checksum-type",
  "x-amz-server-side-encryption",
  "x-amz-storage-class",
  "x-amz-mp-parts-count",
  "Content-Range",
  "Accept-Ranges",
  "Content-Disposition",
  "Content-Encoding",
];

/** Headers a browser lets scripts read anyway, or never lets them read: not worth listing. */
const NOT_EXPOSABLE = new Set([
  "cache-control",
  "content-language",
  "content-length",
  "content-type",
  "expires",
  "last-modified",
  "pragma",
  "set-cookie",
  "set-cookie2",
  "vary",
]);

/** Methods the APIs are called with; a preflight for any other is not allowed. */
const METHODS = new Set(["GET", "HEAD", "PUT", "POST", "DELETE"]);

type OriginPolicy = { kind: "any" } | { kind: "list"; origins: ReadonlySet<string> } | { kind: "none" };

/** Reads RIVULET_CORS_ORIGINS (see the header comment). */
export function originPolicy(setting: string | undefined): OriginPolicy {
  if (setting === undefined) return { kind: "any" };
  const entries = setting
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.includes("*")) return { kind: "any" };
  if (entries.length === 0 || (entries.length === 1 && entries[0]?.toLowerCase() === "none")) return { kind: "none" };
  // Origins compare as browsers send them: scheme, host and port, lower case, no trailing slash.
  return { kind: "list", origins: new Set(entries.map((entry) => entry.replace(/\/+$/, "").toLowerCase())) };
}

/** The Access-Control-Allow-Origin value for `origin`, or undefined when it is not allowed. */
function allowedOrigin(policy: OriginPolicy, origin: string): string | undefined {
  if (policy.kind === "any") return "*";
  if (policy.kind === "list" && policy.origins.has(origin.toLowerCase())) return origin;
  return undefined;
}

/** Paths with CORS rules of their own: the console's, and the HLS/DASH session URLs'. */
function ownRules(path: string): boolean {
  return path === "/console" || path.startsWith("/console/") || path.startsWith("/hls/v1/") || path.startsWith("/dash/v1/");
}

/** The CORS middleware for the APIs: see the file's header. The console and the session URLs pass untouched. */
export async function cors(c: Context<{ Bindings: Env }>, next: Next): Promise<Response | void> {
  const path = new URL(c.req.url).pathname;
  if (ownRules(path)) return next();
  const policy = originPolicy(c.env.RIVULET_CORS_ORIGINS);
  const origin = c.req.header("origin");
  const allowed = origin === undefined ? undefined : allowedOrigin(policy, origin);
  const requestedMethod = c.req.header("access-control-request-method");

  if (c.req.method === "OPTIONS" && origin !== undefined && requestedMethod !== undefined) {
    return preflight(allowed, requestedMethod, c.req.header("access-control-request-headers"), policy);
  }

  await next();
  if (policy.kind === "none") return;
  const apply = (headers: Headers): void => {
    // An answer that depends on the Origin says so, for caches between the browser and the Worker.
    if (policy.kind === "list") headers.append("vary", "Origin");
    if (allowed !== undefined) {
      headers.set("access-control-allow-origin", allowed);
      headers.set("access-control-expose-headers", exposedHeaders(headers).join(","));
    }
  };
  try {
    apply(c.res.headers);
  } catch {
    // An answer passed on from fetch() has immutable headers: answer a copy.
    const copy = new Response(c.res.body, c.res);
    apply(copy.headers);
    c.res = copy;
  }
}

/**
 * The answer to a preflight. A refused one (origin or method not allowed) is a 403 without
 * Access-Control-* headers, which the browser reports as a CORS failure.
 */
function preflight(allowed: string | undefined, method: string, headers: string | undefined, policy: OriginPolicy): Response {
  const answer = new Headers({ "x-amzn-RequestId": crypto.randomUUID() });
  if (policy.kind === "list") answer.set("vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
  if (allowed === undefined || !METHODS.has(method.trim().toUpperCase())) {
    return new Response(null, { status: 403, headers: answer });
  }
  answer.set("access-control-allow-origin", allowed);
  if (headers !== undefined && headers.trim() !== "") answer.set("access-control-allow-headers", headers);
  answer.set("access-control-allow-methods", method.trim().toUpperCase());
  answer.set("access-control-expose-headers", EXPOSED_HEADERS.join(","));
  answer.set("access-control-max-age", String(PREFLIGHT_MAX_AGE_SECONDS));
  return new Response(null, { status: 200, headers: answer });
}

/** AWS's list, then the answer's own headers that scripts could not read otherwise. */
function exposedHeaders(headers: Headers): string[] {
  const names = [...EXPOSED_HEADERS];
  const listed = new Set(names.map((name) => name.toLowerCase()));
  for (const name of headers.keys()) {
    if (listed.has(name) || NOT_EXPOSABLE.has(name) || name.startsWith("access-control-")) continue;
    listed.add(name);
    names.push(name);
  }
  return names;
}
