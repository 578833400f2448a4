// How soon an enhanced fan-out consumer sees what a producer wrote: a consumer is registered on a 1-shard
// stream, SubscribeToShard (StartingPosition LATEST) is opened over HTTP/2, and a writer puts one record
// at a time, waits until the subscription has pushed it, and puts the next. The figure is the time from
// the PutRecord's answer to the SubscribeToShard event carrying that record. A record that arrived before
// its PutRecord answer did counts as 0.
//
// SubscribeToShard needs HTTP/2, so the subscriber is a second Kinesis client with the SDK's default
// request handler (NodeHttp2Handler) instead of the shared HTTP/1.1 one; the writer is the shared client.
// A server that fails to register the consumer or open the subscription shows "n/a" with its answer.

import {
  KinesisClient,
  RegisterStreamConsumerCommand,
  DescribeStreamConsumerCommand,
  DescribeStreamSummaryCommand,
  SubscribeToShardCommand,
} from "@aws-sdk/client-kinesis";
import { setTimeout as sleep } from "node:timers/promises";
import {
  makeClient,
  createActiveStream,
  deleteStreamQuietly,
  describeError,
  Unsupported,
} from "../client.mjs";
import { percentiles, nowMs } from "../stats.mjs";
import { Arrivals, RECORD_BYTES, timePuts } from "../propagation-timing.mjs";

/** How long registering the consumer and opening the subscription may take before the server is n/a. */
const SETUP_TIMEOUT_MS = 15_000;
/** The first record is put after this long, so the subscription is surely reading LATEST by then. */
const SETTLE_MS = 200;

/** @param {boolean} quick */
const settings = (quick) => (quick ? { samples: 50, softLimitMs: 10_000 } : { samples: 1_000, softLimitMs: 90_000 });

/** @param {string} endpoint */
function makeHttp2Client(endpoint) {
  // No requestHandler: the SDK's default for Kinesis in Node is its HTTP/2 handler.
  return new KinesisClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: "bench", secretAccessKey: "bench" },
    maxAttempts: 1,
  });
}

/**
 * @template T
 * @param {string} step
 * @param {() => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function setupStep(step, fn) {
  try {
    return await fn();
  } catch (err) {
    // describeError names the failed call when the shared client made it.
    const named = /** @type {{benchOperation?: string}} */ (err)?.benchOperation;
    throw new Unsupported(`enhanced fan-out: ${named ? "" : `${step} failed: `}${describeError(err)}`);
  }
}

/** @type {import("./index.mjs").Scenario} */
export default {
  name: "propagation-efo",
  title: "Propagation to a SubscribeToShard reader",
  describe: (quick) =>
    `${settings(quick).samples} records of ${RECORD_BYTES} B put one at a time into a 1-shard stream while ` +
    `a registered consumer reads it with SubscribeToShard (LATEST, HTTP/2, SDK default handler); time from ` +
    `PutRecord's answer to the record's arrival in the event stream`,
  figures: [
    { key: "p50", label: "Propagation to SubscribeToShard p50", unit: "ms", better: "lower" },
    { key: "p99", label: "Propagation to SubscribeToShard p99", unit: "ms", better: "lower" },
  ],
  timeLimitMs: (quick) => settings(quick).softLimitMs + SETUP_TIMEOUT_MS + 30_000,
  async run({ endpoint, quick, signal, progress }) {
    const { samples, softLimitMs } = settings(quick);
    const writer = makeClient(endpoint);
    const subscriber = makeHttp2Client(endpoint);
    const { streamName, shardIds } = await createActiveStream(writer, "efo", 1);
    const stopReading = new AbortController();
    const readerSignal = AbortSignal.any([signal, stopReading.signal]);
    /** @type {Promise<void> | undefined} */
    let readLoop;
    try {
      const setupSignal = AbortSignal.any([signal, AbortSignal.timeout(SETUP_TIMEOUT_MS)]);
      const { StreamDescriptionSummary } = await writer.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
      const streamArn = String(StreamDescriptionSummary?.StreamARN);
      const { Consumer } = await setupStep("RegisterStreamConsumer", () =>
        writer.send(new RegisterStreamConsumerCommand({ StreamARN: streamArn, ConsumerName: "bench-efo" }), {
          abortSignal: setupSignal,
        }),
      );
      const consumerArn = String(Consumer?.ConsumerARN);
      await setupStep("waiting for the consumer to be ACTIVE", async () => {
        for (;;) {
          const { ConsumerDescription } = await writer.send(
            new DescribeStreamConsumerCommand({ ConsumerARN: consumerArn }),
            { abortSignal: setupSignal },
          );
          if (ConsumerDescription?.ConsumerStatus === "ACTIVE") return;
          await sleep(100, undefined, { signal: setupSignal });
        }
      });
      const bar = progress("propagation-efo", samples);
      const subscription = await setupStep("SubscribeToShard", () =>
        subscriber.send(
          new SubscribeToShardCommand({
            ConsumerARN: consumerArn,
            ShardId: shardIds[0],
            StartingPosition: { Type: "LATEST" },
          }),
          { abortSignal: AbortSignal.any([readerSignal, AbortSignal.timeout(SETUP_TIMEOUT_MS)]) },
        ),
      );
      if (!subscription.EventStream) throw new Unsupported("enhanced fan-out: SubscribeToShard returned no event stream");

      const arrivals = new Arrivals();
      let events = 0;
      readLoop = (async () => {
        for await (const event of /** @type {AsyncIterable<any>} */ (subscription.EventStream)) {
          const at = nowMs();
          events++;
          if (event.SubscribeToShardEvent) {
            for (const record of event.SubscribeToShardEvent.Records ?? []) arrivals.saw(record.Data, at);
          } else {
            const [name, value] = Object.entries(event)[0] ?? ["unknown", undefined];
            throw new Error(`SubscribeToShard event stream carried ${name}: ${value?.message ?? JSON.stringify(value)}`);
          }
        }
        if (!readerSignal.aborted) throw new Error("SubscribeToShard event stream ended early");
      })().catch((err) => arrivals.fail(readerSignal.aborted ? undefined : err));
      await sleep(SETTLE_MS, undefined, { signal });

      const { delays, alreadyThere, notes } = await timePuts({
        writer,
        streamName,
        arrivals,
        samples,
        softLimitMs,
        signal,
        bar,
        readerName: "SubscribeToShard reader",
      });
      return {
        figures: percentiles(delays, [50, 99]),
        notes,
        details: { samples: delays.length, alreadyThere, events, recordBytes: RECORD_BYTES, handler: "NodeHttp2Handler (SDK default)" },
      };
    } finally {
      stopReading.abort();
      // An event stream that does not notice the abort must not hold the run.
      if (readLoop) await Promise.race([readLoop, sleep(2_000)]);
      await deleteStreamQuietly(writer, streamName);
      writer.destroy();
      subscriber.destroy();
    }
  },
};
