// The servers being compared, and how each is started and stopped. Every server runs as a child process
// of the benchmark (so its memory is its own), listens on 127.0.0.1 on a port chosen for this run, and is
// considered started once it answers ListStreams. Every child is started in its own process group and
// tracked here, so it is killed at the end of the run, on Ctrl-C, and when the run dies of an error.

import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, existsSync, accessSync, cpSync, symlinkSync, constants as fsConstants } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, delimiter } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { waitServing } from "./client.mjs";
import { processTree } from "./memory.mjs";

const BENCH_DIR = fileURLToPath(new URL(".", import.meta.url));
const ROOT_DIR = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);

/** How long a server may take from spawn to answering its first call. */
const START_TIMEOUT_MS = 90_000;
/** How long a server gets to exit after SIGTERM before SIGKILL. */
const STOP_GRACE_MS = 3_000;
/** How much of a child's output is kept to explain a failure. */
const OUTPUT_TAIL_CHARS = 4_000;

/**
 * @typedef {object} RunningServer
 * @property {string} endpoint
 * @property {number} pid the top process of the server's tree, for memory sampling
 * @property {() => Promise<void>} stop
 */

/**
 * @typedef {object} ServerDef
 * @property {string} name the name used in --servers and the table
 * @property {string} description what is being run, for the output
 * @property {() => string | null} unavailable why it cannot run on this machine, or null
 * @property {() => Promise<RunningServer>} start
 */

/** @type {Set<import("node:child_process").ChildProcess>} */
const live = new Set();
/** Servers' data directories, removed however the run ends. */
const tempDirs = new Set();

/**
 * Kills every child still running, and their descendants, at once and without waiting, and removes
 * their data directories. Synchronous so it can run in an "exit" handler.
 */
export function killAllNow() {
  for (const child of live) hardKill(child);
  live.clear();
  for (const dir of tempDirs) removeTempDir(dir);
}

function makeTempDir() {
  const dir = mkdtempSync(join(tmpdir(), "rivulet-bench-"));
  tempDirs.add(dir);
  return dir;
}

/** @param {string} dir */
function removeTempDir(dir) {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** @param {import("node:child_process").ChildProcess} child */
function hardKill(child) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  // Descendants first, by pid: a runtime that moved itself into another process group would survive a
  // group kill.
  for (const pid of processTree(child.pid).reverse()) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // already gone
    }
  }
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/**
 * Asks a child to stop, then makes sure it did.
 * @param {import("node:child_process").ChildProcess} child
 */
async function stopChild(child) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return;
  }
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    // already gone
  }
  const timer = setTimeout(() => hardKill(child), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
  // Anything the server left behind in its group goes too.
  hardKill(child);
  live.delete(child);
}

/**
 * Spawns a tracked child whose output is kept (the tail only) to explain failures. The output must be
 * read either way: a server blocked on a full stdout pipe would look slow.
 * @param {string} command
 * @param {string[]} args
 * @param {import("node:child_process").SpawnOptions} options
 */
