#!/usr/bin/env node
// Images per second decoded and encoded inside workerd (the local Workers runtime), for the decoder's report:
//
//   node scripts/measure-images/run.mjs [file.mkv ...]
//
// Defaults to the 320x240 test videos and the 1280x720 one (test/fixtures/video). For each file and mode, the
// Worker (worker.ts here) decodes and encodes as JPEG (quality 80); the time is wall time around the request,
// best of five, after one warm-up, so it includes reading the file but not starting the runtime.
import { readFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { unstable_dev } from "wrangler";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const files = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ["baseline.mkv", "high-bframes.mkv", "high-720p.mkv"].map((name) => join(root, "test/fixtures/video", name));

const configDir = mkdtempSync(join(tmpdir(), "measure-images-"));
const config = join(configDir, "wrangler.toml");
writeFileSync(config, `name = "measure-images"\nmain = "${join(here, "worker.ts")}"\ncompatibility_date = "2026-11-01"\n`);
process.env.WRANGLER_SEND_METRICS = "false";
const worker = await unstable_dev(join(here, "worker.ts"), { config, local: true, logLevel: "error", experimental: { disableExperimentalWarning: true } });
try {
  for (const file of files) {
    const body = readFileSync(file);
    for (const [mode, encode] of [["every", "yes"], ["every", "no"], ["sampled", "yes"]]) {
      const run = async () => {
        const started = performance.now();
        const response = await worker.fetch(`/?format=JPEG&mode=${mode}&encode=${encode}`, { method: "POST", body });
        const result = await response.json();
        return { ...result, ms: performance.now() - started };
      };
      await run();
      let best;
      for (let i = 0; i < 5; i++) {
        const result = await run();
        if (best === undefined || result.ms < best.ms) best = result;
      }
      const perSecond = (best.images / best.ms) * 1000;
      console.log(`${file.split("/").pop()}\t${mode}${encode === "no" ? " (decode only)" : ""}\t${best.images} images\t${best.ms.toFixed(0)} ms\t${perSecond.toFixed(1)} images/s\t${encode === "no" ? "" : `${(best.bytes / best.images / 1024).toFixed(1)} KiB/image`}`);
    }
  }
} finally {
  await worker.stop();
}
