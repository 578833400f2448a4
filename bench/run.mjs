#!/usr/bin/env node
// `npm run bench`: Rivulet and the local Kinesis servers people use instead, measured side by side on
// this machine in one run with one client. Servers run one after another (never together, so they do
// not compete for the CPU), each scenario on fresh streams. Progress goes to stderr, the markdown table
// to stdout, everything to bench/results/<date>.json.
//
//   node bench/run.mjs [--quick] [--only put-latency,drain] [--servers rivulet,kinesalite] [--out file.json]
//
// The run always ends by itself: every scenario has a time limit, every count is bounded, and every
// server process is killed at the end, on Ctrl-C, and if the runner itself fails.

import { parseArgs } from "node:util";
import { cpus, totalmem, availableParallelism, release, loadavg } from "node:os";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { SERVERS, killAllNow } from "./servers.mjs";
import { SCENARIOS } from "./scenarios/index.mjs";
import memoryScenario from "./scenarios/memory.mjs";
import { Progress, status } from "./progress.mjs";
import { treeRss } from "./memory.mjs";
import { describeError, Unsupported } from "./client.mjs";
import { renderMarkdown, writeJson } from "./report.mjs";

const require = createRequire(import.meta.url);

const USAGE = `Usage: node bench/run.mjs [options]

  --quick              small counts and short runs (well under a minute per server)
  --only <list>        scenarios to run, comma separated: ${SCENARIOS.map((s) => s.name).join(", ")}
  --servers <list>     servers to run, comma separated: ${SERVERS.map((s) => s.name).join(", ")}
  --out <file>         where to write the JSON results (default bench/results/<YYYY-MM-DD>.json)
  --strict             exit with status 1 if any server or scenario failed
  --help               this text
`;

