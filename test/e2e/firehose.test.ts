/**
 * Firehose end to end: the unmodified `@aws-sdk/client-firehose` (and the `aws` CLI) against the real
 * local server (`npm start`): a delivery stream to the local R2 bucket, 1,000 records put in
 * batches, and the delivered objects read back with the unmodified `@aws-sdk/client-s3` through the
 * server's S3 API and counted: nothing lost, nothing duplicated.
 */
import { gunzipSync } from "node:zlib";
import {
  CreateDeliveryStreamCommand,
  DeleteDeliveryStreamCommand,
  FirehoseClient,
  ListDeliveryStreamsCommand,
  PutRecordBatchCommand,
  PutRecordCommand,
} from "@aws-sdk/client-firehose";
import { S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, ANY_CREDENTIALS, expectAwsError, listObjectKeys, objectBytes, REGION, removeDir, runAws, sleep, startServer, tempDir, uniqueName, waitForDeliveryStreamActive, type TestServer } from "./helpers";

const BUCKET = "rivulet-deliveries";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/firehose-delivery`;

let dir: string | undefined;
let server: TestServer | undefined;
let client: FirehoseClient;
let s3: S3Client;

beforeAll(async () => {
  dir = tempDir("firehose");
  server = await startServer({ persistDir: dir });
  client = new FirehoseClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  s3 = new S3Client({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS, forcePathStyle: true });
});

afterAll(async () => {
  client?.destroy();
  s3?.destroy();
  await server?.close();
  removeDir(dir);
});

describe("Firehose with the AWS SDK", () => {
  it("delivers 1,000 records put in batches to R2, each exactly once", async () => {
    const name = uniqueName("e2e-hose");
    const prefix = `e2e/${name}/`;
    const created = await client.send(
      new CreateDeliveryStreamCommand({
        DeliveryStreamName: name,
        ExtendedS3DestinationConfiguration: {
          RoleARN: ROLE_ARN,
          BucketARN: `arn:aws:s3:::${BUCKET}`,
          Prefix: prefix,
          CompressionFormat: "GZIP",
          BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
        },
      }),
    );
    expect(created.DeliveryStreamARN).toBe(`arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${name}`);
    await waitForDeliveryStreamActive(client, name);
    const { DeliveryStreamNames } = await client.send(new ListDeliveryStreamsCommand({ Limit: 10000 }));
    expect(DeliveryStreamNames).toContain(name);

    const records = Array.from({ length: 1000 }, (_, i) => `${JSON.stringify({ i, name })}\n`);
    const recordIds = new Set<string>();
    for (let start = 0; start < records.length; start += 250) {
      const answer = await client.send(
        new PutRecordBatchCommand({
          DeliveryStreamName: name,
          Records: records.slice(start, start + 250).map((line) => ({ Data: new TextEncoder().encode(line) })),
        }),
      );
      expect(answer.FailedPutCount).toBe(0);
      expect(answer.RequestResponses).toHaveLength(250);
      for (const entry of answer.RequestResponses ?? []) recordIds.add(entry.RecordId ?? "");
    }
    expect(recordIds.size).toBe(1000);

    // Delivery runs through the queue: wait until every record has landed (or time runs out).
    let delivered: number[] = [];
    for (let attempt = 0; attempt < 200; attempt++) {
      const keys = await listObjectKeys(s3, BUCKET, prefix);
      delivered = [];
      for (const key of keys) {
        expect(key).toMatch(new RegExp(`^${prefix}\\d{4}/\\d{2}/\\d{2}/\\d{2}/${name}-1-\\d{4}(-\\d{2}){5}-[0-9a-f-]{36}\\.gz$`));
        const text = gunzipSync(await objectBytes(s3, BUCKET, key)).toString("utf8");
        delivered.push(...text.split("\n").filter((line) => line !== "").map((line) => (JSON.parse(line) as { i: number }).i));
      }
      if (delivered.length >= records.length) break;
      await sleep(250);
    }
    expect(delivered.length).toBe(records.length);
    expect([...delivered].sort((a, b) => a - b)).toEqual(records.map((_, i) => i));

    await client.send(new DeleteDeliveryStreamCommand({ DeliveryStreamName: name }));
  });

  it("answers errors the way the SDK expects", async () => {
    const missing = uniqueName("missing");
    await expectAwsError(client.send(new PutRecordCommand({ DeliveryStreamName: missing, Record: { Data: new Uint8Array([1]) } })), {
      name: "ResourceNotFoundException",
      message: `Firehose ${missing} under account ${ACCOUNT} not found.`,
    });
  });

  it("the delivery bucket refuses unsigned requests", async () => {
    const response = await fetch(new URL(`/${BUCKET}`, (server as TestServer).url));
    expect(response.status).toBe(403);
  });
});

describe("Firehose with the aws CLI", () => {
  it("creates, describes and puts", async () => {
    const name = uniqueName("cli-hose");
    const options = { url: (server as TestServer).url, accessKeyId: "AKIDE2ECLI", secretAccessKey: "e2e-cli-secret" };
    const create = await runAws(
      [
        "firehose",
        "create-delivery-stream",
        "--delivery-stream-name",
        name,
        "--extended-s3-destination-configuration",
        JSON.stringify({ RoleARN: ROLE_ARN, BucketARN: `arn:aws:s3:::${BUCKET}` }),
      ],
      options,
    );
    expect(create.code, create.stderr).toBe(0);
    await waitForDeliveryStreamActive(client, name);
    const described = await runAws(["firehose", "describe-delivery-stream", "--delivery-stream-name", name], options);
    expect(described.code, described.stderr).toBe(0);
    const description = (JSON.parse(described.stdout) as { DeliveryStreamDescription: { DeliveryStreamStatus: string; VersionId: string } })
      .DeliveryStreamDescription;
    expect(description).toMatchObject({ DeliveryStreamStatus: "ACTIVE", VersionId: "1" });
    const put = await runAws(["firehose", "put-record", "--delivery-stream-name", name, "--record", "Data=aGVsbG8K"], options);
    expect(put.code, put.stderr).toBe(0);
    expect(JSON.parse(put.stdout)).toMatchObject({ RecordId: expect.any(String) });
  }, 180_000);
});
