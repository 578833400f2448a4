// Turns a run's results into the markdown printed on stdout and the JSON kept in bench/results/.
// The markdown is for reading (one table, Rivulet's value over each peer's as a ratio); the JSON keeps
// everything behind the figures (counts, throttles, elapsed times) for comparing runs later.

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * @typedef {object} ScenarioOutcome
 * @property {"ok" | "error" | "n/a"} status n/a: the server does not offer what the scenario measures
 * @property {string} [error]
 * @property {Record<string, number>} [figures]
 * @property {Record<string, unknown>} [details]
 * @property {string[]} [notes]
 * @property {number} [elapsedMs]
 */

/**
 * @typedef {object} ServerOutcome
 * @property {string} name
 * @property {string} description
 * @property {"ok" | "error" | "skipped"} status ok: it started (its scenarios may still have failed)
 * @property {string} [error] why it did not start, or why it was skipped
 * @property {Record<string, ScenarioOutcome>} scenarios
 */

/**
 * @typedef {object} RunResults
 * @property {string} date
 * @property {boolean} quick
 * @property {Record<string, unknown>} machine
 * @property {Record<string, unknown>} client
 * @property {{name: string, title: string, description: string, figures: import("./scenarios/index.mjs").Figure[]}[]} scenarios
 * @property {ServerOutcome[]} servers
 */

/**
 * @param {number} value
 * @param {string} unit
 */
function formatValue(value, unit) {
  if (!Number.isFinite(value)) return "n/a";
  if (unit === "records/s" || unit === "requests/s") return Math.round(value).toLocaleString("en-US");
  if (unit === "images/s") return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);
  if (unit === "MiB" || unit === "MiB/s") return value >= 100 ? Math.round(value).toLocaleString("en-US") : value.toFixed(1);
  // Latencies: enough digits to tell sub-millisecond servers apart, not more than the noise.
  if (value < 1) return value.toFixed(3);
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return Math.round(value).toLocaleString("en-US");
}

/**
 * Rivulet's value over a peer's: above 1 means Rivulet's number is bigger, which is better for
 * throughput and worse for latency and memory (the row's label says which).
 * @param {number | undefined} ours
 * @param {number | undefined} theirs
 */
function formatRatio(ours, theirs) {
  if (ours === undefined || theirs === undefined || !Number.isFinite(ours) || !Number.isFinite(theirs) || theirs === 0) {
    return "–";
  }
  const ratio = ours / theirs;
  return `${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}×`;
}

/**
 * @param {ServerOutcome} server
 * @param {string} scenario
 * @param {string} key
 * @param {string} unit
 */
function cell(server, scenario, key, unit) {
  if (server.status === "error") return "error";
  const outcome = server.scenarios[scenario];
  if (!outcome) return "–";
  if (outcome.status === "error") return "error";
  if (outcome.status === "n/a") return "n/a";
  const value = outcome.figures?.[key];
  return value === undefined ? "–" : formatValue(value, unit);
}

/**
 * @param {RunResults} results
 * @returns {string}
 */
export function renderMarkdown(results) {
  const m = /** @type {Record<string, any>} */ (results.machine);
  const c = /** @type {Record<string, any>} */ (results.client);
  const lines = [];
  lines.push(`## Rivulet benchmark, ${results.date}${results.quick ? " (quick run: small counts, rough figures)" : ""}`);
  lines.push("");
  lines.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 1024 ** 3).toFixed(1)} GiB, ` +
      `Node ${m.node}, ${m.platform}, load average ${m.loadAverage1m} at the start. ` +
      "All servers on this machine, one at a time, reached on 127.0.0.1.",
  );
  lines.push(
    `Client: @aws-sdk/client-kinesis ${c.sdkVersion}, ${c.handler}; the same settings for every server.`,
  );
  lines.push("");
  lines.push("Servers:");
  for (const s of results.servers) {
    const note = s.status === "skipped" ? ` (skipped: ${s.error})` : s.status === "error" ? " (failed to start, see below)" : "";
    lines.push(`- **${s.name}**: ${s.description}${note}`);
  }
  lines.push("");
  lines.push("Scenarios:");
  for (const sc of results.scenarios) lines.push(`- **${sc.name}**: ${sc.description}`);
  lines.push("");

  const shown = results.servers.filter((s) => s.status !== "skipped");
  const rivulet = shown.find((s) => s.name === "rivulet");
  const peers = rivulet ? shown.filter((s) => s !== rivulet) : [];
  const header = ["Figure", ...shown.map((s) => s.name), ...peers.map((p) => `rivulet/${p.name}`)];
  lines.push(`| ${header.join(" | ")} |`);
  lines.push(`|${["---", ...header.slice(1).map(() => "---:")].join("|")}|`);
  for (const sc of results.scenarios) {
    for (const f of sc.figures) {
      const label = `${f.label} (${f.unit}, ${f.better} is better)`;
      const values = shown.map((s) => cell(s, sc.name, f.key, f.unit));
      const ratios = peers.map((p) =>
        formatRatio(okFigure(/** @type {ServerOutcome} */ (rivulet), sc.name, f.key), okFigure(p, sc.name, f.key)),
      );
      lines.push(`| ${[label, ...values, ...ratios].join(" | ")} |`);
    }
  }

  const notes = [];
  const errors = [];
  for (const s of results.servers) {
    if (s.status === "error") errors.push(`- ${s.name} did not start: ${s.error}`);
    for (const [name, outcome] of Object.entries(s.scenarios)) {
      if (outcome.status === "error") errors.push(`- ${s.name}, ${name}: ${outcome.error}`);
      for (const note of outcome.notes ?? []) notes.push(`- ${s.name}, ${name}: ${note}`);
    }
  }
  if (notes.length > 0) {
    lines.push("");
    lines.push("Notes:");
    lines.push(...notes);
  }
  if (errors.length > 0) {
    lines.push("");
    lines.push("Errors:");
    lines.push(...errors.map((e) => e.replace(/\n+/g, " ")));
  }
  return `${lines.join("\n")}\n`;
}

/**
 * @param {ServerOutcome} server
 * @param {string} scenario
 * @param {string} key
 */
function okFigure(server, scenario, key) {
  if (server.status !== "ok") return undefined;
  const outcome = server.scenarios[scenario];
  return outcome?.status === "ok" ? outcome.figures?.[key] : undefined;
}

/**
 * @param {RunResults} results
 * @param {string} path
 */
export function writeJson(results, path) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(results, null, 2)}\n`);
}
