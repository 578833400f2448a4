/**
 * What the fuzz suite (test/integration/fuzz/s3.test.ts) found in S3's GetObject and HeadObject, each
 * answered as S3 answers it instead of InternalError: a key longer than S3 (and R2) can hold, and a
 * `response-*` override whose value no HTTP header can carry; and DeleteObject of such a key.
 */
import { Sha256Js } from "@smithy/core/checksum";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
import { exports as workersExports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { env, uniqueName } from "../client";

const worker = (workersExports as unknown as { default: Fetcher }).default;
const BUCKET = "rivulet-deliveries";

async function s3(method: string, path: string, query: Record<string, string> = {}): Promise<Response> {
  const signer = new SignatureV4({
    service: "s3",
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDS3FINDINGS", secretAccessKey: "s3-findings-secret" },
    sha256: Sha256Js,
    uriEscapePath: false,
  });
  const request = new HttpRequest({ method, protocol: "http:", hostname: "127.0.0.1", port: 4567, path, query, headers: { host: "127.0.0.1:4567" } });
  const signed = await signer.sign(request);
  const search = new URLSearchParams(query).toString().replaceAll("+", "%20");
  return worker.fetch(`http://127.0.0.1:4567${path}${search ? `?${search}` : ""}`, { method, headers: signed.headers as Record<string, string> });
}

describe("GetObject and HeadObject", () => {
  const key = `${uniqueName("findings")}/object.txt`;
  beforeAll(async () => {
    await env.RIVULET_DELIVERIES.put(key, "hello", { httpMetadata: { contentType: "text/plain" } });
  });

  it("answer a key longer than 1,024 bytes with KeyTooLongError", async () => {
    const long = "k".repeat(1025);
    const response = await s3("GET", `/${BUCKET}/${long}`);
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toContain("<Code>KeyTooLongError</Code><Message>Your key is too long</Message>");
    expect((await s3("HEAD", `/${BUCKET}/${long}`)).status).toBe(400);
    // 1,024 bytes of UTF-8 are still a key: one that does not exist.
    expect((await s3("GET", `/${BUCKET}/${"é".repeat(512)}`)).status).toBe(404);
  });

  it("refuse a response override no header can carry with InvalidArgument", async () => {
    for (const value of ["\u0000", "line\nbreak", "carriage\rreturn"]) {
      const response = await s3("GET", `/${BUCKET}/${key}`, { "response-content-type": value });
      expect(response.status, JSON.stringify(value)).toBe(400);
      const text = await response.text();
      expect(text).toContain("<Code>InvalidArgument</Code>");
      expect(text).toContain("<ArgumentName>response-content-type</ArgumentName>");
    }
    const fine = await s3("GET", `/${BUCKET}/${key}`, { "response-content-type": "application/json; charset=utf-8" });
    expect(fine.status).toBe(200);
    expect(fine.headers.get("content-type")).toBe("application/json; charset=utf-8");
  });
});

describe("DeleteObject", () => {
  it("answers a key longer than 1,024 bytes with KeyTooLongError, as S3 does, instead of R2's refusal", async () => {
    const response = await s3("DELETE", `/${BUCKET}/${"k".repeat(1025)}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("<Code>KeyTooLongError</Code>");
    expect((await s3("DELETE", `/${BUCKET}/${uniqueName("findings")}/absent.txt`)).status).toBe(204);
  });
});
