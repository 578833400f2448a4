/**
 * `npm run deploy` without a Cloudflare account: the dry run CI makes, what the bundle it would
 * upload does with a caller when no keys are set, and the real steps against a fake account (a
 * stand-in for wrangler that keeps queues, buckets, databases and secrets as Cloudflare would), run
 * twice to show that the second run creates nothing.
 *
 * The bundles run in wrangler's own Miniflare (workerd), with the Durable Objects ListStreams needs
 * and no RIVULET_* settings, as a fresh deployment has them.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { convertV4MiniflareOptions, Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deploy } from "../../scripts/deploy/steps.mjs";
import { PROJECT_ROOT } from "../../local/wrangler-dev.mjs";
import { removeDir, tempDir } from "./helpers";

const CONFIG = path.join(PROJECT_ROOT, "wrangler.toml");
const NODE = path.join(PROJECT_ROOT, "node_modules", ".bin", "node");

let dir = "";
beforeAll(() => {
  dir = tempDir("deploy");
});
afterAll(() => removeDir(dir));

describe("npm run deploy -- --dry-run", () => {
  it("shows every step and wrangler command without an account, ends with wrangler deploy --dry-run, and its bundle refuses everyone without keys", async () => {
    const before = fs.readFileSync(CONFIG, "utf8");
    // A shell that exports NODE_ENV=development must not turn the deployed bundle into a development build.
    const { code, output } = await runNode(["scripts/deploy.mjs", "--dry-run"], { NODE_ENV: "development" });
    expect(code, output).toBe(0);
    const commands = output.split("\n").filter((line) => line.startsWith("    $ ")).map((line) => line.slice(6).replace(/ {3}#.*$/, ""));
    expect(commands).toEqual([
      "npx wrangler whoami --json",
      "npx wrangler queues info rivulet-stream-events",
      "npx wrangler queues create rivulet-stream-events",
      "npx wrangler queues info rivulet-firehose-delivery",
      "npx wrangler queues create rivulet-firehose-delivery",
      "npx wrangler queues info rivulet-firehose-delivery-dlq",
      "npx wrangler queues create rivulet-firehose-delivery-dlq",
      "npx wrangler r2 bucket info rivulet-deliveries --json",
      "npx wrangler r2 bucket create rivulet-deliveries",
      "npx wrangler r2 bucket info rivulet-video --json",
      "npx wrangler r2 bucket create rivulet-video",
      "npx wrangler d1 list --json",
      "npx wrangler d1 create rivulet-analytics",
      "npx wrangler d1 migrations apply rivulet-analytics --remote --config .wrangler/rivulet-deploy/wrangler.jsonc",
      "npx wrangler secret list --name rivulet --format json",
      "npx wrangler deploy --config .wrangler/rivulet-deploy/wrangler.jsonc",
      `npx wrangler deploy --config .wrangler/rivulet-deploy/wrangler.jsonc --dry-run --outdir ${path.join(PROJECT_ROOT, ".wrangler/rivulet-deploy/bundle")}`,
    ]);
    expect(output.trimEnd()).toMatch(/--dry-run: exiting now\.$/);
    expect(output).toMatch(/env\.RIVULET_ACCOUNT_ID \("000000000000"\)\s+Environment Variable/);
    expect(output).not.toContain("RIVULET_LOCAL");
    expect(fs.readFileSync(CONFIG, "utf8")).toBe(before);

    const worker = await serveBundle(path.join(PROJECT_ROOT, ".wrangler/rivulet-deploy/bundle"));
    try {
      for (const host of ["rivulet.example.workers.dev", "127.0.0.1:8787", "localhost:8787"]) {
        const answer = await listStreams(worker, host);
        expect(answer.status, host).toBe(400);
        expect(answer.body, host).toMatchObject({ __type: "UnrecognizedClientException" });
        expect(answer.body.message, host).toMatch(/Deployed: wrangler secret put RIVULET_ACCESS_KEYS\./);
      }
    } finally {
      await worker.dispose();
    }
  }, 180_000);

  it("a development build deployed by hand (NODE_ENV=development wrangler deploy) still refuses every host Cloudflare routes", async () => {
    const outdir = path.join(dir, "development-build");
    const build = await runNode(
      [path.join(PROJECT_ROOT, "node_modules/wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--outdir", outdir],
      { NODE_ENV: "development" },
    );
    expect(build.code, build.output).toBe(0);
    const worker = await serveBundle(outdir);
    try {
      // It is a development build: on a loopback host it is in local mode and answers.
      expect(await listStreams(worker, "127.0.0.1:8787")).toEqual({ status: 200, body: { StreamNames: [], HasMoreStreams: false, StreamSummaries: [] } });
      const refused = await listStreams(worker, "rivulet.example.workers.dev");
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ __type: "UnrecognizedClientException" });
    } finally {
      await worker.dispose();
    }
  }, 180_000);
});

describe("npm run deploy against an account", () => {
  it("creates what is missing, puts the D1 database's id into the configuration it deploys, and uploads the keys with the Worker", async () => {
    const account = new FakeAccount();
    const first = await deploy(options(account, { RIVULET_ACCESS_KEYS: "AKIDDEPLOY:deploy-secret" }));
    expect(account.created).toEqual([
      "queues create rivulet-stream-events",
      "queues create rivulet-firehose-delivery",
      "queues create rivulet-firehose-delivery-dlq",
      "r2 bucket create rivulet-deliveries",
      "r2 bucket create rivulet-video",
      "d1 create rivulet-analytics",
    ]);
    const databaseId = account.databases.get("rivulet-analytics");
    expect(account.migrated).toEqual([{ database: "rivulet-analytics", databaseId }]);
    expect(account.deployments).toHaveLength(1);
    expect(account.deployments[0]?.databaseId).toBe(databaseId);
    expect(account.deployments[0]?.secrets).toEqual({ RIVULET_ACCESS_KEYS: "AKIDDEPLOY:deploy-secret" });
    expect(first.generatedKey).toBeUndefined();
    // The secrets file is gone once the deployment has it.
    expect(account.deployments[0]?.secretsFile && fs.existsSync(account.deployments[0].secretsFile)).toBe(false);
  });

  it("changes nothing it already made on a second run, and keeps the keys the Worker has", async () => {
    const account = new FakeAccount();
    await deploy(options(account, { RIVULET_ACCESS_KEYS: "AKIDDEPLOY:deploy-secret" }));
    account.created.length = 0;
    const databaseId = account.databases.get("rivulet-analytics");
    const log: string[] = [];
    await deploy({ ...options(account, {}), log: (line) => log.push(line) });
    expect(account.created).toEqual([]);
    expect(account.deployments[1]).toMatchObject({ databaseId, secrets: undefined });
    expect(log).toContain("    RIVULET_ACCESS_KEYS: set already, kept");
  });

  it("offers to generate a key when the Worker has none, and warns instead when nobody can answer", async () => {
    const asked = new FakeAccount();
    const questions: string[] = [];
    const result = await deploy({ ...options(asked, {}), confirm: async (question) => (questions.push(question), true) });
    expect(questions).toHaveLength(1);
    expect(result.generatedKey?.id).toMatch(/^AKRV[A-Z2-7]{16}$/);
    expect(result.generatedKey?.secret).toHaveLength(40);
    expect(asked.deployments[0]?.secrets).toEqual({ RIVULET_ACCESS_KEYS: `${result.generatedKey?.id}:${result.generatedKey?.secret}` });

    const unattended = new FakeAccount();
    const log: string[] = [];
    await deploy({ ...options(unattended, {}), log: (line) => log.push(line) });
    expect(unattended.deployments[0]?.secrets).toBeUndefined();
    expect(log.join("\n")).toMatch(/WARNING: RIVULET_ACCESS_KEYS is not set: the deployment refuses every request/);
  });

  it("stops before creating anything when not logged in, and refuses malformed keys", async () => {
    const account = new FakeAccount({ loggedIn: false });
    await expect(deploy(options(account, {}))).rejects.toThrow(/Not logged in to Cloudflare: run `npx wrangler login`/);
    expect(account.calls).toEqual(["whoami --json"]);

    const other = new FakeAccount();
    await expect(deploy(options(other, { RIVULET_ACCESS_KEYS: "AKIDONLY" }))).rejects.toThrow(/entry 1 is not of the form KEYID:SECRET/);
    expect(other.deployments).toEqual([]);
  });

  it("does not replace the Worker's keys when it cannot tell whether it has any", async () => {
    const account = new FakeAccount();
    await deploy(options(account, { RIVULET_ACCESS_KEYS: "AKIDDEPLOY:deploy-secret" }));
    account.failSecretList = true;
    const asked: string[] = [];
    const redeploy = deploy({ ...options(account, {}), confirm: async (question) => (asked.push(question), true) });
    await expect(redeploy).rejects.toThrow(/secret list --name rivulet --format json failed/);
    expect(asked).toEqual([]);
    expect(account.deployments).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------

function options(account: FakeAccount, env: Record<string, string>): Parameters<typeof deploy>[0] {
  return {
    configPath: CONFIG,
    outDir: fs.mkdtempSync(path.join(dir, "out-")),
    dryRun: false,
    wrangler: (args) => Promise.resolve(account.run(args)),
    env,
    log: () => {},
  };
}

interface Deployment {
  databaseId: string | undefined;
  secrets: Record<string, string> | undefined;
  secretsFile: string | undefined;
}

/** Cloudflare as wrangler's commands see it, answering as wrangler does (exit codes, messages, JSON). */
class FakeAccount {
  readonly calls: string[] = [];
  readonly created: string[] = [];
  readonly queues = new Set<string>();
  readonly buckets = new Set<string>();
  readonly databases = new Map<string, string>();
  readonly secrets = new Set<string>();
  readonly migrated: { database: string; databaseId: string | undefined }[] = [];
  readonly deployments: Deployment[] = [];
  /** The API failing for a reason other than a missing Worker. */
  failSecretList = false;

