/**
 * S3's API end to end, reading: records put with the unmodified `@aws-sdk/client-firehose` are
 * delivered to the local R2 bucket, then listed and read back with the unmodified
 * `@aws-sdk/client-s3` (path-style) and with `aws s3 ls` / `aws s3 cp`, and counted: nothing lost,
 * nothing duplicated.
 */
import { CreateDeliveryStreamCommand, DescribeDeliveryStreamCommand, FirehoseClient, PutRecordBatchCommand } from "@aws-sdk/client-firehose";
import { GetObjectCommand, HeadObjectCommand, ListBucketsCommand, ListObjectsV2Command, NoSuchKey, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNT, ANY_CREDENTIALS, REGION, removeDir, runAws, sleep, startServer, tempDir, uniqueName, type TestServer } from "./helpers";

const BUCKET = "rivulet-deliveries";
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/firehose-delivery`;
const RECORDS = 300;

let dir: string | undefined;
let server: TestServer | undefined;
let firehose: FirehoseClient;
let s3: S3Client;
const name = uniqueName("e2e-s3");
const prefix = `s3-e2e/${name}/`;

async function listAll(): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: prefix, MaxKeys: 2, ContinuationToken: token }));
    keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ""));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

function indexesOf(text: string): number[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => (JSON.parse(line) as { i: number }).i);
}

beforeAll(async () => {
  dir = tempDir("s3");
  server = await startServer({ persistDir: dir });
  firehose = new FirehoseClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  s3 = new S3Client({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS, forcePathStyle: true });

  await firehose.send(
    new CreateDeliveryStreamCommand({
      DeliveryStreamName: name,
      ExtendedS3DestinationConfiguration: {
        RoleARN: ROLE_ARN,
        BucketARN: `arn:aws:s3:::${BUCKET}`,
        Prefix: prefix,
        BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 },
      },
    }),
  );
  for (let i = 0; i < 100; i++) {
    const { DeliveryStreamDescription } = await firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
    if (DeliveryStreamDescription?.DeliveryStreamStatus === "ACTIVE") break;
    await sleep(100);
  }
  for (let start = 0; start < RECORDS; start += 100) {
    const answer = await firehose.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: name,
        Records: Array.from({ length: 100 }, (_, j) => ({ Data: new TextEncoder().encode(`${JSON.stringify({ i: start + j })}\n`) })),
      }),
    );
    expect(answer.FailedPutCount).toBe(0);
  }
});

afterAll(async () => {
  firehose?.destroy();
  s3?.destroy();
  await server?.close();
  removeDir(dir);
});

describe("delivered objects through S3's API", () => {
  it("@aws-sdk/client-s3 lists and reads every delivered record", async () => {
    const buckets = await s3.send(new ListBucketsCommand({}));
    expect((buckets.Buckets ?? []).map((bucket) => bucket.Name)).toContain(BUCKET);

    let delivered: number[] = [];
    for (let attempt = 0; attempt < 200 && delivered.length < RECORDS; attempt++) {
      delivered = [];
      for (const key of await listAll()) {
        expect(key).toMatch(new RegExp(`^${prefix}\\d{4}/\\d{2}/\\d{2}/\\d{2}/${name}-1-\\d{4}(-\\d{2}){5}-[0-9a-f-]{36}$`));
        const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
        delivered.push(...indexesOf((await object.Body?.transformToString()) ?? ""));
      }
      if (delivered.length < RECORDS) await sleep(250);
    }
    expect([...delivered].sort((a, b) => a - b)).toEqual(Array.from({ length: RECORDS }, (_, i) => i));

    const [first] = await listAll();
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: first }));
    expect(head.ContentLength).toBeGreaterThan(0);
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}"$/);
    const whole = await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: first }))).Body?.transformToString();
    const ranged = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: first, Range: "bytes=0-5" }));
    expect(await ranged.Body?.transformToString()).toBe(whole?.slice(0, 6));
    expect(ranged.ContentRange).toBe(`bytes 0-5/${head.ContentLength}`);

    await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${prefix}missing` }))).rejects.toBeInstanceOf(NoSuchKey);
    const missingBucket = await s3.send(new ListObjectsV2Command({ Bucket: "no-such-bucket" })).catch((error: unknown) => error);
    expect(missingBucket).toBeInstanceOf(S3ServiceException);
    expect((missingBucket as S3ServiceException).name).toBe("NoSuchBucket");
  });

  it("aws s3 ls and aws s3 cp read the same records", async () => {
    const options = { url: (server as TestServer).url, accessKeyId: "AKIDE2ES3CLI", secretAccessKey: "e2e-s3-cli-secret" };
    const listed = await runAws(["s3", "ls", `s3://${BUCKET}/${prefix}`, "--recursive"], options);
    expect(listed.code, listed.stderr).toBe(0);
    const keys = listed.stdout
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => line.trim().split(/\s+/).slice(3).join(" "));
    expect(keys.length).toBeGreaterThan(0);
    const delivered: number[] = [];
    for (const key of keys) {
      expect(key.startsWith(prefix)).toBe(true);
      const copied = await runAws(["s3", "cp", `s3://${BUCKET}/${key}`, "-"], options);
      expect(copied.code, copied.stderr).toBe(0);
      delivered.push(...indexesOf(copied.stdout));
    }
    expect([...delivered].sort((a, b) => a - b)).toEqual(Array.from({ length: RECORDS }, (_, i) => i));

    const buckets = await runAws(["s3", "ls"], options);
    expect(buckets.code, buckets.stderr).toBe(0);
    expect(buckets.stdout).toContain(BUCKET);

    // Writable too (s3-writes.test.ts has the rest): aws s3 rm removes a delivered object.
    const removed = await runAws(["s3", "rm", `s3://${BUCKET}/${keys[0]}`], options);
    expect(removed.code, removed.stderr).toBe(0);
    const after = await runAws(["s3", "ls", `s3://${BUCKET}/${prefix}`, "--recursive"], options);
    expect(after.stdout).not.toContain(keys[0]);
  });
});
