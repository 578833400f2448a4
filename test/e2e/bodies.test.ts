/**
 * Request bodies at the local front (issue 11, items 2 and 4): a body over the limit is refused,
 * at once when its Content-Length says so; one that never ends or trickles is answered as AWS
 * answers one (RequestTimeoutException, S3's RequestTimeout) instead of holding the request open;
 * and a body the Worker refuses early (unsigned) is answered while the client is still sending it,
 * over HTTP/1.1 and HTTP/2; but a body the Worker reads while its answer streams (PutMedia and its acks)
 * flows on, as a camera's does, whatever its pace. The server runs with short limits so that none of this
 * takes long.
 */
import { readFileSync } from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import { join } from "node:path";
import { Readable } from "node:stream";
import { CreateStreamCommand, DescribeStreamCommand, KinesisVideoClient } from "@aws-sdk/client-kinesis-video";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fragmentBytes, readMatroska, streamStart } from "../../scripts/put-media/mkv.mjs";
import { openPutMedia } from "../../scripts/put-media/producer.mjs";
import { ANY_CREDENTIALS, REGION, removeDir, sleep, startServer, tempDir, uniqueName, type TestServer } from "./helpers";

const LIMITS = { maxBytes: 32 * 1024 * 1024, idleMs: 400, totalMs: 2000 };

let dir: string | undefined;
let server: TestServer | undefined;

beforeAll(async () => {
  dir = tempDir("bodies");
  server = await startServer({ persistDir: dir, bodyLimits: LIMITS });
});

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

interface Answer {
  status: number;
  body: string;
}

function stamp(): { date: string; day: string } {
  const date = new Date().toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  return { date, day: date.slice(0, 8) };
}

/** Headers of a Kinesis call, "signed" (the server has no keys: any well-formed signature is accepted) or not. */
function kinesisHeaders(signed: boolean, service = "kinesis"): Record<string, string> {
  const { date, day } = stamp();
  const headers: Record<string, string> = {
    "content-type": "application/x-amz-json-1.1",
    "x-amz-target": "Kinesis_20131202.ListStreams",
    "x-amz-date": date,
  };
  if (signed) {
    headers.authorization = `AWS4-HMAC-SHA256 Credential=AKIDE2E/${day}/us-east-1/${service}/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=00`;
  }
  return headers;
}

/** A body that never ends, sending a chunk whenever it may (`every` ms apart if given), and how much it sent. */
function endless(chunk: number, every?: number): { stream: Readable; sent: () => number; stop: () => void } {
  let sent = 0;
  let stopped = false;
  const stream = new Readable({
    read() {
      if (stopped) return;
      const push = () => {
        if (stopped) return;
        sent += chunk;
        this.push(Buffer.alloc(chunk, 0x61));
      };
      if (every === undefined) push();
      else setTimeout(push, every);
    },
  });
  return { stream, sent: () => sent, stop: () => (stopped = true) };
}

/** An HTTP/1.1 POST whose body is `body` (chunked unless a Content-Length is given); the answer, whatever happens to the body. */
function post1(path: string, headers: Record<string, string>, body?: Readable): Promise<Answer> {
  const url = new URL(path, (server as TestServer).url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(url, { method: "POST", headers, agent: false }, (response) => {
      answered = true;
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (piece: string) => (text += piece));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
      response.on("error", reject);
    });
    // Once answered, the server closes while the body is still going out; before, that is a failure.
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    if (body) body.pipe(request);
    else request.flushHeaders();
  });
}

