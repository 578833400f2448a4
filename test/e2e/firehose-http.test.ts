/**
 * Firehose's HTTP endpoint destination end to end: the unmodified `@aws-sdk/client-firehose` creates
 * delivery streams against the real local server (`npm start`) that deliver to a small HTTP server
 * this test runs (http:// on 127.0.0.1, which only `npm start` accepts). Records put with
 * PutRecordBatch arrive there in Firehose's request format, each exactly once; a stream whose
 * endpoint always fails puts its records in the error output (http-endpoint-failed/), read back
 * with the unmodified `@aws-sdk/client-s3`. Every record is counted.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  PutRecordBatchCommand,
  type HttpEndpointDestinationConfiguration,
} from "@aws-sdk/client-firehose";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, ANY_CREDENTIALS, REGION, removeDir, sleep, startServer, tempDir, uniqueName, type TestServer } from "./helpers";

const BUCKET = "rivulet-deliveries";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/firehose-delivery`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: { requestId: string; timestamp: number; records: { data: string }[] };
}

let dir: string | undefined;
let server: TestServer | undefined;
let endpoint: Server | undefined;
let endpointUrl = "";
let firehose: FirehoseClient;
let s3: S3Client;
const received: Received[] = [];

/** The endpoint: /ok answers as Firehose's contract asks; /fail always answers 500. */
function startEndpoint(): Promise<Server> {
  const http = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const raw = Buffer.concat(chunks);
      const text = (request.headers["content-encoding"] === "gzip" ? gunzipSync(raw) : raw).toString("utf8");
      const body = JSON.parse(text) as Received["body"];
      received.push({ path: request.url ?? "", headers: request.headers, body });
      if (request.url === "/fail") {
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ requestId: body.requestId, timestamp: Date.now(), errorMessage: "always down" }));
        return;
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ requestId: body.requestId, timestamp: Date.now() }));
    });
  });
  return new Promise((resolve) => http.listen(0, "127.0.0.1", () => resolve(http)));
}

beforeAll(async () => {
  endpoint = await startEndpoint();
  endpointUrl = `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}`;
  dir = tempDir("firehose-http");
  server = await startServer({ persistDir: dir });
  firehose = new FirehoseClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  s3 = new S3Client({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS, forcePathStyle: true });
});

afterAll(async () => {
  firehose?.destroy();
  s3?.destroy();
  await server?.close();
  removeDir(dir);
  await new Promise<void>((resolve) => (endpoint ? endpoint.close(() => resolve()) : resolve()));
});

async function createActive(name: string, destination: HttpEndpointDestinationConfiguration): Promise<string> {
  const created = await firehose.send(
    new CreateDeliveryStreamCommand({ DeliveryStreamName: name, HttpEndpointDestinationConfiguration: destination }),
  );
  for (let i = 0; i < 100; i++) {
    const { DeliveryStreamDescription } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    if (DeliveryStreamDescription?.DeliveryStreamStatus === "ACTIVE") return created.DeliveryStreamARN ?? "";
    await sleep(100);
  }
  throw new Error(`${name} never became ACTIVE`);
}

async function putAll(name: string, data: readonly string[]): Promise<void> {
  for (let start = 0; start < data.length; start += 100) {
    const records = data.slice(start, start + 100).map((text) => ({ Data: new TextEncoder().encode(text) }));
    const answer = await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records }));
    expect(answer.FailedPutCount).toBe(0);
  }
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (done(value)) return value;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

const decoded = (requests: readonly Received[]) =>
  requests.flatMap((request) => request.body.records.map((record) => Buffer.from(record.data, "base64").toString("utf8")));

describe("Firehose to an HTTP endpoint with the AWS SDK", () => {
  it("delivers every record put, once, with Firehose's headers and request format", async () => {
    const name = uniqueName("e2e-http");
    const arn = await createActive(name, {
      EndpointConfiguration: { Url: `${endpointUrl}/ok`, Name: "e2e", AccessKey: "e2e-access-key" },
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
      RequestConfiguration: { ContentEncoding: "GZIP", CommonAttributes: [{ AttributeName: "suite", AttributeValue: "e2e" }] },
      RoleARN: ROLE_ARN,
      S3Configuration: { RoleARN: ROLE_ARN, BucketARN: `arn:aws:s3:::${BUCKET}`, Prefix: `http-e2e/${name}/` },
    });
    const { DeliveryStreamDescription } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    const destination = DeliveryStreamDescription?.Destinations?.[0]?.HttpEndpointDestinationDescription;
    expect(destination?.EndpointConfiguration).toEqual({ Url: `${endpointUrl}/ok`, Name: "e2e" });
    expect(destination?.RequestConfiguration?.ContentEncoding).toBe("GZIP");
    expect(JSON.stringify(DeliveryStreamDescription)).not.toContain("e2e-access-key");

    const data = Array.from({ length: 300 }, (_, i) => `${JSON.stringify({ i })}\n`);
    await putAll(name, data);
    const requests = await waitFor(
      "the endpoint to receive every record",
      async () => received.filter((request) => request.headers["x-amz-firehose-source-arn"] === arn),
      (found) => decoded(found).length >= data.length,
    );
    // Exactly once each, whatever the number of requests.
    expect(decoded(requests).sort()).toEqual([...data].sort());
    for (const request of requests) {
      expect(request.headers).toMatchObject({
        "content-type": "application/json",
        "content-encoding": "gzip",
        "x-amz-firehose-protocol-version": "1.0",
        "x-amz-firehose-access-key": "e2e-access-key",
        "x-amz-firehose-source-arn": `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${name}`,
      });
      expect(request.headers["x-amz-firehose-request-id"]).toMatch(UUID);
      expect(request.body.requestId).toBe(request.headers["x-amz-firehose-request-id"]);
      expect(JSON.parse(String(request.headers["x-amz-firehose-common-attributes"]))).toEqual({ commonAttributes: { suite: "e2e" } });
    }
  });

  it("puts the records of an endpoint that keeps failing in the error output, readable through S3", async () => {
    const name = uniqueName("e2e-http-fail");
    const prefix = `http-e2e/${name}/`;
    const arn = await createActive(name, {
      EndpointConfiguration: { Url: `${endpointUrl}/fail` },
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
      RetryOptions: { DurationInSeconds: 0 },
      S3Configuration: { RoleARN: ROLE_ARN, BucketARN: `arn:aws:s3:::${BUCKET}`, Prefix: prefix },
    });
    const data = Array.from({ length: 50 }, (_, i) => `failing ${i}\n`);
    await putAll(name, data);

    const lines = await waitFor(
      "the error output to hold every record",
      async () => {
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${prefix}http-endpoint-failed/` }));
        const texts = await Promise.all(
          (listed.Contents ?? []).map(async (object) => {
            const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: object.Key }));
            return (await got.Body?.transformToString()) ?? "";
          }),
        );
        return texts.flatMap((text) => text.split("\n").filter((line) => line !== "")).map((line) => JSON.parse(line) as Record<string, unknown>);
      },
      (found) => found.length >= data.length,
    );
    expect(lines.map((line) => Buffer.from(String(line.rawData), "base64").toString("utf8")).sort()).toEqual([...data].sort());
    for (const line of lines) {
      expect(line.errorCode).toBe("HttpEndpoint.DestinationException");
      expect(String(line.errorMessage)).toContain("500: ");
    }
    // The endpoint saw every record (one attempt each: no retries with DurationInSeconds 0).
    const attempts = received.filter((request) => request.headers["x-amz-firehose-source-arn"] === arn);
    expect(decoded(attempts).sort()).toEqual([...data].sort());
  });
});
