// The one Kinesis client every server is measured with. Fairness lives here: the same SDK, the same
// HTTP/1.1 handler, the same keep-alive agent settings, no SDK retries (so a throttle or an error is seen
// by the scenario instead of being hidden inside a latency figure), and the same credentials.

import http from "node:http";
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import {
  KinesisClient,
  CreateStreamCommand,
  DeleteStreamCommand,
  DescribeStreamSummaryCommand,
  ListShardsCommand,
  ListStreamsCommand,
  PutRecordsCommand,
} from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";

/** Generous enough that the agent never queues requests in any scenario (at most a few dozen in flight). */
const MAX_SOCKETS = 256;
/** A request that takes longer than this is a failed request, not a slow one. */
const REQUEST_TIMEOUT_MS = 60_000;

/**
 * A Kinesis client for one server. Each concurrent "client" in a scenario gets its own instance, so each
 * has its own agent and socket pool, like separate producer processes would.
 * @param {string} endpoint e.g. "http://127.0.0.1:4567"
 * @returns {KinesisClient}
 */
export function makeClient(endpoint) {
  const client = new KinesisClient({
    endpoint,
    region: "us-east-1",
    // Rivulet requires SigV4; the SDK signs with whatever it is given and no server here checks secrets.
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS }),
      connectionTimeout: 5_000,
      requestTimeout: REQUEST_TIMEOUT_MS,
      // Without this the handler only logs a warning and the call waits on.
      throwOnRequestTimeout: true,
    }),
  });
  // An error message is only useful to whoever fixes the server if it names the call that failed.
  client.middlewareStack.add(
    (next, context) => async (args) => {
      try {
        return await next(args);
      } catch (err) {
        if (err && typeof err === "object") Object.assign(err, { benchOperation: context.commandName });
        throw err;
      }
    },
    { step: "initialize", name: "benchNameFailedOperation" },
  );
  return client;
}

/**
 * Whether an SDK error says "slow down" rather than "broken". Servers that enforce Kinesis's per-shard
 * limits answer this way; scenarios back off and retry instead of failing.
 * @param {unknown} err
 */
export function isThrottle(err) {
  const name = /** @type {{name?: string}} */ (err)?.name;
  return name === "ProvisionedThroughputExceededException" || name === "LimitExceededException";
}

/**
 * Whether a call failed because the server refused its input (an HTTP 400 that is not a throttle): AWS
 * and kinesalite answer ValidationException, moto InvalidArgumentException.
 * @param {unknown} err
 */
export function isRefusal(err) {
  const status = /** @type {{$metadata?: {httpStatusCode?: number}}} */ (err)?.$metadata?.httpStatusCode;
  return status === 400 && !isThrottle(err);
}

/**
 * Waits until the server answers an API call, so "started" means "serving", whatever each server logs.
 * @param {string} endpoint
 * @param {number} timeoutMs
 * @param {AbortSignal} [signal] stops the polling, e.g. once the server's process has died
 */
export async function waitServing(endpoint, timeoutMs, signal) {
  const client = makeClient(endpoint);
  const deadline = Date.now() + timeoutMs;
  let last;
  try {
    while (Date.now() < deadline) {
      signal?.throwIfAborted();
      try {
        await client.send(new ListStreamsCommand({}), { abortSignal: AbortSignal.timeout(5_000) });
        return;
      } catch (err) {
        last = err;
        await sleep(200);
      }
    }
  } finally {
    client.destroy();
  }
  throw new Error(`not serving after ${timeoutMs} ms: ${describeError(last)}`);
}

let streamCounter = 0;

/**
 * Creates a fresh stream and polls DescribeStreamSummary until it is ACTIVE, so every scenario starts on
 * an empty stream whatever ran before it on the same server.
 * @param {KinesisClient} client
 * @param {string} purpose short label that ends up in the stream name
 * @param {number} shardCount
 * @returns {Promise<{streamName: string, shardIds: string[]}>}
 */
