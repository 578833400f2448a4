// Preloaded into the wrangler process (`node --import`) by wrangler-dev.mjs.
//
// wrangler runs in a process group of its own so that it can be stopped as
// a whole, but that also shields it from whatever kills the front: if the
// front dies without running its cleanup (SIGKILL, OOM, a crash), wrangler
// and its workerd processes would run on, holding the port and the data
// directory, and the secrets file would stay behind. The front is wrangler's
// parent, so losing it shows up as a change of parent pid; then the front's
// cleanup is done from here: the private env-file directory is removed,
// wrangler is asked to stop, and the whole group is killed if that does not
// finish in time.

import fs from "node:fs";
import path from "node:path";

const parent = process.ppid;
const leftover = process.env.RIVULET_WATCHDOG_REMOVE_DIR;

const timer = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(timer);
  // Only ever a directory this project created (see env-file.mjs).
  if (leftover && path.basename(leftover).startsWith("rivulet-")) {
    fs.rmSync(leftover, { recursive: true, force: true });
  }
  process.kill(process.pid, "SIGTERM");
  setTimeout(() => process.kill(0, "SIGKILL"), 5000).unref();
}, 1000);
// Never the reason the process stays alive.
timer.unref();
