/**
 * The REST-JSON protocol layer (src/aws/rest-json.ts): how the Worker tells Video requests from S3's
 * and AWS JSON's, how requests are refused (route, signature, body, validation) in AWS's words, and,
 * with a model of its own, how path, query-string and header members are bound, how answers carry
 * the model's status, header members and streamed payloads, and how an operation authenticates its
 * own way.
 */
import { Sha256Js } from "@smithy/core/checksum";
import { HttpRequest } from "@smithy/core/protocols";
import { SignatureV4 } from "@smithy/signature-v4";
import { exports as workersExports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { restJsonService, serveRestJson, type RestJsonModel, type RestRequestContext } from "../../../src/aws/rest-json";
import type { InputShape, StructureShape } from "../../../src/aws/validate";
import { call, env, TestClock } from "../client";
import { expectVideoError, expectVideoValidation, NOT_FOUND, uniqueName, video } from "./helpers";

const worker = (workersExports as unknown as { default: Fetcher }).default;

describe("routing", () => {
  it("serves the Video paths, signed for kinesisvideo", async () => {
    expectVideoError(await video("/describeStream", { StreamName: uniqueName("missing") }), 404, "ResourceNotFoundException", NOT_FOUND);
  });

  it("answers a path or method that names no operation with 404 UnknownOperationException", async () => {
    expectVideoError(await video("/describeStreams", {}), 404, "UnknownOperationException", "POST /describeStreams is not an operation of this service.");
    expectVideoError(
      await video("/describeStream", undefined, { method: "GET" }),
      404,
      "UnknownOperationException",
      "GET /describeStream is not an operation of this service.",
    );
    // Paths are case-sensitive, as AWS's are: the tag operations of signaling channels are capitalised.
    expectVideoError(await video("/tagresource", {}), 404, "UnknownOperationException");
  });

  it("leaves AWS JSON requests to AWS JSON, whatever their path", async () => {
    const listed = await call<{ StreamNames: string[] }>("ListStreams", {});
    expect(listed.status).toBe(200);
    expect(Array.isArray(listed.body.StreamNames)).toBe(true);
  });

  it("leaves requests signed for s3 to S3, even on a Video path or one that looks like a bucket", async () => {
    for (const path of ["/hls/v1/getHLSMasterPlaylist.m3u8", "/createStream"]) {
      const response = await s3Get(path);
      expect(response.headers.get("x-amzn-ErrorType")).toBeNull();
      expect(response.headers.get("content-type")).toMatch(/xml/);
      await response.body?.cancel();
    }
  });
});

describe("refusals", () => {
  it("refuses an unsigned request with 403 MissingAuthenticationTokenException", async () => {
    expectVideoError(
      await video("/createStream", { StreamName: uniqueName("video") }, { sign: false }),
      403,
      "MissingAuthenticationTokenException",
      "Missing Authentication Token",
    );
  });

  it("refuses a request signed for another service with 403", async () => {
    expectVideoError(
      await video("/createStream", { StreamName: uniqueName("video") }, { service: "kinesis" }),
      403,
      "InvalidSignatureException",
      "Credential should be scoped to correct service: 'kinesisvideo'.",
    );
  });

  it("refuses a body that is not a JSON object with SerializationException", async () => {
    expectVideoError(await video("/createStream", "{not json"), 400, "SerializationException", null);
    expectVideoError(await video("/createStream", "[1,2]"), 400, "SerializationException", null);
    expectVideoError(
      await video("/createStream", { StreamName: 5 }),
      400,
      "SerializationException",
      "class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String",
    );
  });

  it("reports every constraint a request breaks at once, in AWS's words and order", async () => {
    await expectVideoValidation(
      "/updateDataRetention",
      { StreamName: "bad name", Operation: "DOUBLE", DataRetentionChangeInHours: 0 },
      "Value 'DOUBLE' at 'operation' failed to satisfy constraint: Member must satisfy enum value set: [INCREASE_DATA_RETENTION, DECREASE_DATA_RETENTION]",
      "Value '0' at 'dataRetentionChangeInHours' failed to satisfy constraint: Member must have value greater than or equal to 1",
      "Value null at 'currentVersion' failed to satisfy constraint: Member must not be null",
      "Value 'bad name' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    );
  });
});

// ---------------------------------------------------------------------------------------------
// A model of the test's own, with members in every location

const $Text = { type: "string", min: 1, max: 64 } as const;
const $Limit = { type: "integer", min: 1, max: 100 } as const;
const $Tags = { type: "list", member: { type: "string" } } as const;
const $Since = { type: "timestamp" } as const;
const $Meta = { type: "map", key: { type: "string" }, value: { type: "string" } } as const;
const $Bytes = { type: "blob", streaming: true } as const;

type PartInput = {
  ThingName: string;
  Path: string;
  Limit?: number;
  Tags?: string[];
  Token?: string;
  Since?: Date;
  Meta?: Record<string, string>;
  Note?: string;
};
type PartOutput = { Thing?: string; Echo?: PartInput };
type UploadInput = { ThingName?: string; Body?: ReadableStream<Uint8Array> };
type UploadOutput = { ContentType?: string; Payload?: ReadableStream<Uint8Array> };
type Operations = {
  PutPart: { input: PartInput; output: PartOutput };
  Upload: { input: UploadInput; output: UploadOutput };
  Raw: { input: Record<string, never>; output: Record<string, never> };
};

const PutPartInput: InputShape<PartInput> = {
  type: "structure",
  name: "PutPartInput",
  javaClass: "test.PutPartInput",
  members: [
    { name: "ThingName", shape: $Text, required: true, location: "uri", locationName: "ThingName" },
    { name: "Path", shape: { type: "string" }, required: true, location: "uri", locationName: "Path" },
    { name: "Limit", shape: $Limit, location: "querystring", locationName: "limit" },
    { name: "Tags", shape: $Tags, location: "querystring", locationName: "tag" },
    { name: "Token", shape: $Text, location: "header", locationName: "x-amz-token" },
    { name: "Since", shape: $Since, location: "header", locationName: "x-amz-since" },
    { name: "Meta", shape: $Meta, location: "headers", locationName: "x-amz-meta-" },
    { name: "Note", shape: $Text },
  ],
};
const PutPartOutput: StructureShape = {
  type: "structure",
  name: "PutPartOutput",
  javaClass: "test.PutPartOutput",
  members: [
    { name: "Thing", shape: $Text, location: "header", locationName: "x-amz-thing" },
    { name: "Echo", shape: { type: "structure", name: "Echo", javaClass: "test.Echo", members: [] } },
  ],
};
const UploadInputShape: InputShape<UploadInput> = {
  type: "structure",
  name: "UploadInput",
  javaClass: "test.UploadInput",
  members: [
    { name: "ThingName", shape: $Text, location: "header", locationName: "x-amz-thing-name" },
    { name: "Body", shape: $Bytes },
  ],
  payload: "Body",
};
const UploadOutputShape: StructureShape = {
  type: "structure",
  name: "UploadOutput",
  javaClass: "test.UploadOutput",
  members: [
    { name: "ContentType", shape: $Text, location: "header", locationName: "Content-Type" },
    { name: "Payload", shape: $Bytes },
  ],
  payload: "Payload",
};
const Empty: InputShape<Record<string, never>> = { type: "structure", name: "Empty", javaClass: "test.Empty", members: [] };

const MODEL: RestJsonModel<Operations> = {
  signingName: "testservice",
  apiVersion: "2024-01-01",
  operations: { PutPart: PutPartInput, Upload: UploadInputShape, Raw: Empty },
  http: {
    PutPart: { method: "PUT", requestUri: "/things/{ThingName}/parts/{Path+}", responseCode: 201 },
    Upload: { method: "POST", requestUri: "/upload", responseCode: 200 },
    Raw: { method: "GET", requestUri: "/raw", responseCode: 200 },
  },
  outputs: { PutPart: PutPartOutput, Upload: UploadOutputShape, Raw: Empty },
};

const authenticated: string[] = [];
const service = restJsonService<Operations>(MODEL, {
  PutPart: {
    handle: async (input) => ({ Thing: input.ThingName.toUpperCase(), Echo: input }),
    // An operation's own authentication replaces SigV4 (PutMedia's and HLS's will).
    authenticate: async ({ request, signingName }) => {
      authenticated.push(`${signingName} ${request.headers.get("x-test-user") ?? "nobody"}`);
      return { accessKeyId: "AKIDTEST", region: "eu-west-1", service: signingName };
    },
  },
  Upload: {
    handle: async (input) => {
      // Answers the uploaded bytes back, upper-cased, as they arrive.
      const upper = new TransformStream<Uint8Array, Uint8Array>({
        transform: (chunk, controller) => controller.enqueue(new TextEncoder().encode(new TextDecoder().decode(chunk).toUpperCase())),
      });
      return { ContentType: "text/x-shout", Payload: (input.Body ?? new ReadableStream()).pipeThrough(upper) };
    },
    authenticate: async ({ body, signingName }) => {
      // A streamed input is not read before the handler: the authenticator sees an empty body.
      expect(body.byteLength).toBe(0);
      return { accessKeyId: "AKIDTEST", region: "us-east-1", service: signingName };
    },
  },
  Raw: {
    handle: async (_input, context: RestRequestContext) =>
      new Response(`origin ${context.origin}, account ${context.scope.account}`, { status: 202, headers: { "content-type": "text/plain" } }),
    authenticate: async ({ signingName }) => ({ accessKeyId: "AKIDTEST", region: "us-east-1", service: signingName }),
  },
});

async function serve(path: string, init: RequestInit = {}): Promise<Response> {
  return serveRestJson(new Request(`https://things.example${path}`, init), env, [service], new TestClock());
}

describe("binding members from the path, query string and headers", () => {
  it("reads every location into the input and answers the model's status and header members", async () => {
    const response = await serve("/things/lamp/parts/a%20b/c?limit=7&tag=x&tag=y", {
      method: "PUT",
      headers: {
        "x-test-user": "alice",
        "x-amz-token": "secret",
        "x-amz-since": "Tue, 14 Nov 2023 22:13:20 GMT",
        "x-amz-meta-color": "red",
        "content-type": "application/json",
      },
      body: JSON.stringify({ Note: "hello", ThingName: "ignored: a path member is not read from the body" }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get("x-amz-thing")).toBe("LAMP");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("x-amzn-RequestId")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.json()).toEqual({
      Echo: {
        ThingName: "lamp",
        Path: "a b/c",
        Limit: 7,
        Tags: ["x", "y"],
        Token: "secret",
        Since: 1700000000,
        Meta: { color: "red" },
        Note: "hello",
      },
    });
    expect(authenticated.at(-1)).toBe("testservice alice");
  });

  it("validates located members like body members", async () => {
    const response = await serve("/things/lamp/parts/p?limit=500", { method: "PUT" });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-ErrorType")).toBe("ValidationException:https://testservice.amazonaws.com/doc/2024-01-01/");
    expect(await response.json()).toEqual({
      message: "1 validation error detected: Value '500' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100",
    });
    const notANumber = await serve("/things/lamp/parts/p?limit=many", { method: "PUT" });
    expect(notANumber.status).toBe(400);
    expect(await notANumber.json()).toEqual({ message: "class java.lang.String can not be converted to an Integer" });
  });
});

describe("streamed payloads and whole responses", () => {
  it("hands a streaming input to the handler as the request's body, and streams its payload back", async () => {
    const chunks = ["first ", "second ", "third"];
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const response = await serve("/upload", { method: "POST", body, headers: { "x-amz-thing-name": "lamp" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/x-shout");
    expect(await response.text()).toBe("FIRST SECOND THIRD");
  });

  it("passes a handler's own Response through, with the request id", async () => {
    const response = await serve("/raw", { headers: { host: "things.example:8443" } });
    expect(response.status).toBe(202);
    expect(response.headers.get("x-amzn-RequestId")).toMatch(/^[0-9a-f-]{36}$/);
    expect(await response.text()).toBe("origin https://things.example:8443, account 000000000000");
  });
});

/** A GET signed for s3, as the S3 clients sign it. */
async function s3Get(path: string): Promise<Response> {
  const signer = new SignatureV4({
    service: "s3",
    region: "us-east-1",
    credentials: { accessKeyId: "AKIDS3TEST", secretAccessKey: "s3-test-secret" },
    sha256: Sha256Js,
    uriEscapePath: false,
  });
  const request = new HttpRequest({ method: "GET", protocol: "http:", hostname: "127.0.0.1", port: 4567, path, headers: { host: "127.0.0.1:4567" } });
  const signed = await signer.sign(request);
  return worker.fetch(`http://127.0.0.1:4567${path}`, { method: "GET", headers: signed.headers as Record<string, string> });
}
