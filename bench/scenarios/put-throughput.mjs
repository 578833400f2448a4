// PutRecords throughput: several producers, each with its own client, sending full 500-record batches
// back to back for a fixed time. Only records the server accepted count; records it rejected (a server
// that enforces Kinesis's per-shard write limits does so) are counted separately and not resent, so the
// figure is what the server took in, not what was offered.

import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { setTimeout as sleep } from "node:timers/promises";
import { makeClient, createActiveStream, deleteStreamQuietly, isThrottle, payload, randomKey } from "../client.mjs";
import { nowMs } from "../stats.mjs";

const RECORDS_PER_CALL = 500;
const MiB = 1024 * 1024;

/** Each case gets a fresh stream. */
const CASES = [
  { id: "1shard-100B", shards: 1, recordBytes: 100, name: "1 shard, 100 B" },
  { id: "1shard-10KiB", shards: 1, recordBytes: 10 * 1024, name: "1 shard, 10 KiB" },
  { id: "4shards-100B", shards: 4, recordBytes: 100, name: "4 shards, 100 B" },
  { id: "4shards-10KiB", shards: 4, recordBytes: 10 * 1024, name: "4 shards, 10 KiB" },
];

/**
 * Each case runs for `durationMs`, or until `maxBytes` were accepted, whichever comes first: the byte cap
 * keeps a fast in-memory server from filling the machine's memory. Calls in flight at the end are waited
 * for and counted; a slow server's 5 MiB calls can take many seconds each, so the quick run uses fewer
 * clients to keep that tail short.
 * @param {boolean} quick
 */
const settings = (quick) =>
  quick
    ? { clients: 2, durationMs: 1_500, maxBytes: 64 * MiB }
    : { clients: 4, durationMs: 10_000, maxBytes: 1024 * MiB };

/** @type {import("./index.mjs").Scenario} */
export default {
  name: "put-throughput",
  title: "PutRecords throughput",
  describe: (quick) =>
    `${settings(quick).clients} clients send PutRecords calls of ${RECORDS_PER_CALL} records back to back for ` +
    `${settings(quick).durationMs / 1000} s per case (1 or 4 shards, 100 B or 10 KiB records); accepted records only`,
  figures: CASES.flatMap((c) => [
    { key: `${c.id}.records`, label: `PutRecords ${c.name}`, unit: "records/s", better: "higher" },
    { key: `${c.id}.mib`, label: `PutRecords ${c.name}`, unit: "MiB/s", better: "higher" },
  ]),
  timeLimitMs: (quick) => CASES.length * (settings(quick).durationMs + 60_000),
  async run({ endpoint, quick, signal, progress }) {
    const { clients, durationMs, maxBytes } = settings(quick);
    /** @type {Record<string, number>} */
    const figures = {};
    /** @type {Record<string, unknown>} */
    const details = { clients, recordsPerCall: RECORDS_PER_CALL, durationMs };
    /** @type {string[]} */
    const notes = [];
    const bar = progress("put-throughput", CASES.length * durationMs);
    for (const [index, c] of CASES.entries()) {
      const result = await runCase(endpoint, c, clients, durationMs, maxBytes, signal, (elapsed) =>
        bar.set(index * durationMs + Math.min(elapsed, durationMs)),
      );
      figures[`${c.id}.records`] = result.accepted / (result.elapsedMs / 1000);
      figures[`${c.id}.mib`] = (result.accepted * c.recordBytes) / MiB / (result.elapsedMs / 1000);
      details[c.id] = result;
      // Throttling is a server keeping Kinesis's limits; any other rejection is a failure to report.
      const failures = Object.entries(result.rejectedBy).filter(([code]) => code !== "ProvisionedThroughputExceededException");
      if (failures.length > 0) {
        notes.push(`${c.name}: records rejected with ${failures.map(([code, n]) => `${code} (${n})`).join(", ")}`);
      }
    }
    return { figures, details, notes };
  },
};

/**
 * @param {string} endpoint
 * @param {(typeof CASES)[number]} c
 * @param {number} clientCount
 * @param {number} durationMs
 * @param {number} maxBytes
 * @param {AbortSignal} signal
 * @param {(elapsedMs: number) => void} onProgress
 */
async function runCase(endpoint, c, clientCount, durationMs, maxBytes, signal, onProgress) {
  const admin = makeClient(endpoint);
  const { streamName } = await createActiveStream(admin, `tput-${c.id}`, c.shards);
  const clients = Array.from({ length: clientCount }, () => makeClient(endpoint));
  const data = payload(c.recordBytes);
  let accepted = 0;
  let rejected = 0;
  /** @type {Record<string, number>} why records were rejected, by ErrorCode */
  const rejectedBy = {};
  let calls = 0;
  let throttledCalls = 0;
  const maxRecords = Math.floor(maxBytes / c.recordBytes);
  const started = nowMs();
  const stopAt = started + durationMs;
  const ticker = setInterval(() => onProgress(nowMs() - started), 100);

  /** @param {import("@aws-sdk/client-kinesis").KinesisClient} client */
  async function produce(client) {
    // A fixed set of random keys per producer: the records still spread evenly over the shards, and the
    // client does not spend its time making keys.
    const records = Array.from({ length: RECORDS_PER_CALL }, () => ({ Data: data, PartitionKey: randomKey() }));
    while (nowMs() < stopAt && accepted < maxRecords) {
      signal.throwIfAborted();
      calls++;
      try {
        const res = await client.send(new PutRecordsCommand({ StreamName: streamName, Records: records }), {
          abortSignal: signal,
        });
        const failed = res.FailedRecordCount ?? 0;
        accepted += RECORDS_PER_CALL - failed;
        rejected += failed;
        if (failed > 0) {
          for (const r of res.Records ?? []) {
            if (r.ErrorCode) rejectedBy[r.ErrorCode] = (rejectedBy[r.ErrorCode] ?? 0) + 1;
          }
        }
      } catch (err) {
        if (!isThrottle(err)) throw err;
        throttledCalls++;
        rejected += RECORDS_PER_CALL;
        await sleep(20);
      }
    }
  }

  try {
    await Promise.all(clients.map(produce));
    // The clock stops when the last call in flight has been answered: those records were accepted
    // inside the measured time.
    const elapsedMs = nowMs() - started;
    onProgress(durationMs);
    return { shards: c.shards, recordBytes: c.recordBytes, accepted, rejected, rejectedBy, calls, throttledCalls, elapsedMs };
  } finally {
    clearInterval(ticker);
    for (const client of clients) client.destroy();
    await deleteStreamQuietly(admin, streamName);
    admin.destroy();
  }
}
