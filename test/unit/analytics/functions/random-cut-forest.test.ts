import { describe, expect, it } from "vitest";
import { AnalyticsFunctionError } from "../../../../src/analytics/functions/errors";
import { AnomalyDetector, type AnomalyDetectorOptions } from "../../../../src/analytics/functions/rcf/function";
import { generator } from "./random";

interface Explanation {
  [column: string]: { DIRECTION?: string; STRENGTH?: string; ATTRIBUTION_SCORE: string };
}

function explanationOf(text: string | undefined): Explanation {
  return JSON.parse(text ?? "{}") as Explanation;
}

describe("RANDOM_CUT_FOREST", () => {
  it("returns 0 while it learns from the first subSampleSize records, then positive scores", () => {
    const detector = AnomalyDetector.create({ functionName: "RANDOM_CUT_FOREST", columns: ["x"], subSampleSize: 50, numberOfTrees: 20 });
    const { gaussian } = generator(1);
    const scores = Array.from({ length: 60 }, () => detector.process([gaussian()]).ANOMALY_SCORE);
    expect(scores.slice(0, 50).every((s) => s === 0)).toBe(true);
    expect(scores.slice(50).every((s) => s > 0)).toBe(true);
  });

  it("scores far points of a 2-D Gaussian cloud above every normal point", () => {
    const detector = AnomalyDetector.create({ functionName: "RANDOM_CUT_FOREST", columns: ["x", "y"] });
    const { gaussian } = generator(2);
    const outliers = new Map([
      [600, [8, 8]],
      [900, [-9, 1]],
      [1200, [0, -10]],
      [1500, [7, -7]],
    ]);
    const normal: number[] = [];
    const far: number[] = [];
    for (let i = 0; i < 1600; i++) {
      const point = outliers.get(i) ?? [gaussian(), gaussian()];
      const score = detector.process(point).ANOMALY_SCORE;
      if (i < 256) continue;
      (outliers.has(i) ? far : normal).push(score);
    }
    expect(Math.min(...far)).toBeGreaterThan(Math.max(...normal));
    // Normal points score around 1, as AWS's do; the outliers several times higher.
    const mean = normal.reduce((a, b) => a + b, 0) / normal.length;
    expect(mean).toBeGreaterThan(0.5);
    expect(mean).toBeLessThan(1.5);
    expect(Math.min(...far)).toBeGreaterThan(2 * mean);
  });

  it("puts the price spikes of a stock ticker among its highest scores", () => {
    const detector = AnomalyDetector.create({ functionName: "RANDOM_CUT_FOREST", columns: ["CHANGE", "PRICE"] });
    const { gaussian, uniform } = generator(3);
    let price = 50;
    const spikes = new Set<number>();
    const scored: { i: number; score: number }[] = [];
    for (let i = 0; i < 3000; i++) {
      let change = gaussian() * 0.5;
      // Mean-reverting walk, as the demo stream's prices stay in a band.
      price = price + change + (50 - price) * 0.05;
      let shown = price;
      if (i > 400 && uniform() < 0.004) {
        change = 15 + uniform() * 10;
        shown = price + change;
        spikes.add(i);
      }
      const score = detector.process([change, shown]).ANOMALY_SCORE;
      if (i > 400) scored.push({ i, score });
    }
    expect(spikes.size).toBeGreaterThan(3);
    const top = scored
      .slice()
      .sort((a, b) => b.score - a.score)
      .slice(0, spikes.size)
      .map((entry) => entry.i);
    expect(new Set(top)).toEqual(spikes);
  });

  it("forgets records older than timeDecay, so a past regime becomes anomalous again", () => {
    const { gaussian } = generator(8);
    const run = (timeDecay: number): number => {
      const detector = AnomalyDetector.create({ functionName: "RANDOM_CUT_FOREST", columns: ["x", "y"], numberOfTrees: 50, timeDecay });
      // 3,000 records around (0, 0), then 3,000 around (20, 20); then one back at (0, 0).
      for (let i = 0; i < 3000; i++) detector.process([gaussian(), gaussian()]);
      for (let i = 0; i < 3000; i++) detector.process([20 + gaussian(), 20 + gaussian()]);
      return detector.process([0, 0]).ANOMALY_SCORE;
    };
    const remembering = run(100_000);
    const forgetting = run(1000);
    expect(forgetting).toBeGreaterThan(2 * remembering);
  });

  it("counts the learning phase in shingles: the first shingleSize - 1 rows only fill the first one", () => {
    const detector = AnomalyDetector.create({ functionName: "RANDOM_CUT_FOREST", columns: ["v"], subSampleSize: 20, shingleSize: 4, numberOfTrees: 10 });
    const scores = Array.from({ length: 30 }, (_, i) => detector.process([Math.sin(i / 3)]).ANOMALY_SCORE);
    const zeros = 4 - 1 + 20;
    expect(scores.slice(0, zeros).every((s) => s === 0)).toBe(true);
    expect(scores.slice(zeros).every((s) => s > 0)).toBe(true);
  });

  it("with a shingle, scores the start of a dip in a sine wave above the regular cycles", () => {
    const detector = AnomalyDetector.create({ functionName: "RANDOM_CUT_FOREST", columns: ["orders"], shingleSize: 4 });
    const { gaussian } = generator(4);
    const dipStart = 1500;
    const scores: number[] = [];
    for (let t = 0; t < 2000; t++) {
      const regular = 100 + 50 * Math.sin((2 * Math.PI * t) / 50) + gaussian();
      const value = t >= dipStart && t < dipStart + 20 ? 20 : regular;
      scores.push(detector.process([value]).ANOMALY_SCORE);
    }
    const before = scores.slice(600, dipStart);
    const aroundDip = scores.slice(dipStart, dipStart + 4);
    expect(Math.max(...aroundDip)).toBeGreaterThan(Math.max(...before));
  });
});

