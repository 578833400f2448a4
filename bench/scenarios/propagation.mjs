// How soon a consumer sees what a producer wrote: one reader polls GetRecords back to back (no sleep when
// a call comes back empty); a writer puts one record at a time, waits until the reader has it, and puts
// the next. The figure is the time from the PutRecord's answer to the GetRecords answer carrying that
// record. A record that was already in an answer before its PutRecord answer arrived counts as 0.

import { GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-kinesis";
import { setTimeout as sleep } from "node:timers/promises";
import { makeClient, createActiveStream, deleteStreamQuietly, isThrottle } from "../client.mjs";
import { Arrivals, RECORD_BYTES, timePuts } from "../propagation-timing.mjs";
import { percentiles, nowMs } from "../stats.mjs";

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

    const arrivals = new Arrivals();
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
        for (const record of res.Records ?? []) arrivals.saw(record.Data, at);
        iterator = res.NextShardIterator;
      }
    })().catch((err) => arrivals.fail(err));

    try {
      const { delays, alreadyThere, notes } = await timePuts({
        writer,
        streamName,
        arrivals,
        samples,
        softLimitMs,
        signal,
        bar,
        readerName: "reader",
      });
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
