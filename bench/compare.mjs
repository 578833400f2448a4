// Two builds of Rivulet under the same load: both local servers up at once, the `cpu` scenario's calls
// sent to one then the other in alternating rounds, so that other programs sharing the machine weigh
// on both alike. One server at a time, as `npm run bench` runs them, measures each under whatever load
// the machine had during its turn; on a shared machine that moves the figures more than a change does.
//
//   node bench/compare.mjs <checkout before> <checkout after> [rounds]
//
// Each checkout is a directory holding the project (a git worktree, or `git archive` of a commit with
// node_modules linked in). Prints, per figure, the median over the rounds and every round's value.

import { join, resolve } from "node:path";
import { runPaired } from "./paired.mjs";

const [before, after, roundsArg] = process.argv.slice(2);
if (!before || !after) {
  console.error("usage: node bench/compare.mjs <checkout before> <checkout after> [rounds]");
  process.exit(2);
}
const rounds = Number(roundsArg ?? 8);
const SINGLE_CALLS = 200;
const BATCH_CALLS = 30;
const RECORDS_PER_CALL = 500;

/** One build's server, client and figures; its modules come from its own checkout. */
async function side(label, dir) {
  const { SERVERS } = await import(join(dir, "bench/servers.mjs"));
  const client$ = await import(join(dir, "bench/client.mjs"));
  const { treeCpu, cpuSpent } = await import(join(dir, "bench/cpu.mjs"));
  const { PutRecordCommand, PutRecordsCommand } = await import(join(dir, "node_modules/@aws-sdk/client-kinesis/dist-cjs/index.js"));
  const server = await SERVERS.find((candidate) => candidate.name === "rivulet").start();
  const client = client$.makeClient(server.endpoint);
  const { streamName } = await client$.createActiveStream(client, "compare", 1);
  const data = client$.payload(100);
  const records = Array.from({ length: RECORDS_PER_CALL }, () => ({ Data: data, PartitionKey: client$.randomKey() }));
  const single = () => client.send(new PutRecordCommand({ StreamName: streamName, Data: data, PartitionKey: client$.randomKey() }));
  const batch = async () => {
    const answer = await client.send(new PutRecordsCommand({ StreamName: streamName, Records: records }));
    if (answer.FailedRecordCount) throw new Error(`${label}: ${answer.FailedRecordCount} records failed`);
  };
  const figures = { putRecordMs: [], putRecordWorkerdMs: [], recordUs: [], recordWorkerdUs: [], putRecordP50Ms: [] };
  return {
    label,
    figures,
    async warmUp() {
      for (let i = 0; i < 100; i++) await (i % 10 === 0 ? batch() : single());
    },
    async round() {
      let start = treeCpu(server.pid);
      const latencies = [];
      for (let i = 0; i < SINGLE_CALLS; i++) {
        const sent = performance.now();
        await single();
        latencies.push(performance.now() - sent);
      }
      let spent = cpuSpent(start, treeCpu(server.pid));
      figures.putRecordMs.push(spent.total / SINGLE_CALLS);
      figures.putRecordWorkerdMs.push((spent.byKind.workerd ?? 0) / SINGLE_CALLS);
      latencies.sort((a, b) => a - b);
      figures.putRecordP50Ms.push(latencies[Math.floor(latencies.length / 2)]);
      start = treeCpu(server.pid);
      for (let i = 0; i < BATCH_CALLS; i++) await batch();
      spent = cpuSpent(start, treeCpu(server.pid));
      figures.recordUs.push((spent.total * 1000) / (BATCH_CALLS * RECORDS_PER_CALL));
      figures.recordWorkerdUs.push(((spent.byKind.workerd ?? 0) * 1000) / (BATCH_CALLS * RECORDS_PER_CALL));
    },
    async stop() {
      client.destroy();
      await server.stop();
    },
  };
}

await runPaired(
  () => side("before", resolve(before)),
  () => side("after", resolve(after)),
  rounds,
  {
    putRecordMs: "CPU per PutRecord, all processes (ms)",
    putRecordWorkerdMs: "CPU per PutRecord, workerd (ms)",
    recordUs: "CPU per record, PutRecords of 500, all processes (µs)",
    recordWorkerdUs: "CPU per record, PutRecords of 500, workerd (µs)",
    putRecordP50Ms: "PutRecord latency p50 (ms)",
  },
  (_key, value) => value.toFixed(2),
);
