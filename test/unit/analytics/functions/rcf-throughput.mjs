// Measures RANDOM_CUT_FOREST's and HOTSPOTS' throughput and snapshot sizes (a script, not a test: no
// timing assertions in tests). Run: npx node test/unit/analytics/functions/rcf-throughput.mjs [columns] [rows]
import { build } from "esbuild";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const columns = Number(process.argv[2] ?? 2);
const rows = Number(process.argv[3] ?? 20000);
const dir = mkdtempSync(join(tmpdir(), "rcf-"));
const out = join(dir, "rcf.mjs");
const entry = new URL("../../../../src/analytics/functions/index.ts", import.meta.url).pathname;
await build({ entryPoints: [entry], bundle: true, format: "esm", platform: "neutral", outfile: out, logLevel: "error" });
const { AnomalyDetector, HotspotDetector } = await import(out);

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

{
  // AWS's hotspots example: HOTSPOTS(..., 1000, 0.2, 17) over a 10 x 10 field, 20% of points in a 1 x 1 square.
  const detector = HotspotDetector.create({ columns: ["x", "y"], windowSize: 1000, scanRadius: 0.2, minimumNumberOfPointsInAHotspot: 17 });
  let s = 3;
  const uniform = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 4294967296;
  };
  const data = Array.from({ length: rows }, (_, i) => {
    const spot = Math.floor(i / 1000);
    return uniform() < 0.2 ? [(spot * 3.7) % 9 + uniform(), (spot * 5.3) % 9 + uniform()] : [uniform() * 10, uniform() * 10];
  });
  for (let i = 0; i < 2000; i++) detector.process(data[i % data.length]);
  const start = performance.now();
  for (const row of data) detector.process(row);
  const seconds = (performance.now() - start) / 1000;
  const snapshot = JSON.stringify(detector.snapshot());
  console.log(`HOTSPOTS: window 1000, 2 columns: ${Math.round(rows / seconds)} rows/s; snapshot ${(snapshot.length / 1024).toFixed(0)} KiB JSON`);
}
