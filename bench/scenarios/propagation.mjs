// How soon a consumer sees what a producer wrote: one reader polls GetRecords back to back (no sleep when
// a call comes back empty); a writer puts one record at a time, waits until the reader has it, and puts
// the next. The figure is the time from the PutRecord's answer to the GetRecords answer carrying that
// record. A record that was already in an answer before its PutRecord answer arrived counts as 0.

import { GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand } from "@aws-sdk/client-kinesis";
import { setTimeout as sleep } from "node:timers/promises";
import { makeClient, createActiveStream, deleteStreamQuietly, isThrottle, randomKey } from "../client.mjs";
import { percentiles, nowMs } from "../stats.mjs";

const RECORD_BYTES = 100;
/** A record not seen by then is lost, which is an error, not a slow sample. */
const ARRIVAL_TIMEOUT_MS = 10_000;

/** @param {boolean} quick */
const settings = (quick) => (quick ? { samples: 50, softLimitMs: 20_000 } : { samples: 1_000, softLimitMs: 90_000 });

/** @type {import("./index.mjs").Scenario} */
export default {
  name: "propagation",
  title: "Propagation",
  describe: (quick) =>
    `${settings(quick).samples} records of ${RECORD_BYTES} B put one at a time into a 1-shard stream while ` +
    `a reader polls GetRecords without pause; time from PutRecord's answer to the record's arrival`,
  figures: [
    { key: "p50", label: "Propagation p50", unit: "ms", better: "lower" },
    { key: "p99", label: "Propagation p99", unit: "ms", better: "lower" },
  ],
  timeLimitMs: (quick) => settings(quick).softLimitMs + 30_000,
  async run({ endpoint, quick, signal, progress }) {
    const { samples, softLimitMs } = settings(quick);
    const writer = makeClient(endpoint);
    const reader = makeClient(endpoint);
    const { streamName, shardIds } = await createActiveStream(writer, "propagation", 1);
    const bar = progress("propagation", samples);

    /** index -> when the reader got it */
    const arrivals = new Map();
    /** The record the writer waits for, and how to wake it. */
    let waitingFor = -1;
    let wake = () => {};
    let readerError;
    let polls = 0;
    let throttled = 0;
    const stopReading = new AbortController();
    const readerSignal = AbortSignal.any([signal, stopReading.signal]);

    const readLoop = (async () => {
      const { ShardIterator } = await reader.send(
        new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardIds[0], ShardIteratorType: "TRIM_HORIZON" }),
        { abortSignal: readerSignal },
      );
      let iterator = ShardIterator;
      while (!readerSignal.aborted && iterator) {
        let res;
        try {
          polls++;
          res = await reader.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10_000 }), {
            abortSignal: readerSignal,
          });
        } catch (err) {
          if (readerSignal.aborted) return;
          if (!isThrottle(err)) throw err;
          throttled++;
          await sleep(10);
          continue;
        }
        const at = nowMs();
        for (const record of res.Records ?? []) {
          const index = Buffer.from(record.Data ?? []).readUInt32BE(0);
          arrivals.set(index, at);
          if (index === waitingFor) wake();
        }
        iterator = res.NextShardIterator;
      }
    })().catch((err) => {
      readerError = err;
      wake();
    });

    /** @type {number[]} */
    const delays = [];
    let alreadyThere = 0;
    const stopAt = Date.now() + softLimitMs;
    try {
      for (let i = 0; i < samples && Date.now() < stopAt; i++) {
        signal.throwIfAborted();
        const data = Buffer.alloc(RECORD_BYTES);
        data.writeUInt32BE(i, 0);
        const arrived = new Promise((resolve) => {
          waitingFor = i;
          wake = () => resolve(undefined);
        });
        let answeredAt;
        for (;;) {
          try {
            await writer.send(new PutRecordCommand({ StreamName: streamName, Data: data, PartitionKey: randomKey() }), {
              abortSignal: signal,
            });
            answeredAt = nowMs();
            break;
          } catch (err) {
            if (!isThrottle(err)) throw err;
            await sleep(10);
          }
        }
        if (!arrivals.has(i) && !readerError) {
          // The timer is cancelled once the record arrives, so a thousand samples leave no timers behind.
          const cancel = new AbortController();
          const timeout = sleep(ARRIVAL_TIMEOUT_MS, "timeout", { signal: AbortSignal.any([signal, cancel.signal]) });
          const outcome = await Promise.race([arrived.then(() => "arrived"), timeout.catch(() => "aborted")]);
          cancel.abort();
          signal.throwIfAborted();
          if (outcome === "timeout") {
            throw new Error(`record ${i} did not reach the reader within ${ARRIVAL_TIMEOUT_MS} ms`);
          }
        }
        if (readerError) throw readerError;
        const delay = arrivals.get(i) - answeredAt;
        if (delay <= 0) alreadyThere++;
        delays.push(Math.max(0, delay));
        bar.set(i + 1);
        // A short random gap, so puts do not fall into step with the reader's poll cycle.
        await sleep(Math.random() * 5);
      }
      if (delays.length === 0) throw new Error("no record was propagated within the time allowed");
      const notes =
        delays.length < samples ? [`only ${delays.length} of ${samples} samples fitted in the ${softLimitMs / 1000} s allowed`] : [];
      return {
        figures: percentiles(delays, [50, 99]),
        notes,
        details: { samples: delays.length, alreadyThere, polls, throttled, recordBytes: RECORD_BYTES },
      };
    } finally {
      stopReading.abort();
      await readLoop;
      await deleteStreamQuietly(writer, streamName);
      writer.destroy();
      reader.destroy();
    }
  },
};