  constructor(private readonly state: { loggedIn: boolean } = { loggedIn: true }) {}

  run(args: string[]): { code: number; output: string } {
    const line = args.join(" ");
    this.calls.push(line);
    const [a, b, c, d] = args;
    const ok = (output = "") => ({ code: 0, output });
    if (a === "whoami") return this.state.loggedIn ? ok('{"loggedIn":true,"email":"dev@example.com"}') : { code: 1, output: '{"loggedIn":false}' };
    if (a === "queues" && b === "info") return this.queues.has(c ?? "") ? ok() : { code: 1, output: `✘ [ERROR] Queue "${c}" does not exist.` };
    if (a === "queues" && b === "create") return this.create(line, () => this.queues.add(c ?? ""));
    if (a === "r2" && c === "info") return this.buckets.has(d ?? "") ? ok("{}") : { code: 1, output: "✘ [ERROR] The specified bucket does not exist. [code: 10006]" };
    if (a === "r2" && c === "create") return this.create(line, () => this.buckets.add(d ?? ""));
    if (a === "d1" && b === "list") return ok(JSON.stringify([...this.databases].map(([name, uuid]) => ({ uuid, name }))));
    if (a === "d1" && b === "create") return this.create(line, () => this.databases.set(c ?? "", crypto.randomUUID()));
    if (a === "d1" && b === "migrations") {
      this.migrated.push({ database: d ?? "", databaseId: configuredDatabaseId(valueOf(args, "--config")) });
      return ok();
    }
    if (a === "secret" && b === "list") {
      if (this.failSecretList) return { code: 1, output: "✘ [ERROR] A request to the Cloudflare API failed. Authentication error [code: 10000]" };
      if (this.deployments.length === 0) return { code: 1, output: "✘ [ERROR] This Worker does not exist on your account. [code: 10007]" };
      return ok(JSON.stringify([...this.secrets].map((name) => ({ name, type: "secret_text" }))));
    }
    if (a === "deploy") {
      const secretsFile = valueOf(args, "--secrets-file");
      const secrets = secretsFile === undefined ? undefined : (JSON.parse(fs.readFileSync(secretsFile, "utf8")) as Record<string, string>);
      for (const name of Object.keys(secrets ?? {})) this.secrets.add(name);
      this.deployments.push({ databaseId: configuredDatabaseId(valueOf(args, "--config")), secrets, secretsFile });
      return ok();
    }
    return { code: 1, output: `the fake account does not know: wrangler ${line}` };
  }

