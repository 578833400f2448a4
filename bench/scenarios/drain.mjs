// How fast a consumer that fell behind catches up: a backlog is loaded first (not timed), then one reader
// drains it from TRIM_HORIZON with GetRecords at the largest Limit, following NextShardIterator, until
// it has every record, or until the server says it is caught up (empty answers with MillisBehindLatest
// 0) with records missing, which is reported as a note. A server that enforces Kinesis's per-shard read
// limits answers some calls with a throttle; the reader then pauses briefly, as the SDK's own retry
// would, and that time counts.

import { GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-kinesis";
import { setTimeout as sleep } from "node:timers/promises";
import { makeClient, createActiveStream, deleteStreamQuietly, isThrottle, payload, putAll, randomKey } from "../client.mjs";
import { nowMs } from "../stats.mjs";

const RECORD_BYTES = 100;
const LIMIT = 10_000;
const LOAD_BATCH = 500;
const LOADERS = 4;

/** Empty answers at MillisBehindLatest 0 in a row that mean "caught up", not "an empty page mid-shard". */
const CAUGHT_UP_AFTER = 3;

/**
 * Loading has its own limit, apart from the scenario's: a server whose writes slow down as the shard
 * grows should fail with that reason rather than use up the whole scenario's time.
 * @param {boolean} quick
 */
const settings = (quick) => (quick ? { backlog: 5_000, loadLimitMs: 40_000 } : { backlog: 100_000, loadLimitMs: 180_000 });

/** @type {import("./index.mjs").Scenario} */
export default {
  name: "drain",
  title: "GetRecords drain",
  describe: (quick) =>
    `${settings(quick).backlog.toLocaleString("en-US")} records of ${RECORD_BYTES} B loaded into a 1-shard ` +
    `stream first (not timed), then read with GetRecords Limit ${LIMIT} from TRIM_HORIZON until all are read`,
  figures: [{ key: "records", label: "GetRecords drain", unit: "records/s", better: "higher" }],
  timeLimitMs: (quick) => settings(quick).loadLimitMs + (quick ? 30_000 : 120_000),
  async run({ endpoint, quick, signal, progress }) {
    const { backlog, loadLimitMs } = settings(quick);
    const client = makeClient(endpoint);
    const { streamName, shardIds } = await createActiveStream(client, "drain", 1);
    try {
      /** @type {string[]} */
      const notes = [];
      const loading = progress("drain (loading backlog)", backlog);
      // Past the load limit no new PutRecords is sent, but those in flight are let finish: the drain must
      // have the server to itself, not share it with writes it is still working through. The reader then
      // must get what was confirmed, and the shortfall is noted.
      const loaded = await load(endpoint, streamName, backlog, Date.now() + loadLimitMs, signal, loading);
      if (loaded === 0) throw new Error(`no record could be loaded within ${loadLimitMs / 1000} s`);
      const target = loaded;
      if (loaded < backlog) {
        loading.finish("stopped");
        notes.push(
          `only ${fmt(loaded)} of ${fmt(backlog)} records were loaded within the ${loadLimitMs / 1000} s allowed ` +
            `(each PutRecords got slower as the shard grew); those were drained`,
        );
      }

      const bar = progress("drain", target);
      const started = nowMs();
      const { ShardIterator } = await client.send(
        new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardIds[0], ShardIteratorType: "TRIM_HORIZON" }),
        { abortSignal: signal },
      );
      let iterator = ShardIterator;
      let read = 0;
      let calls = 0;
      let emptyCalls = 0;
      let throttled = 0;
      let caughtUp = 0;
      while (read < target && caughtUp < CAUGHT_UP_AFTER) {
        signal.throwIfAborted();
        if (!iterator) throw new Error(`the shard iterator ended after ${read} of ${target} records`);
        let res;
        try {
          calls++;
          res = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: LIMIT }), {
            abortSignal: signal,
          });
        } catch (err) {
          if (!isThrottle(err)) throw err;
          throttled++;
          await sleep(50);
          continue;
        }
        const n = res.Records?.length ?? 0;
        if (n === 0) emptyCalls++;
        caughtUp = n === 0 && res.MillisBehindLatest === 0 ? caughtUp + 1 : 0;
        read += n;
        iterator = res.NextShardIterator;
        bar.set(read);
      }
      const elapsedMs = nowMs() - started;
      if (read < target) {
        notes.push(
          `${fmt(target - read)} of the ${fmt(target)} records it had accepted were never returned ` +
            `(GetRecords reported MillisBehindLatest 0 with nothing more after ${fmt(read)})`,
        );
      }
      return {
        figures: { records: read / (elapsedMs / 1000) },
        notes,
        details: { backlog, loaded: target, read, calls, emptyCalls, throttled, elapsedMs, limit: LIMIT, recordBytes: RECORD_BYTES },
      };
    } finally {
      await deleteStreamQuietly(client, streamName);
      client.destroy();
    }
  },
};

/** @param {number} n */
const fmt = (n) => n.toLocaleString("en-US");

/**
 * Loads the backlog with a few concurrent PutRecords producers; throttled records are resent, since
 * the drain needs every one of them.
 * @param {string} endpoint
 * @param {string} streamName
 * @param {number} count
 * @param {number} stopSendingAt Date.now() after which no new call starts
 * @param {AbortSignal} signal
 * @param {import("../progress.mjs").Progress} bar
 * @returns {Promise<number>} records confirmed
 */
async function load(endpoint, streamName, count, stopSendingAt, signal, bar) {
  const data = payload(RECORD_BYTES);
  let next = 0;
  let confirmed = 0;
  const loaders = Array.from({ length: LOADERS }, async () => {
    const client = makeClient(endpoint);
    try {
      while (next < count && Date.now() < stopSendingAt) {
        const n = Math.min(LOAD_BATCH, count - next);
        next += n;
        const records = Array.from({ length: n }, () => ({ Data: data, PartitionKey: randomKey() }));
        await putAll(client, streamName, records, signal);
        confirmed += n;
        bar.add(n);
      }
    } finally {
      client.destroy();
    }
  });
  await Promise.all(loaders);
  return confirmed;
}
