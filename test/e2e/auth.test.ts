/**
 * A server started with access keys: the right key works, a wrong secret, an unknown key and an
 * unsigned request are refused with AWS's errors, over HTTP/2 (the SDK's default), HTTP/1.1 and the CLI.
 */
import {
  DescribeStreamSummaryCommand,
  KinesisClient,
  ListStreamsCommand,
  PutRecordCommand,
} from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  REQUEST_ID,
  bytesEqual,
  createActiveStream,
  expectAwsError,
  kinesisClient,
  randomData,
  readToEnd,
  removeDir,
  runAws,
  shardIterator,
  startServer,
  tempDir,
  uniqueName,
  type TestServer,
} from "./helpers";

const KEY_ID = "AKIDE2E";
const SECRET = "e2e-secret";
const SIGNATURE_MISMATCH =
  /^The request signature we calculated does not match the signature you provided\. Check your AWS Secret Access Key and signing method\. Consult the service documentation for details\./;

let dir: string | undefined;
let server: TestServer | undefined;
const clients: KinesisClient[] = [];

function client(credentials: { accessKeyId: string; secretAccessKey: string }, http1 = false, extra: object = {}): KinesisClient {
  const made = kinesisClient((server as TestServer).url, {
    credentials,
    ...(http1 ? { requestHandler: new NodeHttpHandler() } : {}),
    ...extra,
  });
  clients.push(made);
  return made;
}

beforeAll(async () => {
  dir = tempDir("auth");
  server = await startServer({ persistDir: dir, accessKeys: `${KEY_ID}:${SECRET}` });
});

afterAll(async () => {
  for (const made of clients) made.destroy();
  await server?.close();
  removeDir(dir);
});

describe("a server with access keys", () => {
  const streamName = uniqueName("e2e-auth");

  for (const [label, http1] of [
    ["HTTP/2", false],
    ["HTTP/1.1", true],
  ] as const) {
    describe(label, () => {
      it("accepts requests signed with the configured key", async () => {
        const kinesis = client({ accessKeyId: KEY_ID, secretAccessKey: SECRET }, http1);
        const name = `${streamName}-${http1 ? "h1" : "h2"}`;
        const [shard] = await createActiveStream(kinesis, name, 1);
        const data = randomData(1000);
        const put = await kinesis.send(new PutRecordCommand({ StreamName: name, PartitionKey: "signed", Data: data }));
        const iterator = await shardIterator(kinesis, { StreamName: name, ShardId: shard?.ShardId, ShardIteratorType: "TRIM_HORIZON" });
        const { records } = await readToEnd(kinesis, iterator);
        expect(records.map((r) => r.SequenceNumber)).toEqual([put.SequenceNumber]);
        expect(bytesEqual(records[0]?.Data, data)).toBe(true);
      });

      it("refuses a request signed with the wrong secret (InvalidSignatureException) and stores nothing of it", async () => {
        const name = `${streamName}-${http1 ? "h1" : "h2"}`;
        const wrong = client({ accessKeyId: KEY_ID, secretAccessKey: `${SECRET}-not` }, http1);
        await expectAwsError(wrong.send(new PutRecordCommand({ StreamName: name, PartitionKey: "forged", Data: randomData(10) })), {
          name: "InvalidSignatureException",
          message: SIGNATURE_MISMATCH,
        });
        await expectAwsError(wrong.send(new ListStreamsCommand({})), { name: "InvalidSignatureException", message: SIGNATURE_MISMATCH });

        const right = client({ accessKeyId: KEY_ID, secretAccessKey: SECRET }, http1);
        const iterator = await shardIterator(right, { StreamName: name, ShardId: "shardId-000000000000", ShardIteratorType: "TRIM_HORIZON" });
        const { records } = await readToEnd(right, iterator);
        expect(records.map((r) => r.PartitionKey)).toEqual(["signed"]);
      });

      it("refuses an unknown access key (UnrecognizedClientException)", async () => {
        const unknown = client({ accessKeyId: "AKIDNOBODY", secretAccessKey: SECRET }, http1);
        await expectAwsError(unknown.send(new ListStreamsCommand({})), {
          name: "UnrecognizedClientException",
          message: "The security token included in the request is invalid.",
        });
      });
    });
  }

  it("refuses an unsigned request (MissingAuthenticationTokenException)", async () => {
    const response = await fetch((server as TestServer).url, {
      method: "POST",
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "Kinesis_20131202.ListStreams" },
      body: "{}",
    });
    expect(response.status).toBe(400);
    expect(response.headers.get("x-amzn-requestid")).toMatch(REQUEST_ID);
    expect(await response.json()).toEqual({ __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" });
  });

  it("lets an SDK whose clock is 20 minutes slow recover, as it does against AWS", async () => {
    const skewed = client({ accessKeyId: KEY_ID, secretAccessKey: SECRET }, false, { systemClockOffset: -20 * 60 * 1000 });
    const answer = await skewed.send(new DescribeStreamSummaryCommand({ StreamName: `${streamName}-h2` }));
    expect(answer.StreamDescriptionSummary?.StreamStatus).toBe("ACTIVE");
    expect(answer.$metadata.attempts).toBe(2);
  });

  it("lets the CLI in with the configured key and refuses it a wrong secret", async () => {
    const run = (secretAccessKey: string) =>
      runAws(["kinesis", "list-streams"], { url: (server as TestServer).url, accessKeyId: KEY_ID, secretAccessKey });
    const [right, wrong] = await Promise.all([run(SECRET), run(`${SECRET}-not`)]);
    expect(right.code, right.stderr).toBe(0);
    expect(JSON.parse(right.stdout).StreamNames).toContain(`${streamName}-h2`);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toContain("(InvalidSignatureException)");
    expect(wrong.stderr).toContain("The request signature we calculated does not match the signature you provided.");
  }, 120_000);
});
