import path from "node:path";
import { readProjectConfig, writeDeployConfig } from "./config.mjs";
import { checkAccessKeys, checkEncryptionKey, generateAccessKey, SECRET_NAMES, writeSecretsFile } from "./secrets.mjs";
import { shown } from "./wrangler.mjs";

// `npm run deploy`, step by step: every resource wrangler.toml binds is looked up and created when
// missing (so a second run changes nothing), the D1 migrations are applied, and the Worker is
// deployed with its secrets. Each step prints the wrangler commands it runs. A dry run prints the
// same commands without running any that needs an account, and ends with `wrangler deploy --dry-run`.

/**
 * @typedef {object} DeployOptions
 * @property {string} configPath the project's wrangler.toml
 * @property {string} outDir where the generated configuration (and a dry run's bundle) goes
 * @property {boolean} dryRun
 * @property {import("./wrangler.mjs").Wrangler} wrangler
 * @property {NodeJS.ProcessEnv} env where RIVULET_ACCESS_KEYS and RIVULET_ENCRYPTION_KEY come from
 * @property {(line: string) => void} log
 * @property {(question: string) => Promise<boolean>} [confirm] absent when nobody can answer (CI, no terminal)
 */

/**
 * @typedef {object} DeployResult
 * @property {string} deployConfig the generated configuration
 * @property {{ id: string, secret: string }} [generatedKey] the access key made for this deployment
 */

/**
 * @param {DeployOptions} options
 * @returns {Promise<DeployResult>}
 */
