import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { httpEndpoints } from "./test/integration/firehose/http-endpoints.ts";
import { boundCluster, isSearchRequest, searchEndpoints } from "./test/integration/firehose/search-endpoints.ts";
import { csvToJson } from "./test/integration/firehose/lambdas.ts";
import { kdaOutput, kdaPreprocess } from "./test/integration/analytics/runner-functions.ts";
import { recorder } from "./test/integration/triggers/recorder.ts";

/**
 * Four projects: `unit` and `integration` run inside the Workers runtime (Miniflare), with the
 * Durable Objects of wrangler.toml; `e2e` runs in Node against the real local server (`npm start`),
 * driven by the unmodified AWS SDK and CLI; `browser` drives the web console in Chromium against it.
 */
// The D1 schema, applied to RIVULET_ANALYTICS by test/integration/apply-migrations.ts: the Worker's
// migrations (migrations/), then the example tables the tests load into (test/d1-tables/).
const migrations = [
  ...(await readD1Migrations(new URL("./migrations", import.meta.url).pathname)),
  ...(await readD1Migrations(new URL("./test/d1-tables", import.meta.url).pathname)),
];

const workers = cloudflareTest({
  wrangler: { configPath: "./wrangler.toml" },
  miniflare: {
    bindings: {
      RIVULET_LOCAL: "1",
      TEST_MIGRATIONS: migrations,
      // FUZZ_SEED replays a run of the fuzz suite (test/integration/fuzz/), FUZZ_RUNS scales it.
      FUZZ_SEED: process.env.FUZZ_SEED ?? "",
      FUZZ_RUNS: process.env.FUZZ_RUNS ?? "",
      // An OpenSearch domain mapped to a cluster's URL (test/integration/firehose/search-endpoints.ts).
      RIVULET_OPENSEARCH_DOMAINS: JSON.stringify({ "mapped-domain": "https://opensearch.test/mapped-domain" }),
    },
    // Targets for the stream-triggered consumer tests (test/integration/triggers/recorder.ts).
    // ... and CSV_TO_JSON, a Firehose transformation function (test/integration/firehose/lambdas.ts);
    // BOUND_DOMAIN, the OpenSearch domain `bound-domain` as a service binding; KDA_PREPROCESS and
    // KDA_OUTPUT, Analytics' preprocessing and output functions (test/integration/analytics/runner-functions.ts).
    serviceBindings: {
      RECORDER: recorder("batch"),
      FAILURES: recorder("failure"),
      CSV_TO_JSON: csvToJson,
      BOUND_DOMAIN: boundCluster("bound-domain"),
      KDA_PREPROCESS: kdaPreprocess,
      KDA_OUTPUT: kdaOutput,
    },
    // The Worker's fetch(): Firehose HTTP endpoints (test/integration/firehose/http-endpoints.ts), and
    // OpenSearch clusters and Splunk collectors (search-endpoints.ts).
    outboundService: (request: Request) => (isSearchRequest(request) ? searchEndpoints(request) : httpEndpoints(request)),
  },
});

export default defineConfig({
  test: {
    projects: [
      { plugins: [workers], test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      {
        plugins: [workers],
        // Some tests drive hundreds of objects through a flush; on a loaded two-core machine they need
        // more than vitest's default five seconds (a hang still fails, just later).
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          setupFiles: ["test/integration/apply-migrations.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Two files at a time: each starts its own server (own port, own data directory), and most
          // of an e2e file's time is waiting (analytics windows, Firehose buffers), so two cores hold
          // two of them. One at a time, CI spent about 14 minutes here.
          maxWorkers: 2,
        },
      },
      {
        // The web console in Debian's Chromium (playwright-core), against the real local server.
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 90_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
