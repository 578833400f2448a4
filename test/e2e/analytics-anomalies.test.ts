/**
 * The SQL Developer Guide's other two analytic examples, as AWS wrote them, run by the real local
 * server through the unmodified SDKs: anomalies with their explanation
 * (app-anomaly-detection-with-explanation.md, RANDOM_CUT_FOREST_WITH_EXPLANATION over blood pressure
 * readings) and hotspots (app-hotspots-detection.md, HOTSPOTS over points of which a fifth fall in one
 * small square). The records are made as the guide's producers make them, from a seeded generator;
 * what the test expects follows from them.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { removeDir, startServer, tempDir, type TestServer } from "./helpers";
import { clients, OutputReader, putJson, startApplication, TICKER_SCHEMA, type Clients, type Row } from "./analytics-rig";

let dir: string | undefined;
let server: TestServer | undefined;
let c: Clients;

beforeAll(async () => {
  dir = tempDir("analytics-anomalies");
  server = await startServer({ persistDir: dir });
  c = clients(server);
});

afterAll(async () => {
  c?.destroy();
  await server?.close();
  removeDir(dir);
});

/** A seeded stand-in for Python's random.random(). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("anomaly detection with explanation", () => {
  it("scores the high and low readings above every normal one, explaining them by the columns' direction", async () => {
    const schema = {
      ...TICKER_SCHEMA,
      RecordColumns: [
        { Name: "Systolic", Mapping: "$.Systolic", SqlType: "INTEGER" },
        { Name: "Diastolic", Mapping: "$.Diastolic", SqlType: "INTEGER" },
        { Name: "BloodPressureLevel", Mapping: "$.BloodPressureLevel", SqlType: "VARCHAR(8)" },
      ],
    };
    const code = `--Creates a temporary stream.
CREATE OR REPLACE STREAM "TEMP_STREAM" (
	        "Systolic"                  INTEGER,
	        "Diastolic"                 INTEGER,
	        "BloodPressureLevel"        varchar(20),
	        "ANOMALY_SCORE"             DOUBLE,
	        "ANOMALY_EXPLANATION"       varchar(512));

--Creates another stream for application output.	        
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
	        "Systolic"                  INTEGER,
	        "Diastolic"                 INTEGER,
	        "BloodPressureLevel"        varchar(20),
	        "ANOMALY_SCORE"             DOUBLE,
	        "ANOMALY_EXPLANATION"       varchar(512));

-- Compute an anomaly score with explanation for each record in the input stream
-- using RANDOM_CUT_FOREST_WITH_EXPLANATION
CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
   INSERT INTO "TEMP_STREAM"
      SELECT STREAM "Systolic", "Diastolic", "BloodPressureLevel", ANOMALY_SCORE, ANOMALY_EXPLANATION 
      FROM TABLE(RANDOM_CUT_FOREST_WITH_EXPLANATION(
              CURSOR(SELECT STREAM * FROM "SOURCE_SQL_STREAM_001"), 100, 256, 100000, 1, true));

-- Sort records by descending anomaly score, insert into output stream
CREATE OR REPLACE PUMP "OUTPUT_PUMP" AS 
   INSERT INTO "DESTINATION_SQL_STREAM"
      SELECT STREAM * FROM "TEMP_STREAM"
      ORDER BY FLOOR("TEMP_STREAM".ROWTIME TO SECOND), ANOMALY_SCORE DESC;`;
    const app = await startApplication(c, { code, schema });
    // The guide's producer: normal readings, and now and then a low or a high one.
    const random = seeded(42);
    const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
    const reading = (level: "LOW" | "NORMAL" | "HIGH") =>
      level === "LOW"
        ? { BloodPressureLevel: level, Systolic: between(50, 80), Diastolic: between(30, 50) }
        : level === "HIGH"
          ? { BloodPressureLevel: level, Systolic: between(130, 200), Diastolic: between(90, 150) }
          : { BloodPressureLevel: level, Systolic: between(90, 120), Diastolic: between(60, 80) };
    const training = Array.from({ length: 400 }, () => reading("NORMAL"));
    const scored = Array.from({ length: 150 }, (_, i) => reading(i % 50 === 17 ? "HIGH" : i % 50 === 33 ? "LOW" : "NORMAL"));
    await putJson(c.kinesis, app.input, training);
    const reader = new OutputReader(c.kinesis, app.output);
    await reader.until((rows) => rows.length >= training.length, 60_000);
    await putJson(c.kinesis, app.input, scored);
    const rows = (await reader.exactly(training.length + scored.length, 60_000)).slice(training.length);

    expect(rows.map((row) => `${row.Systolic}/${row.Diastolic}`).sort()).toEqual(scored.map((r) => `${r.Systolic}/${r.Diastolic}`).sort());
    const score = (row: Row) => row.ANOMALY_SCORE as number;
    const normal = rows.filter((row) => row.BloodPressureLevel === "NORMAL");
    const unusual = rows.filter((row) => row.BloodPressureLevel !== "NORMAL");
    expect(unusual).toHaveLength(6);
    const highestNormal = Math.max(...normal.map(score));
    for (const row of unusual) {
      expect(score(row), JSON.stringify(row)).toBeGreaterThan(highestNormal);
      // The explanation as the guide shows it: per numeric column a direction, a strength and an
      // attribution score (4-decimal strings), the attributions adding up to the score.
      const explanation = JSON.parse(String(row.ANOMALY_EXPLANATION)) as Record<string, { DIRECTION: string; STRENGTH: string; ATTRIBUTION_SCORE: string }>;
      expect(Object.keys(explanation).sort()).toEqual(["Diastolic", "Systolic"]);
      // The strongest direction is the reading's; the first high (and low) reading put lies beyond
      // everything the model holds in both columns. A later one may lie below an earlier outlier in
      // one column, a weak LOW, as the guide's own sample shows mixed directions.
      const direction = row.BloodPressureLevel === "HIGH" ? "HIGH" : "LOW";
      const strongest = Object.values(explanation).reduce((a, b) => (Number(b.STRENGTH) > Number(a.STRENGTH) ? b : a));
      expect(strongest.DIRECTION, JSON.stringify(row)).toBe(direction);
      const first = scored.find((r) => r.BloodPressureLevel === row.BloodPressureLevel);
      if (first !== undefined && first.Systolic === row.Systolic && first.Diastolic === row.Diastolic) {
        expect([explanation.Systolic?.DIRECTION, explanation.Diastolic?.DIRECTION], JSON.stringify(row)).toEqual([direction, direction]);
      }
      for (const part of Object.values(explanation)) expect(part.ATTRIBUTION_SCORE).toMatch(/^\d+\.\d{4}$/);
      const attributed = Object.values(explanation).reduce((sum, part) => sum + Number(part.ATTRIBUTION_SCORE), 0);
      expect(attributed).toBeCloseTo(score(row), 3);
    }
  }, 120_000);
});

describe("hotspots", () => {
  it("finds the square where a fifth of the points fall, among points spread over the field", async () => {
    const schema = {
      ...TICKER_SCHEMA,
      RecordColumns: [
        { Name: "x", Mapping: "$.x", SqlType: "DOUBLE" },
        { Name: "y", Mapping: "$.y", SqlType: "DOUBLE" },
        { Name: "is_hot", Mapping: "$.is_hot", SqlType: "VARCHAR(4)" },
      ],
    };
    const code = `CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
    "x" DOUBLE, 
    "y" DOUBLE, 
    "is_hot" VARCHAR(4),
    HOTSPOTS_RESULT VARCHAR(10000)
); 
CREATE OR REPLACE PUMP "STREAM_PUMP" AS 
    INSERT INTO "DESTINATION_SQL_STREAM" 
    SELECT "x", "y", "is_hot", "HOTSPOTS_RESULT" 
    FROM TABLE (
        HOTSPOTS(   
            CURSOR(SELECT STREAM "x", "y", "is_hot" FROM "SOURCE_SQL_STREAM_001"), 
            1000, 
            0.2, 
            17)
    );`;
    const app = await startApplication(c, { code, schema });
    // The guide's producer: a 10 x 10 field, a 1 x 1 hotspot, a point in the hotspot with probability 0.2.
    const random = seeded(7);
    const field = { left: 0, width: 10, top: 0, height: 10 };
    const hotspot = { left: random() * 9, width: 1, top: random() * 9, height: 1 };
    const points = Array.from({ length: 1000 }, () => {
      const hot = random() < 0.2;
      const rectangle = hot ? hotspot : field;
      return { x: rectangle.left + random() * rectangle.width, y: rectangle.top + random() * rectangle.height, is_hot: hot ? "Y" : "N" };
    });
    await putJson(c.kinesis, app.input, points);

    const rows = await new OutputReader(c.kinesis, app.output).exactly(points.length, 60_000);
    expect(rows.map((row) => [row.x, row.y, row.is_hot])).toEqual(points.map((p) => [p.x, p.y, p.is_hot]));
    // Once the window holds every point, the densest hotspot is the square, give or take the scan radius.
    const last = JSON.parse(String(rows.at(-1)?.HOTSPOTS_RESULT)) as { hotspots: { density: number; minValues: number[]; maxValues: number[] }[] };
    const densest = last.hotspots[0];
    expect(densest, JSON.stringify(last)).toBeDefined();
    const [minX = NaN, minY = NaN] = densest?.minValues ?? [];
    const [maxX = NaN, maxY = NaN] = densest?.maxValues ?? [];
    const radius = 0.2;
    expect(minX).toBeGreaterThan(hotspot.left - radius);
    expect(minX).toBeLessThan(hotspot.left + radius);
    expect(maxX).toBeLessThan(hotspot.left + hotspot.width + radius);
    expect(maxX).toBeGreaterThan(hotspot.left + hotspot.width - radius);
    expect(minY).toBeGreaterThan(hotspot.top - radius);
    expect(minY).toBeLessThan(hotspot.top + radius);
    expect(maxY).toBeLessThan(hotspot.top + hotspot.height + radius);
    expect(maxY).toBeGreaterThan(hotspot.top + hotspot.height - radius);
    // No other hotspot: the field's points are far too sparse for 17 within 0.2 of one another.
    expect(last.hotspots).toHaveLength(1);
  }, 120_000);
});
