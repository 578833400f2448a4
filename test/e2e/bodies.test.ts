/**
 * Request bodies at the local front (issue 11, items 2 and 4): a body over the limit is refused,
 * at once when its Content-Length says so; one that never ends or trickles is answered as AWS
 * answers one (RequestTimeoutException, S3's RequestTimeout) instead of holding the request open;
 * and a body the Worker refuses early (unsigned) is answered while the client is still sending it,
 * over HTTP/1.1 and HTTP/2. The server runs with short limits so that none of this takes long.
 */
import http from "node:http";
import http2 from "node:http2";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, startServer, tempDir, type TestServer } from "./helpers";

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
    const answer = await post1("/rivulet-deliveries/key", { ...kinesisHeaders(true, "s3"), "x-amz-content-sha256": "UNSIGNED-PAYLOAD" }, stalled);
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("<Code>RequestTimeout</Code>");
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