describe("RANDOM_CUT_FOREST_WITH_EXPLANATION", () => {
  const options: AnomalyDetectorOptions = {
    functionName: "RANDOM_CUT_FOREST_WITH_EXPLANATION",
    columns: ["Systolic", "Diastolic"],
    withDirectionality: true,
  };

  it("explains the learning phase with zero attributions, zero strength and LOW", () => {
    const detector = AnomalyDetector.create(options);
    const result = detector.process([100, 70]);
    expect(result.ANOMALY_SCORE).toBe(0);
    expect(explanationOf(result.ANOMALY_EXPLANATION)).toEqual({
      Systolic: { DIRECTION: "LOW", STRENGTH: "0.0000", ATTRIBUTION_SCORE: "0.0000" },
      Diastolic: { DIRECTION: "LOW", STRENGTH: "0.0000", ATTRIBUTION_SCORE: "0.0000" },
    });
  });

  it("attributes an outlier to the column that moved, in the direction it moved", () => {
    const detector = AnomalyDetector.create(options);
    const { int } = generator(5);
    // The blood pressure generator of AWS's example: normal readings only while the model learns.
    for (let i = 0; i < 1000; i++) detector.process([int(90, 120), int(60, 80)]);
    const highDiastolic = detector.process([105, 140]);
    const lowSystolic = detector.process([40, 70]);
    const normal = detector.process([105, 70]);

    const high = explanationOf(highDiastolic.ANOMALY_EXPLANATION);
    expect(Number(high.Diastolic?.ATTRIBUTION_SCORE)).toBeGreaterThan(Number(high.Systolic?.ATTRIBUTION_SCORE));
    expect(high.Diastolic?.DIRECTION).toBe("HIGH");
    expect(Number(high.Diastolic?.STRENGTH)).toBeGreaterThan(Number(high.Systolic?.STRENGTH));

    const low = explanationOf(lowSystolic.ANOMALY_EXPLANATION);
    expect(Number(low.Systolic?.ATTRIBUTION_SCORE)).toBeGreaterThan(Number(low.Diastolic?.ATTRIBUTION_SCORE));
    expect(low.Systolic?.DIRECTION).toBe("LOW");

    expect(highDiastolic.ANOMALY_SCORE).toBeGreaterThan(2 * normal.ANOMALY_SCORE);
    expect(lowSystolic.ANOMALY_SCORE).toBeGreaterThan(2 * normal.ANOMALY_SCORE);
  });

  it("gives attribution scores that add up to the anomaly score", () => {
    const detector = AnomalyDetector.create(options);
    const { int } = generator(6);
    for (let i = 0; i < 400; i++) {
      const result = detector.process([int(90, 120), int(60, 80)]);
      if (i < 256) continue;
      const explanation = explanationOf(result.ANOMALY_EXPLANATION);
      const sum = Number(explanation.Systolic?.ATTRIBUTION_SCORE) + Number(explanation.Diastolic?.ATTRIBUTION_SCORE);
      expect(Math.abs(sum - result.ANOMALY_SCORE)).toBeLessThan(0.00011);
    }
  });

  it("leaves out direction and strength without directionality", () => {
    const detector = AnomalyDetector.create({ ...options, withDirectionality: false });
    expect(Object.keys(explanationOf(detector.process([1, 2]).ANOMALY_EXPLANATION).Systolic ?? {})).toEqual(["ATTRIBUTION_SCORE"]);
  });
});

