/**
 * The HTTP endpoint destination: created, described (never the access key) and updated as AWS does;
 * records POSTed after the processing chain in Firehose's request format, to endpoints in the test
 * runner (http-endpoints.ts, the Worker's outbound service); answers that break the contract and
 * failures retried with the same request id until RetryOptions run out; then the records are in the
 * error output (http-endpoint-failed/). Every test counts: delivered + errored = put.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { unwrap } from "../../../src/aws/errors";
import { validateInput } from "../../../src/aws/validate";
import { deliverBatch } from "../../../src/firehose/delivery";
import { localInputShape } from "../../../src/firehose/destinations/http-endpoint";
import { FIREHOSE_SHAPES } from "../../../src/firehose/shapes.generated";
import {
  ACCOUNT,
  BUCKET_ARN,
  call,
  clock,
  createDeliveryStream,
  decode,
  deliverAll,
  describe as describeStream,
  encode,
  env,
  expectFailure,
  functionArn,
  lambdaProcessing,
  objects,
  ok,
  putBatch,
  REGION,
  ROLE_ARN,
  runQueue,
  type TestDeliveryStream,
  uniqueName,
} from "./helpers";
import { ENDPOINT_HOST, type ReceivedRequest, type Script } from "./http-endpoints";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const CSV_TO_JSON = functionArn("CSV_TO_JSON");

interface Endpoint {
  url: string;
  key: string;
}

function newEndpoint(): Endpoint {
  const key = `/${uniqueName("endpoint")}`;
  return { url: `https://${ENDPOINT_HOST}${key}`, key };
}

async function script(endpoint: Endpoint, plan: Script): Promise<void> {
  const response = await fetch(`https://${ENDPOINT_HOST}/_control/script?key=${encodeURIComponent(endpoint.key)}`, {
    method: "POST",
    body: JSON.stringify(plan),
  });
  expect(response.status).toBe(200);
}

async function received(endpoint: Endpoint): Promise<ReceivedRequest[]> {
  const response = await fetch(`https://${ENDPOINT_HOST}/_control/received?key=${encodeURIComponent(endpoint.key)}`);
  return (await response.json()) as ReceivedRequest[];
}

/** The records' data, decoded, across every request the endpoint received. */
function receivedData(requests: readonly ReceivedRequest[]): string[] {
  return requests.flatMap((request) => (request.body.records ?? []).map((record) => decode(Uint8Array.fromBase64(record.data))));
}

function httpDestination(endpoint: Endpoint, prefix: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    EndpointConfiguration: { Url: endpoint.url, Name: "test endpoint", AccessKey: "secret-key-1" },
    RoleARN: ROLE_ARN,
    S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix },
    ...overrides,
  };
}

async function createHttpStream(
  overrides: Record<string, unknown> = {},
): Promise<{ stream: TestDeliveryStream; endpoint: Endpoint; prefix: string }> {
  const endpoint = newEndpoint();
  const prefix = `${uniqueName("http")}/`;
  const stream = await createDeliveryStream(httpDestination(endpoint, prefix, overrides), { destinationKey: "HttpEndpointDestinationConfiguration" });
  return { stream, endpoint, prefix };
}

interface ErrorLine {
  attemptsMade: number;
  arrivalTimestamp: number;
  errorCode: string;
  errorMessage: string;
  attemptEndingTimestamp: number;
  rawData: string;
}

async function errorLines(prefix: string): Promise<ErrorLine[]> {
  const found = await objects(prefix);
  return found.flatMap((object) =>
    decode(object.body)
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as ErrorLine),
  );
}

const numbered = (count: number, tag: string) => Array.from({ length: count }, (_, i) => `${JSON.stringify({ tag, i })}\n`);

beforeEach(() => clock.freeze());
afterEach(() => clock.thaw());

