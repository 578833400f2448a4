// What the propagation scenarios share: a writer puts one numbered record at a time, waits until the
// reader (polling GetRecords, or a SubscribeToShard event stream) has reported it, and notes the time
// from the PutRecord's answer to the record's arrival. A record that arrived before its PutRecord
// answer did counts as 0.

import { PutRecordCommand } from "@aws-sdk/client-kinesis";
import { setTimeout as sleep } from "node:timers/promises";
import { isThrottle, randomKey } from "./client.mjs";
import { nowMs } from "./stats.mjs";

export const RECORD_BYTES = 100;
/** A record not seen by then is lost, which is an error, not a slow sample. */
const ARRIVAL_TIMEOUT_MS = 10_000;

/** Where the reader reports what it received, and where the writer waits for a record. */
export class Arrivals {
  /** index -> when the reader got it */
  #at = new Map();
  #waitingFor = -1;
  #wake = () => {};
  /** @type {unknown} */
  error;

  /** The reader got a record (its data starts with the record's index) at `at`. */
  saw(data, at) {
    const index = Buffer.from(data ?? []).readUInt32BE(0);
    this.#at.set(index, at);
    if (index === this.#waitingFor) this.#wake();
  }

  /** The reader stopped: the writer must not wait for it. */
  fail(error) {
    this.error = error;
    this.#wake();
  }

  has(index) {
    return this.#at.has(index);
  }

  at(index) {
    return this.#at.get(index);
  }

  /** Resolves when record `index` is reported (or the reader fails). */
  expect(index) {
    return new Promise((resolve) => {
      this.#waitingFor = index;
      this.#wake = () => resolve(undefined);
    });
  }
}

/**
 * Puts up to `samples` records one after another (within `softLimitMs`) and times each one's arrival.
 * @param {{ writer: import("@aws-sdk/client-kinesis").KinesisClient, streamName: string, arrivals: Arrivals,
 *   samples: number, softLimitMs: number, signal: AbortSignal, bar: { set(n: number): void }, readerName: string }} options
 */
export async function timePuts({ writer, streamName, arrivals, samples, softLimitMs, signal, bar, readerName }) {
  /** @type {number[]} */
  const delays = [];
  let alreadyThere = 0;
  const stopAt = Date.now() + softLimitMs;
  for (let i = 0; i < samples && Date.now() < stopAt; i++) {
    signal.throwIfAborted();
    const data = Buffer.alloc(RECORD_BYTES);
    data.writeUInt32BE(i, 0);
    const arrived = arrivals.expect(i);
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
    if (!arrivals.has(i) && !arrivals.error) {
      // The timer is cancelled once the record arrives, so a thousand samples leave no timers behind.
      const cancel = new AbortController();
      const timeout = sleep(ARRIVAL_TIMEOUT_MS, "timeout", { signal: AbortSignal.any([signal, cancel.signal]) });
      const outcome = await Promise.race([arrived.then(() => "arrived"), timeout.catch(() => "aborted")]);
      cancel.abort();
      signal.throwIfAborted();
      if (outcome === "timeout") throw new Error(`record ${i} did not reach the ${readerName} within ${ARRIVAL_TIMEOUT_MS} ms`);
    }
    if (arrivals.error) throw arrivals.error;
    const delay = arrivals.at(i) - answeredAt;
    if (delay <= 0) alreadyThere++;
    delays.push(Math.max(0, delay));
    bar.set(i + 1);
    // A short random gap, so puts do not fall into step with the reader's cycle.
    await sleep(Math.random() * 5);
  }
  if (delays.length === 0) throw new Error("no record was propagated within the time allowed");
  const notes =
    delays.length < samples ? [`only ${delays.length} of ${samples} samples fitted in the ${softLimitMs / 1000} s allowed`] : [];
  return { delays, alreadyThere, notes };
}
