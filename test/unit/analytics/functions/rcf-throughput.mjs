// Measures RANDOM_CUT_FOREST's throughput and snapshot size (a script, not a test: no timing
// assertions in tests). Run: node test/unit/analytics/functions/rcf-throughput.mjs [columns] [rows]
import { build } from "esbuild";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const columns = Number(process.argv[2] ?? 2);
const rows = Number(process.argv[3] ?? 20000);
const dir = mkdtempSync(join(tmpdir(), "rcf-"));
const out = join(dir, "rcf.mjs");
const entry = new URL("../../../../src/analytics/functions/rcf/function.ts", import.meta.url).pathname;
await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "neutral", outfile: out, logLevel: "error" });
const { AnomalyDetector } = await import(out);

function gaussian(seed) {
  let s = seed >>> 0;
  const uniform = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

for (const functionName of ["RANDOM_CUT_FOREST", "RANDOM_CUT_FOREST_WITH_EXPLANATION"]) {
  const names = Array.from({ length: columns }, (_, i) => `c${i}`);
  const detector = AnomalyDetector.create({ functionName, columns: names, withDirectionality: true });
  const next = gaussian(7);
  const data = Array.from({ length: rows }, () => names.map(() => next()));
  // Warm-up (the learning phase and JIT) is not measured.
  for (let i = 0; i < 2000; i++) detector.process(data[i % data.length]);
  const start = performance.now();
  for (const row of data) detector.process(row);
  const seconds = (performance.now() - start) / 1000;
  const snapshot = JSON.stringify(detector.snapshot());
  const restoreStart = performance.now();
  AnomalyDetector.restore(JSON.parse(snapshot));
  const restoreMs = performance.now() - restoreStart;
  console.log(
    `${functionName}: ${columns} column(s), 100 trees x 256: ${Math.round(rows / seconds)} rows/s; snapshot ${(snapshot.length / 1024).toFixed(0)} KiB JSON; restore ${restoreMs.toFixed(0)} ms`,
  );
}
