/**
 * Request bodies are read no further than they need to be (issue 11, item 2): a body that never
 * ends, or is far too large, is answered without being read to its end, whether or not it declares
 * its length; one without any signature, or signed (falsely) for S3, is refused having read little
 * or nothing. Every body here counts the bytes the Worker pulled from it.
 */
import { describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { MAX_REQUEST_BYTES, MAX_UNSIGNED_BODY_BYTES } from "../../src/limits";
import { AMZ_JSON, ENDPOINT, env, TARGET_PREFIX } from "./client";

const CHUNK = 64 * 1024;
const withKeys: Env = { ...env, RIVULET_LOCAL: undefined, RIVULET_ACCESS_KEYS: "AKIDBODIES:bodies-secret" };
const SIGNED_ANYHOW = "AWS4-HMAC-SHA256 Credential=AKIDBODIES/{day}/us-east-1/{service}/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000";

/** A body that never ends, and how much of it was pulled. */
function endless(): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += CHUNK;
      controller.enqueue(new Uint8Array(CHUNK).fill(0x61));
    },
  });
  return { stream, pulled: () => pulled };
}

function stamp(): { date: string; day: string } {
  const date = new Date().toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  return { date, day: date.slice(0, 8) };
}

function post(body: ReadableStream<Uint8Array>, headers: Record<string, string>, path = "/"): Request {
  return new Request(new URL(path, ENDPOINT), { method: "POST", headers, body });
}

function kinesisHeaders(signed: boolean): Record<string, string> {
  const { date, day } = stamp();
  const headers: Record<string, string> = { "content-type": AMZ_JSON, "x-amz-target": `${TARGET_PREFIX}.ListStreams`, "x-amz-date": date };
  if (signed) headers.authorization = SIGNED_ANYHOW.replace("{day}", day).replace("{service}", "kinesis");
  return headers;
}

describe("request bodies", () => {
  it("an unsigned body that never ends is refused for its missing signature, having read little of it", async () => {
    const body = endless();
    const response = await app.fetch(post(body.stream, kinesisHeaders(false)), env);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: { __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" },
    });
    expect(body.pulled()).toBeLessThanOrEqual(MAX_UNSIGNED_BODY_BYTES + 2 * CHUNK);
  });

  it("a signed body that never ends is refused as too large once it passes the limit", async () => {
    const body = endless();
    const response = await app.fetch(post(body.stream, kinesisHeaders(true)), env);
    expect({ status: response.status, body: await response.json() }).toEqual({ status: 413, body: { __type: "RequestEntityTooLargeException" } });
    expect(body.pulled()).toBeLessThanOrEqual(MAX_REQUEST_BYTES + 2 * CHUNK);
  });

  it("a Content-Length over the limit is refused before the body is read", async () => {
    const body = endless();
    const headers = { ...kinesisHeaders(true), "content-length": String(MAX_REQUEST_BYTES + 1) };
    const response = await app.fetch(post(body.stream, headers), env);
    expect(response.status).toBe(413);
    expect(body.pulled()).toBeLessThanOrEqual(CHUNK);
  });

  it("a request merely claiming an s3 signature is refused before its body is read", async () => {
    const body = endless();
    const { date, day } = stamp();
    const headers = {
      "x-amz-date": date,
      "x-amz-content-sha256": "UNSIGNED-PAYLOAD",
      authorization: SIGNED_ANYHOW.replace("{day}", day).replace("{service}", "s3").replace("content-type;", "").replace(";x-amz-target", ";x-amz-content-sha256"),
    };
    const response = await app.fetch(post(body.stream, headers, "/rivulet-deliveries/key"), withKeys);
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("<Code>SignatureDoesNotMatch</Code>");
    expect(body.pulled()).toBeLessThanOrEqual(CHUNK);
  });

  it("an unsigned call to Lambda's API is refused before its body is read", async () => {
    const body = endless();
    const response = await app.fetch(post(body.stream, { "content-type": "application/json" }, "/2015-03-31/event-source-mappings/"), env);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { Type?: string; message?: string }).message).toBe("Missing Authentication Token");
    expect(body.pulled()).toBeLessThanOrEqual(CHUNK);
  });
});
