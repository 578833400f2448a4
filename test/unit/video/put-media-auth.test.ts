/**
 * PutMedia's signature as AWS's producer SDK makes it (producer-c's AwsV4Signer.c): the hop-by-hop headers
 * it signs may not reach the Worker, the payload hash is the empty string's, and everything else must match.
 */
import { describe, expect, it } from "vitest";
import { putMediaAuthenticator } from "../../../src/video/data/put-media-auth";

const KEY = "AKIDPRODUCER";
const SECRET = "producer-secret";
const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

/** Signs as the SDK: every header but content-type, sorted, values trimmed, over the empty payload. */
async function sdkSigned(headers: Record<string, string>, secret = SECRET): Promise<Headers> {
  const stamp = new Date(NOW).toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  const all = { ...headers, host: "video.example", "x-amz-date": stamp };
  const names = Object.keys(all).sort();
  const canonical = ["POST", "/putMedia", "", names.map((name) => `${name}:${all[name as keyof typeof all]}\n`).join(""), names.join(";"), EMPTY_SHA256].join("\n");
  const scope = `${stamp.slice(0, 8)}/us-west-2/kinesisvideo/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", stamp, scope, hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical)))].join("\n");
  let key: ArrayBuffer | Uint8Array = new TextEncoder().encode(`AWS4${secret}`);
  for (const part of [stamp.slice(0, 8), "us-west-2", "kinesisvideo", "aws4_request", toSign]) key = await hmac(key, part);
  const result = new Headers(all);
  result.set("authorization", `AWS4-HMAC-SHA256 Credential=${KEY}/${scope}, SignedHeaders=${names.join(";")}, Signature=${hex(key as ArrayBuffer)}`);
  result.set("content-type", "application/json");
  return result;
}

async function hmac(key: ArrayBuffer | Uint8Array, data: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", cryptoKey, new TextEncoder().encode(data));
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

const SDK_HEADERS = {
  connection: "keep-alive",
  "transfer-encoding": "chunked",
  "user-agent": "AWS-SDK-KVS-CPP-CLIENT/3.4.1",
  "x-amzn-fragment-acknowledgment-required": "1",
  "x-amzn-fragment-timecode-type": "ABSOLUTE",
  "x-amzn-producer-start-timestamp": "1768478400.0",
  "x-amzn-stream-name": "front-door",
};

function authenticate(headers: Headers) {
  return putMediaAuthenticator({
    request: new Request("https://video.example/putMedia", { method: "POST", headers }),
    body: new Uint8Array(),
    env: { RIVULET_ACCESS_KEYS: `${KEY}:${SECRET}` } as Env,
    clock: { now: () => NOW },
    signingName: "kinesisvideo",
  });
}

describe("PutMedia's signature", () => {
  it("verifies the SDK's signature when the hop-by-hop headers it signed were dropped on the way", async () => {
    const headers = await sdkSigned(SDK_HEADERS);
    headers.delete("connection");
    headers.delete("transfer-encoding");
    await expect(authenticate(headers)).resolves.toEqual({ accessKeyId: KEY, region: "us-west-2", service: "kinesisvideo" });
  });

  it("verifies it when they arrived too", async () => {
    await expect(authenticate(await sdkSigned(SDK_HEADERS))).resolves.toMatchObject({ accessKeyId: KEY });
  });

  it("refuses a changed end-to-end header, another secret, and a hop-by-hop value that arrived different from the one signed", async () => {
    const changed = await sdkSigned(SDK_HEADERS);
    changed.set("x-amzn-stream-name", "back-door");
    await expect(authenticate(changed)).rejects.toMatchObject({ type: "InvalidSignatureException" });
    await expect(authenticate(await sdkSigned(SDK_HEADERS, "another-secret"))).rejects.toMatchObject({ type: "InvalidSignatureException" });
    const closing = await sdkSigned(SDK_HEADERS);
    closing.set("connection", "close");
    await expect(authenticate(closing)).rejects.toMatchObject({ type: "InvalidSignatureException" });
  });
});
