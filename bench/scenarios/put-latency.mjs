// PutRecord latency as one producer sees it: one client, one request at a time, so every sample is a
// full round trip through the server with nothing queued ahead of it. Then the same calls with a
// partition key one character too long, which every server refuses (ValidationException; moto answers
// InvalidArgumentException): the round trip of the HTTP, the signature, the JSON and the validation
// alone, without a write. The difference between the two is what storing the record costs; the
// refused call is each server's floor.

import { PutRecordCommand } from "@aws-sdk/client-kinesis";
import { setTimeout as sleep } from "node:timers/promises";
import { makeClient, createActiveStream, deleteStreamQuietly, isRefusal, isThrottle, payload, randomKey } from "../client.mjs";
import { percentiles, nowMs } from "../stats.mjs";

const RECORD_BYTES = 100;

/** @param {boolean} quick */
const settings = (quick) =>
  quick
    ? { warmup: 20, samples: 200, softLimitMs: 20_000 }
    : { warmup: 200, samples: 5_000, softLimitMs: 90_000 };

/** @type {import("./index.mjs").Scenario} */
export default {
  name: "put-latency",
  title: "PutRecord latency",
  describe: (quick) =>
    `one client sends ${settings(quick).samples} PutRecord calls of ${RECORD_BYTES} bytes one after another ` +
    `into a 1-shard stream (after ${settings(quick).warmup} unmeasured); time from call to answer`,
  figures: [
    { key: "p50", label: "PutRecord latency p50", unit: "ms", better: "lower" },
    { key: "p99", label: "PutRecord latency p99", unit: "ms", better: "lower" },
    { key: "p99.9", label: "PutRecord latency p99.9", unit: "ms", better: "lower" },
    { key: "refused.p50", label: "PutRecord refused by validation (no write), latency p50", unit: "ms", better: "lower" },
  ],
  timeLimitMs: (quick) => settings(quick).softLimitMs + 60_000,
  async run({ endpoint, quick, signal, progress }) {
    const { warmup, samples, softLimitMs } = settings(quick);
    const client = makeClient(endpoint);
    const { streamName } = await createActiveStream(client, "latency", 1);
    const data = payload(RECORD_BYTES);
    /** @type {number[]} */
    const latencies = [];
    let throttled = 0;
    const bar = progress("put-latency", warmup + samples);
    const stopAt = Date.now() + softLimitMs;
    try {
      for (let i = 0; i < warmup + samples && Date.now() < stopAt; ) {
        signal.throwIfAborted();
        const started = nowMs();
        try {
          await client.send(new PutRecordCommand({ StreamName: streamName, Data: data, PartitionKey: randomKey() }), {
            abortSignal: signal,
          });
        } catch (err) {
          // A throttled call is not a latency sample; it is counted and retried after a pause.
          if (!isThrottle(err)) throw err;
          throttled++;
          await sleep(10);
          continue;
        }
        if (i >= warmup) latencies.push(nowMs() - started);
        i++;
        bar.set(i);
      }
      if (latencies.length === 0) throw new Error("no PutRecord completed within the time allowed");
      const notes =
        latencies.length < samples
          ? [`only ${latencies.length} of ${samples} samples fitted in the ${softLimitMs / 1000} s allowed`]
          : [];
      const refused = await refusedLatencies(client, streamName, data, warmup, refusedSamples(samples), signal);
      /** @type {Record<string, number>} */
      const figures = percentiles(latencies, [50, 99, 99.9]);
      if (refused.length > 0) figures["refused.p50"] = percentiles(refused, [50]).p50;
      else notes.push("a partition key of 257 characters was accepted, so there is no refused-call figure");
      return {
        figures,
        notes,
        details: { samples: latencies.length, refusedSamples: refused.length, warmup, throttled, recordBytes: RECORD_BYTES },
      };
    } finally {
      await deleteStreamQuietly(client, streamName);
      client.destroy();
    }
  },
};

/** @param {number} samples */
const refusedSamples = (samples) => Math.min(samples, 1_000);

/**
 * Latencies of PutRecord calls every Kinesis refuses (a partition key over 256 characters), one at a
 * time; none if the server accepts the first one.
 * @param {import("@aws-sdk/client-kinesis").KinesisClient} client
 * @param {string} streamName
 * @param {Uint8Array} data
 * @param {number} warmup
 * @param {number} samples
 * @param {AbortSignal} signal
 */
async function refusedLatencies(client, streamName, data, warmup, samples, signal) {
  const command = new PutRecordCommand({ StreamName: streamName, Data: data, PartitionKey: "k".repeat(257) });
  /** @type {number[]} */
  const latencies = [];
  for (let i = 0; i < warmup + samples; i++) {
    signal.throwIfAborted();
    const started = nowMs();
    try {
      await client.send(command, { abortSignal: signal });
      return [];
    } catch (err) {
      if (!isRefusal(err)) throw err;
    }
    if (i >= warmup) latencies.push(nowMs() - started);
  }
  return latencies;
}
