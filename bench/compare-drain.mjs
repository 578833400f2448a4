// The `drain` scenario's reads, paired: two builds of Rivulet up at once, each holding the same backlog,
// drained in alternating rounds so that other programs sharing the machine weigh on both alike (see
// compare.mjs, its twin for PutRecord(s)). A round reads a build's whole backlog from TRIM_HORIZON with
// GetRecords Limit 10,000, following NextShardIterator, as the drain scenario's consumer does.
//
//   node bench/compare-drain.mjs <checkout before> <checkout after> [rounds] [backlog]
//
// Prints, per figure, the median over the rounds and every round's value: records per second (wall
// clock), CPU per record read of the server's processes (all, and workerd's alone, read from /proc as
// cpu.mjs does), and of this process, which is the consumer (the AWS SDK decoding the answers).

import { join, resolve } from "node:path";
import { runPaired } from "./paired.mjs";

const [before, after, roundsArg, backlogArg] = process.argv.slice(2);
if (!before || !after) {
  console.error("usage: node bench/compare-drain.mjs <checkout before> <checkout after> [rounds] [backlog]");
  process.exit(2);
}
const rounds = Number(roundsArg ?? 8);
const BACKLOG = Number(backlogArg ?? 50_000);
const LIMIT = 10_000;
const RECORDS_PER_PUT = 500;

/** One build's server, client and figures; its modules come from its own checkout. */
async function side(label, dir) {
  const { SERVERS } = await import(join(dir, "bench/servers.mjs"));
  const client$ = await import(join(dir, "bench/client.mjs"));
  const { treeCpu, cpuSpent } = await import(join(dir, "bench/cpu.mjs"));
  const { GetRecordsCommand, GetShardIteratorCommand } = await import(join(dir, "node_modules/@aws-sdk/client-kinesis/dist-cjs/index.js"));
  const server = await SERVERS.find((candidate) => candidate.name === "rivulet").start();
  const client = client$.makeClient(server.endpoint);
  const { streamName, shardIds } = await client$.createActiveStream(client, "compare-drain", 1);
  const data = client$.payload(100);
  for (let loaded = 0; loaded < BACKLOG; loaded += RECORDS_PER_PUT) {
    const records = Array.from({ length: Math.min(RECORDS_PER_PUT, BACKLOG - loaded) }, () => ({ Data: data, PartitionKey: client$.randomKey() }));
    await client$.putAll(client, streamName, records);
  }
  const drain = async () => {
    let { ShardIterator: iterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardIds[0], ShardIteratorType: "TRIM_HORIZON" }),
    );
    let read = 0;
    while (read < BACKLOG) {
      const answer = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: LIMIT }));
      const n = answer.Records?.length ?? 0;
      if (n === 0) throw new Error(`${label}: an empty answer after ${read} of ${BACKLOG} records`);
      read += n;
      iterator = answer.NextShardIterator;
    }
    if (read !== BACKLOG) throw new Error(`${label}: read ${read} of ${BACKLOG}`);
  };
  const figures = { recordsPerSecond: [], serverUs: [], workerdUs: [], consumerUs: [] };
  return {
    label,
    figures,
    warmUp: drain,
    async round() {
      const start = treeCpu(server.pid);
      const consumer = process.cpuUsage();
      const started = performance.now();
      await drain();
      const elapsed = performance.now() - started;
      const used = process.cpuUsage(consumer);
      const spent = cpuSpent(start, treeCpu(server.pid));
      figures.recordsPerSecond.push(BACKLOG / (elapsed / 1000));
      figures.serverUs.push((spent.total * 1000) / BACKLOG);
      figures.workerdUs.push(((spent.byKind.workerd ?? 0) * 1000) / BACKLOG);
      figures.consumerUs.push((used.user + used.system) / BACKLOG);
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
    recordsPerSecond: "drain, records/s",
    serverUs: "CPU per record read, server's processes (µs)",
    workerdUs: "CPU per record read, workerd (µs)",
    consumerUs: "CPU per record read, consumer (this process, µs)",
  },
  (key, value) => (key === "recordsPerSecond" ? value.toFixed(0) : value.toFixed(2)),
);