describe("request bodies at the front", () => {
  it("a Content-Length over the limit is refused before any body is sent", async () => {
    const answer = await post1("/", { ...kinesisHeaders(true), "content-length": String(LIMITS.maxBytes + 1) });
    expect(answer).toEqual({ status: 413, body: JSON.stringify({ __type: "RequestEntityTooLargeException" }) });
  });

  it("a chunked body that never ends is cut off at the limit", async () => {
    const body = endless(64 * 1024);
    const answer = await post1("/", kinesisHeaders(true), body.stream);
    body.stop();
    expect(answer).toEqual({ status: 413, body: JSON.stringify({ __type: "RequestEntityTooLargeException" }) });
  });

  it("a body the Worker refuses early (unsigned) is answered while it is still being sent", async () => {
    const body = endless(16 * 1024);
    const answer = await post1("/", kinesisHeaders(false), body.stream);
    body.stop();
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ __type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" });
  });

  it("a body that trickles is answered with RequestTimeoutException", async () => {
    const body = endless(1, LIMITS.idleMs / 4);
    const answer = await post1("/", kinesisHeaders(true), body.stream);
    body.stop();
    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({ __type: "RequestTimeoutException" });
  });

  it("an S3 body that stops is answered with S3's RequestTimeout", async () => {
    const stalled = new Readable({ read() {} });
    stalled.push(Buffer.from("partial"));
    // DeleteObjects, which reads its body (the XML list of keys), unlike a POST to an object key,
    // which the Worker refuses (405) without reading a byte. It announces 100 bytes and sends 7.
    const headers = { ...kinesisHeaders(true, "s3"), "x-amz-content-sha256": "UNSIGNED-PAYLOAD", "content-md5": "1B2M2Y8AsgTpgAmY7PhCfg==", "content-length": "100" };
    const answer = await post1("/rivulet-deliveries?delete", headers, stalled);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("<Code>RequestTimeout</Code>");
  });

  it("a body the Worker reads while its answer streams (PutMedia) flows on, past the idle and total limits", async () => {
    const url = (server as TestServer).url;
    const streamName = uniqueName("camera");
    const control = new KinesisVideoClient({ endpoint: url, region: REGION, credentials: ANY_CREDENTIALS });
    await control.send(new CreateStreamCommand({ StreamName: streamName, DataRetentionInHours: 1 }));
    while ((await control.send(new DescribeStreamCommand({ StreamName: streamName }))).StreamInfo?.Status !== "ACTIVE") await sleep(100);
    control.destroy();

    // A camera: each fragment once it has been captured, here slower than the idle limit allows a body
    // to pause, and in all longer than the total limit allows a body to take.
    const file = readMatroska(new Uint8Array(readFileSync(join(import.meta.dirname, "../fixtures/video/baseline.mkv"))));
    const upload = openPutMedia({ dataEndpoint: url, region: REGION, credentials: ANY_CREDENTIALS, streamName });
    const clusters = file.clusters as { timecode: number }[];
    const seen: string[] = [];
    const reading = (async () => {
      for await (const { ack } of upload.acks()) seen.push((ack as { EventType: string }).EventType);
    })();
    const buffering = () => seen.filter((type) => type === "BUFFERING").length;
    const base = Date.now();
    const pause = LIMITS.idleMs * 2;
    await upload.write(streamStart(file));
    for (const [index, cluster] of clusters.entries()) {
      await upload.write(fragmentBytes(cluster, base + cluster.timecode));
      // Its BUFFERING ack: the answer streams while the body still comes.
      await expect.poll(buffering, { timeout: 10_000, interval: 20 }).toBe(index + 1);
      await sleep(pause);
    }
    expect(clusters.length * pause).toBeGreaterThan(LIMITS.totalMs);
    await upload.end();
    await reading;
    await upload.done;
    // Each fragment RECEIVED and PERSISTED: nothing of the body was cut off.
    expect(seen.filter((type) => type === "PERSISTED")).toHaveLength(clusters.length);
    expect(seen).not.toContain("ERROR");
  });

  it("over HTTP/2, a body the Worker refuses early is answered, and the client told to stop sending", async () => {
    const session = http2.connect((server as TestServer).url);
    try {
      const stream = session.request({ ":method": "POST", ":path": "/", ...kinesisHeaders(false) });
      const body = endless(16 * 1024);
      body.stream.pipe(stream);
      const answer = await new Promise<Answer>((resolve, reject) => {
        let status = 0;
        let text = "";
        stream.on("response", (headers) => (status = Number(headers[":status"])));
        stream.setEncoding("utf8");
        stream.on("data", (piece: string) => (text += piece));
        stream.on("end", () => resolve({ status, body: text }));
        stream.on("error", reject);
      });
      body.stop();
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ __type: "MissingAuthenticationTokenException" });
      await new Promise((resolve) => (stream.closed ? resolve(undefined) : stream.once("close", resolve)));
      expect(stream.rstCode).toBe(http2.constants.NGHTTP2_NO_ERROR);
    } finally {
      session.close();
    }
  });
});
