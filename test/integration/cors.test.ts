/**
 * CORS as a browser meets it, for every API of the Worker: preflights answered as AWS's endpoints
 * answer them (unsigned, running nothing), and every answer, success or error, readable by a page of
 * another origin, with the headers the SDKs read exposed. The console keeps its same-origin rules.
 */
import { Sha256Js } from "@smithy/core/checksum";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
import { exports as workersExports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { createActiveStream, env, ok, send, streamNotFound, TARGET_PREFIX, uniqueName, type DescribeStreamSummaryOutput } from "./client";

const worker = (workersExports as unknown as { default: Fetcher }).default;
const ORIGIN = "http://127.0.0.1:5173";
/** What @aws-sdk/client-kinesis asks for in a browser (recorded from Chromium). */
const SDK_HEADERS = "amz-sdk-invocation-id,amz-sdk-request,authorization,content-type,x-amz-content-sha256,x-amz-date,x-amz-target,x-amz-user-agent";
const BUCKET = "rivulet-deliveries";

/** Headers every exposed list must name, whichever service answered. */
const AWS_EXPOSED = ["x-amzn-RequestId", "x-amzn-ErrorType", "x-amzn-ErrorMessage", "x-amz-request-id", "x-amz-id-2", "Date"];

function preflight(path: string, method: string, headers = SDK_HEADERS, origin = ORIGIN): Request {
  return new Request(`https://kinesis.us-east-1.amazonaws.com${path}`, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": method, "access-control-request-headers": headers },
  });
}

function exposed(response: Response): string[] {
  return (response.headers.get("access-control-expose-headers") ?? "").split(",").map((name) => name.trim().toLowerCase());
}

/** The answer can be read by a page of ORIGIN, with AWS's headers and `extra` exposed. */
function expectReadable(response: Response, extra: string[] = []): void {
  expect(response.headers.get("access-control-allow-origin")).toBe("*");
  expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  const names = exposed(response);
  for (const name of [...AWS_EXPOSED, ...extra]) expect(names, `exposes ${name}`).toContain(name.toLowerCase());
}

/** A request signed for S3 as @aws-sdk/client-s3 signs it, from a page of ORIGIN. */
async function s3(method: string, path: string): Promise<Response> {
  const signer = new SignatureV4({
    service: "s3",
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDCORS", secretAccessKey: "cors-secret" },
    sha256: Sha256Js,
    uriEscapePath: false,
  });
  const request = new HttpRequest({ method, protocol: "http:", hostname: "127.0.0.1", port: 4567, path, headers: { host: "127.0.0.1:4567" } });
  const signed = await signer.sign(request);
  return worker.fetch(`http://127.0.0.1:4567${path}`, { method, headers: { ...(signed.headers as Record<string, string>), origin: ORIGIN } });
}

