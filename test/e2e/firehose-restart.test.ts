/**
 * Firehose outlives a crash of the server: `npm start` (local/serve.mjs, in a process of its own)
 * is killed with SIGKILL, with every process it started, while one delivery stream holds records
 * acknowledged but not yet flushed and another has batches on their way to R2; a new server on the
 * same data directory delivers every record put, each exactly once, read back and counted with the
 * unmodified `@aws-sdk/client-s3` through the project's S3 API.
 *
 * The buffered records wait in the buffer's SQLite and its alarm flushes them after the restart.
 * The batches on their way were announced on the delivery queue, which `npm start` keeps in the
 * process's memory (Miniflare's): their messages die with it, and the buffers announce those
 * batches again when the new process wakes them (src/firehose/buffer.ts, messageLost).
 *
 * Nothing here reaches into the server: records go in with the unmodified `@aws-sdk/client-firehose`.
 */
import { gunzipSync } from "node:zlib";
import {
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  FirehoseClient,
  PutRecordBatchCommand,
  type ExtendedS3DestinationConfiguration,
} from "@aws-sdk/client-firehose";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it } from "vitest";
import { ACCOUNT, ANY_CREDENTIALS, REGION, removeDir, sleep, tempDir, uniqueName } from "./helpers";
import { startKillable, type KillableServer } from "./killable";

const BUCKET = "rivulet-deliveries";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/firehose-delivery`;
const RECORDS = 1000;

// ---------------------------------------------------------------------------------------------
// Streams and what they delivered

let dir: string | undefined;
let server: KillableServer | undefined;

afterAll(async () => {
  await server?.stop();
  removeDir(dir);
});

function clients(url: string): { firehose: FirehoseClient; s3: S3Client } {
  return {
    firehose: new FirehoseClient({ endpoint: url, region: REGION, credentials: ANY_CREDENTIALS }),
    s3: new S3Client({ endpoint: url, region: REGION, credentials: ANY_CREDENTIALS, forcePathStyle: true }),
  };
}

async function createActive(firehose: FirehoseClient, name: string, destination: Omit<ExtendedS3DestinationConfiguration, "RoleARN" | "BucketARN">): Promise<void> {
  await firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: { RoleARN: ROLE_ARN, BucketARN: `arn:aws:s3:::${BUCKET}`, ...destination },
    }),
  );
  for (let i = 0; i < 100; i++) {
    const { DeliveryStreamDescription } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    if (DeliveryStreamDescription?.DeliveryStreamStatus === "ACTIVE") return;
    await sleep(100);
  }
  throw new Error(`${name} never became ACTIVE`);
}

/** Puts records `{"stream", "i"}` 0..RECORDS-1 in PutRecordBatch calls of `perCall`; every one must be taken. */
async function putNumbered(firehose: FirehoseClient, name: string, perCall: number): Promise<void> {
  for (let start = 0; start < RECORDS; start += perCall) {
    const answer = await firehose.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: name,
        Records: Array.from({ length: Math.min(perCall, RECORDS - start) }, (_, k) => ({
          Data: new TextEncoder().encode(`${JSON.stringify({ stream: name, i: start + k })}\n`),
        })),
      }),
    );
    expect(answer.FailedPutCount).toBe(0);
  }
}

/** The record numbers in every object under `prefix` (gzip objects decompressed). */
async function deliveredUnder(s3: S3Client, prefix: string): Promise<number[]> {
  const numbers: number[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) {
      const { Body } = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: object.Key }));
      const bytes = (await Body?.transformToByteArray()) ?? new Uint8Array();
      const text = (object.Key ?? "").endsWith(".gz") ? gunzipSync(bytes).toString("utf8") : new TextDecoder().decode(bytes);
      numbers.push(...text.split("\n").filter((line) => line !== "").map((line) => (JSON.parse(line) as { i: number }).i));
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return numbers;
}

/** Polls until `prefix` holds at least RECORDS records, or the deadline passes; answers what it holds. */
async function waitForDelivery(s3: S3Client, prefix: string, deadline: number): Promise<number[]> {
  for (;;) {
    const numbers = await deliveredUnder(s3, prefix);
    if (numbers.length >= RECORDS || Date.now() > deadline) return numbers;
    await sleep(500);
  }
}

const eachOnce = (numbers: number[]) => [...numbers].sort((a, b) => a - b);
const expected = Array.from({ length: RECORDS }, (_, i) => i);

describe("Firehose after the server is killed (SIGKILL) and started again on the same data", () => {
  it("delivers every record put, buffered or on its way to R2 at the kill, exactly once", { timeout: 600_000 }, async () => {
    dir = tempDir("firehose-restart");
    server = await startKillable(dir);
    const first = clients(server.url);

    // Records acknowledged and waiting for the interval at the kill.
    const buffered = uniqueName("e2e-buffered");
    await createActive(first.firehose, buffered, { Prefix: `restart/${buffered}/`, BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 30 } });
    // A flush per call: twenty batches announced on the delivery queue, the last ones still on their
    // way to R2 at the kill.
    const inFlight = uniqueName("e2e-in-flight");
    await createActive(first.firehose, inFlight, {
      Prefix: `restart/${inFlight}/`,
      CompressionFormat: "GZIP",
      BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
    });

    await putNumbered(first.firehose, buffered, 250);
    await putNumbered(first.firehose, inFlight, 50);
    await server.kill();
    first.firehose.destroy();
    first.s3.destroy();

    server = await startKillable(dir);
    const second = clients(server.url);
    // A generous bound, not a measure: the test ends as soon as everything is there.
    const deadline = Date.now() + 300_000;
    const fromBuffer = await waitForDelivery(second.s3, `restart/${buffered}/`, deadline);
    const fromQueue = await waitForDelivery(second.s3, `restart/${inFlight}/`, deadline);
    // Every record put, once: none lost in the kill, none written twice by the deliveries after it.
    expect(eachOnce(fromBuffer)).toEqual(expected);
    expect(eachOnce(fromQueue)).toEqual(expected);
    second.firehose.destroy();
    second.s3.destroy();
  });
});
