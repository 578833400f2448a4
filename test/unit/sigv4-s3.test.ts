/**
 * SigV4 under S3's rules (credential scope service "s3"): the path is signed encoded once (no
 * second encoding, no empty segment removal) and the payload hash is x-amz-content-sha256,
 * checked against the body. Signed by @smithy/signature-v4 configured as @aws-sdk/client-s3 is.
 */
import { Sha256Js } from "@smithy/core/checksum";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
import { describe, expect, it } from "vitest";
import { AwsError } from "../../src/aws/errors";
import { keyPolicy, SignatureMismatchException, verifySigV4, type SignedRequest } from "../../src/aws/sigv4";

const credentials = { accessKeyId: "AKIDS3UNIT", secretAccessKey: "s3-unit-secret" };
const policy = keyPolicy(`${credentials.accessKeyId}:${credentials.secretAccessKey}`, false);
const NOW = Date.UTC(2026, 0, 2, 3, 4, 5);

async function signed(path: string, headers: Record<string, string> = {}, uriEscapePath = false, body?: string): Promise<SignedRequest> {
  const signer = new SignatureV4({ service: "s3", region: "us-east-1", credentials, sha256: Sha256Js, uriEscapePath });
  const request = await signer.sign(
    new HttpRequest({ method: "GET", protocol: "http:", hostname: "127.0.0.1", port: 4567, path, headers: { host: "127.0.0.1:4567", ...headers }, body }),
    { signingDate: new Date(NOW) },
  );
  return {
    method: "GET",
    url: `http://127.0.0.1:4567${path}`,
    headers: new Headers(request.headers as Record<string, string>),
    body: new TextEncoder().encode(body ?? ""),
  };
}

describe("SigV4 for S3", () => {
  it("verifies paths signed encoded once, with empty segments kept", async () => {
    for (const path of ["/bucket/a%20b/c%2Bd%26%28x%29.txt", "/bucket/a//b/c", "/bucket/%E2%82%AC"]) {
      const request = await signed(path, { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" });
      await expect(verifySigV4(request, policy, NOW, "s3")).resolves.toMatchObject({ service: "s3" });
    }
  });

  it("refuses a path signed encoded twice, with S3's details", async () => {
    const request = await signed("/bucket/a%20b", { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" }, true);
    const error = await verifySigV4(request, policy, NOW, "s3").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SignatureMismatchException);
    expect((error as SignatureMismatchException).canonicalRequest.split("\n")[1]).toBe("/bucket/a%20b");
  });

  it("signs x-amz-content-sha256 as the payload hash, and requires it to match the body", async () => {
    const request = await signed("/bucket/key");
    expect(request.headers.get("x-amz-content-sha256")).toMatch(/^[0-9a-f]{64}$/);
    await expect(verifySigV4(request, policy, NOW, "s3")).resolves.toMatchObject({ accessKeyId: credentials.accessKeyId });

    const lying = await signed("/bucket/key", { "x-amz-content-sha256": "0".repeat(64) });
    const error = await verifySigV4(lying, policy, NOW, "s3").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsError);
    expect((error as AwsError).type).toBe("XAmzContentSHA256Mismatch");

    const request2 = await signed("/bucket/key");
    request2.headers.delete("x-amz-content-sha256");
    const missing = await verifySigV4(request2, policy, NOW, "s3").catch((e: unknown) => e);
    expect((missing as AwsError).type).toBe("InvalidRequest");
  });
});
