/**
 * Firehose's OpenSearch and Splunk destinations end to end: the unmodified `@aws-sdk/client-firehose`
 * creates delivery streams against the real local server (`npm start`) that deliver to small servers
 * this test runs on 127.0.0.1 (http://, which only local mode accepts):
 *
 * - an OpenSearch-compatible `_bulk` endpoint that rejects the first items it sees with 429 and
 *   refuses documents with `"fail": true` (400 mapper_parsing_exception);
 * - a Splunk HTTP Event Collector that checks the token and channel, answers the first request
 *   "Server is busy", and acknowledges each request on its second ack poll.
 *
 * Every record is counted: indexed (or acknowledged) once, or found in the S3 backup through the
 * unmodified `@aws-sdk/client-s3` with AWS's error record; delivered + backed up = put.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  PutRecordBatchCommand,
  type CreateDeliveryStreamCommandInput,
} from "@aws-sdk/client-firehose";
import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, ANY_CREDENTIALS, listObjectKeys, objectBytes, REGION, removeDir, sleep, startServer, tempDir, uniqueName, waitForDeliveryStreamActive, type TestServer } from "./helpers";

const BUCKET = "rivulet-deliveries";
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/firehose-delivery`;
const TOKEN = "e2e00000-0000-4000-8000-000000000001";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let dir: string | undefined;
let server: TestServer | undefined;
let firehose: FirehoseClient;
let s3: S3Client;
const listeners: Server[] = [];

function listen(handler: (request: IncomingMessage, body: string, response: ServerResponse) => void): Promise<string> {
  const http = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => handler(request, Buffer.concat(chunks).toString("utf8"), response));
  });
  listeners.push(http);
  return new Promise((resolve) => http.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(http.address() as AddressInfo).port}`)));
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}

// ---------------------------------------------------------------------------------------------
// An OpenSearch-compatible cluster

interface Indexed {
  index: string;
  id: string;
  source: { i: number; fail?: boolean };
  writes: number;
}

const cluster = { documents: new Map<string, Indexed>(), requests: [] as { items: number; contentType: string }[], rejectItems: 20 };

function bulk(request: IncomingMessage, body: string, response: ServerResponse): void {
  if (request.method !== "POST" || request.url !== "/_bulk") return reply(response, 404, { error: "no handler found", status: 404 });
  const lines = body.split("\n").filter((line) => line !== "");
  cluster.requests.push({ items: lines.length / 2, contentType: String(request.headers["content-type"]) });
  const items = [];
  for (let i = 0; i < lines.length; i += 2) {
    const meta = (JSON.parse(lines[i] ?? "{}") as { index: { _index: string; _id: string } }).index;
    const source = JSON.parse(lines[i + 1] ?? "{}") as Indexed["source"];
    if (cluster.rejectItems > 0) {
      cluster.rejectItems -= 1;
      items.push({ index: { _index: meta._index, _id: meta._id, status: 429, error: { type: "es_rejected_execution_exception", reason: "rejected execution" } } });
      continue;
    }
    if (source.fail === true) {
      items.push({ index: { _index: meta._index, _id: meta._id, status: 400, error: { type: "mapper_parsing_exception", reason: "failed to parse field [fail]" } } });
      continue;
    }
    const key = `${meta._index}/${meta._id}`;
    const existing = cluster.documents.get(key);
    cluster.documents.set(key, { index: meta._index, id: meta._id, source, writes: (existing?.writes ?? 0) + 1 });
    items.push({ index: { _index: meta._index, _id: meta._id, status: existing ? 200 : 201, result: existing ? "updated" : "created" } });
  }
  reply(response, 200, { took: 1, errors: items.some((item) => item.index.status >= 300), items });
}

// ---------------------------------------------------------------------------------------------
// A Splunk HTTP Event Collector with indexer acknowledgement

const hec = {
  busyAnswers: 1,
  nextAck: 0,
  waiting: new Map<number, { events: unknown[]; polls: number }>(),
  indexed: [] as { event: { i: number } }[],
  requests: [] as { path: string; channel: string; authorization: string }[],
};

function collector(request: IncomingMessage, body: string, response: ServerResponse): void {
  const authorization = String(request.headers.authorization ?? "");
  const channel = String(request.headers["x-splunk-request-channel"] ?? "");
  if (request.url !== "/services/collector/ack") hec.requests.push({ path: request.url ?? "", channel, authorization });
  if (authorization !== `Splunk ${TOKEN}`) return reply(response, 403, { text: "Invalid token", code: 4 });
  if (!channel) return reply(response, 400, { text: "Data channel is missing", code: 10 });
  if (request.url === "/services/collector/ack") {
    const acks: Record<string, boolean> = {};
    for (const id of (JSON.parse(body) as { acks: number[] }).acks) {
      const entry = hec.waiting.get(id);
      if (entry) {
        entry.polls += 1;
        // Acknowledged on the second poll, as an indexer that takes a moment.
        if (entry.polls >= 2) {
          hec.indexed.push(...(entry.events as typeof hec.indexed));
          hec.waiting.delete(id);
          acks[String(id)] = true;
          continue;
        }
      }
      acks[String(id)] = false;
    }
    return reply(response, 200, { acks });
  }
  if (request.url !== "/services/collector/event") return reply(response, 404, { text: "Not found", code: 404 });
  if (hec.busyAnswers > 0) {
    hec.busyAnswers -= 1;
    return reply(response, 503, { text: "Server is busy", code: 9 });
  }
  const events = body
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as unknown);
  const ackId = hec.nextAck++;
  hec.waiting.set(ackId, { events, polls: 0 });
  reply(response, 200, { text: "Success", code: 0, ackId });
}

// ---------------------------------------------------------------------------------------------

let clusterUrl = "";
let collectorUrl = "";
/** A port nothing listens on: a cluster that cannot be reached. */
let closedUrl = "";

