// CPU per call: what the server's processes (all of them, summed) spend on one PutRecord and on each record
// of a 500-record PutRecords, from their CPU time in /proc before and after a run of calls sent one at a
// time. Unlike the wall-clock figures, this stays put when other programs share the cores: it measures the
// server's work, not the wait. For Rivulet, the Workers runtime's (workerd's) part is shown apart, as the
// CPU a deployed Worker would spend (and be billed for), without the local front and wrangler. A
// PutRecord every Kinesis refuses (a partition key over 256 characters) gives the floor: the HTTP, the
// signature, the JSON and the validation, without a write.

import { PutRecordCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { makeClient, createActiveStream, deleteStreamQuietly, isRefusal, payload, randomKey } from "../client.mjs";
import { canMeasureMemory } from "../memory.mjs";
import { cpuSpent, treeCpu } from "../cpu.mjs";

const RECORD_BYTES = 100;
const RECORDS_PER_CALL = 500;

/** @param {boolean} quick */
const settings = (quick) =>
  quick
    ? { warmup: 50, putRecord: 300, putRecords: 30, refused: 200 }
    : { warmup: 200, putRecord: 2_000, putRecords: 200, refused: 1_000 };

/** @type {import("./index.mjs").Scenario} */
export default {
  name: "cpu",
  title: "CPU per call",
  describe: (quick) =>
    `the server's CPU time (every process, from /proc) over ${settings(quick).putRecord} PutRecord calls and ` +
    `${settings(quick).putRecords} PutRecords calls of ${RECORDS_PER_CALL} records (${RECORD_BYTES} B), one at a time, ` +
    "into a 1-shard stream, divided by the calls or records",
  figures: [
    { key: "putRecord", label: "CPU per PutRecord", unit: "ms", better: "lower" },
    { key: "putRecord.workerd", label: "CPU per PutRecord, workerd only", unit: "ms", better: "lower" },
    { key: "putRecordsRecord", label: "CPU per record, PutRecords of 500", unit: "µs", better: "lower" },
    { key: "putRecordsRecord.workerd", label: "CPU per record, PutRecords of 500, workerd only", unit: "µs", better: "lower" },
    { key: "refused", label: "CPU per PutRecord refused by validation (no write)", unit: "ms", better: "lower" },
    { key: "refused.workerd", label: "CPU per PutRecord refused by validation, workerd only", unit: "ms", better: "lower" },
  ],
  timeLimitMs: (quick) => (quick ? 120_000 : 600_000),
  async run({ endpoint, pid, quick, signal, progress }) {
    if (!canMeasureMemory()) throw new Error("CPU time is read from /proc, which this system does not have");
    const { warmup, putRecord, putRecords, refused } = settings(quick);
    const client = makeClient(endpoint);
    const { streamName } = await createActiveStream(client, "cpu", 1);
    const data = payload(RECORD_BYTES);
    const records = Array.from({ length: RECORDS_PER_CALL }, () => ({ Data: data, PartitionKey: randomKey() }));
    const single = () =>
      client.send(new PutRecordCommand({ StreamName: streamName, Data: data, PartitionKey: randomKey() }), { abortSignal: signal });
    const batch = async () => {
      const res = await client.send(new PutRecordsCommand({ StreamName: streamName, Records: records }), { abortSignal: signal });
      if (res.FailedRecordCount) throw new Error(`${res.FailedRecordCount} records of a PutRecords call failed`);
    };
    const refusedCommand = new PutRecordCommand({ StreamName: streamName, Data: data, PartitionKey: "k".repeat(257) });
    /** @returns {Promise<boolean>} whether the server refused the call, as every Kinesis should */
    const refuse = () =>
      client.send(refusedCommand, { abortSignal: signal }).then(
        () => false,
        (err) => {
          if (!isRefusal(err)) throw err;
          return true;
        },
      );
    const bar = progress("cpu", warmup + putRecord + putRecords + refused);
    try {
      // Warm up both calls: the first ones compile code and open connections.
      for (let i = 0; i < warmup; i++) {
        await (i % 20 === 0 ? batch() : single());
        bar.set(i + 1);
      }
      const beforeSingle = treeCpu(pid);
      for (let i = 0; i < putRecord; i++) {
        await single();
        bar.set(warmup + i + 1);
      }
      const single$ = cpuSpent(beforeSingle, treeCpu(pid));
      const beforeBatch = treeCpu(pid);
      for (let i = 0; i < putRecords; i++) {
        await batch();
        bar.set(warmup + putRecord + i + 1);
      }
      const batch$ = cpuSpent(beforeBatch, treeCpu(pid));
      let refusing = await refuse();
      const beforeRefused = treeCpu(pid);
      for (let i = 0; i < refused && refusing; i++) {
        refusing = await refuse();
        bar.set(warmup + putRecord + putRecords + i + 1);
      }
      const refused$ = cpuSpent(beforeRefused, treeCpu(pid));
      const perCall = (/** @type {number} */ ms) => ms / putRecord;
      const perRecord = (/** @type {number} */ ms) => (ms * 1000) / (putRecords * RECORDS_PER_CALL);
      /** @type {Record<string, number>} */
      const figures = { putRecord: perCall(single$.total), putRecordsRecord: perRecord(batch$.total) };
      if (single$.byKind.workerd !== undefined) figures["putRecord.workerd"] = perCall(single$.byKind.workerd);
      if (batch$.byKind.workerd !== undefined) figures["putRecordsRecord.workerd"] = perRecord(batch$.byKind.workerd);
      if (refusing) {
        figures.refused = refused$.total / refused;
        if (refused$.byKind.workerd !== undefined) figures["refused.workerd"] = refused$.byKind.workerd / refused;
      }
      const byKind = (/** @type {Record<string, number>} */ spent, /** @type {(ms: number) => number} */ per) =>
        Object.fromEntries(Object.entries(spent).map(([kind, ms]) => [kind, Number(per(ms).toFixed(4))]));
      return {
        figures,
        details: {
          putRecordCalls: putRecord,
          putRecordsCalls: putRecords,
          recordBytes: RECORD_BYTES,
          putRecordMsByProcess: byKind(single$.byKind, perCall),
          putRecordsRecordUsByProcess: byKind(batch$.byKind, perRecord),
          refusedCalls: refusing ? refused : 0,
        },
        ...(!refusing && { notes: ["a partition key of 257 characters was accepted, so there is no refused-call figure"] }),
      };
    } finally {
      await deleteStreamQuietly(client, streamName);
      client.destroy();
    }
  },
};