export async function deploy(options) {
  const { dryRun, wrangler, log } = options;
  const project = await readProjectConfig(options.configPath);
  const deployConfig = path.join(options.outDir, "wrangler.jsonc");
  // As wrangler is given it: relative to the project, where wrangler runs.
  const configArg = path.relative(path.dirname(project.path), deployConfig);
  let number = 0;
  /** @param {string} title */
  const step = (title) => log(`\n==> ${++number}. ${title}`);
  /** @param {string[]} args @param {string} [note] */
  const command = (args, note) => log(`    $ ${shown(args)}${note ? `   # ${note}` : ""}`);
  const notRun = () => log("    (dry run: not run)");

  /** @param {string[]} args */
  async function probe(args) {
    command(args);
    return wrangler(args, { capture: true });
  }
  /** @param {string[]} args @param {Record<string, string>} [env] */
  async function run(args, env) {
    command(args);
    const result = await wrangler(args, env ? { env } : {});
    if (result.code !== 0) throw new Error(`${shown(args)} failed (exit ${result.code})`);
  }

  /**
   * A resource found by `lookup` (exit 0: it exists; `missing` in its output: it does not) and
   * created by `create` when it does not.
   * @param {string} title @param {string[]} lookup @param {RegExp} missing @param {string[]} create
   */
  async function ensure(title, lookup, missing, create) {
    step(title);
    if (dryRun) {
      command(lookup);
      command(create, "when missing");
      return notRun();
    }
    const found = await probe(lookup);
    if (found.code === 0) return log("    exists");
    if (!missing.test(found.output)) throw new Error(`${shown(lookup)} failed:\n${found.output}`);
    await run(create);
    log("    created");
  }

  log(`Deploying ${project.name} from ${path.relative(process.cwd(), project.path) || project.path}${dryRun ? " (dry run: nothing is created, changed or uploaded)" : ""}`);

  step("Cloudflare account");
  const whoami = ["whoami", "--json"];
  if (dryRun) {
    command(whoami);
    notRun();
  } else {
    const account = await probe(whoami);
    if (account.code !== 0) {
      throw new Error("Not logged in to Cloudflare: run `npx wrangler login`, or set CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID)");
    }
    const who = /** @type {{ email?: string }} */ (parseJson(account.output) ?? {});
    log(`    logged in${who.email ? ` as ${who.email}` : ""}`);
  }

  for (const queue of project.queues) {
    await ensure(`Queue ${queue}`, ["queues", "info", queue], /does not exist/i, ["queues", "create", queue]);
  }
  for (const bucket of project.buckets) {
    await ensure(`R2 bucket ${bucket}`, ["r2", "bucket", "info", bucket, "--json"], /does not exist|not found|10006/i, ["r2", "bucket", "create", bucket]);
  }

  /** @type {Map<string, string>} */
  const ids = new Map();
  for (const database of project.databases) {
    step(`D1 database ${database.name}`);
    if (database.id !== undefined) {
      log(`    database_id ${database.id}, as wrangler.toml sets it`);
      continue;
    }
    const list = ["d1", "list", "--json"];
    if (dryRun) {
      command(list, "its id, by name");
      command(["d1", "create", database.name], "when missing");
      notRun();
      continue;
    }
    let id = await databaseId(database.name);
    if (id === undefined) {
      await run(["d1", "create", database.name]);
      id = await databaseId(database.name);
      if (id === undefined) throw new Error(`D1 database ${database.name} was created but is not listed`);
      log(`    created: ${id}`);
    } else {
      log(`    exists: ${id}`);
    }
    ids.set(database.binding, id);
  }

  /** @param {string} name */
  async function databaseId(name) {
    const listed = await probe(["d1", "list", "--json"]);
    const databases = listed.code === 0 ? parseJson(listed.output) : undefined;
    if (!Array.isArray(databases)) throw new Error(`npx wrangler d1 list --json failed:\n${listed.output}`);
    const found = databases.find((/** @type {{ name?: string }} */ d) => d.name === name);
    return found ? String(found.uuid) : undefined;
  }

  step("Configuration to deploy with");
  writeDeployConfig(project, ids, deployConfig);
  log(`    ${configArg}: wrangler.toml${ids.size > 0 ? " with the D1 database ids" : ""}${dryRun ? " (dry run: the placeholder database id stays)" : ""}`);

  for (const database of project.databases.filter((d) => d.hasMigrations)) {
    step(`D1 migrations of ${database.name}`);
    const apply = ["d1", "migrations", "apply", database.name, "--remote", "--config", configArg];
    if (dryRun) {
      command(apply);
      notRun();
    } else {
      await run(apply);
    }
  }

  step("Secrets");
  const { secrets, generatedKey } = await chooseSecrets();

  step("Deploy");
  // NODE_ENV decides what wrangler bundles for process.env.NODE_ENV; a shell's "development" must
  // not make the deployed Worker a development build (src/local.ts).
  const production = { NODE_ENV: "production" };
  const deployArgs = ["deploy", "--config", configArg];
  if (dryRun) {
    command(Object.keys(secrets).length > 0 ? [...deployArgs, "--secrets-file", "<temporary file>"] : deployArgs, "not run");
    await run([...deployArgs, "--dry-run", "--outdir", path.join(options.outDir, "bundle")], production);
    return { deployConfig };
  }
  const secretsFile = Object.keys(secrets).length > 0 ? writeSecretsFile(secrets) : undefined;
  try {
    await run(secretsFile ? [...deployArgs, "--secrets-file", secretsFile.path] : deployArgs, production);
  } finally {
    secretsFile?.remove();
  }
  if (generatedKey) {
    log("\nThe access key made for this deployment (shown once; RIVULET_ACCESS_KEYS holds it):");
    log(`    AWS_ACCESS_KEY_ID=${generatedKey.id}`);
    log(`    AWS_SECRET_ACCESS_KEY=${generatedKey.secret}`);
  }
  return { deployConfig, generatedKey };

  /** @returns {Promise<{ secrets: Record<string, string>, generatedKey?: { id: string, secret: string } }>} */
  async function chooseSecrets() {
    /** @type {Record<string, string>} */
    const secrets = {};
    for (const name of SECRET_NAMES) {
      const value = options.env[name];
      if (value === undefined || value.trim() === "") continue;
      if (name === "RIVULET_ACCESS_KEYS") checkAccessKeys(value);
      else checkEncryptionKey(value);
      secrets[name] = value;
      log(`    ${name}: from the environment, uploaded with the deployment`);
    }
    if (secrets.RIVULET_ACCESS_KEYS !== undefined) return { secrets };

    const list = ["secret", "list", "--name", project.name, "--format", "json"];
    if (dryRun) {
      command(list, "whether RIVULET_ACCESS_KEYS is set already");
      notRun();
      log("    RIVULET_ACCESS_KEYS not in the environment: kept if set; if not, offered to generate in a terminal");
      return { secrets };
    }
    const listed = await probe(list);
    // A Worker that does not exist yet has no secrets to list. Any other failure stops here: taking
    // it for "no keys" could replace the keys the Worker's clients use.
    if (listed.code !== 0 && !/does not exist|10007/i.test(listed.output)) {
      throw new Error(`${shown(list)} failed:\n${listed.output}`);
    }
    const names = listed.code === 0 ? parseJson(listed.output) : [];
    if (Array.isArray(names) && names.some((/** @type {{ name?: string }} */ s) => s.name === "RIVULET_ACCESS_KEYS")) {
      log("    RIVULET_ACCESS_KEYS: set already, kept");
      return { secrets };
    }
    const ask = options.confirm;
    if (ask && (await ask("RIVULET_ACCESS_KEYS is not set, so the deployment would refuse every request. Generate an access key now?"))) {
      const generatedKey = generateAccessKey();
      secrets.RIVULET_ACCESS_KEYS = `${generatedKey.id}:${generatedKey.secret}`;
      log("    RIVULET_ACCESS_KEYS: a new key, uploaded with the deployment");
      return { secrets, generatedKey };
    }
    log("    WARNING: RIVULET_ACCESS_KEYS is not set: the deployment refuses every request until it is");
    log("    (RIVULET_ACCESS_KEYS=KEYID:SECRET npm run deploy, or npx wrangler secret put RIVULET_ACCESS_KEYS)");
    return { secrets };
  }
}

/**
 * The JSON a `--json` command printed (wrangler may print other lines around it).
 * @param {string} output
 * @returns {unknown}
 */
function parseJson(output) {
  const start = output.search(/^[[{]/m);
  if (start < 0) return undefined;
  const end = output.lastIndexOf(output[start] === "[" ? "]" : "}");
  try {
    return JSON.parse(output.slice(start, end + 1));
  } catch {
    return undefined;
  }
}
