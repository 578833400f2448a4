// Where the Worker's time goes: starts the local server (as `npm start` does), puts records one call
// at a time as the `cpu` scenario does, and meanwhile takes a CPU profile of the Workers runtime
// through its inspector (the Worker and its Durable Objects run in the one isolate). Prints the
// self time per call by source module of the bundle (src/..., node_modules/...) and the runtime's own
// (program, garbage collector), and writes the profile for Chrome's DevTools.
//
//   node bench/profile.mjs [--batch | --drain] [--calls N] [--interval µs] [--out file.cpuprofile]
//
// --batch puts 500 records a call (PutRecords); --drain loads 10,000 records of 100 B first, then reads
// them again and again with GetRecords Limit 10,000 from TRIM_HORIZON, as the `drain` scenario reads.
//
// The profiler samples on wall-clock time: on a machine shared with other programs, time the runtime
// spent waiting for a core lands on whatever it was running. Read shares, not absolute figures; the
// `cpu` scenario gives those.

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { GetRecordsCommand, GetShardIteratorCommand, PutRecordCommand, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { startLocalServer } from "../local/server.mjs";
import { findFreePort } from "../local/ports.mjs";
import { createActiveStream, makeClient, payload, putAll, randomKey } from "./client.mjs";

// The inspector proxy of wrangler (miniflare) wants an Origin header, which Node's own WebSocket cannot
// send; miniflare's WebSocket library can.
const WebSocket = createRequire(createRequire(import.meta.url).resolve("miniflare")).resolve("ws");
const { default: WS } = await import(WebSocket);

const { values: args } = parseArgs({
  options: {
    batch: { type: "boolean", default: false },
    drain: { type: "boolean", default: false },
    calls: { type: "string" },
    interval: { type: "string", default: "200" },
    out: { type: "string" },
  },
});
const RECORDS_PER_CALL = 500;
const DRAIN_RECORDS = 10_000;
const mode = args.drain ? "getrecords" : args.batch ? "putrecords" : "putrecord";
const calls = Number(args.calls ?? { getrecords: 30, putrecords: 60, putrecord: 1000 }[mode]);
const out = args.out ?? join(tmpdir(), `rivulet-${mode}.cpuprofile`);

/** One DevTools protocol session: send(method, params) answers the command's result. */
async function devtools(url) {
  const socket = new WS(url, { headers: { Origin: "http://localhost" } });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  let id = 0;
  const waiting = new Map();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data));
    const answer = waiting.get(message.id);
    if (!answer) return;
    waiting.delete(message.id);
    if (message.error) answer.reject(new Error(`${message.error.message} (${answer.method})`));
    else answer.resolve(message.result);
  });
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        waiting.set(++id, { resolve, reject, method });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

/** The source module of each line of a bundle, from esbuild's `// path` comments. */
function modulesByLine(source) {
  let current = "(bundle prelude)";
  return source.split("\n").map((line) => {
    const match = /^\/\/ (\S+\.(?:ts|tsx|js|mjs))$/.exec(line);
    if (match) current = match[1].replace(/^.*node_modules\//, "node_modules/");
    return current;
  });
}

/**
 * Self time in ms per call, by the module of the nearest JavaScript frame (native calls count for their
 * caller), and by function (a native one named with its caller's module).
 */
async function selfTimes(profile, session) {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const sources = new Map();
  const moduleOf = async (frame) => {
    if (!sources.has(frame.scriptId)) {
      const { scriptSource } = await session.send("Debugger.getScriptSource", { scriptId: frame.scriptId });
      sources.set(frame.scriptId, modulesByLine(scriptSource));
    }
    return sources.get(frame.scriptId)[frame.lineNumber] ?? "?";
  };
  const self = new Map();
  profile.samples.forEach((sample, i) => self.set(sample, (self.get(sample) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const modules = new Map();
  const functions = new Map();
  const add = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms);
  for (const [id, micros] of self) {
    const ms = micros / 1000 / calls;
    const frame = nodes.get(id).callFrame;
    const name = frame.functionName || "(anonymous)";
    if (["(idle)", "(program)", "(garbage collector)", "(root)"].includes(name)) {
      add(modules, name, ms);
      continue;
    }
    let caller = id;
    while (caller !== undefined && !nodes.get(caller).callFrame.url) caller = parent.get(caller);
    const module = caller === undefined ? "(native, no caller)" : await moduleOf(nodes.get(caller).callFrame);
    add(modules, module, ms);
    add(functions, `${name}${frame.url ? "" : " (native)"}  ${module}`, ms);
  }
  const sorted = (map) => [...map].sort((a, b) => b[1] - a[1]);
  return { modules: sorted(modules), functions: sorted(functions) };
}

const persistDir = mkdtempSync(join(tmpdir(), "rivulet-profile-"));
const inspectorPort = await findFreePort();
const server = await startLocalServer({ port: 0, persistDir, quiet: true, inspectorPort });
const client = makeClient(server.url);
try {
  const targets = await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json();
  const session = await devtools(targets[0].webSocketDebuggerUrl);
  const { streamName, shardIds } = await createActiveStream(client, "profile", 1);
  const data = payload(100);
  const records = Array.from({ length: RECORDS_PER_CALL }, () => ({ Data: data, PartitionKey: randomKey() }));
  let call = () =>
    args.batch
      ? client.send(new PutRecordsCommand({ StreamName: streamName, Records: records }))
      : client.send(new PutRecordCommand({ StreamName: streamName, Data: data, PartitionKey: randomKey() }));
  if (args.drain) {
    for (let i = 0; i < DRAIN_RECORDS; i += RECORDS_PER_CALL) await putAll(client, streamName, records);
    const { ShardIterator } = await client.send(
      new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardIds[0], ShardIteratorType: "TRIM_HORIZON" }),
    );
    // The same iterator each time (it is valid for five minutes): every call reads the same 10,000 records.
    call = async () => {
      const answer = await client.send(new GetRecordsCommand({ ShardIterator, Limit: DRAIN_RECORDS }));
      if (answer.Records?.length !== DRAIN_RECORDS) throw new Error(`read ${answer.Records?.length} records`);
    };
  }
  for (let i = 0; i < (args.drain ? 5 : 100); i++) await call();

  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: Number(args.interval) });
  await session.send("Profiler.start");
  const started = performance.now();
  for (let i = 0; i < calls; i++) await call();
  const elapsed = performance.now() - started;
  const { profile } = await session.send("Profiler.stop");
  writeFileSync(out, JSON.stringify(profile));
  // Only now: with the debugger on, V8 tracks async stacks, which would slow what was measured.
  await session.send("Debugger.enable");
  const { modules, functions } = await selfTimes(profile, session);
  session.close();

  const unit = { getrecords: `GetRecords call of ${DRAIN_RECORDS}`, putrecords: `PutRecords call of ${RECORDS_PER_CALL}`, putrecord: "PutRecord" }[mode];
  const print = (rows) => rows.forEach(([key, ms]) => console.log(`${ms.toFixed(3).padStart(9)}  ${key}`));
  console.log(`${calls} ${unit} calls in ${(elapsed / 1000).toFixed(1)} s; self time per call (ms), by module:`);
  print(modules.slice(0, 30));
  console.log("by function:");
  print(functions.slice(0, 30));
  console.log(`profile: ${out}`);
} finally {
  client.destroy();
  await server.close();
  rmSync(persistDir, { recursive: true, force: true });
}