describe("snapshot and restore", () => {
  it("continues with exactly the scores and explanations the original would have given", () => {
    const detector = AnomalyDetector.create({
      functionName: "RANDOM_CUT_FOREST_WITH_EXPLANATION",
      columns: ["a", "b", "c"],
      numberOfTrees: 30,
      subSampleSize: 64,
      timeDecay: 500,
      shingleSize: 2,
      withDirectionality: true,
      seed: 42,
    });
    const { gaussian, uniform } = generator(7);
    const rows = Array.from({ length: 2500 }, () => [gaussian(), gaussian() * 3, uniform() < 0.01 ? 20 : gaussian()]);
    // Past the learning phase and several sweeps of the timeDecay window.
    for (const row of rows.slice(0, 1500)) detector.process(row);
    const stored = JSON.stringify(detector.snapshot());
    const restored = AnomalyDetector.restore(JSON.parse(stored));
    const original = rows.slice(1500).map((row) => detector.process(row));
    const again = rows.slice(1500).map((row) => restored.process(row));
    expect(again).toEqual(original);
    expect(JSON.stringify(restored.snapshot())).toEqual(JSON.stringify(detector.snapshot()));
  });

  it("restores a forest still in its learning phase, mid-shingle", () => {
    const options: AnomalyDetectorOptions = { functionName: "RANDOM_CUT_FOREST", columns: ["v"], shingleSize: 5, subSampleSize: 10, numberOfTrees: 5 };
    const detector = AnomalyDetector.create(options);
    for (let i = 0; i < 3; i++) detector.process([i]);
    const restored = AnomalyDetector.restore(JSON.parse(JSON.stringify(detector.snapshot())));
    const rows = Array.from({ length: 40 }, (_, i) => [Math.cos(i)]);
    expect(rows.map((row) => restored.process(row))).toEqual(rows.map((row) => detector.process(row)));
  });
});

describe("parameters", () => {
  const base: AnomalyDetectorOptions = { functionName: "RANDOM_CUT_FOREST", columns: ["x"] };

  it.each([
    [{ numberOfTrees: 0 }, "numberOfTrees must be an integer between 1 and 1,000 (inclusive); got 0"],
    [{ numberOfTrees: 1001 }, "numberOfTrees must be an integer between 1 and 1,000 (inclusive); got 1001"],
    [{ subSampleSize: 9 }, "subSampleSize must be an integer between 10 and 1,000 (inclusive); got 9"],
    [{ subSampleSize: 1001 }, "subSampleSize must be an integer between 10 and 1,000 (inclusive); got 1001"],
    [{ timeDecay: 0 }, "timeDecay must be an integer between 1 and 2,147,483,647 (inclusive); got 0"],
    [{ shingleSize: 31 }, "shingleSize must be an integer between 1 and 30 (inclusive); got 31"],
    [{ subSampleSize: 300, timeDecay: 300 }, "subSampleSize must be less than timeDecay; got subSampleSize 300 and timeDecay 300"],
    [{ columns: [] }, "inputStream must have at least one numeric column (DOUBLE, INTEGER, FLOAT, TINYINT, SMALLINT, REAL or BIGINT)"],
    [{ columns: Array.from({ length: 31 }, (_, i) => `c${i}`) }, "inputStream can have up to 30 numeric columns; got 31"],
  ])("refuses %o", (override, message) => {
    const create = (): AnomalyDetector => AnomalyDetector.create({ ...base, ...override });
    expect(create).toThrow(AnalyticsFunctionError);
    expect(create).toThrow(`RANDOM_CUT_FOREST: ${message}`);
  });

  it("accepts AWS's extremes", () => {
    expect(() => AnomalyDetector.create({ ...base, numberOfTrees: 1, subSampleSize: 10, timeDecay: 11, shingleSize: 30 })).not.toThrow();
    expect(() => AnomalyDetector.create({ ...base, numberOfTrees: 1000, subSampleSize: 1000, timeDecay: 2_147_483_647, shingleSize: 1 })).not.toThrow();
  });
});
