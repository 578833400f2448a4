/**
 * S3's writes end to end, against `npm start` with an access key configured, so that every
 * signature, payload hash and checksum is verified as a deployment verifies it: the unmodified
 * `@aws-sdk/client-s3` (PutObject from bytes and from a stream, which it sends aws-chunked with a
 * trailing checksum; DeleteObject; DeleteObjects; CopyObject), `Upload` from `@aws-sdk/lib-storage`
 * with an object of three parts, and the AWS CLI: `aws s3 cp` of a file past its 8 MB multipart
 * threshold up and back down, byte for byte, then `aws s3 rm`.
 */
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { createHash, randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REGION, removeDir, runAws, startServer, tempDir, uniqueName, type TestServer } from "./helpers";

const BUCKET = "rivulet-deliveries";
const KEY = { accessKeyId: "AKIDE2ES3WRITES", secretAccessKey: "e2e-s3-writes-secret" };
const root = uniqueName("e2e-s3w");

let dir: string | undefined;
let server: TestServer | undefined;
let s3: S3Client;

async function text(key: string): Promise<string> {
  return (await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body?.transformToString()) ?? "";
}

async function gone(key: string): Promise<boolean> {
  const error = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })).catch((e: unknown) => e);
  return error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404;
}

function md5Hex(data: Uint8Array): string {
  return createHash("md5").update(data).digest("hex");
}

beforeAll(async () => {
  dir = tempDir("s3-writes");
  server = await startServer({ persistDir: dir, accessKeys: `${KEY.accessKeyId}:${KEY.secretAccessKey}` });
  s3 = new S3Client({ endpoint: server.url, region: REGION, credentials: KEY, forcePathStyle: true });
});

afterAll(async () => {
  s3?.destroy();
  await server?.close();
  removeDir(dir);
});

describe("@aws-sdk/client-s3 writes", () => {
  it("puts objects from bytes and from a stream, with metadata and the SDK's default CRC32", async () => {
    const put = await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `${root}/hello.txt`, Body: "hello world", ContentType: "text/plain", Metadata: { origin: "e2e" } }),
    );
    expect(put.ETag).toBe('"5eb63bbbe01eeed093cb22bb8f5acdc3"');
    expect(put.ChecksumCRC32).toBe("DUoRhQ==");
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${root}/hello.txt` }));
    expect(head.ContentType).toBe("text/plain");
    expect(head.Metadata).toEqual({ origin: "e2e" });
    expect(await text(`${root}/hello.txt`)).toBe("hello world");

    const data = randomBytes(300_000);
    const streamed = await s3.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: `${root}/streamed.bin`, Body: Readable.from([data.subarray(0, 100_000), data.subarray(100_000)]), ContentLength: data.length }),
    );
    expect(streamed.ETag).toBe(`"${md5Hex(data)}"`);
    const back = await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${root}/streamed.bin` }))).Body?.transformToByteArray();
    expect(Buffer.from(back ?? new Uint8Array()).equals(data)).toBe(true);
  });

  it("refuses a body that does not match its checksum, and stores nothing", async () => {
    const error = await s3
      .send(new PutObjectCommand({ Bucket: BUCKET, Key: `${root}/corrupt.txt`, Body: "hello world", ChecksumCRC32: "AAAAAA==" }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(S3ServiceException);
    expect((error as S3ServiceException).name).toBe("BadDigest");
    expect(await gone(`${root}/corrupt.txt`)).toBe(true);
  });

  it("copies, deletes one object and deletes a batch", async () => {
    const copy = await s3.send(new CopyObjectCommand({ Bucket: BUCKET, Key: `${root}/copy.txt`, CopySource: `${BUCKET}/${root}/hello.txt` }));
    expect(copy.CopyObjectResult?.ETag).toBe('"5eb63bbbe01eeed093cb22bb8f5acdc3"');
    expect(await text(`${root}/copy.txt`)).toBe("hello world");

    await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: `${root}/copy.txt` }));
    await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${root}/copy.txt` }))).rejects.toBeInstanceOf(NoSuchKey);

    const batch = await s3.send(
      new DeleteObjectsCommand({ Bucket: BUCKET, Delete: { Objects: [{ Key: `${root}/hello.txt` }, { Key: `${root}/streamed.bin` }, { Key: `${root}/never-was` }] } }),
    );
    expect((batch.Deleted ?? []).map((deleted) => deleted.Key).sort()).toEqual([`${root}/hello.txt`, `${root}/never-was`, `${root}/streamed.bin`]);
    expect(batch.Errors ?? []).toEqual([]);
    expect(await gone(`${root}/hello.txt`)).toBe(true);
    expect(await gone(`${root}/streamed.bin`)).toBe(true);
  });

  it("uploads an object of three parts with Upload from @aws-sdk/lib-storage", async () => {
    const data = randomBytes(12 * 1024 * 1024);
    const result = await new Upload({ client: s3, params: { Bucket: BUCKET, Key: `${root}/parts.bin`, Body: data }, partSize: 5 * 1024 * 1024 }).done();
    const md5s = [0, 1, 2].map((i) => createHash("md5").update(data.subarray(i * 5 * 1024 * 1024, (i + 1) * 5 * 1024 * 1024)).digest());
    expect(result.ETag).toBe(`"${createHash("md5").update(Buffer.concat(md5s)).digest("hex")}-3"`);
    expect(result.ChecksumCRC32).toMatch(/^[A-Za-z0-9+/]{6}==-3$/);
    const back = await (await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `${root}/parts.bin` }))).Body?.transformToByteArray();
    expect(Buffer.from(back ?? new Uint8Array()).equals(data)).toBe(true);
  });
});

describe("the AWS CLI's writes", () => {
  it("aws s3 cp uploads a file past the multipart threshold and downloads it byte for byte; aws s3 rm removes it", async () => {
    const options = { url: (server as TestServer).url, ...KEY };
    const local = join(dir ?? "", "upload.bin");
    const downloaded = join(dir ?? "", "download.bin");
    const data = randomBytes(20 * 1024 * 1024);
    writeFileSync(local, data);

    const up = await runAws(["s3", "cp", local, `s3://${BUCKET}/${root}/cli.bin`, "--only-show-errors"], options);
    expect(up.code, up.stderr).toBe(0);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: `${root}/cli.bin` }));
    expect(head.ContentLength).toBe(data.length);
    // More than one part: the CLI went the multipart way.
    expect(head.ETag).toMatch(/^"[0-9a-f]{32}-\d+"$/);

    const down = await runAws(["s3", "cp", `s3://${BUCKET}/${root}/cli.bin`, downloaded, "--only-show-errors"], options);
    expect(down.code, down.stderr).toBe(0);
    expect(readFileSync(downloaded).equals(data)).toBe(true);

    const small = join(dir ?? "", "small.txt");
    writeFileSync(small, "a small file\n");
    const smallUp = await runAws(["s3", "cp", small, `s3://${BUCKET}/${root}/small.txt`, "--only-show-errors"], options);
    expect(smallUp.code, smallUp.stderr).toBe(0);
    expect(await text(`${root}/small.txt`)).toBe("a small file\n");

    const removed = await runAws(["s3", "rm", `s3://${BUCKET}/${root}/`, "--recursive", "--only-show-errors"], options);
    expect(removed.code, removed.stderr).toBe(0);
    const listed = await runAws(["s3", "ls", `s3://${BUCKET}/${root}/`, "--recursive"], options);
    expect(listed.stdout).not.toContain("cli.bin");
    expect(await gone(`${root}/small.txt`)).toBe(true);
  });
});