beforeAll(async () => {
  clusterUrl = await listen(bulk);
  collectorUrl = await listen(collector);
  closedUrl = await listen(() => undefined);
  const closing = listeners.pop();
  await new Promise<void>((resolve) => (closing ? closing.close(() => resolve()) : resolve()));
  dir = tempDir("firehose-search");
  server = await startServer({ persistDir: dir });
  firehose = new FirehoseClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  s3 = new S3Client({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS, forcePathStyle: true });
});

afterAll(async () => {
  firehose?.destroy();
  s3?.destroy();
  await server?.close();
  removeDir(dir);
  await Promise.all(listeners.map((http) => new Promise<void>((resolve) => http.close(() => resolve()))));
});

async function createActive(input: CreateDeliveryStreamCommandInput): Promise<void> {
  await firehose.send(new CreateDeliveryStreamCommand(input));
  await waitForDeliveryStreamActive(firehose, input.DeliveryStreamName ?? "");
}

async function putAll(name: string, data: readonly string[]): Promise<void> {
  for (let start = 0; start < data.length; start += 100) {
    const records = data.slice(start, start + 100).map((text) => ({ Data: new TextEncoder().encode(text) }));
    const answer = await firehose.send(new PutRecordBatchCommand({ DeliveryStreamName: name, Records: records }));
    expect(answer.FailedPutCount).toBe(0);
  }
}