function spawnTracked(command, args, options) {
  const child = spawn(command, args, { ...options, detached: true });
  live.add(child);
  let tail = "";
  /** @param {Buffer} chunk */
  const keep = (chunk) => {
    tail = (tail + chunk.toString("utf8")).slice(-OUTPUT_TAIL_CHARS);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.on("exit", () => live.delete(child));
  return { child, output: () => tail.trim() };
}

/**
 * Resolves once `ready` resolves; rejects if the child exits, fails to spawn, or the time runs out first.
 * @template T
 * @param {import("node:child_process").ChildProcess} child
 * @param {() => string} output
 * @param {Promise<T>} ready
 * @returns {Promise<T>}
 */
function untilReady(child, output, ready) {
  return new Promise((resolve, reject) => {
    const fail = (/** @type {string} */ why) => {
      cleanup();
      const tail = output();
      reject(new Error(tail ? `${why}; its output ends with:\n${tail.slice(-1500)}` : why));
    };
    const onExit = (/** @type {number|null} */ code, /** @type {string|null} */ signal) =>
      fail(`exited during start (${signal ?? `code ${code}`})`);
    const onError = (/** @type {Error} */ err) => fail(`could not be started: ${err.message}`);
    const timer = setTimeout(() => fail(`did not start within ${START_TIMEOUT_MS / 1000} s`), START_TIMEOUT_MS);
    const cleanup = () => {
      clearTimeout(timer);
      child.off("exit", onExit);
      child.off("error", onError);
    };
    child.once("exit", onExit);
    child.once("error", onError);
    ready.then(
      (value) => {
        cleanup();
        resolve(value);
      },
      (err) => fail(err instanceof Error ? err.message : String(err)),
    );
  });
}

/**
 * Waits until the server at `endpoint` answers, failing early if its process dies.
 * @param {import("node:child_process").ChildProcess} child
 * @param {() => string} output
 * @param {string} endpoint
 */
async function untilServing(child, output, endpoint) {
  const polling = new AbortController();
  try {
    await untilReady(child, output, waitServing(endpoint, START_TIMEOUT_MS, polling.signal));
  } finally {
    polling.abort();
  }
}

/** A port that was free a moment ago, for servers that cannot be told to pick their own. */
async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The URL a child sends over IPC once it listens.
 * @param {import("node:child_process").ChildProcess} child
 * @returns {Promise<string>}
 */
function urlFromChild(child) {
  return new Promise((resolve) => {
    child.on("message", (/** @type {{url?: string}} */ message) => {
      if (message?.url) resolve(message.url);
    });
  });
}

/**
 * @param {string} name
 * @returns {string | null} the full path of an executable on PATH
 */
function onPath(name) {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, fsConstants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** What building and running the Worker needs, relative to the project root. */
const WORKER_FILES = ["wrangler.toml", "package.json", "tsconfig.json", "src", "migrations"];

/**
 * Copies the Worker's sources into `dir` and returns the copy's wrangler.toml. `npm start` rebuilds
 * and restarts the Worker whenever a source file changes; running a snapshot means an edit made during
 * a long run cannot restart the server mid-measurement, and the whole run measures one version.
 * @param {string} dir
 */
function snapshotWorker(dir) {
  for (const entry of WORKER_FILES) {
    const from = join(ROOT_DIR, entry);
    if (existsSync(from)) cpSync(from, join(dir, entry), { recursive: true });
  }
  symlinkSync(join(ROOT_DIR, "node_modules"), join(dir, "node_modules"), "dir");
  return join(dir, "wrangler.toml");
}

/** @type {ServerDef} */
const rivulet = {
  name: "rivulet",
  description:
    "Rivulet's local server (local/server.mjs: Node, with the front and Miniflare, and workerd) running a " +
    "snapshot of src/ taken at its start, data persisted to a fresh temporary directory",
  unavailable: () =>
    existsSync(join(ROOT_DIR, "local", "server.mjs")) ? null : "local/server.mjs does not exist yet",
  async start() {
    const runDir = makeTempDir();
    const persistDir = join(runDir, "state");
    mkdirSync(persistDir);
    const config = snapshotWorker(join(runDir, "worker"));
    const childArgs = [join(BENCH_DIR, "children", "rivulet.mjs"), persistDir, config];
    const { child, output } = spawnTracked(process.execPath, childArgs, {
      cwd: ROOT_DIR,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    try {
      const endpoint = await untilReady(child, output, urlFromChild(child));
      const url = new URL(endpoint);
      // Whatever host name the server reports, traffic goes to the loopback address.
      url.hostname = "127.0.0.1";
      const local = url.origin;
      await untilServing(child, output, local);
      return {
        endpoint: local,
        pid: /** @type {number} */ (child.pid),
        stop: async () => {
          await stopChild(child);
          removeTempDir(runDir);
        },
      };
    } catch (err) {
      await stopChild(child);
      removeTempDir(runDir);
      throw err;
    }
  },
};

/** @type {ServerDef} */
const kinesalite = {
  name: "kinesalite",
  description: "kinesalite (npm), in memory, instant stream state changes",
  unavailable: () => {
    try {
      require.resolve("kinesalite");
      return null;
    } catch {
      return "the kinesalite package is not installed";
    }
  },
  async start() {
    const { child, output } = spawnTracked(process.execPath, [join(BENCH_DIR, "children", "kinesalite.cjs")], {
      cwd: ROOT_DIR,
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    try {
      const endpoint = await untilReady(child, output, urlFromChild(child));
      await untilServing(child, output, endpoint);
      return { endpoint, pid: /** @type {number} */ (child.pid), stop: () => stopChild(child) };
    } catch (err) {
      await stopChild(child);
      throw err;
    }
  },
};

/** @type {ServerDef} */
const kinesisLocal = {
  name: "kinesis-local",
  description: "kinesis-local (npm; kinesis-mock's Node build), in memory, state-change delays set to 0 ms",
  unavailable: () => {
    try {
      require.resolve("kinesis-local/main.js");
      return null;
    } catch {
      return "the kinesis-local package is not installed";
    }
  },
  async start() {
    const main = require.resolve("kinesis-local/main.js");
    const packageDir = join(main, "..");
    const [plainPort, tlsPort] = [await freePort(), await freePort()];
    /** @type {Record<string, string>} */
    const env = {
      KINESIS_MOCK_PLAIN_PORT: String(plainPort),
      // It always opens a TLS port too; a chosen free one cannot collide with another copy on 4567.
      KINESIS_MOCK_TLS_PORT: String(tlsPort),
      KINESIS_MOCK_CERT_PATH: join(packageDir, "server.json"),
      // Its default 500 ms artificial delays would only measure the sleep; the others have none.
      CREATE_STREAM_DURATION: "0ms",
      DELETE_STREAM_DURATION: "0ms",
      UPDATE_SHARD_COUNT_DURATION: "0ms",
      SHARD_LIMIT: "100",
      SHOULD_PERSIST_DATA: "false",
      // INFO logs a line per request; none of the other servers pays for logging.
      LOG_LEVEL: "WARN",
    };
    const { child, output } = spawnTracked(process.execPath, [main], {
      cwd: packageDir,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const endpoint = `http://127.0.0.1:${plainPort}`;
    try {
      await untilServing(child, output, endpoint);
      return { endpoint, pid: /** @type {number} */ (child.pid), stop: () => stopChild(child) };
    } catch (err) {
      await stopChild(child);
      throw err;
    }
  },
};

/** @type {ServerDef} */
const moto = {
  name: "moto",
  description: "moto_server (Python moto), in memory",
  unavailable: () => (onPath("moto_server") ? null : "moto_server is not on the PATH"),
  async start() {
    const port = await freePort();
    const { child, output } = spawnTracked(
      /** @type {string} */ (onPath("moto_server")),
      ["-H", "127.0.0.1", "-p", String(port)],
      { cwd: tmpdir(), stdio: ["ignore", "pipe", "pipe"] },
    );
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      await untilServing(child, output, endpoint);
      return { endpoint, pid: /** @type {number} */ (child.pid), stop: () => stopChild(child) };
    } catch (err) {
      await stopChild(child);
      throw err;
    }
  },
};

/** In table order: Rivulet first, then the peers it is compared with. */
export const SERVERS = [rivulet, kinesalite, kinesisLocal, moto];
