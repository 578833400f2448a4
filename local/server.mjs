import path from "node:path";
import { writeEnvFile } from "./env-file.mjs";
import { DEFAULT_BODY_LIMITS } from "./body-guard.mjs";
import { createForwarder } from "./forward.mjs";
import { createFront } from "./front.mjs";
import { findFreePort, httpUrl } from "./ports.mjs";
import { applyLocalD1Migrations, PROJECT_ROOT, startWranglerDev } from "./wrangler-dev.mjs";

// The local Rivulet server: `wrangler dev` running the real Worker on an
// internal loopback port, behind a small Node front that accepts both
// HTTP/1.1 and h2c on the public port (see front.mjs for why) and forwards
// each request to the Worker (see forward.mjs).
//
// Used by `npm start` (serve.mjs), the end-to-end tests and the benchmark.
//
// Files: front.mjs (protocol sniffing, the two servers), forward.mjs and
// headers.mjs (the proxying), wrangler-dev.mjs (the child process),
// parent-watchdog.mjs and direct-worker-hooks.mjs (preloaded into it),
// env-file.mjs (secrets), output-filter.mjs, ports.mjs.

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
 * @property {boolean} [quiet] true: print nothing (wrangler's output is still
 *   included in startup errors)
 * @property {string} [logLevel] wrangler --log-level, default "warn"
 * @property {string} [wranglerConfig] wrangler config of the Worker to run;
 *   default the repository's wrangler.toml (tests may point elsewhere)
 * @property {number} [startupTimeoutMs] default 120000
 * @property {number} [inspectorPort] the Worker's DevTools (inspector) port; default 0, one the
 *   OS picks (bench/profile.mjs names one to take CPU profiles)
 * @property {boolean} [directToWorker] default true: send requests straight
 *   to the Worker's own socket, skipping wrangler's proxy hop (about twice
 *   the throughput); false always goes through wrangler's port
 * @property {Partial<import("./body-guard.mjs").BodyLimits>} [bodyLimits] request
 *   bodies' size and time limits at the front (default: Cloudflare's 100 MB;
 *   20 s idle, 5 minutes in all); tests shorten them
 */

/**
 * @typedef {object} LocalServer
 * @property {string} url e.g. "http://127.0.0.1:4567"
 * @property {number} port the bound public port
 * @property {Promise<{ code: number | null, signal: NodeJS.Signals | null }>} exited
 *   settles when wrangler dev exits, whether by close() or on its own
 * @property {() => Promise<void>} close stop serving, stop wrangler and every
 *   process it started, remove the temporary env file; safe to call twice
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
 * runner tearing down), wrangler would live on in its own process group.
 * 'exit' handlers must be synchronous, hence SIGKILL and sync file removal.
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
  // milliseconds, not after wrangler has spent seconds starting.
  const upstreamPort = await findFreePort();
  /** @type {{ resolve: () => void, reject: (e: Error) => void }} */
  let gate = { resolve: () => {}, reject: () => {} };
  /** @type {Promise<void>} */
  const ready = new Promise((resolve, reject) => (gate = { resolve, reject }));
  ready.catch(() => {}); // observed through whenReady; not an unhandled rejection
  let publicAuthority = "";
  const forwarder = createForwarder({
    upstreamPort,
    ready,
    fallbackHost: () => publicAuthority,
    bodyLimits: { ...DEFAULT_BODY_LIMITS, ...options.bodyLimits },
  });
  const front = createFront({ onHttp1: forwarder.handleHttp1, onHttp2: forwarder.handleHttp2 });
  const port = await front.listen(options.port ?? 0, host);
  publicAuthority = new URL(httpUrl(host, port)).host;

  // Secrets go in the env file; RIVULET_LOCAL and the account id are not
  // secret and go on the command line, where they also win over
  // wrangler.toml [vars] and cannot be filtered by a [secrets] declaration.
  /** @type {Record<string, string>} */
  const secretVars = accessKeys ? { RIVULET_ACCESS_KEYS: accessKeys } : {};
  if (options.encryptionKey) secretVars.RIVULET_ENCRYPTION_KEY = options.encryptionKey;
  // Not a secret, but a list of origins is full of colons, which --var NAME:VALUE would misread.
  if (options.corsOrigins !== undefined) secretVars.RIVULET_CORS_ORIGINS = options.corsOrigins;
  const envFile = writeEnvFile(secretVars);
  /** @type {Record<string, string>} */
  const vars = { RIVULET_LOCAL: "1" };
  if (accountId) vars.RIVULET_ACCOUNT_ID = accountId;
  if (options.throughputLimits) vars.RIVULET_THROUGHPUT_LIMITS = options.throughputLimits;

  /** @type {import("./wrangler-dev.mjs").WranglerDev} */
  let wrangler;
  try {
    wrangler = startWranglerDev({
      configPath,
      port: upstreamPort,
      persistDir,
      envFile: envFile.path,
      vars,
      logLevel: options.logLevel ?? "warn",
      quiet: options.quiet ?? false,
      startupTimeoutMs: options.startupTimeoutMs ?? 120_000,
      inspectorPort: options.inspectorPort,
      directWorker:
        options.directToWorker === false
          ? undefined
          : {
              onUrl: (url) => forwarder.setDirectUrl(url),
              release: () => forwarder.releaseDirect(),
              restore: () => forwarder.restoreDirect(),
            },
    });
  } catch (error) {
    envFile.remove();
    await front.close();
    throw error;
  }
  const removeExitHook = onProcessExit(() => {
    wrangler.stopSync();
    envFile.remove();
  });

  /** @type {Promise<void> | undefined} */
  let closing;
  const close = () =>
    (closing ??= (async () => {
      await front.close();
      forwarder.close();
      await wrangler.stop();
      envFile.remove();
      removeExitHook();
    })());

  try {
    await wrangler.ready;
  } catch (error) {
    gate.reject(/** @type {Error} */ (error));
    await close();
    throw error;
  }
  gate.resolve();

  return { url: httpUrl(host, port), port, exited: wrangler.exited, close };
}