export async function createActiveStream(client, purpose, shardCount) {
  const streamName = `bench-${purpose}-${Date.now().toString(36)}-${++streamCounter}`;
  await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: shardCount }));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const { StreamDescriptionSummary: s } = await client.send(
      new DescribeStreamSummaryCommand({ StreamName: streamName }),
    );
    if (s?.StreamStatus === "ACTIVE") break;
    if (Date.now() > deadline) throw new Error(`stream ${streamName} not ACTIVE after 60 s (${s?.StreamStatus})`);
    await sleep(20);
  }
  const { Shards } = await client.send(new ListShardsCommand({ StreamName: streamName }));
  return { streamName, shardIds: (Shards ?? []).map((s) => String(s.ShardId)) };
}

/**
 * Random bytes, made once: the payload's content does not matter to any server, and generating it per
 * record would make the benchmark measure the client.
 * @param {number} size
 */
export function payload(size) {
  return new Uint8Array(randomBytes(size));
}

/** A random partition key, so records spread evenly over a stream's shards. */
export function randomKey() {
  return randomBytes(8).toString("hex");
}

/**
 * Puts records with PutRecords, resending the ones the server rejected (throttled) until all are in.
 * Used to load backlogs, where only completeness matters.
 * @param {KinesisClient} client
 * @param {string} streamName
 * @param {{Data: Uint8Array, PartitionKey: string}[]} entries at most 500
 * @param {AbortSignal} [signal]
 */
export async function putAll(client, streamName, entries, signal) {
  let pending = entries;
  for (let attempt = 0; pending.length > 0; attempt++) {
    signal?.throwIfAborted();
    if (attempt > 100) throw new Error(`PutRecords still rejecting records after ${attempt} attempts`);
    let res;
    try {
      res = await client.send(new PutRecordsCommand({ StreamName: streamName, Records: pending }), {
        abortSignal: signal,
      });
    } catch (err) {
      if (!isThrottle(err)) throw err;
      await sleep(50);
      continue;
    }
    if (!res.FailedRecordCount) return;
    const results = res.Records ?? [];
    pending = pending.filter((_, i) => results[i]?.ErrorCode);
    await sleep(50);
  }
}

/**
 * One line that says what went wrong, for the table's error list.
 * @param {unknown} err
 */
export function describeError(err) {
  if (err === undefined) return "unknown error";
  const e = /** @type {{name?: string, message?: string, benchOperation?: string, $responseBodyText?: string,
   *   $metadata?: {httpStatusCode?: number, requestId?: string}}} */ (err);
  const operation = e.benchOperation ? `${e.benchOperation.replace(/Command$/, "")} failed: ` : "";
  const name = e.name && e.name !== "Error" ? `${e.name}: ` : "";
  // The SDK's hint about a hidden field means nothing in a table.
  let message = (e.message ?? String(err)).replace(/\s*Deserialization error: to see the raw response.*$/s, "");
  // A body the SDK could not parse (an HTML error page) says more than the parser's complaint about it.
  if (e.$responseBodyText !== undefined) {
    const text = e.$responseBodyText.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim();
    message = `unparseable response body: "${text.slice(0, 200)}"`;
  }
  const meta = [
    e.$metadata?.httpStatusCode ? `HTTP ${e.$metadata.httpStatusCode}` : "",
    e.$metadata?.requestId ? `request id ${e.$metadata.requestId}` : "",
  ].filter(Boolean);
  return `${operation}${name}${message}${meta.length ? ` (${meta.join(", ")})` : ""}`.replace(/\s+/g, " ").trim();
}

/**
 * Deletes a scenario's stream so in-memory servers do not carry its data into the next scenario's
 * memory and speed. Best effort: a server that cannot delete is still measured.
 * @param {KinesisClient} client
 * @param {string} streamName
 */
export async function deleteStreamQuietly(client, streamName) {
  try {
    await client.send(new DeleteStreamCommand({ StreamName: streamName, EnforceConsumerDeletion: true }), {
      abortSignal: AbortSignal.timeout(10_000),
    });
  } catch {
    // best effort
  }
}

/**
 * Thrown by a scenario when the server does not offer what it measures (an API it does not serve): the
 * cells read "n/a" and the message becomes a note, instead of an error.
 */
export class Unsupported extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "Unsupported";
  }
}