describe("HTTP endpoint destinations: the API", () => {
  it("is described as AWS describes it, with AWS's defaults and without the access key", async () => {
    const { stream, endpoint, prefix } = await createHttpStream({
      RequestConfiguration: { ContentEncoding: "GZIP", CommonAttributes: [{ AttributeName: "env", AttributeValue: "test" }] },
      CloudWatchLoggingOptions: { Enabled: true, LogGroupName: "g", LogStreamName: "s" },
    });
    const description = await describeStream(stream.name);
    const destination = description.Destinations[0] as unknown as Record<string, unknown>;
    expect(destination.ExtendedS3DestinationDescription).toBeUndefined();
    expect(destination.S3DestinationDescription).toBeUndefined();
    expect(destination.HttpEndpointDestinationDescription).toEqual({
      EndpointConfiguration: { Url: endpoint.url, Name: "test endpoint" },
      BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
      CloudWatchLoggingOptions: { Enabled: true, LogGroupName: "g", LogStreamName: "s" },
      RequestConfiguration: { ContentEncoding: "GZIP", CommonAttributes: [{ AttributeName: "env", AttributeValue: "test" }] },
      RoleARN: ROLE_ARN,
      RetryOptions: { DurationInSeconds: 300 },
      S3BackupMode: "FailedDataOnly",
      S3DestinationDescription: {
        RoleARN: ROLE_ARN,
        BucketARN: BUCKET_ARN,
        Prefix: prefix,
        BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
        CompressionFormat: "UNCOMPRESSED",
        EncryptionConfiguration: { NoEncryptionConfig: "NoEncryption" },
        CloudWatchLoggingOptions: { Enabled: false },
      },
    });
    expect(JSON.stringify(description)).not.toContain("secret-key-1");
  });

  it("takes UpdateDestination: a new URL, key and settings apply to later batches", async () => {
    const { stream, endpoint } = await createHttpStream();
    const moved = newEndpoint();
    await ok("UpdateDestination", {
      DeliveryStreamName: stream.name,
      CurrentDeliveryStreamVersionId: "1",
      DestinationId: "destinationId-000000000001",
      HttpEndpointDestinationUpdate: {
        EndpointConfiguration: { Url: moved.url, AccessKey: "secret-key-2" },
        RetryOptions: { DurationInSeconds: 60 },
        S3BackupMode: "AllData",
      },
    });
    const description = await describeStream(stream.name);
    expect(description.VersionId).toBe("2");
    const destination = (description.Destinations[0] as unknown as { HttpEndpointDestinationDescription: Record<string, unknown> })
      .HttpEndpointDestinationDescription;
    expect(destination).toMatchObject({
      EndpointConfiguration: { Url: moved.url },
      RetryOptions: { DurationInSeconds: 60 },
      S3BackupMode: "AllData",
      RequestConfiguration: { ContentEncoding: "NONE" },
    });
    expect(JSON.stringify(description)).not.toContain("secret-key");

    await putBatch(stream, ["after the update\n"]);
    await stream.buffer.flushNow();
    await deliverAll(stream);
    expect(await received(endpoint)).toEqual([]);
    const requests = await received(moved);
    expect(receivedData(requests)).toEqual(["after the update\n"]);
    expect(requests[0]?.headers["x-amz-firehose-access-key"]).toBe("secret-key-2");
  });

  it("refuses an http:// URL off loopback, an enabled Secrets Manager, and hints past the model's limits", async () => {
    const endpoint = { url: "http://example.com/firehose", key: "" };
    await expectFailure(
      "CreateDeliveryStream",
      { DeliveryStreamName: uniqueName("http"), HttpEndpointDestinationConfiguration: httpDestination(endpoint, "x/") },
      "InvalidArgumentException",
      /must use https:\/\//,
    );
    await expectFailure(
      "CreateDeliveryStream",
      {
        DeliveryStreamName: uniqueName("http"),
        HttpEndpointDestinationConfiguration: httpDestination(newEndpoint(), "x/", {
          SecretsManagerConfiguration: { Enabled: true, SecretARN: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:x` },
        }),
      },
      "InvalidArgumentException",
      /does not support SecretsManagerConfiguration/,
    );
    const hints = await call("CreateDeliveryStream", {
      DeliveryStreamName: uniqueName("http"),
      HttpEndpointDestinationConfiguration: httpDestination(newEndpoint(), "x/", { BufferingHints: { SizeInMBs: 65, IntervalInSeconds: 0 } }),
    });
    expect(hints.body.__type).toBe("ValidationException");
    expect(hints.body.message).toContain("Member must have value less than or equal to 64");
    const noS3 = await call("CreateDeliveryStream", {
      DeliveryStreamName: uniqueName("http"),
      HttpEndpointDestinationConfiguration: { EndpointConfiguration: { Url: newEndpoint().url } },
    });
    expect(noS3.body.__type).toBe("ValidationException");
    expect(noS3.body.message).toContain("httpEndpointDestinationConfiguration.s3Configuration");
  });

  it("accepts http:// on a loopback host only locally: deployed, the model's pattern refuses it", async () => {
    const input = {
      DeliveryStreamName: uniqueName("http"),
      HttpEndpointDestinationConfiguration: httpDestination({ url: "http://127.0.0.1:9/firehose", key: "" }, "x/"),
    };
    await ok("CreateDeliveryStream", input);
    const model = FIREHOSE_SHAPES.operations.CreateDeliveryStream;
    expect(() => validateInput(model, input, { timestampUnit: "seconds" })).toThrow(
      "at 'httpEndpointDestinationConfiguration.endpointConfiguration.url' failed to satisfy constraint: " +
        "Member must satisfy regular expression pattern: https://.*",
    );
    expect(() => validateInput(localInputShape(model), input, { timestampUnit: "seconds" })).not.toThrow();
  });
});

describe("HTTP endpoint destinations: delivery", () => {
  it("POSTs every record once, in Firehose's request format with its headers", async () => {
    const { stream, endpoint, prefix } = await createHttpStream({
      RequestConfiguration: {
        CommonAttributes: [
          { AttributeName: "env", AttributeValue: "test" },
          { AttributeName: "team", AttributeValue: "data" },
        ],
      },
    });
    const data = numbered(25, "plain");
    expect((await putBatch(stream, data)).FailedPutCount).toBe(0);
    await stream.buffer.flushNow();
    await deliverAll(stream);

    const requests = await received(endpoint);
    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.headers).toMatchObject({
      "content-type": "application/json",
      "x-amz-firehose-protocol-version": "1.0",
      "x-amz-firehose-source-arn": `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${stream.name}`,
      "x-amz-firehose-access-key": "secret-key-1",
    });
    expect(request?.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(request?.headers["x-amz-firehose-common-attributes"] ?? "")).toEqual({ commonAttributes: { env: "test", team: "data" } });
    expect(request?.headers["x-amz-firehose-request-id"]).toMatch(UUID);
    expect(request?.body.requestId).toBe(request?.headers["x-amz-firehose-request-id"]);
    expect(typeof request?.body.timestamp).toBe("number");
    expect(receivedData(requests)).toEqual(data);
    // Nothing is written to S3 when everything is delivered (S3BackupMode FailedDataOnly).
    expect(await objects(prefix)).toEqual([]);
    expect(unwrap(await stream.buffer.state()).batches).toEqual([]);
  });

  it("gzips the body with ContentEncoding GZIP", async () => {
    const { stream, endpoint } = await createHttpStream({ RequestConfiguration: { ContentEncoding: "GZIP" } });
    const data = numbered(40, "gzip");
    await putBatch(stream, data);
    await stream.buffer.flushNow();
    await deliverAll(stream);
    const requests = await received(endpoint);
    expect(requests[0]?.headers["content-encoding"]).toBe("gzip");
    expect(receivedData(requests)).toEqual(data);
  });

  it("flushes by the HTTP endpoint's own buffering hints", async () => {
    const { stream, endpoint } = await createHttpStream({
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
      S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, BufferingHints: { SizeInMBs: 128, IntervalInSeconds: 900 } },
    });
    await putBatch(stream, ["at once\n"]);
    // IntervalInSeconds 0: the put itself flushed the batch.
    expect(stream.outbox).toHaveLength(1);
    await deliverAll(stream);
    expect(receivedData(await received(endpoint))).toEqual(["at once\n"]);
  });

  it("splits a batch into requests of at most SizeInMBs of JSON, each with its own request id", async () => {
    const { stream, endpoint } = await createHttpStream({ BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 60 } });
    // 12 records of 100 KiB are 1.6 MiB of base64: two requests.
    const data = Array.from({ length: 12 }, (_, i) => `${String(i).padStart(2, "0")}${"x".repeat(100 * 1024 - 2)}`);
    await putBatch(stream, data.slice(0, 6));
    await putBatch(stream, data.slice(6));
    await stream.buffer.flushNow();
    await deliverAll(stream);
    const requests = await received(endpoint);
    expect(requests.length).toBeGreaterThanOrEqual(2);
    for (const request of requests) expect(request.bytes).toBeLessThanOrEqual(1024 * 1024);
    expect(new Set(requests.map((request) => request.headers["x-amz-firehose-request-id"])).size).toBe(requests.length);
    expect(receivedData(requests)).toEqual(data);
  });

  it("POSTs what the processing chain made of the records; its failures go to processing-failed/", async () => {
    const { stream, endpoint, prefix } = await createHttpStream({
      ProcessingConfiguration: lambdaProcessing(CSV_TO_JSON, 0),
    });
    await putBatch(stream, ["1,apple,0.5", "not csv", "2,pear,0.75", "   "]);
    await stream.buffer.flushNow();
    await deliverAll(stream);
    expect(receivedData(await received(endpoint))).toEqual([
      `${JSON.stringify({ id: 1, name: "apple", price: 0.5 })}\n`,
      `${JSON.stringify({ id: 2, name: "pear", price: 0.75 })}\n`,
    ]);
    const failures = await errorLines(`${prefix}processing-failed/`);
    expect(failures.map((line) => decode(Uint8Array.fromBase64(line.rawData)))).toEqual(["not csv"]);
    // 2 delivered + 1 failed + 1 dropped (the blank record) = 4 put.
  });

  it("with S3BackupMode AllData, also writes every source record to the S3 configuration's prefix", async () => {
    const { stream, endpoint, prefix } = await createHttpStream({ S3BackupMode: "AllData" });
    const data = numbered(10, "all-data");
    await putBatch(stream, data);
    await stream.buffer.flushNow();
    await deliverAll(stream);
    expect(receivedData(await received(endpoint))).toEqual(data);
    const backups = await objects(prefix);
    expect(backups).toHaveLength(1);
    expect(backups[0]?.key.startsWith(`${prefix}${new Date(clock.now()).getUTCFullYear()}/`)).toBe(true);
    expect(decode(backups[0]?.body ?? new Uint8Array())).toBe(data.join(""));
  });
});

describe("HTTP endpoint destinations: failures", () => {
  it("retries a failed request with the same request id until it is taken", async () => {
    const { stream, endpoint, prefix } = await createHttpStream();
    await script(endpoint, { answers: [{ status: 503, body: '{"errorMessage":"busy"}' }, { status: 500 }] });
    const data = numbered(30, "retry");
    await putBatch(stream, data);
    await stream.buffer.flushNow();
    const messages = stream.outbox.splice(0);
    expect((await runQueue(messages)).retryMessages).toHaveLength(1);
    expect((await runQueue(messages, { attempts: 2 })).retryMessages).toHaveLength(1);
    expect((await runQueue(messages, { attempts: 3 })).retryMessages).toEqual([]);

    const requests = await received(endpoint);
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((request) => request.headers["x-amz-firehose-request-id"])).size).toBe(1);
    // Delivered once (the third attempt); nothing in the error output.
    expect(receivedData(requests.slice(2))).toEqual(data);
    expect(await objects(prefix)).toEqual([]);
  });

  it("sends the records to http-endpoint-failed/ once RetryOptions.DurationInSeconds have passed", async () => {
    const { stream, endpoint, prefix } = await createHttpStream({ RetryOptions: { DurationInSeconds: 60 } });
    await script(endpoint, { otherwise: { status: 500, body: '{"errorMessage":"down"}' } });
    const data = numbered(20, "gives-up");
    await putBatch(stream, data);
    await stream.buffer.flushNow();
    const [message] = stream.outbox.splice(0);
    if (!message) throw new Error("the flush sent no message");

    // Delivery is called as the queue calls it, with this file's clock instead of the system's.
    await expect(deliverBatch(env, message, clock)).rejects.toThrow(/HttpEndpoint.DestinationException/);
    clock.advance(30_000);
    await expect(deliverBatch(env, message, clock)).rejects.toThrow(/retrying until/);
    clock.advance(31_000);
    const report = await deliverBatch(env, message, clock);
    expect(report).toMatchObject({ delivered: 0, failed: data.length });

    expect(await received(endpoint)).toHaveLength(3);
    const lines = await errorLines(`${prefix}http-endpoint-failed/`);
    expect(lines.map((line) => decode(Uint8Array.fromBase64(line.rawData)))).toEqual(data);
    expect(lines[0]).toMatchObject({
      errorCode: "HttpEndpoint.DestinationException",
      errorMessage: 'The following response was received from the endpoint destination. 500: {"errorMessage":"down"}',
    });
    expect(lines[0]?.attemptsMade).toBeGreaterThan(1);
    // Every record put is in the error output, and the buffer has let the batch go.
    expect(unwrap(await stream.buffer.state()).batches).toEqual([]);
    expect((await objects(prefix)).every((object) => object.key.startsWith(`${prefix}http-endpoint-failed/`))).toBe(true);
  });

  it("treats answers that break the contract as failures (HttpEndpoint.InvalidResponseFromDestination)", async () => {
    const cases: { answer: Script["otherwise"]; why: RegExp }[] = [
      { answer: { requestId: "someone-else" }, why: /carries the requestId someone-else, which does not match/ },
      { answer: { body: "OK" }, why: /is not recognized as valid JSON or has unexpected fields\. Raw response received: 200 OK$/ },
      { answer: { body: '{"requestId":"x","timestamp":"1578090903599"}' }, why: /not recognized as valid JSON/ },
      { answer: { contentType: "text/plain" }, why: /does not have the content type application\/json \(it has 'text\/plain'\)/ },
    ];
    for (const { answer, why } of cases) {
      const { stream, endpoint, prefix } = await createHttpStream({ RetryOptions: { DurationInSeconds: 0 } });
      await script(endpoint, { otherwise: answer });
      const data = numbered(3, "invalid");
      await putBatch(stream, data);
      await stream.buffer.flushNow();
      await deliverAll(stream);
      const lines = await errorLines(`${prefix}http-endpoint-failed/`);
      expect(lines.map((line) => decode(Uint8Array.fromBase64(line.rawData)))).toEqual(data);
      for (const line of lines) {
        expect(line.errorCode).toBe("HttpEndpoint.InvalidResponseFromDestination");
        expect(line.errorMessage).toMatch(/^The response received from the specified endpoint is invalid\./);
        expect(line.errorMessage).toMatch(why);
        expect(line.attemptsMade).toBe(1);
      }
    }
  });

  it("does not retry a 413 (too large), and keeps its records in the error output", async () => {
    const { stream, endpoint, prefix } = await createHttpStream({ RetryOptions: { DurationInSeconds: 3600 } });
    await script(endpoint, { otherwise: { status: 413, body: '{"errorMessage":"Payload too large"}' } });
    const data = numbered(5, "too-large");
    await putBatch(stream, data);
    await stream.buffer.flushNow();
    await deliverAll(stream);
    expect(await received(endpoint)).toHaveLength(1);
    const lines = await errorLines(`${prefix}http-endpoint-failed/`);
    expect(lines.map((line) => decode(Uint8Array.fromBase64(line.rawData)))).toEqual(data);
    expect(lines[0]?.errorMessage).toContain("413: ");
  });

  it("counts a redirect as a failure: redirects are not followed", async () => {
    const { stream, endpoint, prefix } = await createHttpStream({ RetryOptions: { DurationInSeconds: 0 } });
    await script(endpoint, { otherwise: { status: 302, body: "" } });
    await putBatch(stream, [encode("moved?\n")]);
    await stream.buffer.flushNow();
    await deliverAll(stream);
    const lines = await errorLines(`${prefix}http-endpoint-failed/`);
    expect(lines).toHaveLength(1);
    expect(lines[0]?.errorMessage).toContain("302: ");
  });
});
