/**
 * Plain `wrangler dev`, as a Workers developer runs it (README, "Running it with wrangler dev"): no
 * front, no h2c, no RIVULET_LOCAL, no keys, no .dev.vars. Only what a test needs is added: a free
 * port, a temporary data directory, and an empty env file so that a developer's own .dev.vars
 * cannot change what is tested. The D1 migrations are applied first with
 * `wrangler d1 migrations apply --local`, as the README says.
 *
 * It proves that the development build's local mode (src/local.ts) opens the Worker to loopback
 * callers without any setting, that the unmodified SDK works once given an HTTP/1.1 handler and the
 * CLI as it is, and that a request addressed to another host name is refused with the hint.
 */
import http from "node:http";
import path from "node:path";
import {
  CreateStreamCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  KinesisClient,
  ListShardsCommand,
  PutRecordCommand,
} from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeEnvFile } from "../../local/env-file.mjs";
import { findFreePort } from "../../local/ports.mjs";
import { applyLocalD1Migrations, PROJECT_ROOT, startWranglerDev } from "../../local/wrangler-dev.mjs";
import { ANY_CREDENTIALS, REGION, removeDir, runAws, sleep, tempDir, uniqueName, waitForActive } from "./helpers";

let dir: string | undefined;
let envFile: { path: string; remove(): void } | undefined;
let wrangler: { ready: Promise<void>; stop(): Promise<void> } | undefined;
let url = "";
let kinesis: KinesisClient | undefined;

beforeAll(async () => {
  expect(process.env.RIVULET_LOCAL, "the test must not set local mode itself").toBeUndefined();
  dir = tempDir("wrangler-dev");
  const configPath = path.join(PROJECT_ROOT, "wrangler.toml");
  await applyLocalD1Migrations({ configPath, persistDir: dir });
  envFile = writeEnvFile({});
  const port = await findFreePort();
  // vitest sets NODE_ENV=test, which wrangler would bundle in place of its own "development"; a
  // developer's shell has no NODE_ENV. (startWranglerDev copies the environment as it starts.)
  const nodeEnv = process.env.NODE_ENV;
  delete process.env.NODE_ENV;
  wrangler = startWranglerDev({
    configPath,
    port,
    persistDir: dir,
    envFile: envFile.path,
    vars: {},
    logLevel: "warn",
    quiet: true,
    startupTimeoutMs: 120_000,
  });
  process.env.NODE_ENV = nodeEnv;
  await wrangler.ready;
  url = `http://127.0.0.1:${port}`;
  // The README's snippet: the SDK as it is, with an HTTP/1.1 handler.
  kinesis = new KinesisClient({
    endpoint: url,
    region: REGION,
    credentials: ANY_CREDENTIALS,
    requestHandler: new NodeHttpHandler(),
  });
});

afterAll(async () => {
  kinesis?.destroy();
  await wrangler?.stop();
  envFile?.remove();
  removeDir(dir);
});

describe("plain wrangler dev", () => {
  it("serves the unmodified SDK over HTTP/1.1 without keys or settings: a stream is created, written and read back", async () => {
    const client = kinesis as KinesisClient;
    const name = uniqueName("wrangler-dev");
    await client.send(new CreateStreamCommand({ StreamName: name, ShardCount: 1 }));
    await waitForActive(client, name);
    const data = ["first", "second", "third"].map((text) => new TextEncoder().encode(text));
    const sequenceNumbers: string[] = [];
    for (const record of data) {
      const put = await client.send(new PutRecordCommand({ StreamName: name, PartitionKey: "pk", Data: record }));
      sequenceNumbers.push(put.SequenceNumber ?? "");
    }
    const { Shards } = await client.send(new ListShardsCommand({ StreamName: name }));
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: name, ShardId: Shards?.[0]?.ShardId, ShardIteratorType: "TRIM_HORIZON" }),
    );
    const { Records } = await client.send(new GetRecordsCommand({ ShardIterator }));
    expect(Records?.map((r) => new TextDecoder().decode(r.Data))).toEqual(["first", "second", "third"]);
    expect(Records?.map((r) => r.SequenceNumber)).toEqual(sequenceNumbers);
  });

  it("serves the aws CLI", async () => {
    const name = uniqueName("wrangler-dev-cli");
    const aws = (args: string[]) => runAws(args, { url, ...ANY_CREDENTIALS });
    expect((await aws(["kinesis", "create-stream", "--stream-name", name, "--shard-count", "1"])).code).toBe(0);
    let status = "";
    for (let i = 0; i < 60 && status !== "ACTIVE"; i++) {
      if (i > 0) await sleep(250);
      const summary = await aws(["kinesis", "describe-stream-summary", "--stream-name", name]);
      status = JSON.parse(summary.stdout).StreamDescriptionSummary.StreamStatus;
    }
    expect(status).toBe("ACTIVE");
    // CLI v1 stores the text given as a blob, v2 decodes base64: "aGk=" reads back as either.
    const put = await aws(["kinesis", "put-record", "--stream-name", name, "--partition-key", "pk", "--data", "aGk="]);
    expect(put.code, put.stderr).toBe(0);
    const iterator = await aws([
      "kinesis", "get-shard-iterator", "--stream-name", name, "--shard-id", "shardId-000000000000",
      "--shard-iterator-type", "TRIM_HORIZON",
    ]);
    const records = await aws(["kinesis", "get-records", "--shard-iterator", JSON.parse(iterator.stdout).ShardIterator]);
    const read = JSON.parse(records.stdout).Records as { Data: string; SequenceNumber: string }[];
    expect(read.map((r) => r.SequenceNumber)).toEqual([JSON.parse(put.stdout).SequenceNumber]);
    expect(["hi", "aGk="]).toContain(Buffer.from(read[0]?.Data ?? "", "base64").toString());
  }, 180_000); // every CLI call starts a Python process: about a second of CPU each

  it("refuses a request addressed to a host name other than loopback, saying how to enable local mode", async () => {
    const answer = await signedRequestTo("rivulet.example.com");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      __type: "UnrecognizedClientException",
      message: expect.stringMatching(
        /^The security token included in the request is invalid\. .*RIVULET_LOCAL=1 \(for wrangler dev, in \.dev\.vars\)\.$/,
      ),
    });
  });
});

/**
 * ListStreams over HTTP/1.1 with `Host: <host>` and a well-formed, current SigV4 header. Its
 * signature value is never checked: a Worker with no keys refuses the caller before that.
 */
function signedRequestTo(host: string): Promise<{ status: number; body: string }> {
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
  const headers = {
    host,
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": "Kinesis_20131202.ListStreams",
    "x-amz-date": amzDate,
    authorization:
      `AWS4-HMAC-SHA256 Credential=${ANY_CREDENTIALS.accessKeyId}/${amzDate.slice(0, 8)}/${REGION}/kinesis/aws4_request, ` +
      `SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${"0".repeat(64)}`,
  };
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers, agent: false }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end("{}");
  });
}
