import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { DEFAULT_BODY_LIMITS } from "./body-guard.mjs";
import { createForwarder } from "./forward.mjs";
import { createFront } from "./front.mjs";
import { startMiniflareWorker } from "./miniflare.mjs";
import { httpUrl } from "./ports.mjs";
import { applyLocalD1Migrations, PROJECT_ROOT } from "./wrangler-dev.mjs";

// The local Rivulet server, in one Node process: the real Worker, built as
// for a deployment, runs in workerd under Miniflare (miniflare.mjs), and a
// small front accepts both HTTP/1.1 and h2c on the public port (see
// front.mjs for why) and forwards each request to the Worker's own socket
// (see forward.mjs).
//
// Used by `npm start` (serve.mjs), the end-to-end tests and the benchmark.
//
// Files: front.mjs (protocol sniffing, the two servers), forward.mjs,
// headers.mjs and body-guard.mjs (the proxying), miniflare.mjs (the Worker),
// build.mjs and worker-options.mjs (building it), watch.mjs (rebuilding it),
// workerd-leash.mjs (workerd never outlives this process), ports.mjs.
// wrangler-dev.mjs applies the D1 migrations (and runs plain `wrangler dev`
// for the test of it).

/**
 * @typedef {string | { accessKeyId: string, secretAccessKey: string }} AccessKey
 */

/**
 * @typedef {object} LocalServerOptions
 * @property {number} [port] public port; 0 (the default here) picks a free one
 * @property {string} [host] public interface, default 127.0.0.1
 * @property {string} [persistDir] where Durable Object data lives (default
 *   `.wrangler/state`, relative to the current directory); reuse it to keep
 *   data across restarts
 * @property {string | AccessKey[]} [accessKeys] "KEYID:SECRET[,...]" or a list;
 *   empty means any well-formed SigV4 signature is accepted
 * @property {string} [accountId] 12-digit account id in ARNs (default: wrangler.toml's)
 * @property {"on" | "off"} [throughputLimits] AWS's per-shard throughput limits (default off locally)
 * @property {string} [encryptionKey] RIVULET_ENCRYPTION_KEY, base64 of 32 bytes (default:
 *   the Worker's fixed development key)
 * @property {string} [corsOrigins] RIVULET_CORS_ORIGINS: the origins whose pages may call the
 *   APIs (default any, "*"; "none" for none; see src/aws/cors.ts)
 * @property {boolean} [quiet] true: print nothing (what the Worker printed is
 *   still included in startup errors)
 * @property {string} [logLevel] as wrangler's --log-level, default "warn"
 * @property {string} [wranglerConfig] wrangler config of the Worker to run;
 *   default the repository's wrangler.toml (tests may point elsewhere)
 * @property {number} [inspectorPort] the Worker's DevTools (inspector) port; default none
 *   (bench/profile.mjs names one to take CPU profiles)
 * @property {boolean} [directToWorker] default true: send requests straight
 *   to the Worker's own socket; false sends them through Miniflare's entry
 *   Worker (an extra hop in workerd)
 * @property {boolean} [watch] default true: rebuild and reload the Worker when
 *   src/ or the config changes
 * @property {Partial<import("./body-guard.mjs").BodyLimits>} [bodyLimits] request
 *   bodies' size and time limits at the front (default: Cloudflare's 100 MB;
 *   20 s idle, 5 minutes in all); tests shorten them
 */

/**
 * @typedef {object} LocalServer
 * @property {string} url e.g. "http://127.0.0.1:4567"
 * @property {number} port the bound public port
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 *   settles when the server has stopped (close())
 * @property {() => Promise<void>} close stop serving, stop workerd, remove
 *   the build; safe to call twice
 */

/**
 * Normalise the accepted spellings of access keys to the Worker's
 * "KEYID:SECRET,KEYID:SECRET" format, rejecting malformed entries here, where
 * the mistake is easy to see, rather than as signature failures later.
 * @param {string | AccessKey[] | undefined} accessKeys
 * @returns {string}
 */
function formatAccessKeys(accessKeys) {
  if (accessKeys === undefined) return "";
  const entries = typeof accessKeys === "string" ? accessKeys.split(",") : accessKeys;
  return entries
    .map((entry) => (typeof entry === "string" ? entry.trim() : `${entry.accessKeyId}:${entry.secretAccessKey}`))
    .filter((entry) => entry !== "")
    .map((entry) => {
      const colon = entry.indexOf(":");
      if (colon <= 0 || colon === entry.length - 1) {
        throw new Error(`Malformed access key "${entry.slice(0, Math.max(colon, 0)) || entry.slice(0, 4) + "..."}": expected KEYID:SECRET`);
      }
      return entry;
    })
    .join(",");
}

/** @type {Set<() => void>} */
const exitHooks = new Set();
let exitHookInstalled = false;

