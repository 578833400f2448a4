// A PutMedia producer as AWS's producer SDK speaks it (producer-c's CurlApiCallbacks.c and AwsV4Signer.c):
// GetDataEndpoint (APIName PUT_MEDIA) on the control plane, then one long `POST <endpoint>/putMedia` whose body
// is sent chunked while the acknowledgements are read from the answer, line by line.
//
// Headers as the SDK sends them: x-amzn-stream-name, x-amzn-producer-start-timestamp ("%llu.%llu": seconds,
// then milliseconds without leading zeros), x-amzn-fragment-acknowledgment-required: 1,
// x-amzn-fragment-timecode-type, transfer-encoding: chunked, connection: keep-alive, user-agent; SigV4 over
// every header but content-type, with the empty string's payload hash (the body streams). Node's own http
// module, so the acks come back while the upload goes on.
import { createHash, createHmac } from "node:crypto";
import http from "node:http";
import https from "node:https";

const EMPTY_SHA256 = createHash("sha256").update("").digest("hex");
const USER_AGENT = "rivulet-put-media/1.0 (AWS-SDK-KVS producer wire format)";

function hmac(key, data) {
  return createHmac("sha256", key).update(data).digest();
}

/** SigV4 of `headers` (lower-case names) for service kinesisvideo; answers the headers to send. */
export function sign({ method, url, headers, payloadHash, region, credentials, now = new Date() }) {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  const day = stamp.slice(0, 8);
  const all = { ...headers, host: url.host, "x-amz-date": stamp };
  const names = Object.keys(all).sort();
  const canonical = [method, url.pathname, "", names.map((name) => `${name}:${String(all[name]).trim()}\n`).join(""), names.join(";"), payloadHash].join("\n");
  const scope = `${day}/${region}/kinesisvideo/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", stamp, scope, createHash("sha256").update(canonical).digest("hex")].join("\n");
  let key = hmac(`AWS4${credentials.secretAccessKey}`, day);
  for (const part of [region, "kinesisvideo", "aws4_request"]) key = hmac(key, part);
  const signature = hmac(key, toSign).toString("hex");
  const signed = { ...all, authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(";")}, Signature=${signature}` };
  if (credentials.sessionToken) signed["x-amz-security-token"] = credentials.sessionToken;
  return signed;
}

/** A signed REST-JSON call to the control plane; answers the parsed body or throws the AWS error. */
export async function callVideo({ endpoint, region, credentials }, path, input) {
  const url = new URL(path, endpoint);
  const body = JSON.stringify(input);
  const headers = sign({
    method: "POST",
    url,
    headers: { "content-type": "application/json" },
    payloadHash: createHash("sha256").update(body).digest("hex"),
    region,
    credentials,
  });
  const response = await fetch(url, { method: "POST", headers, body });
  const text = await response.text();
  if (!response.ok) {
    const type = (response.headers.get("x-amzn-errortype") ?? `HTTP ${response.status}`).split(":")[0];
    const error = new Error(`${path}: ${type}: ${text}`);
    error.type = type;
    throw error;
  }
  return text === "" ? {} : JSON.parse(text);
}

/** Where PutMedia goes for this stream, as the SDK asks. */
export async function putMediaEndpoint(options, streamName) {
  const answer = await callVideo(options, "/getDataEndpoint", { StreamName: streamName, APIName: "PUT_MEDIA" });
  return answer.DataEndpoint;
}

/** "%llu.%llu" as producer-c prints the start timestamp. */
export function startTimestampHeader(ms) {
  return `${Math.floor(ms / 1000)}.${ms % 1000}`;
}

/**
 * Opens one PutMedia upload. `write` sends bytes (resolving once they are handed to the socket), `end` ends
 * the body; `acks` yields each acknowledgement as it arrives; `done` settles when the answer has ended.
 */
export function openPutMedia({ dataEndpoint, region, credentials, streamName, timecodeType = "ABSOLUTE", producerStartMs = Date.now() }) {
  const url = new URL("/putMedia", dataEndpoint);
  const headers = sign({
    method: "POST",
    url,
    headers: {
      connection: "keep-alive",
      "transfer-encoding": "chunked",
      "user-agent": USER_AGENT,
      "x-amzn-fragment-acknowledgment-required": "1",
      "x-amzn-fragment-timecode-type": timecodeType,
      "x-amzn-producer-start-timestamp": startTimestampHeader(producerStartMs),
      "x-amzn-stream-name": streamName,
    },
    payloadHash: EMPTY_SHA256,
    region,
    credentials,
  });
  headers["content-type"] = "application/json";
  const client = url.protocol === "https:" ? https : http;
  const request = client.request(url, { method: "POST", headers, agent: false });
  request.setNoDelay?.(true);
  const queue = [];
  let wake;
  let finished = false;
  let failure;
  const push = (item) => {
    queue.push(item);
    wake?.();
  };
  const done = new Promise((resolve, reject) => {
    request.on("response", (response) => {
      if (response.statusCode !== 200) {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => {
          const type = String(response.headers["x-amzn-errortype"] ?? `HTTP ${response.statusCode}`).split(":")[0];
          failure = new Error(`PutMedia: ${type}: ${text}`);
          finished = true;
          wake?.();
          reject(failure);
          request.destroy();
        });
        return;
      }
      let buffered = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => {
        buffered += chunk;
        for (let newline = buffered.indexOf("\n"); newline >= 0; newline = buffered.indexOf("\n")) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line !== "") push({ ack: JSON.parse(line), at: performance.now() });
        }
      });
      // "close" also comes when the upload is aborted before the answer ended.
      const over = () => {
        finished = true;
        wake?.();
        resolve();
      };
      response.on("end", over);
      response.on("close", over);
    });
    request.on("error", (error) => {
      failure = error;
      finished = true;
      wake?.();
      reject(error);
    });
  });
  done.catch(() => undefined);
  return {
    write: (bytes) =>
      new Promise((resolve, reject) => {
        if (failure) return reject(failure);
        request.write(bytes, (error) => (error ? reject(error) : resolve()));
      }),
    end: () => new Promise((resolve) => request.end(resolve)),
    abort: () => request.destroy(),
    done,
    /** Acks as they arrive, each with the time it arrived (performance.now()). */
    async *acks() {
      for (;;) {
        const next = queue.shift();
        if (next) {
          yield next;
          continue;
        }
        if (finished) {
          if (failure) throw failure;
          return;
        }
        await new Promise((resolve) => (wake = resolve));
        wake = undefined;
      }
    },
  };
}
