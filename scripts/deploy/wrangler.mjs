import { spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// Runs the project's own wrangler (node_modules), never a global one, with the Node running this
// script (npm scripts put the project's Node 22 first on PATH, as wrangler needs).

/**
 * @typedef {object} WranglerResult
 * @property {number} code exit code
 * @property {string} output stdout and stderr, when captured ("" otherwise)
 */

/**
 * @typedef {object} RunOptions
 * @property {boolean} [capture] keep the output for the caller (probes) instead of showing it
 * @property {Record<string, string>} [env] added to the environment
 */

/** @typedef {(args: string[], options?: RunOptions) => Promise<WranglerResult>} Wrangler */

/** How a command is shown: as the user would type it. */
export function shown(/** @type {string[]} */ args) {
  return `npx wrangler ${args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(" ")}`;
}

/**
 * @param {string} cwd the project's directory
 * @returns {Wrangler}
 */
export function projectWrangler(cwd) {
  const require = createRequire(path.join(cwd, "package.json"));
  const pkgPath = require.resolve("wrangler/package.json");
  const pkg = JSON.parse(fs.readFileSync(pkgPath, "utf8"));
  const bin = path.resolve(path.dirname(pkgPath), typeof pkg.bin === "string" ? pkg.bin : pkg.bin.wrangler);
  return (args, options = {}) =>
    new Promise((resolve) => {
      const child = spawn(process.execPath, [bin, ...args], {
        cwd,
        env: { ...process.env, ...options.env },
        // Shown commands keep the terminal: wrangler may ask (a migration's confirmation, a login).
        stdio: options.capture ? ["ignore", "pipe", "pipe"] : "inherit",
      });
      let output = "";
      child.stdout?.on("data", (chunk) => (output += chunk));
      child.stderr?.on("data", (chunk) => (output += chunk));
      child.on("error", (error) => resolve({ code: 1, output: `${output}${error.message}` }));
      child.on("close", (code) => resolve({ code: code ?? 1, output }));
    });
}
