#!/usr/bin/env node
// `npm start`: run Rivulet locally, serving the Kinesis API on one port over
// both HTTP/1.1 and HTTP/2 cleartext (h2c, what the AWS SDK for JavaScript v3
// uses for http:// endpoints). The Worker runs in workerd under Miniflare,
// driven from this process; see server.mjs.
//
// Configuration (environment variables):
//   PORT                 public port (default 4567; 0 picks a free one)
//   HOST                 interface to listen on (default 127.0.0.1)
//   RIVULET_PERSIST_DIR  data directory, laid out as `wrangler dev --persist-to`
//                        lays it out (default .wrangler/state); data survives restarts
//   RIVULET_ACCESS_KEYS  "KEYID:SECRET[,KEYID:SECRET...]" accepted by SigV4
//                        verification; handed to the Worker in workerd's
//                        configuration, over a pipe, never on a command line. Empty:
//                        any well-formed signature is accepted (a warning is
//                        printed).
//   RIVULET_THROUGHPUT_LIMITS  "on" enforces AWS's per-shard throughput limits
//                        (ProvisionedThroughputExceededException); off by default here
//   RIVULET_ACCOUNT_ID   12-digit account id used in ARNs (default: the one
//                        in wrangler.toml)
//   RIVULET_ENCRYPTION_KEY  base64 of 32 bytes: master key for server-side
//                        encryption (default: a fixed development key)
//   RIVULET_CORS_ORIGINS the origins whose web pages may call the APIs: "*"
//                        (the default), a comma-separated list, or "none"
//   RIVULET_LOG_LEVEL    as wrangler's --log-level (default warn; "log" or
//                        "debug" also shows the Worker's console.log)
//   RIVULET_DIRECT_TO_WORKER  "0" sends every request through Miniflare's
//                        entry Worker instead of straight to the Worker's
//                        socket (an extra hop; for comparison or if in doubt)
//   RIVULET_WRANGLER_CONFIG  alternative wrangler config to run (testing)
// The Worker always gets RIVULET_LOCAL=1.
//
// Once the Worker answers, exactly this line is printed to stdout (tests and
// the benchmark wait for it):
//   Rivulet listening on http://HOST:PORT
// SIGINT/SIGTERM/SIGHUP stop workerd and exit 0. The Worker is rebuilt and
// reloaded when src/ or the config changes.

import { startLocalServer } from "./server.mjs";

/** @param {string | undefined} value */
function parsePort(value) {
  if (value === undefined || value === "") return 4567;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be an integer between 0 and 65535, got "${value}"`);
    process.exit(2);
  }
  return port;
}

const env = process.env;
const host = env.HOST || "127.0.0.1";

/** @type {import("./server.mjs").LocalServer} */
let server;
try {
  server = await startLocalServer({
    port: parsePort(env.PORT),
    host,
    persistDir: env.RIVULET_PERSIST_DIR || ".wrangler/state",
    accessKeys: env.RIVULET_ACCESS_KEYS ?? "",
    accountId: env.RIVULET_ACCOUNT_ID || undefined,
    throughputLimits: env.RIVULET_THROUGHPUT_LIMITS === "on" ? "on" : undefined,
    encryptionKey: env.RIVULET_ENCRYPTION_KEY || undefined,
    corsOrigins: env.RIVULET_CORS_ORIGINS,
    logLevel: env.RIVULET_LOG_LEVEL || "warn",
    wranglerConfig: env.RIVULET_WRANGLER_CONFIG || undefined,
    directToWorker: env.RIVULET_DIRECT_TO_WORKER !== "0",
    quiet: false,
  });
} catch (error) {
  console.error(`Rivulet failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(/** @type {{ exitCode?: number }} */ (error).exitCode || 1);
}

let stopping = false;
async function stop() {
  if (stopping) {
    // A second Ctrl-C means "now": workerd dies with this process (workerd-leash.mjs).
    process.exit(130);
  }
  stopping = true;
  await server.close();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
process.on("SIGHUP", stop);

// `npm start` runs this file under `sh -c`, and a shell does not pass on
// the signals npm forwards to it. When that shell is killed we are
// re-parented: treat it like SIGTERM rather than leaving the server running
// with nobody to stop it.
const parent = process.ppid;
const orphanCheck = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(orphanCheck);
  if (!stopping) stop();
}, 1000);
orphanCheck.unref();

console.log(`Rivulet listening on ${server.url}`);
