import fs from "node:fs";
import os from "node:os";
import path from "node:path";

// Secrets reach `wrangler dev` through `--env-file` rather than `--var`, so
// they never show up in `ps` output or shell history. The file lives in a
// private (0700) temporary directory, is itself 0600, and is removed when the
// server stops.
//
// Passing an env file also has a useful side effect: wrangler then ignores
// the project's `.dev.vars` / `.env`, so what the Worker sees is exactly what
// RIVULET_* configured, nothing left over from a developer's files.

/**
 * Quote a value for wrangler's dotenv + dotenv-expand parser so that it comes
 * back byte for byte. Single quotes (or backticks) keep backslashes literal;
 * dotenv-expand would still substitute `$NAME`, unless the `$` is escaped as
 * `\$`, which it then turns back into `$`.
 * @param {string} name
 * @param {string} value
 */
function quote(name, value) {
  if (/[\r\n]/.test(value)) throw new Error(`${name} must not contain line breaks`);
  const escaped = value.replaceAll("$", "\\$");
  for (const q of ["'", "`"]) {
    if (!escaped.includes(q)) return `${q}${escaped}${q}`;
  }
  throw new Error(`${name} must not contain both ' and \` characters`);
}

/**
 * Write `vars` to a fresh private env file.
 * @param {Record<string, string>} vars
 * @returns {{ path: string, remove(): void }}
 */
export function writeEnvFile(vars) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rivulet-"));
  const file = path.join(dir, "worker.env");
  const body = Object.entries(vars)
    .map(([name, value]) => `${name}=${quote(name, value)}\n`)
    .join("");
  fs.writeFileSync(file, body, { mode: 0o600, flag: "wx" });
  return {
    path: file,
    remove() {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