describe("preflights", () => {
  it("are answered for the AWS JSON services as AWS answers them, unsigned", async () => {
    const response = await worker.fetch(preflight("/", "POST"));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(response.headers.get("x-amzn-RequestId")).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-methods")).toBe("POST");
    // The requested headers come back as they were asked for, whatever they are.
    expect(response.headers.get("access-control-allow-headers")).toBe(SDK_HEADERS);
    expect(response.headers.get("access-control-max-age")).toBe("172800");
    expect(exposed(response)).toEqual(expect.arrayContaining(AWS_EXPOSED.map((name) => name.toLowerCase())));
  });

  it("are answered for Lambda's and S3's paths", async () => {
    for (const [path, method] of [
      ["/2015-03-31/event-source-mappings", "POST"],
      ["/2015-03-31/event-source-mappings/0b5a5f4e-0000-4000-8000-000000000000", "DELETE"],
      [`/${BUCKET}/some/key.txt`, "GET"],
      [`/${BUCKET}/some/key.txt`, "HEAD"],
      [`/${BUCKET}?list-type=2`, "GET"],
    ] as const) {
      const response = await worker.fetch(preflight(path, method, "authorization,x-amz-date,x-amz-content-sha256,range"));
      expect(response.status, `${method} ${path}`).toBe(200);
      expect(response.headers.get("access-control-allow-methods")).toBe(method);
      expect(response.headers.get("access-control-allow-headers")).toBe("authorization,x-amz-date,x-amz-content-sha256,range");
    }
  });

  it("run no operation, whatever headers come with them", async () => {
    const stream = await createActiveStream();
    const request = preflight("/", "POST");
    request.headers.set("x-amz-target", `${TARGET_PREFIX}.DeleteStream`);
    const response = await worker.fetch(request.url, {
      method: "OPTIONS",
      headers: request.headers,
      body: JSON.stringify({ StreamName: stream.name }),
    });
    expect(response.status).toBe(200);
    const summary = await ok<DescribeStreamSummaryOutput>("DescribeStreamSummary", { StreamName: stream.name });
    expect(summary.StreamDescriptionSummary.StreamStatus).toBe("ACTIVE");
  });

  it("refuse a method no API takes, without CORS headers", async () => {
    const response = await worker.fetch(preflight("/", "PATCH"));
    expect(response.status).toBe(403);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("are not answered for the console, which stays same-origin", async () => {
    const response = await worker.fetch(preflight("/console/api/call", "POST", "content-type"));
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
    const page = await worker.fetch("https://kinesis.us-east-1.amazonaws.com/console", { headers: { origin: ORIGIN } });
    expect(page.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("answers to a page of another origin", () => {
  it("Kinesis: a success and an error", async () => {
    const success = await send({ target: `${TARGET_PREFIX}.ListStreams`, body: "{}", headers: { origin: ORIGIN } });
    expect(success.status).toBe(200);
    expectReadable(new Response(null, { headers: success.headers }));
    const name = uniqueName();
    const failure = await send({ target: `${TARGET_PREFIX}.DescribeStreamSummary`, body: JSON.stringify({ StreamName: name }), headers: { origin: ORIGIN } });
    expect(failure.body).toEqual({ __type: "ResourceNotFoundException", message: streamNotFound(name) });
    expectReadable(new Response(null, { headers: failure.headers }));
  });

  it("Kinesis: an unsigned request's refusal", async () => {
    const refused = await send({ target: `${TARGET_PREFIX}.ListStreams`, body: "{}", sign: false, headers: { origin: ORIGIN } });
    expect(refused.body.__type).toBe("MissingAuthenticationTokenException");
    expectReadable(new Response(null, { headers: refused.headers }));
  });

  it("Firehose: a success and an error", async () => {
    const success = await send({ target: "Firehose_20150804.ListDeliveryStreams", body: "{}", service: "firehose", headers: { origin: ORIGIN } });
    expect(success.status).toBe(200);
    expectReadable(new Response(null, { headers: success.headers }));
    const failure = await send({
      target: "Firehose_20150804.DescribeDeliveryStream",
      body: JSON.stringify({ DeliveryStreamName: uniqueName("hose") }),
      service: "firehose",
      headers: { origin: ORIGIN },
    });
    expect(failure.body.__type).toBe("ResourceNotFoundException");
    expectReadable(new Response(null, { headers: failure.headers }));
  });

  it("Lambda's event source mappings: a success and an error", async () => {
    const options = { method: "GET", target: null, contentType: null, service: "lambda", headers: { origin: ORIGIN } };
    const success = await send({ ...options, path: "/2015-03-31/event-source-mappings" });
    expect(success.status).toBe(200);
    expectReadable(new Response(null, { headers: success.headers }));
    const failure = await send({ ...options, path: "/2015-03-31/event-source-mappings/0b5a5f4e-0000-4000-8000-000000000000" });
    expect(failure.status).toBe(404);
    expect(failure.headers.get("x-amzn-ErrorType")).toBe("ResourceNotFoundException");
    expectReadable(new Response(null, { headers: failure.headers }));
  });

  describe("S3", () => {
    const key = `${uniqueName("cors")}/object.txt`;
    beforeAll(async () => {
      await env.RIVULET_DELIVERIES.put(key, "hello from R2", { httpMetadata: { contentType: "text/plain" }, customMetadata: { origin: "cors-test" } });
    });

    it("GetObject exposes ETag and the object's own headers", async () => {
      const response = await s3("GET", `/${BUCKET}/${key}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toBe("hello from R2");
      expectReadable(response, ["ETag", "x-amz-version-id", "x-amz-checksum-crc32", "x-amz-meta-origin", "Accept-Ranges"]);
    });

    it("an error (NoSuchKey) and a HEAD", async () => {
      const missing = await s3("GET", `/${BUCKET}/${key}.missing`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain("<Code>NoSuchKey</Code>");
      expectReadable(missing);
      const head = await s3("HEAD", `/${BUCKET}/${key}`);
      expect(head.status).toBe(200);
      expectReadable(head, ["ETag", "x-amz-meta-origin"]);
    });
  });

  it("does not add CORS headers to a request without an Origin", async () => {
    const response = await send({ target: `${TARGET_PREFIX}.ListStreams`, body: "{}" });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});

describe("RIVULET_CORS_ORIGINS", () => {
  const withOrigins = (setting: string): Env => ({ ...env, RIVULET_CORS_ORIGINS: setting });

  it("a list allows its origins only, each answered as itself, with Vary: Origin", async () => {
    const configured = withOrigins("https://app.example.com, http://127.0.0.1:5173/");
    const allowed = await app.fetch(preflight("/", "POST"), configured);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(allowed.headers.get("vary")).toContain("Origin");
    const refused = await app.fetch(preflight("/", "POST", SDK_HEADERS, "https://evil.example"), configured);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
    const answer = await app.fetch(new Request("https://kinesis.us-east-1.amazonaws.com/", { method: "POST", headers: { origin: "https://evil.example" } }), configured);
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
    expect(answer.headers.get("vary")).toContain("Origin");
  });

  it("`none` (or empty) turns CORS off", async () => {
    for (const setting of ["none", ""]) {
      const response = await app.fetch(preflight("/", "POST"), withOrigins(setting));
      expect(response.status).toBe(403);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("leaves Video's playback URLs open to every origin, their token being the credential", async () => {
    for (const path of ["/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=nope", "/dash/v1/getDASHManifest.mpd?SessionToken=nope"]) {
      for (const setting of ["none", "https://app.example.com"]) {
        const answered = await app.fetch(preflight(path, "GET", "range", "https://player.example"), withOrigins(setting));
        expect(answered.status).toBe(200);
        expect(answered.headers.get("access-control-allow-origin")).toBe("*");
        // A token that opens nothing: the refusal is readable too, and so said even without an Origin.
        for (const headers of [{ origin: "https://player.example" }, {}] as Record<string, string>[]) {
          const refused = await app.fetch(new Request(`https://kinesisvideo.us-east-1.amazonaws.com${path}`, { headers }), withOrigins(setting));
          expect(refused.status).toBeGreaterThanOrEqual(400);
          expect(refused.headers.get("access-control-allow-origin")).toBe("*");
          expect(exposed(refused)).toContain("x-amzn-errortype");
        }
      }
    }
  });
});