  private create(line: string, make: () => void): { code: number; output: string } {
    make();
    this.created.push(line);
    return { code: 0, output: "" };
  }
}

function valueOf(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
}

/** The D1 database id in a generated configuration (JSON after its one comment line), as given to wrangler. */
function configuredDatabaseId(configArg: string | undefined): string | undefined {
  if (configArg === undefined) return undefined;
  const text = fs.readFileSync(path.resolve(PROJECT_ROOT, configArg), "utf8").replace(/^\/\/.*\n/, "");
  const config = JSON.parse(text) as { d1_databases?: { database_id?: string }[] };
  return config.d1_databases?.[0]?.database_id;
}

function runNode(args: string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  const clean: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !name.startsWith("CLOUDFLARE_") && !name.startsWith("RIVULET_")) clean[name] = value;
  }
  return new Promise((resolve) => {
    execFile(NODE, args, { cwd: PROJECT_ROOT, env: { ...clean, ...env }, timeout: 170_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === "number" ? error.code : 1, output: `${stdout}${stderr}` });
    });
  });
}

/** A bundle wrangler built, in workerd, with the Durable Objects ListStreams needs and no RIVULET_* settings. */
async function serveBundle(bundleDir: string): Promise<Miniflare> {
  const files = fs.readdirSync(bundleDir).filter((name) => name !== "README.md" && !name.endsWith(".map"));
  const modules = ["index.js", ...files.filter((name) => name !== "index.js")].map((name) => ({
    // The other files are the console's browser files, bundled as text (wrangler.toml's [[rules]]).
    type: name === "index.js" ? ("ESModule" as const) : ("Text" as const),
    path: path.join(bundleDir, name),
    contents: fs.readFileSync(path.join(bundleDir, name), "utf8"),
  }));
  const worker = new Miniflare(
    convertV4MiniflareOptions({
      modules,
      modulesRoot: bundleDir,
      compatibilityDate: "2026-11-01",
      bindings: { RIVULET_ACCOUNT_ID: "000000000000" },
      durableObjects: {
        STREAM_REGISTRY: { className: "StreamRegistry", useSQLite: true },
        SHARD: { className: "Shard", useSQLite: true },
      },
      durableObjectsPersist: false,
    }),
  );
  await worker.ready;
  return worker;
}

/** ListStreams addressed to `host`, with a well-formed SigV4 header (a keyless Worker refuses before checking its value). */
async function listStreams(worker: Miniflare, host: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const amzDate = new Date().toISOString().replace(/[-:]|\.\d{3}/g, "");
  const response = await worker.dispatchFetch(`http://${host}/`, {
    method: "POST",
    body: "{}",
    headers: {
      "content-type": "application/x-amz-json-1.1",
      "x-amz-target": "Kinesis_20131202.ListStreams",
      "x-amz-date": amzDate,
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDANY/${amzDate.slice(0, 8)}/us-east-1/kinesis/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=${"0".repeat(64)}`,
    },
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