function parseCli() {
  const { values } = parseArgs({
    options: {
      quick: { type: "boolean", default: false },
      only: { type: "string" },
      servers: { type: "string" },
      out: { type: "string" },
      strict: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const pick = (/** @type {string | undefined} */ list, /** @type {string[]} */ known, /** @type {string} */ what) => {
    if (!list) return known;
    const wanted = list.split(",").map((s) => s.trim()).filter(Boolean);
    const unknown = wanted.filter((w) => !known.includes(w));
    if (unknown.length > 0 || wanted.length === 0) {
      process.stderr.write(`Unknown ${what}: ${unknown.join(", ") || "(none given)"}\n\n${USAGE}`);
      process.exit(2);
    }
    // Table order stays the canonical order, whatever order they were listed in.
    return known.filter((k) => wanted.includes(k));
  };
  const date = new Date().toISOString().slice(0, 10);
  return {
    quick: values.quick,
    strict: values.strict,
    scenarios: pick(values.only, SCENARIOS.map((s) => s.name), "scenario"),
    servers: pick(values.servers, SERVERS.map((s) => s.name), "server"),
    out: values.out ?? fileURLToPath(new URL(`results/${date}.json`, import.meta.url)),
    date,
  };
}

/** Kills the servers however the run ends. */
function installCleanup() {
  process.on("exit", killAllNow);
  for (const signal of /** @type {const} */ (["SIGINT", "SIGTERM", "SIGHUP"])) {
    process.on(signal, () => {
      process.stderr.write(`\n${signal}: stopping all servers\n`);
      killAllNow();
      process.exit(signal === "SIGINT" ? 130 : 143);
    });
  }
  process.on("uncaughtException", (err) => {
    process.stderr.write(`\nbench failed: ${err?.stack ?? err}\n`);
    killAllNow();
    process.exit(1);
  });
}

/** @param {string} pkg */
function versionOf(pkg) {
  try {
    return JSON.parse(readFileSync(require.resolve(`${pkg}/package.json`), "utf8")).version;
  } catch {
    return "unknown";
  }
}

function machineInfo() {
  const cpu = cpus()[0];
  return {
    cpu: cpu?.model?.trim() || "unknown",
    cores: availableParallelism(),
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${process.arch} ${release()}`,
    // Other work on the machine skews every figure; the load when the run began says how much.
    loadAverage1m: Number(loadavg()[0].toFixed(2)),
  };
}

/**
 * Runs `fn` with a signal that aborts after `ms`; gives up waiting at that moment even if `fn` does not
 * notice, so a hung server cannot hang the run.
 * @template T
 * @param {number} ms
 * @param {(signal: AbortSignal) => Promise<T>} fn
 * @returns {Promise<T>}
 */
async function withTimeLimit(ms, fn) {
  const controller = new AbortController();
  const limitReached = new Promise((_, reject) => {
    controller.signal.addEventListener("abort", () => reject(controller.signal.reason), { once: true });
  });
  const timer = setTimeout(
    () => controller.abort(new Error(`time limit of ${Math.round(ms / 1000)} s reached`)),
    ms,
  );
  try {
    return await Promise.race([fn(controller.signal), limitReached]);
  } finally {
    clearTimeout(timer);
    controller.abort(new Error("scenario over"));
    limitReached.catch(() => {});
  }
}

/**
 * @param {import("./servers.mjs").ServerDef} def
 * @param {ReturnType<typeof parseCli>} cli
 * @returns {Promise<import("./report.mjs").ServerOutcome>}
 */
async function benchServer(def, cli) {
  /** @type {import("./report.mjs").ServerOutcome} */
  const outcome = { name: def.name, description: def.description, status: "ok", scenarios: {} };
  const skip = def.unavailable();
  if (skip) {
    status(`${def.name}: skipped (${skip})`);
    return { ...outcome, status: "skipped", error: skip };
  }

  status(`${def.name}: starting`);
  /** @type {import("./servers.mjs").RunningServer} */
  let server;
  try {
    server = await def.start();
  } catch (err) {
    const error = describeError(err);
    status(`${def.name}: failed to start: ${error}`);
    return { ...outcome, status: "error", error };
  }
  const startRss = treeRss(server.pid);
  status(`${def.name}: serving at ${server.endpoint} (pid ${server.pid})`);

  const wantMemory = cli.scenarios.includes(memoryScenario.name);
  try {
    for (const scenario of SCENARIOS) {
      if (scenario === memoryScenario) continue;
      const wanted = cli.scenarios.includes(scenario.name);
      const measuresMemory = wantMemory && scenario.name === memoryScenario.during;
      if (!wanted && !measuresMemory) continue;

      /** @type {Progress[]} */
      const bars = [];
      const started = Date.now();
      try {
        const run = () =>
          withTimeLimit(scenario.timeLimitMs(cli.quick), (signal) =>
            scenario.run({
              server: def.name,
              endpoint: server.endpoint,
              pid: server.pid,
              quick: cli.quick,
              signal,
              progress: (what, total) => {
                bars.at(-1)?.finish();
                const bar = new Progress(`${def.name} ${what}`, total);
                bars.push(bar);
                return bar;
              },
            }),
          );
        if (measuresMemory) {
          const { memory, work } = await memoryScenario.measure(server.pid, startRss, run);
          if (wanted) outcome.scenarios[scenario.name] = { status: "ok", ...work, elapsedMs: Date.now() - started };
          outcome.scenarios[memoryScenario.name] = { status: "ok", ...memory };
        } else {
          const result = await run();
          outcome.scenarios[scenario.name] = { status: "ok", ...result, elapsedMs: Date.now() - started };
        }
        bars.at(-1)?.finish();
      } catch (err) {
        if (err instanceof Unsupported) {
          bars.at(-1)?.finish("n/a");
          status(`${def.name} ${scenario.name}: n/a (${err.message})`);
          if (wanted) {
            outcome.scenarios[scenario.name] = {
              status: "n/a",
              notes: [`n/a: ${err.message}`],
              elapsedMs: Date.now() - started,
            };
          }
          continue;
        }
        // Where it stopped tells a slow server from a broken one.
        const bar = bars.at(-1);
        const where = bar && bar.done < bar.total ? ` (stopped in "${bar.label}" at ${Math.floor((100 * bar.done) / bar.total)}%)` : "";
        const error = describeError(err) + where;
        bar?.finish("error");
        status(`${def.name} ${scenario.name}: ${error}`);
        if (wanted) outcome.scenarios[scenario.name] = { status: "error", error, elapsedMs: Date.now() - started };
        if (measuresMemory) {
          outcome.scenarios[memoryScenario.name] = { status: "error", error: `${scenario.name} failed: ${error}` };
        }
      }
    }
  } finally {
    status(`${def.name}: stopping`);
    await server.stop().catch((err) => status(`${def.name}: stop failed: ${describeError(err)}`));
  }
  return outcome;
}

async function main() {
  const cli = parseCli();
  installCleanup();
  const shownScenarios = SCENARIOS.filter((s) => cli.scenarios.includes(s.name));
  /** @type {import("./report.mjs").RunResults} */
  const results = {
    date: cli.date,
    quick: cli.quick,
    machine: machineInfo(),
    client: {
      sdkVersion: versionOf("@aws-sdk/client-kinesis"),
      handler: "NodeHttpHandler (HTTP/1.1), keep-alive agent, maxSockets 256, SDK retries off",
    },
    scenarios: shownScenarios.map((s) => ({
      name: s.name,
      title: s.title,
      description: s.describe(cli.quick),
      figures: s.figures,
    })),
    servers: [],
  };
  /** @type {Record<string, unknown>} */ (results.machine).packages = {
    kinesalite: versionOf("kinesalite"),
    "kinesis-local": versionOf("kinesis-local"),
  };
  const runStarted = Date.now();
  for (const def of SERVERS.filter((s) => cli.servers.includes(s.name))) {
    results.servers.push(await benchServer(def, cli));
  }
  status(`finished in ${Math.round((Date.now() - runStarted) / 1000)} s`);

  // Waiting for the write matters when stdout is a pipe: exiting first could cut the table short.
  await new Promise((resolve) => process.stdout.write(renderMarkdown(results), resolve));
  writeJson(results, cli.out);
  status(`results written to ${cli.out}`);

  const failed = results.servers.some(
    (s) => s.status === "error" || Object.values(s.scenarios).some((o) => o.status === "error"),
  );
  // Sockets and timers of aborted calls must not keep a finished run alive.
  process.exit(cli.strict && failed ? 1 : 0);
}

await main();
