import fs from "node:fs";
import path from "node:path";
import { convertV4MiniflareOptions, Log, LogLevel, Miniflare } from "miniflare";
import { buildWorker } from "./build.mjs";
import { watchSources } from "./watch.mjs";
import { leashWorkerd } from "./workerd-leash.mjs";

// The Worker in Miniflare, in this process: Miniflare starts workerd (the Workers runtime) as a child
// process and configures it; there is no `wrangler dev`, no proxy Worker and no bundler left running.
// The Worker is built as for a deployment (build.mjs) with the bindings `wrangler dev` would give it,
// and its data lives where `wrangler dev --persist-to` keeps it: <persistDir>/v3/{do,d1,r2,kv,...},
// so that `wrangler dev` and `wrangler d1 execute --local --persist-to` read the same files.
//
// Requests go to the Worker's own socket (Miniflare's unsafeDirectSockets), not through Miniflare's
// entry Worker, unless `direct` is false. On a change under src/ (or the config), the Worker is
// rebuilt and Miniflare restarts workerd with it (setOptions); the direct socket keeps its port.

/**
 * @typedef {object} MiniflareWorkerOptions
 * @property {string} configPath the wrangler config
 * @property {string} persistDir like `wrangler dev --persist-to`
 * @property {Record<string, string>} vars values added to (and winning over) the config's [vars], secrets included
 * @property {string} logLevel wrangler's names: none, error, warn, info, log, debug
 * @property {(line: string, stream: "stdout" | "stderr") => void} output what the Worker and Miniflare print
 * @property {boolean} direct true: the Worker's own socket; false: Miniflare's entry socket
 * @property {number} [inspectorPort] the Worker's DevTools port (default none)
 * @property {boolean} [watch] rebuild and restart the Worker when its sources change (default true)
 * @property {(state: "reloading" | "reloaded") => Promise<void> | void} [onReload] before workerd restarts
 *   with a new build (awaited: requests in flight finish first) and after
 */

/**
 * @typedef {object} MiniflareWorker
 * @property {URL} url where requests for the Worker go
 * @property {() => Promise<void>} dispose stop workerd, stop watching, remove the build; safe to call twice
 * @property {() => void} disposeSync last resort, for process 'exit' handlers: removes the build
 */

const LEVELS = ["none", "error", "warn", "info", "log", "debug"];
/** Miniflare's own messages at each of those levels. */
const MINIFLARE_LEVELS = [LogLevel.NONE, LogLevel.ERROR, LogLevel.WARN, LogLevel.INFO, LogLevel.INFO, LogLevel.DEBUG];

/** Miniflare's log, printed where the rest goes (or kept for error messages only, when quiet). */
class OutputLog extends Log {
  /**
   * @param {LogLevel} level
   * @param {(line: string) => void} print
   */
  constructor(level, print) {
    super(level);
    this.print = print;
  }

  /** @param {string} message */
  log(message) {
    for (const line of message.split("\n")) this.print(line);
  }
}

/**
 * Removes the builds of servers that were killed before they could remove their own (named
 * rivulet-<pid>-*, for a process that no longer runs).
 * @param {string} tmp
 */
function removeOrphanedBuilds(tmp) {
  for (const entry of fs.readdirSync(tmp)) {
    const pid = Number(/^rivulet-(\d+)-/.exec(entry)?.[1]);
    if (!pid || pid === process.pid || isRunning(pid)) continue;
    fs.rmSync(path.join(tmp, entry), { recursive: true, force: true });
  }
}

/** @param {number} pid */
function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return /** @type {NodeJS.ErrnoException} */ (error).code === "EPERM";
  }
}

/**
 * @param {MiniflareWorkerOptions} options
 * @returns {Promise<MiniflareWorker>}
 */
