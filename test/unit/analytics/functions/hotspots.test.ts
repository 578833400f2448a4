import { describe, expect, it } from "vitest";
import { AnalyticsFunctionError } from "../../../../src/analytics/functions/errors";
import { type Hotspot, HotspotDetector } from "../../../../src/analytics/functions/hotspots";
import { generator } from "./random";

function hotspotsOf(result: { HOTSPOTS_RESULT: string }): Hotspot[] {
  return (JSON.parse(result.HOTSPOTS_RESULT) as { hotspots: Hotspot[] }).hotspots;
}

describe("HOTSPOTS", () => {
  it("finds the dense square of AWS's example stream, with its bounds and density", () => {
    // AWS's generator: a 10 x 10 field, 20% of the points in a 1 x 1 hotspot; HOTSPOTS(..., 1000, 0.2, 17).
    const detector = HotspotDetector.create({ columns: ["x", "y"], windowSize: 1000, scanRadius: 0.2, minimumNumberOfPointsInAHotspot: 17 });
    const { uniform } = generator(21);
    const spot = { left: 6.3, top: 2.1 };
    const hot: [number, number][] = [];
    let last: Hotspot[] = [];
    for (let i = 0; i < 1000; i++) {
      const isHot = uniform() < 0.2;
      const point: [number, number] = isHot ? [spot.left + uniform(), spot.top + uniform()] : [uniform() * 10, uniform() * 10];
      if (isHot) hot.push(point);
      last = hotspotsOf(detector.process(point));
    }
    const [densest] = last;
    expect(densest).toBeDefined();
    // The hotspot's bounds lie within the square and cover most of it.
    const xs = hot.map((p) => p[0]);
    const ys = hot.map((p) => p[1]);
    expect(densest?.minValues[0]).toBeGreaterThanOrEqual(Math.min(...xs) - 0.2);
    expect(densest?.maxValues[0]).toBeLessThanOrEqual(Math.max(...xs) + 0.2);
    expect(densest?.minValues[1]).toBeGreaterThanOrEqual(Math.min(...ys) - 0.2);
    expect(densest?.maxValues[1]).toBeLessThanOrEqual(Math.max(...ys) + 0.2);
    expect((densest?.maxValues[0] ?? 0) - (densest?.minValues[0] ?? 0)).toBeGreaterThan(0.8);
    // About 200 hot points (plus the field's few inside) in about one square unit: far above the
    // field's 8 per unit, and above the 40 AWS's viewer filters on.
    expect(densest?.density).toBeGreaterThan(40);
    expect(densest?.density).toBeLessThan(hot.length * 1.5);
    // Nothing else in the field is anywhere near as dense.
    for (const other of last.slice(1)) expect(other.density).toBeLessThan((densest?.density ?? 0) / 2);
  });

  it("reports no hotspot for spread-out points and forgets points that leave the window", () => {
    const detector = HotspotDetector.create({ columns: ["x"], windowSize: 100, scanRadius: 0.5, minimumNumberOfPointsInAHotspot: 10 });
    // A dense run of 50 points at 0, then 100 points spaced 10 apart push it out of the window.
    let result = hotspotsOf(detector.process([0]));
    for (let i = 1; i < 50; i++) result = hotspotsOf(detector.process([0]));
    expect(result).toEqual([{ density: 50 / 0.5, minValues: [0], maxValues: [0] }]);
    for (let i = 0; i < 100; i++) result = hotspotsOf(detector.process([100 + 10 * i]));
    expect(result).toEqual([]);
  });

  it("finds two clusters and lists the denser first", () => {
    const detector = HotspotDetector.create({ columns: ["x", "y"], windowSize: 200, scanRadius: 1, minimumNumberOfPointsInAHotspot: 5 });
    const { uniform } = generator(22);
    let result: Hotspot[] = [];
    for (let i = 0; i < 200; i++) {
      const point = i % 2 === 0 ? [uniform() * 2, uniform() * 2] : [50 + uniform() * 4, 50 + uniform() * 4];
      result = hotspotsOf(detector.process(point));
    }
    expect(result).toHaveLength(2);
    expect(result[0]?.maxValues[0]).toBeLessThan(2);
    expect(result[1]?.minValues[0]).toBeGreaterThan(50);
    expect(result[0]?.density).toBeGreaterThan(result[1]?.density ?? Infinity);
  });

  it("restores a full window and gives the same results afterwards", () => {
    const detector = HotspotDetector.create({ columns: ["x", "y"], windowSize: 150, scanRadius: 0.3, minimumNumberOfPointsInAHotspot: 6 });
    const { uniform, gaussian } = generator(23);
    const rows = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? [gaussian() * 0.2, gaussian() * 0.2] : [uniform() * 5, uniform() * 5]));
    for (const row of rows.slice(0, 400)) detector.process(row);
    const restored = HotspotDetector.restore(JSON.parse(JSON.stringify(detector.snapshot())));
    expect(rows.slice(400).map((row) => restored.process(row))).toEqual(rows.slice(400).map((row) => detector.process(row)));
  });

  it.each([
    [{ windowSize: 99 }, "windowSize must be an integer between 100 and 1,000 (inclusive); got 99"],
    [{ windowSize: 1001 }, "windowSize must be an integer between 100 and 1,000 (inclusive); got 1001"],
    [{ scanRadius: 0 }, "scanRadius must be a double value greater than zero; got 0"],
    [{ minimumNumberOfPointsInAHotspot: 1 }, "minimumNumberOfPointsInAHotspot must be an integer between 2 and 100 (inclusive); got 1"],
    [{ minimumNumberOfPointsInAHotspot: 101 }, "minimumNumberOfPointsInAHotspot must be an integer between 2 and 100 (inclusive); got 101"],
  ])("refuses %o", (override, message) => {
    const create = (): HotspotDetector =>
      HotspotDetector.create({ columns: ["x"], windowSize: 100, scanRadius: 0.013, minimumNumberOfPointsInAHotspot: 20, ...override });
    expect(create).toThrow(AnalyticsFunctionError);
    expect(create).toThrow(`HOTSPOTS: ${message}`);
  });
});
