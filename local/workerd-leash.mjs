import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";

// workerd, which Miniflare starts as a child of this process, does not stop when this process dies
// without stopping it (SIGKILL, the OOM killer): it would run on, holding its ports and the data
// directory. On Linux the kernel can deliver a signal to a process when its parent dies
// (PR_SET_PDEATHSIG); util-linux's `setpriv --pdeathsig` sets it before it executes a program. So
// Miniflare is told (MINIFLARE_WORKERD_PATH, read at each start of workerd) to run a two-line script
// that execs workerd through setpriv: the same process id, SIGKILLed as soon as this process is gone.
// Elsewhere, or without setpriv, workerd is started as Miniflare starts it.

/**
 * Points Miniflare at the leashed workerd, once per process; a MINIFLARE_WORKERD_PATH already set is
 * left alone.
 */
export function leashWorkerd() {
  if (process.platform !== "linux" || process.env.MINIFLARE_WORKERD_PATH) return;
  const setpriv = which("setpriv");
  if (!setpriv) return;
  // The workerd that the `miniflare` package would run.
  const miniflareDir = path.dirname(createRequire(import.meta.url).resolve("miniflare/package.json"));
  const workerd = /** @type {{ default: string }} */ (createRequire(path.join(miniflareDir, "package.json"))("workerd")).default;
  const script = `#!/bin/sh\nexec '${setpriv}' --pdeathsig KILL '${workerd}' "$@"\n`;
  const id = createHash("sha256").update(script).digest("hex").slice(0, 16);
  const file = path.join(os.tmpdir(), `rivulet-workerd-${process.getuid?.() ?? 0}-${id}.sh`);
  if (!fs.existsSync(file)) {
    const temporary = `${file}.${process.pid}`;
    fs.writeFileSync(temporary, script, { mode: 0o755 });
    fs.renameSync(temporary, file);
  }
  process.env.MINIFLARE_WORKERD_PATH = file;
}

/** @param {string} program */
function which(program) {
  try {
    return execFileSync("sh", ["-c", `command -v ${program}`], { encoding: "utf8" }).trim() || undefined;
  } catch {
    return undefined;
  }
}