export async function startMiniflareWorker(options) {
  const level = Math.max(0, LEVELS.indexOf(options.logLevel));
  const projectRoot = path.dirname(options.configPath);
  // The build: no secret goes in it (they reach workerd in its configuration, over a pipe). It is
  // kept while the server runs, for Miniflare reads the modules again when it restarts workerd after a
  // crash; wrangler keeps its own builds in the same place.
  const tmp = path.join(projectRoot, ".wrangler", "tmp");
  fs.mkdirSync(tmp, { recursive: true });
  removeOrphanedBuilds(tmp);
  const dir = fs.mkdtempSync(path.join(tmp, `rivulet-${process.pid}-`));
  /** @type {NodeJS.ProcessEnv} */
  const childEnv = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "1" };
  // Nothing of the process environment may reach the Worker but what `vars` says.
  delete childEnv.RIVULET_ACCESS_KEYS;
  delete childEnv.RIVULET_ENCRYPTION_KEY;
  delete childEnv.CLOUDFLARE_INCLUDE_PROCESS_ENV;
  // A deployment's bundle, whatever NODE_ENV the caller has (vitest sets "test").
  delete childEnv.NODE_ENV;

  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });
  /** @param {import("./build.mjs").WorkerBuild} build */
  const miniflareOptions = (build) =>
    convertV4MiniflareOptions({
      rootPath: projectRoot,
      host: "127.0.0.1",
      port: 0,
      inspectorPort: options.inspectorPort,
      log: new OutputLog(MINIFLARE_LEVELS[level] ?? LogLevel.WARN, (line) => options.output(line, "stderr")),
      logRequests: false,
      verbose: options.logLevel === "debug",
      handleStructuredLogs: (/** @type {{ level: string, message: string }} */ { level: kind, message }) => {
        // As wrangler shows them: console.log at "log", console.info and .debug at "info".
        const needed = kind === "error" ? 1 : kind === "warn" ? 2 : kind === "info" || kind === "debug" ? 3 : 4;
        if (level >= needed) for (const line of message.replace(/\n$/, "").split("\n")) options.output(line, kind === "error" || kind === "warn" ? "stderr" : "stdout");
      },
      resourcePersistencePath: path.join(options.persistDir, "v3"),
      resourceTmpPath: path.join(projectRoot, ".wrangler", "tmp"),
      unsafeTriggerHandlers: true,
      unsafeLocalExplorer: false,
      // Traces of every invocation into an SQLite store of its own: measured under wrangler dev, it
      // doubled workerd's CPU per PutRecord (README, Benchmark). Whoever wants them sets X_LOCAL_OBSERVABILITY=true.
      unsafeObservability: process.env.X_LOCAL_OBSERVABILITY === "true",
      // Without internet access the `Request.cf` placeholder cannot be downloaded; Miniflare's default object serves.
      cf: false,
      workers: [
        {
          ...build.workerOptions,
          name: build.name,
          bindings: { ...(/** @type {Record<string, unknown>} */ (build.workerOptions.bindings) ?? {}), ...options.vars },
          unsafeDirectSockets: options.direct ? [{ host: "127.0.0.1", port: 0 }] : undefined,
        },
        ...build.externalWorkers,
      ],
    });

  // Each build goes to a directory of its own; the one before is removed once workerd runs the new one.
  let generation = 0;
  /** @type {Miniflare | undefined} */
  let mf;
  let name = "";
  /** @type {(() => void) | undefined} */
  let stopWatching;
  let disposed = false;
  try {
    const build = await buildWorker({ configPath: options.configPath, dir, bundleDir: path.join(dir, `bundle-${generation}`), env: childEnv });
    name = build.name;
    leashWorkerd();
    mf = new Miniflare(miniflareOptions(build));
    await mf.ready;
  } catch (error) {
    await mf?.dispose().catch(() => {});
    removeDir();
    throw error;
  }
  const url = options.direct ? await mf.unsafeGetDirectURL(name) : await mf.ready;

  if (options.watch !== false) {
    let rebuilding = false;
    let again = false;
    const rebuild = async () => {
      if (rebuilding) return void (again = true);
      rebuilding = true;
      try {
        do {
          again = false;
          /** @type {Error | undefined} */
          let failure;
          try {
            const bundleDir = path.join(dir, `bundle-${generation + 1}`);
            const build = await buildWorker({ configPath: options.configPath, dir, bundleDir, env: childEnv }).catch((error) => {
              fs.rmSync(bundleDir, { recursive: true, force: true });
              throw error;
            });
            if (disposed) return;
            await options.onReload?.("reloading");
            try {
              await mf?.setOptions(miniflareOptions(build));
            } finally {
              await options.onReload?.("reloaded");
            }
            fs.rmSync(path.join(dir, `bundle-${generation}`), { recursive: true, force: true });
            generation++;
          } catch (error) {
            failure = /** @type {Error} */ (error);
          }
          if (failure) options.output(`The Worker was not reloaded: ${failure.message}`, "stderr");
          else if (level >= 3) options.output("The Worker was rebuilt and reloaded.", "stdout");
        } while (again && !disposed);
      } finally {
        rebuilding = false;
      }
    };
    stopWatching = watchSources(projectRoot, options.configPath, () => void rebuild());
  }

  let disposing = /** @type {Promise<void> | undefined} */ (undefined);
  return {
    url,
    dispose: () =>
      (disposing ??= (async () => {
        disposed = true;
        stopWatching?.();
        try {
          await mf?.dispose();
        } finally {
          removeDir();
        }
      })()),
    disposeSync() {
      // workerd is SIGKILLed by the kernel as this process ends (workerd-leash.mjs).
      disposed = true;
      removeDir();
    },
  };
}