/**
 * If the hosting process exits without close() (an uncaught exception, a test
 * runner tearing down), the build would stay behind (workerd itself dies
 * with this process, see workerd-leash.mjs). 'exit' handlers must be
 * synchronous, hence sync file removal.
 * @param {() => void} hook
 */
function onProcessExit(hook) {
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", () => {
      for (const h of exitHooks) h();
    });
  }
  exitHooks.add(hook);
  return () => exitHooks.delete(hook);
}

/**
 * Start the local server and resolve once the Worker answers requests.
 * @param {LocalServerOptions} [options]
 * @returns {Promise<LocalServer>}
 */
export async function startLocalServer(options = {}) {
  const host = options.host ?? "127.0.0.1";
  const persistDir = path.resolve(options.persistDir ?? ".wrangler/state");
  const accessKeys = formatAccessKeys(options.accessKeys);
  const accountId = options.accountId?.trim() || undefined;
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) {
    throw new Error(`RIVULET_ACCOUNT_ID must be 12 digits, got "${accountId}"`);
  }
  const configPath = path.resolve(options.wranglerConfig ?? path.join(PROJECT_ROOT, "wrangler.toml"));

  if (!accessKeys && !options.quiet) {
    process.stderr.write(
      "WARNING: no access keys configured (RIVULET_ACCESS_KEYS is empty): " +
        "the local server accepts any well-formed SigV4 signature.\n",
    );
  }

  // The D1 tables (migrations/) exist before the Worker can load into them.
  await applyLocalD1Migrations({ configPath, persistDir });

  // Bind the public port first: a port conflict should fail in
  // milliseconds, not after the Worker has been built.
  /** @type {{ resolve: () => void, reject: (e: Error) => void }} */
  let gate = { resolve: () => {}, reject: () => {} };
  /** @type {Promise<void>} */
  const ready = new Promise((resolve, reject) => (gate = { resolve, reject }));
  ready.catch(() => {}); // observed through whenReady; not an unhandled rejection
  let publicAuthority = "";
  const forwarder = createForwarder({
    ready,
    fallbackHost: () => publicAuthority,
    bodyLimits: { ...DEFAULT_BODY_LIMITS, ...options.bodyLimits },
  });
  const front = createFront({ onHttp1: forwarder.handleHttp1, onHttp2: forwarder.handleHttp2 });
  const port = await front.listen(options.port ?? 0, host);
  publicAuthority = new URL(httpUrl(host, port)).host;

  // What the Worker gets besides wrangler.toml's [vars]. They reach workerd
  // in its configuration, over a pipe: never on a command line, never in a file.
  /** @type {Record<string, string>} */
  const vars = { RIVULET_LOCAL: "1" };
  if (accessKeys) vars.RIVULET_ACCESS_KEYS = accessKeys;
  if (options.encryptionKey) vars.RIVULET_ENCRYPTION_KEY = options.encryptionKey;
  if (options.corsOrigins !== undefined) vars.RIVULET_CORS_ORIGINS = options.corsOrigins;
  if (accountId) vars.RIVULET_ACCOUNT_ID = accountId;
  if (options.throughputLimits) vars.RIVULET_THROUGHPUT_LIMITS = options.throughputLimits;

  /** @type {string[]} */
  const recent = [];
  const quiet = options.quiet ?? false;
  /** @type {import("./miniflare.mjs").MiniflareWorker} */
  let worker;
  try {
    worker = await startMiniflareWorker({
      configPath,
      persistDir,
      vars,
      logLevel: options.logLevel ?? "warn",
      inspectorPort: options.inspectorPort,
      direct: options.directToWorker !== false,
      watch: options.watch,
      output(line, stream) {
        recent.push(stripVTControlCharacters(line));
        if (recent.length > 40) recent.shift();
        if (!quiet) (stream === "stderr" ? process.stderr : process.stdout).write(`${line}\n`);
      },
      onReload: (state) => (state === "reloading" ? forwarder.pause() : forwarder.resume()),
    });
  } catch (error) {
    const failure = /** @type {Error} */ (error);
    if (recent.length > 0) failure.message += `\n${recent.join("\n")}`;
    gate.reject(failure);
    await front.close();
    forwarder.close();
    throw failure;
  }
  forwarder.setUpstream(worker.url);
  const removeExitHook = onProcessExit(() => worker.disposeSync());

  /** @type {(value: { code: number | null, signal: NodeJS.Signals | null }) => void} */
  let settleExited = () => {};
  /** @type {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} */
  const exited = new Promise((resolve) => (settleExited = resolve));

  /** @type {Promise<void> | undefined} */
  let closing;
  const close = () =>
    (closing ??= (async () => {
      await front.close();
      forwarder.close();
      try {
        await worker.dispose();
      } finally {
        removeExitHook();
        settleExited({ code: 0, signal: null });
      }
    })());

  gate.resolve();
  return { url: httpUrl(host, port), port, exited, close };
}
