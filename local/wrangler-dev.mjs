import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { createOutputFilter } from "./output-filter.mjs";

// wrangler's CLI as a child process: the D1 migrations `npm start` applies
// before it starts, the deploy bundle build.mjs makes, and plain
// `wrangler dev` (startWranglerDev: test/e2e/wrangler-dev.test.ts runs the
// Worker as a Workers developer would; `npm start` does not use it).

/** The repository root: this file lives in <root>/local/. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const require = createRequire(import.meta.url);

/**
 * wrangler's CLI, from node_modules, so no npx (and no network) is involved.
 * `bin/wrangler.js` only checks the Node version and re-spawns Node on
 * `wrangler-dist/cli.js`; running cli.js directly saves that extra Node
 * process (about 50 MB of memory for the lifetime of the server).
 * @returns {{ script: string, direct: boolean }}
 */
export function wranglerEntry() {
  const pkgPath = require.resolve("wrangler/package.json");
  const dir = path.dirname(pkgPath);
  const cli = path.join(dir, "wrangler-dist", "cli.js");
  if (fs.existsSync(cli)) return { script: cli, direct: true };
  const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8"));
  const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin.wrangler;
  return { script: path.resolve(dir, bin), direct: false };
}

/**
 * The Node binary to run wrangler with. wrangler needs a newer Node than the
 * system one, which the `node` devDependency provides; npm scripts put it
 * first on PATH, but callers such as a plain `node bench/run.mjs` may run
 * under the system Node, so prefer the project's copy explicitly.
 */
export function nodeBinary() {
  const local = path.join(PROJECT_ROOT, "node_modules", ".bin", process.platform === "win32" ? "node.exe" : "node");
  if (fs.existsSync(local)) return local;
  // The check bin/wrangler.js would have made, with a hint that fits here.
  const [major = 0, minor = 0] = process.versions.node.split(".").map(Number);
  if (major < 22 || (major === 22 && minor < 12)) {
    throw new Error(
      `wrangler needs Node.js 22.12 or later, this is ${process.version}; run \`npm install\` (it provides one in node_modules) or use a newer Node`,
    );
  }
  return process.execPath;
}

/**
 * @typedef {object} WranglerDevOptions
 * @property {string} configPath wrangler.toml of the Worker to run
 * @property {number} port internal loopback port for wrangler dev
 * @property {string} persistDir passed as --persist-to
 * @property {string} envFile passed as --env-file (holds the secrets)
 * @property {Record<string, string>} vars non-secret vars, passed as --var
 * @property {string} logLevel wrangler --log-level
 * @property {boolean} quiet when true wrangler's output is kept only for error reports
 * @property {number} startupTimeoutMs how long to wait for the first response
 * @property {number} [inspectorPort] the Worker's DevTools port (default 0: one the OS picks)
 */

/**
 * @typedef {object} WranglerDev
 * @property {number} pid
 * @property {Promise<void>} ready resolves once the Worker answers HTTP; rejects if wrangler exits or times out first
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 * @property {() => Promise<void>} stop terminate wrangler and every process it started
 * @property {() => void} stopSync last-resort SIGKILL of the whole process group, for process 'exit' handlers
 * @property {() => string} recentOutput the last lines wrangler printed, for error messages
 */

/**
 * Start `wrangler dev` in its own process group. The group matters: wrangler
 * starts workerd processes of its own, and signalling the group is the only
 * reliable way to leave none behind. It also keeps a terminal's Ctrl-C (sent
 * to the foreground group) away from wrangler, so the front decides the
 * shutdown order.
 * @param {WranglerDevOptions} options
 * @returns {WranglerDev}
 */
