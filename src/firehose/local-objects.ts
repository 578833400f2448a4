/**
 * A read-only view of this Worker's R2 buckets for local development only (`npm start`), so tools
 * and end-to-end tests can see what Firehose delivered without reaching into wrangler's state. S3
 * clients read the same buckets through ../s3/api.ts; this JSON view stays for curl and existing tests
 * (it is routed before the S3 API, so its requests may be signed for "s3"):
 *
 *   GET /_rivulet/r2/<bucket>?prefix=...&cursor=...   → {"objects": [{"key", "size"}], "truncated", "cursor"}
 *   GET /_rivulet/r2/<bucket>/<key>                   → the object's bytes
 *
 * `<bucket>` is the bucket name of a BucketARN (resolved as buckets.ts does). Requests must be
 * SigV4-signed like API calls (any service name); a deployed Worker answers 404.
 */
import { Hono } from "hono";
import { AwsError } from "../aws/errors";
import { keyPolicy, verifySigV4 } from "../aws/sigv4";
import { resolveBucket } from "./buckets";

export const localObjects = new Hono<{ Bindings: Env }>();

localObjects.use("*", async (c, next) => {
  if (c.env.RIVULET_LOCAL !== "1") return c.notFound();
  try {
    const request = c.req.raw;
    await verifySigV4(
      { method: request.method, url: request.url, headers: request.headers, body: new Uint8Array() },
      keyPolicy(c.env.RIVULET_ACCESS_KEYS, true),
      Date.now(),
    );
  } catch (error) {
    if (error instanceof AwsError) return c.json(error.body(), 403);
    throw error;
  }
  await next();
});

localObjects.get("/:bucket", async (c) => {
  const bucket = resolveBucket(c.env, `arn:aws:s3:::${c.req.param("bucket")}`);
  if (!bucket) return c.json({ message: "no such bucket" }, 404);
  const listing = await bucket.list({ prefix: c.req.query("prefix"), cursor: c.req.query("cursor") });
  return c.json({
    objects: listing.objects.map((object) => ({ key: object.key, size: object.size })),
    truncated: listing.truncated,
    cursor: listing.truncated ? listing.cursor : undefined,
  });
});

localObjects.get("/:bucket/:key{.+}", async (c) => {
  const bucket = resolveBucket(c.env, `arn:aws:s3:::${c.req.param("bucket")}`);
  if (!bucket) return c.json({ message: "no such bucket" }, 404);
  const object = await bucket.get(c.req.param("key"));
  if (!object) return c.json({ message: "no such key" }, 404);
  return new Response(object.body, { headers: { "content-type": "application/octet-stream" } });
});
