/**
 * Headers that must be signed (issue 11, item 3): with access keys configured, a request captured
 * with only `host;x-amz-date` signed cannot be replayed as another operation by changing its
 * X-Amz-Target, nor have its Content-Type changed, within its 15 minutes.
 */
import { describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { AMZ_JSON, createActiveStream, ENDPOINT, env, ok, REGION, TARGET_PREFIX, type DescribeStreamSummaryOutput } from "./client";

const KEY_ID = "AKIDREPLAY";
const SECRET = "replay-secret";
const withKeys: Env = { ...env, RIVULET_LOCAL: undefined, RIVULET_ACCESS_KEYS: `${KEY_ID}:${SECRET}` };

/** A request signed for real with the headers in `signed` only, as a careless client (or a captured one) would. */
async function signedOnly(operation: string, body: string, signed: readonly string[]): Promise<Request> {
  const url = new URL(ENDPOINT);
  const stamp = new Date().toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  const day = stamp.slice(0, 8);
  const headers = new Headers({ host: url.host, "x-amz-date": stamp, "x-amz-target": `${TARGET_PREFIX}.${operation}`, "content-type": AMZ_JSON });
  const names = [...signed].sort();
  const canonical = ["POST", "/", "", names.map((name) => `${name}:${headers.get(name) ?? ""}\n`).join(""), names.join(";"), await sha256Hex(body)].join("\n");
  const scope = `${day}/${REGION}/kinesis/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", stamp, scope, await sha256Hex(canonical)].join("\n");
  let key: ArrayBuffer = await hmac(new TextEncoder().encode(`AWS4${SECRET}`), day);
  for (const part of [REGION, "kinesis", "aws4_request"]) key = await hmac(key, part);
  const signature = [...new Uint8Array(await hmac(key, toSign))].map((b) => b.toString(16).padStart(2, "0")).join("");
  headers.set("authorization", `AWS4-HMAC-SHA256 Credential=${KEY_ID}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}`);
  return new Request(url, { method: "POST", headers, body });
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function hmac(key: ArrayBuffer | Uint8Array, data: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", cryptoKey, new TextEncoder().encode(data));
}

function retargeted(request: Request, operation: string): Request {
  const headers = new Headers(request.headers);
  headers.set("x-amz-target", `${TARGET_PREFIX}.${operation}`);
  return new Request(request, { headers });
}

describe("headers that must be signed", () => {
  it("a DescribeStreamSummary signed with host;x-amz-date cannot be replayed as DeleteStream", async () => {
    const { name } = await createActiveStream();
    const body = JSON.stringify({ StreamName: name });
    const captured = await signedOnly("DescribeStreamSummary", body, ["host", "x-amz-date"]);
    const replay = await app.fetch(retargeted(captured, "DeleteStream"), withKeys);
    expect({ status: replay.status, body: await replay.json() }).toEqual({
      status: 400,
      body: { __type: "InvalidSignatureException", message: "'X-Amz-Target' must be a 'SignedHeader' in the AWS Authorization." },
    });
    const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: name });
    expect(summary.StreamDescriptionSummary.StreamStatus).toBe("ACTIVE");
  });

  it("an unsigned Content-Type is refused as well", async () => {
    const { name } = await createActiveStream();
    const request = await signedOnly("DescribeStreamSummary", JSON.stringify({ StreamName: name }), ["host", "x-amz-date", "x-amz-target"]);
    const response = await app.fetch(request, withKeys);
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: { __type: "InvalidSignatureException", message: "'Content-Type' must be a 'SignedHeader' in the AWS Authorization." },
    });
  });

  it("a request that signs both is served, and cannot be retargeted", async () => {
    const { name } = await createActiveStream();
    const request = await signedOnly("DescribeStreamSummary", JSON.stringify({ StreamName: name }), ["content-type", "host", "x-amz-date", "x-amz-target"]);
    const served = await app.fetch(request.clone(), withKeys);
    expect(served.status).toBe(200);
    const replay = await app.fetch(retargeted(request, "DeleteStream"), withKeys);
    expect(((await replay.json()) as { __type: string }).__type).toBe("InvalidSignatureException");
  });
});
