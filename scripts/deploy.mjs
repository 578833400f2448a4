#!/usr/bin/env node
// `npm run deploy`: Rivulet on Cloudflare in one step (scripts/deploy/steps.mjs says what each step
// does). `npm run deploy -- --dry-run` prints every step and wrangler command without an account and
// ends with `wrangler deploy --dry-run`.
//
// Environment:
//   RIVULET_ACCESS_KEYS     "KEYID:SECRET[,...]": set as the Worker's secret with the deployment.
//                           Absent: kept if the Worker has it; otherwise, in a terminal, offered to
//                           generate one (never asked in CI: the deployment then refuses everyone).
//   RIVULET_ENCRYPTION_KEY  base64 of 32 bytes: set as the Worker's secret with the deployment.
//   CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID  wrangler's own, for non-interactive use.

import path from "node:path";
import { createInterface } from "node:readline/promises";
import { fileURLToPath } from "node:url";
import { deploy } from "./deploy/steps.mjs";
import { projectWrangler } from "./deploy/wrangler.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== "--dry-run");
if (unknown.length > 0) {
  console.error(`Unknown arguments: ${unknown.join(" ")}\nUsage: npm run deploy [-- --dry-run]`);
  process.exit(2);
}

const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true && !process.env.CI;
/** @param {string} question */
async function confirm(question) {
  const readline = createInterface({ input: process.stdin, output: process.stdout });
  try {
    const answer = await readline.question(`    ${question} [Y/n] `);
    return !/^n/i.test(answer.trim());
  } finally {
    readline.close();
  }
}

try {
  await deploy({
    configPath: path.join(root, "wrangler.toml"),
    outDir: path.join(root, ".wrangler", "rivulet-deploy"),
    dryRun: args.includes("--dry-run"),
    wrangler: projectWrangler(root),
    env: process.env,
    log: (line) => console.log(line),
    ...(interactive ? { confirm } : {}),
  });
} catch (error) {
  console.error(`\nDeploy stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