export function startWranglerDev(options) {
  const entry = wranglerEntry();
  const here = path.dirname(fileURLToPath(import.meta.url));
  /** @param {string} file */
  const preload = (file) => ["--import", pathToFileURL(path.join(here, file)).href];
  const args = [
    // What bin/wrangler.js would pass when it is skipped.
    ...(entry.direct ? ["--no-warnings"] : []),
    ...(entry.direct && process.platform !== "win32" ? preload("parent-watchdog.mjs") : []),
    entry.script,
    "dev",
    "--config", options.configPath,
    "--ip", "127.0.0.1",
    "--port", String(options.port),
    // 0 lets the OS choose: the debugger stays available but can never
    // collide with another instance (wrangler has no flag to turn it off).
    // bench/profile.mjs names one, to take CPU profiles through it.
    "--inspector-port", String(options.inspectorPort ?? 0),
    "--show-interactive-dev-session=false",
    "--log-level", options.logLevel,
    "--persist-to", options.persistDir,
    "--env-file", options.envFile,
    ...Object.entries(options.vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
  ];

  /** @type {NodeJS.ProcessEnv} */
  const env = {
    // wrangler's local observability records a trace of every invocation (each request and each
    // Durable Object call) into an SQLite store of its own, in the same workerd process: measured,
    // it doubled workerd's CPU per PutRecord (README, Benchmark). Nothing of Rivulet reads those
    // traces; whoever wants them sets X_LOCAL_OBSERVABILITY=true.
    X_LOCAL_OBSERVABILITY: "false",
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
  };
  // The Worker's configuration comes only from the env file and --var; a
  // secret left in the environment must not leak in another way.
  delete env.RIVULET_ACCESS_KEYS;
  delete env.CLOUDFLARE_INCLUDE_PROCESS_ENV;
  // For parent-watchdog.mjs: what to remove if the front dies uncleanly.
  env.RIVULET_WATCHDOG_REMOVE_DIR = path.dirname(options.envFile);

  const child = spawn(nodeBinary(), args, {
    cwd: path.dirname(options.configPath),
    env,
    // The IPC channel is what bin/wrangler.js gives cli.js as well.
    stdio: ["ignore", "pipe", "pipe", "ipc"],
    detached: process.platform !== "win32",
  });
  const pid = /** @type {number} */ (child.pid);
  // The channel must not keep this process alive on its own.
  child.channel?.unref();

  /** @type {string[]} */
  const recent = [];
  /** @param {NodeJS.WriteStream} target */
  const sink = (target) =>
    createOutputFilter((line) => {
      recent.push(stripVTControlCharacters(line));
      if (recent.length > 40) recent.shift();
      if (!options.quiet) target.write(`${line}\n`);
    });
  const out = sink(process.stdout);
  const err = sink(process.stderr);
  child.stdout.on("data", (chunk) => out.write(chunk));
  child.stderr.on("data", (chunk) => err.write(chunk));
  child.stdout.on("end", () => out.end());
  child.stderr.on("end", () => err.end());

  let running = true;
  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
  const exited = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      running = false;
      resolve({ code, signal });
    });
    child.on("error", (error) => {
      running = false;
      recent.push(String(error));
      resolve({ code: 1, signal: null });
    });
  });

  /**
   * Signal wrangler's whole process group.
   * @param {NodeJS.Signals} signal
   * @returns {boolean} false once the group is gone
   */
  const signalGroup = (signal) => {
    try {
      if (process.platform === "win32") child.kill(signal);
      else process.kill(-pid, signal);
      return true;
    } catch {
      return false; // ESRCH: the whole group is already gone
    }
  };

  const ready = waitUntilServing(options.port, exited, options.startupTimeoutMs, () => recent.join("\n"));

  return {
    pid,
    ready,
    exited,
    recentOutput: () => recent.join("\n"),
    stopSync() {
      signalGroup("SIGKILL");
    },
    async stop() {
      if (running) {
        signalGroup("SIGTERM");
        const timer = setTimeout(() => signalGroup("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      // wrangler stops its workerd processes before it exits (and they got
      // the SIGTERM too); anything of the group still running now missed
      // it. (Polling the group would not work: exited children not yet
      // reaped by init still count as members.)
      signalGroup("SIGKILL");
    },
  };
}

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Poll until the Worker behind `port` answers any HTTP request. A TCP accept
 * alone is not enough: wrangler binds its port before the Worker is built.
 * @param {number} port
 * @param {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 * @param {number} timeoutMs
 * @param {() => string} output
 * @returns {Promise<void>}
 */
async function waitUntilServing(port, exited, timeoutMs, output) {
  let exit = /** @type {{ code: number | null, signal: NodeJS.Signals | null } | undefined} */ (undefined);
  exited.then((e) => (exit = e));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exit) {
      const error = new Error(
        `wrangler dev exited (${exit.signal ?? `code ${exit.code}`}) before the Worker was ready\n${output()}`,
      );
      Object.assign(error, { exitCode: exit.code ?? 1 });
      throw error;
    }
    if (Date.now() > deadline) {
      throw new Error(`wrangler dev did not answer on port ${port} within ${timeoutMs} ms\n${output()}`);
    }
    if (await probe(port)) return;
    await Promise.race([sleep(150), exited]);
  }
}

/**
 * One readiness probe: true when any HTTP response comes back.
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function probe(port) {
  return new Promise((resolve) => {
    const req = http.get(
      { host: "127.0.0.1", port, path: "/", agent: false, headers: { "user-agent": "rivulet-local-readiness-probe" } },
      (res) => {
        res.resume();
        resolve(true);
      },
    );
    // Generous: the first request may wait for wrangler to finish bundling.
    req.setTimeout(10_000, () => req.destroy());
    req.on("error", () => resolve(false));
  });
}

/**
 * Applies the pending D1 migrations (each `[[d1_databases]]` with a `migrations_dir`) to the local
 * databases under `persistDir`, before `wrangler dev` starts: a Worker whose Firehose Redshift
 * destination loads into D1 finds its tables. wrangler records what it applied (table d1_migrations),
 * so a restart applies only new files; off a terminal it applies without asking.
 * @param {{ configPath: string, persistDir: string }} options
 * @returns {Promise<void>}
 */
export async function applyLocalD1Migrations(options) {
  const toml = fs.readFileSync(options.configPath, "utf8");
  const names = [...toml.matchAll(/\[\[d1_databases\]\]([\s\S]*?)(?=\n\[|$)/g)]
    .filter((block) => /\bmigrations_dir\s*=/.test(block[1] ?? ""))
    .map((block) => /\bdatabase_name\s*=\s*"([^"]+)"/.exec(block[1] ?? "")?.[1])
    .filter((name) => name !== undefined);
  const entry = wranglerEntry();
  for (const name of names) {
    const args = [entry.script, "d1", "migrations", "apply", name, "--local", "--persist-to", options.persistDir, "--config", options.configPath];
    await runNode(
      args,
      { cwd: path.dirname(options.configPath), env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" } },
      `applying the D1 migrations of ${name}`,
    );
  }
}

/**
 * Runs a Node script to its end; resolves with its stdout, rejects with its output on failure.
 * @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv }} options
 * @param {string} what
 * @returns {Promise<string>}
 */
export function runNode(args, { cwd, env }, what) {
  return new Promise((resolve, reject) => {
    const child = spawn(nodeBinary(), ["--no-warnings", ...args], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${what} failed (exit ${code}):\n${stripVTControlCharacters(stderr || stdout).trim()}`));
    });
  });
}
