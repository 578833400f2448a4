import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runNode, wranglerEntry } from "./wrangler-dev.mjs";

// Builds the Worker for Miniflare (miniflare.mjs), once at start and again on each source change:
// - the bundle is wrangler's own deploy bundle (`wrangler deploy --dry-run --outdir`): index.js and
//   the modules it imports (.wasm, and the files the config's [[rules]] bundle as Text or Data), so
//   the code that runs is what a deployment runs;
// - the bindings, Durable Objects, queues, D1, R2, compatibility date and flags come from wrangler's
//   unstable_getMiniflareWorkerOptions (worker-options.mjs), the function `wrangler dev` uses too.
// Both run as child processes that exit when done: wrangler's library and esbuild stay out of the
// server's memory.

const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * @typedef {object} WorkerBuild
 * @property {string} name the Worker's name in the config (Durable Object storage is named after it)
 * @property {Record<string, unknown> & { modulesRules?: { type: string, include: string[] }[] }} workerOptions
 *   Miniflare options of the Worker, with `modules` and `modulesRoot` set to the bundle
 * @property {Record<string, unknown>[]} externalWorkers other Miniflare workers wrangler adds
 *   (stand-ins for Durable Objects of other Workers), usually none
 */

/**
 * @param {{ configPath: string, dir: string, bundleDir: string, env: NodeJS.ProcessEnv }} options `dir`
 *   a private directory, `bundleDir` a new directory for the bundle (Miniflare reads its files each time
 *   it starts workerd); `env` the children's environment
 * @returns {Promise<WorkerBuild>}
 */
export async function buildWorker({ configPath, dir, bundleDir, env }) {
  const emptyEnvFile = path.join(dir, "empty.env");
  fs.writeFileSync(emptyEnvFile, "", { mode: 0o600 });
  const cwd = path.dirname(configPath);
  const wrangler = wranglerEntry().script;
  await runNode([wrangler, "deploy", "--dry-run", "--outdir", bundleDir, "--config", configPath], { cwd, env }, "bundling the Worker");
  const output = await runNode([path.join(HERE, "worker-options.mjs"), configPath, emptyEnvFile], { cwd, env: { ...env, WRANGLER_LOG: "error" } }, "reading the Worker's config");
  // The JSON is the last line; wrangler may have logged before it.
  const build = /** @type {WorkerBuild} */ (JSON.parse(output.trim().split("\n").pop() ?? ""));
  build.workerOptions.modulesRoot = bundleDir;
  build.workerOptions.modules = bundleModules(bundleDir, build.workerOptions.modulesRules ?? []);
  // The options name module types by rule; the modules are listed here, already typed.
  delete build.workerOptions.modulesRules;
  return build;
}

/**
 * The bundle's modules, typed: index.js is the entry; wrangler names every other module it emits
 * `<sha1>-<file name>`, whose type is that of the first rule (the config's [[rules]], then wrangler's
 * defaults) with a glob whose last part matches the file name.
 * @param {string} bundleDir
 * @param {{ type: string, include: string[] }[]} rules
 */
function bundleModules(bundleDir, rules) {
  const files = fs.readdirSync(bundleDir).filter((file) => file !== "index.js" && !file.endsWith(".map") && file !== "README.md");
  const modules = [{ type: "ESModule", path: path.join(bundleDir, "index.js") }];
  for (const file of files) {
    const name = file.replace(/^[0-9a-f]{40}-/, "");
    const rule = rules.find((r) => r.include.some((glob) => globToRegExp(glob.split("/").pop() ?? glob).test(name)));
    const type = rule?.type ?? (name.endsWith(".cjs") ? "CommonJS" : "ESModule");
    modules.push({ type, path: path.join(bundleDir, file) });
  }
  return modules;
}

/** @param {string} glob one path segment of a glob: `*` any run of characters, `?` one */
function globToRegExp(glob) {
  const pattern = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
  return new RegExp(`^${pattern}$`);
}