async function waitFor<T>(what: string, read: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

/** The error records under `prefix`, read through the S3 API. */
async function errorRecords(prefix: string): Promise<Record<string, unknown>[]> {
  const keys = await listObjectKeys(s3, BUCKET, prefix);
  const texts = await Promise.all(keys.map(async (key) => new TextDecoder().decode(await objectBytes(s3, BUCKET, key))));
  return texts.flatMap((text) => text.split("\n").filter((line) => line !== "")).map((line) => JSON.parse(line) as Record<string, unknown>);
}

const rawOf = (record: Record<string, unknown>) => Buffer.from(String(record.rawData), "base64").toString("utf8");

describe("Firehose to OpenSearch and Splunk with the AWS SDK", () => {
  it("indexes every document once through _bulk, retries the rejected ones, and backs up those the cluster refuses", { timeout: 120_000 }, async () => {
    const name = uniqueName("e2e-opensearch");
    const prefix = `search-e2e/${name}/`;
    await createActive({
      DeliveryStreamName: name,
      AmazonopensearchserviceDestinationConfiguration: {
        RoleARN: ROLE_ARN,
        ClusterEndpoint: clusterUrl,
        IndexName: "e2e",
        IndexRotationPeriod: "OneDay",
        BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 },
        RetryOptions: { DurationInSeconds: 8 },
        S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix },
      },
    });
    const description = (await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }))).DeliveryStreamDescription;
    expect(description?.Destinations?.[0]?.AmazonopensearchserviceDestinationDescription).toMatchObject({
      ClusterEndpoint: clusterUrl,
      IndexName: "e2e",
      IndexRotationPeriod: "OneDay",
      S3BackupMode: "FailedDocumentsOnly",
    });

    const data = Array.from({ length: 300 }, (_, i) => `${JSON.stringify({ i, ...(i % 30 === 29 && { fail: true }) })}\n`);
    const refused = data.filter((line) => line.includes('"fail":true'));
    await putAll(name, data);

    const failed = await waitFor("the refused documents in the backup", () => errorRecords(`${prefix}AmazonOpenSearchService-failed/`), (found) => found.length >= refused.length);
    const documents = [...cluster.documents.values()];
    // Indexed once each (the 429s were sent again, under the same ids), and refused ones backed up once each.
    expect(documents.map((doc) => doc.source.i).sort((a, b) => a - b)).toEqual(
      data.filter((line) => !line.includes('"fail":true')).map((line) => (JSON.parse(line) as { i: number }).i),
    );
    expect(documents.every((doc) => doc.writes === 1)).toBe(true);
    expect(failed.map(rawOf).sort()).toEqual([...refused].sort());
    expect(documents.length + failed.length).toBe(data.length);
    const day = new Date().toISOString().slice(0, 10);
    expect(new Set(documents.map((doc) => doc.index))).toEqual(new Set([`e2e-${day}`]));
    for (const record of failed) {
      expect(record).toMatchObject({ errorCode: "400", esIndexName: `e2e-${day}`, esTypeName: null });
      expect(Number(record.attemptsMade)).toBeGreaterThan(1);
      expect(String(record.errorMessage)).toContain("mapper_parsing_exception");
      expect(typeof record.esDocumentId).toBe("string");
    }
    expect(cluster.requests.every((request) => request.contentType === "application/x-ndjson")).toBe(true);
  });

  it("backs up every document of a cluster that cannot be reached", async () => {
    const name = uniqueName("e2e-opensearch-down");
    const prefix = `search-e2e/${name}/`;
    await createActive({
      DeliveryStreamName: name,
      ElasticsearchDestinationConfiguration: {
        RoleARN: ROLE_ARN,
        ClusterEndpoint: closedUrl,
        IndexName: "down",
        BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 0 },
        RetryOptions: { DurationInSeconds: 0 },
        S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix },
      },
    });
    const data = Array.from({ length: 40 }, (_, i) => JSON.stringify({ down: i }));
    await putAll(name, data);
    const failed = await waitFor("every document in the backup", () => errorRecords(`${prefix}elasticsearch-failed/`), (found) => found.length >= data.length);
    expect(failed.map(rawOf).sort()).toEqual([...data].sort());
    expect(new Set(failed.map((record) => record.errorCode))).toEqual(new Set(["OpenSearch.ConnectionFailed"]));
  });

  it("sends events to Splunk's HEC with the token and a channel, and delivers each once it is acknowledged", { timeout: 120_000 }, async () => {
    const name = uniqueName("e2e-splunk");
    const prefix = `splunk-e2e/${name}/`;
    await createActive({
      DeliveryStreamName: name,
      SplunkDestinationConfiguration: {
        HECEndpoint: collectorUrl,
        HECEndpointType: "Event",
        HECToken: TOKEN,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix },
      },
    });
    const data = Array.from({ length: 150 }, (_, i) => `${JSON.stringify({ event: { i } })}\n`);
    await putAll(name, data);
    await waitFor("every event acknowledged", () => hec.indexed.length, (count) => count >= data.length);
    await sleep(1000);
    expect(hec.indexed.map((item) => item.event.i).sort((a, b) => a - b)).toEqual(data.map((_, i) => i));
    // The busy answer was retried; every request carried the token and the stream's one channel.
    const requests = hec.requests.filter((request) => request.authorization === `Splunk ${TOKEN}`);
    expect(requests.length).toBeGreaterThan(1);
    expect(new Set(requests.map((request) => request.path))).toEqual(new Set(["/services/collector/event"]));
    const channels = new Set(requests.map((request) => request.channel));
    expect(channels.size).toBe(1);
    expect([...channels][0]).toMatch(GUID);
    expect(await listObjectKeys(s3, BUCKET, prefix)).toEqual([]);
  });

  it("backs up the events Splunk refuses in splunk-failed/ with AWS's error code", async () => {
    const name = uniqueName("e2e-splunk-token");
    const prefix = `splunk-e2e/${name}/`;
    await createActive({
      DeliveryStreamName: name,
      SplunkDestinationConfiguration: {
        HECEndpoint: collectorUrl,
        HECEndpointType: "Event",
        HECToken: "revoked-token",
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        RetryOptions: { DurationInSeconds: 0 },
        S3Configuration: { RoleARN: ROLE_ARN, BucketARN: BUCKET_ARN, Prefix: prefix },
      },
    });
    const data = Array.from({ length: 30 }, (_, i) => `${JSON.stringify({ event: { refused: i } })}\n`);
    await putAll(name, data);
    const failed = await waitFor("every event in splunk-failed/", () => errorRecords(`${prefix}splunk-failed/`), (found) => found.length >= data.length);
    expect(failed.map(rawOf).sort()).toEqual([...data].sort());
    for (const record of failed) {
      expect(record).toMatchObject({ errorCode: "Splunk.InvalidToken", attemptsMade: 1 });
      expect(typeof record.EventId).toBe("string");
    }
  });
});
