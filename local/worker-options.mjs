// Run as a short-lived child process by build.mjs: prints, as JSON on stdout, the Worker's name and
// the Miniflare options wrangler derives from its config (bindings, Durable Objects, queues, D1, R2,
// compatibility date and flags, module rules), exactly as `wrangler dev` derives them. It runs apart
// because loading wrangler's library costs a Node process well over 100 MB that the server need not
// keep.
//
// argv: the wrangler config, and an env file (empty) that stands in for .dev.vars and .env, so that
// nothing of a developer's files reaches the Worker (build.mjs adds the RIVULET_* values itself).

import { unstable_getMiniflareWorkerOptions, unstable_readConfig } from "wrangler";

const [configPath, envFile] = process.argv.slice(2);
if (!configPath || !envFile) throw new Error("usage: worker-options.mjs <wrangler config> <env file>");
const config = unstable_readConfig({ config: configPath });
const { workerOptions, externalWorkers } = unstable_getMiniflareWorkerOptions(config, undefined, {
  envFiles: [envFile],
});
process.stdout.write(`\n${JSON.stringify({ name: config.name, workerOptions, externalWorkers })}\n`);
