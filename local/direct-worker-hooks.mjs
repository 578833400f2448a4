// Preloaded into the wrangler process (`node --import`) by wrangler-dev.mjs,
// when the front sends requests straight to the Worker (see forward.mjs).
//
// `wrangler dev` answers on its port through an extra hop: a "ProxyWorker",
// in a workerd process of its own, that forwards each request to the workerd
// process running our Worker. Measured locally, that hop costs more than half
// of the throughput. The Worker's own socket takes requests directly (Host is
// kept, as through the proxy), but it is not published: its port is random
// and changes whenever wrangler reloads the Worker after a source change. And
// the proxy does one more thing the front must then do itself: it holds
// requests back while the Worker restarts, so none is cut off half-way.
//
// Two hooks give the front what it needs, over the IPC channel:
// 1. wrangler announces each (re)load with a `reloadComplete` event whose
//    proxyData.userWorkerUrl is the Worker's socket; its DevEnv re-emits the
//    event on itself for library users. Watching EventEmitter emits for it,
//    we report the URL.
// 2. Before wrangler restarts the Worker (Miniflare#setOptions), we tell the
//    front, which stops using the direct socket (new requests go to
//    wrangler's port, where the proxy queues them) and answers once its
//    direct requests in flight have finished; only then does the restart
//    proceed (after 2 s at the latest: an event stream may never finish).
//
// Both depend on wrangler internals. If a future wrangler changes them, the
// hooks find nothing to do, no URL is reported, and the front keeps using
// wrangler's port: only speed depends on this, never correctness.

import { EventEmitter } from "node:events";
import { createRequire } from "node:module";

// 1. The Worker's direct URL.

const originalEmit = EventEmitter.prototype.emit;

/**
 * @this {EventEmitter}
 * @param {string | symbol} name
 * @param {...unknown} args
 */
function emit(name, ...args) {
  if (name === "reloadComplete") reportUrl(args[0]);
  return originalEmit.call(this, name, ...args);
}
EventEmitter.prototype.emit = emit;

/** @param {unknown} event */
function reportUrl(event) {
  const url = /** @type {{ proxyData?: { userWorkerUrl?: { protocol?: string, hostname?: string, port?: string } } }} */ (
    event
  )?.proxyData?.userWorkerUrl;
  if (!url?.hostname || !url.port || url.protocol !== "http:") return;
  send({ rivulet: "user-worker-url", url: `http://${url.hostname}:${url.port}` });
}

// 2. Restarts of the Worker.

const RELEASE_TIMEOUT_MS = 2000;

/** The `miniflare` module exactly as wrangler's cli.js (the main script) loads it. */
function wranglersMiniflare() {
  try {
    return createRequire(process.argv[1] ?? import.meta.url)("miniflare");
  } catch {
    return undefined;
  }
}

const Miniflare = wranglersMiniflare()?.Miniflare;
if (typeof Miniflare?.prototype?.setOptions === "function") {
  const originalSetOptions = Miniflare.prototype.setOptions;
  /**
   * @this {unknown}
   * @param {{ workers?: { name?: string }[] }} options
   */
  Miniflare.prototype.setOptions = async function setOptions(options) {
    // wrangler's own proxy runs in a Miniflare instance too; only restarts
    // of our Worker matter.
    const names = (options?.workers ?? []).map((worker) => worker?.name);
    if (names.includes("ProxyWorker") || names.includes("InspectorProxyWorker")) {
      return originalSetOptions.call(this, options);
    }
    await releaseDirect();
    try {
      return await originalSetOptions.call(this, options);
    } finally {
      // Normally `reloadComplete` follows with the new URL at once; this
      // only matters if it does not (then the front goes back to the old
      // URL, and a refused connection there is harmless).
      send({ rivulet: "reloaded" });
    }
  };
}

let sequence = 0;

/** Ask the front to stop using the direct socket; resolves when it has. */
function releaseDirect() {
  if (!process.send || !process.connected) return Promise.resolve();
  const id = ++sequence;
  return new Promise((resolve) => {
    /** @param {unknown} message */
    const onMessage = (message) => {
      const m = /** @type {{ rivulet?: string, id?: number }} */ (message);
      if (m?.rivulet === "direct-released" && m.id === id) done();
    };
    const timer = setTimeout(() => done(), RELEASE_TIMEOUT_MS);
    const done = () => {
      clearTimeout(timer);
      process.off("message", onMessage);
      resolve(undefined);
    };
    process.on("message", onMessage);
    send({ rivulet: "reloading", id });
  });
}

/** @param {object} message */
function send(message) {
  if (process.send && process.connected) process.send(message);
}
