/**
 * RANDOM_CUT_FOREST and RANDOM_CUT_FOREST_WITH_EXPLANATION as the SQL engine calls them: one stateful
 * object per function call in a pump, fed the numeric columns of each row in order, answering the
 * columns AWS adds (ANOMALY_SCORE, and ANOMALY_EXPLANATION for the explaining variant).
 *
 * API (for the engine):
 *   const rcf = AnomalyDetector.create({ functionName, columns, numberOfTrees?, subSampleSize?,
 *                                        timeDecay?, shingleSize?, withDirectionality?, seed? })
 *     - columns: the names of the cursor's numeric columns (DOUBLE, INTEGER, FLOAT, TINYINT,
 *       SMALLINT, REAL, BIGINT), in cursor order; the engine leaves out the others, as AWS does.
 *     - throws AnalyticsFunctionError for values outside AWS's documented ranges.
 *   rcf.process(values) -> { ANOMALY_SCORE, ANOMALY_EXPLANATION? } per row, in arrival order:
 *     scores the row against the model, then learns it.
 *   rcf.snapshot() -> AnomalyDetectorSnapshot (plain JSON); AnomalyDetector.restore(snapshot)
 *     continues exactly where the snapshot was taken (same scores, same random draws).
 *
 * As AWS documents: defaults 100 trees, sample size 256, time decay 100,000, shingle size 1, no
 * directionality; up to 30 numeric columns; the score is 0 while the model trains on its first
 * subSampleSize records, then positive, higher meaning more anomalous (normal points near 1); the
 * explanation is `{"<column>":{"DIRECTION":"HIGH"|"LOW","STRENGTH":"0.0922","ATTRIBUTION_SCORE":"0.3792"},...}`
 * with 4-decimal strings, its attribution scores adding up to ANOMALY_SCORE, strength 0 and
 * direction LOW during the learning phase.
 *
 * Deliberate differences and gaps:
 * - With shingling, the first shingleSize - 1 rows only fill the first shingle; the learning phase
 *   then counts subSampleSize shingles. A column's attribution is summed over its shingle positions.
 * - STRENGTH is our own measure, since AWS never published its formula: ln((a + e) / (b + e)) where
 *   a and b are the larger and smaller of the column's upward and downward attribution and e is
 *   1/10,000 of their sum, so 0 for an undecided column and about 9 at most for a one-sided one
 *   (AWS's own example shows values from 0.02 to 7.1 in that shape).
 * - Without directionality the explanation holds ATTRIBUTION_SCORE alone.
 * - A row whose numeric columns include a NULL scores 0 and is not learned (AWS does not say).
 * - AWS's model restarts empty after maintenance; ours survives restarts through the snapshot.
 */
import { AnalyticsFunctionError, checkIntegerRange } from "../errors";
import { RandomCutForest, type ForestSnapshot } from "./forest";

export type RandomCutForestFunctionName = "RANDOM_CUT_FOREST" | "RANDOM_CUT_FOREST_WITH_EXPLANATION";

export interface AnomalyDetectorOptions {
  functionName: RandomCutForestFunctionName;
  columns: readonly string[];
  numberOfTrees?: number;
  subSampleSize?: number;
  timeDecay?: number;
  shingleSize?: number;
  withDirectionality?: boolean;
  /** Seeds the forest's random cuts and sampling; the same seed and rows give the same scores. */
  seed?: number;
}

export interface AnomalyResult {
  ANOMALY_SCORE: number;
  /** Only for RANDOM_CUT_FOREST_WITH_EXPLANATION. */
  ANOMALY_EXPLANATION?: string;
}

export interface AnomalyDetectorSnapshot {
  version: 1;
  functionName: RandomCutForestFunctionName;
  columns: string[];
  numberOfTrees: number;
  subSampleSize: number;
  timeDecay: number;
  shingleSize: number;
  withDirectionality: boolean;
  /** The rows of the current shingle, oldest first (fewer than shingleSize until it fills). */
  shingle: number[][];
  forest: ForestSnapshot;
}

/** AWS's defaults and ranges (SQL Reference, RANDOM_CUT_FOREST and RANDOM_CUT_FOREST_WITH_EXPLANATION). */
export const RANDOM_CUT_FOREST_LIMITS = {
  defaultNumberOfTrees: 100,
  defaultSubSampleSize: 256,
  defaultTimeDecay: 100_000,
  defaultShingleSize: 1,
  minNumberOfTrees: 1,
  maxNumberOfTrees: 1000,
  minSubSampleSize: 10,
  maxSubSampleSize: 1000,
  minTimeDecay: 1,
  maxTimeDecay: 2_147_483_647,
  minShingleSize: 1,
  maxShingleSize: 30,
  maxNumericColumns: 30,
} as const;

const DEFAULT_SEED = 0x5eed;

export class AnomalyDetector {
  private readonly forest: RandomCutForest;
  private readonly width: number;
  private readonly shingle: Float64Array;
  /** Rows in the shingle so far (up to shingleSize) and where the next one goes (a ring). */
  private filled = 0;
  private next = 0;
  private readonly ordered: Float64Array;
  private readonly high: Float64Array;
  private readonly low: Float64Array;

  private constructor(
    readonly functionName: RandomCutForestFunctionName,
    readonly columns: readonly string[],
    readonly subSampleSize: number,
    readonly shingleSize: number,
    readonly withDirectionality: boolean,
    forest: RandomCutForest,
  ) {
    this.forest = forest;
    this.width = columns.length;
    this.shingle = new Float64Array(this.width * shingleSize);
    this.ordered = new Float64Array(this.width * shingleSize);
    this.high = new Float64Array(this.width * shingleSize);
    this.low = new Float64Array(this.width * shingleSize);
  }

  static create(options: AnomalyDetectorOptions): AnomalyDetector {
    const L = RANDOM_CUT_FOREST_LIMITS;
    const name = options.functionName;
    const numberOfTrees = options.numberOfTrees ?? L.defaultNumberOfTrees;
    const subSampleSize = options.subSampleSize ?? L.defaultSubSampleSize;
    const timeDecay = options.timeDecay ?? L.defaultTimeDecay;
    const shingleSize = options.shingleSize ?? L.defaultShingleSize;
    checkIntegerRange(name, "numberOfTrees", numberOfTrees, L.minNumberOfTrees, L.maxNumberOfTrees);
    checkIntegerRange(name, "subSampleSize", subSampleSize, L.minSubSampleSize, L.maxSubSampleSize);
    checkIntegerRange(name, "timeDecay", timeDecay, L.minTimeDecay, L.maxTimeDecay);
    checkIntegerRange(name, "shingleSize", shingleSize, L.minShingleSize, L.maxShingleSize);
    if (subSampleSize >= timeDecay) {
      throw new AnalyticsFunctionError(name, "subSampleSize", `subSampleSize must be less than timeDecay; got subSampleSize ${subSampleSize} and timeDecay ${timeDecay}`);
    }
    if (options.columns.length === 0) {
      throw new AnalyticsFunctionError(name, "inputStream", "inputStream must have at least one numeric column (DOUBLE, INTEGER, FLOAT, TINYINT, SMALLINT, REAL or BIGINT)");
    }
    if (options.columns.length > L.maxNumericColumns) {
      throw new AnalyticsFunctionError(name, "inputStream", `inputStream can have up to ${L.maxNumericColumns} numeric columns; got ${options.columns.length}`);
    }
    const forest = new RandomCutForest({
      dimensions: options.columns.length * shingleSize,
      numberOfTrees,
      sampleSize: subSampleSize,
      timeDecay,
      seed: options.seed ?? DEFAULT_SEED,
    });
    return new AnomalyDetector(name, [...options.columns], subSampleSize, shingleSize, options.withDirectionality ?? false, forest);
  }

  /** Scores one row (its numeric columns, in `columns` order), then learns it. */
  process(values: ArrayLike<number | null>): AnomalyResult {
    const width = this.width;
    for (let i = 0; i < width; i++) {
      const v = values[i];
      if (v === null || v === undefined || !Number.isFinite(v)) return this.result(0, false);
    }
    const offset = this.next * width;
    for (let i = 0; i < width; i++) this.shingle[offset + i] = values[i] ?? 0;
    this.next = (this.next + 1) % this.shingleSize;
    if (this.filled < this.shingleSize) this.filled++;
    if (this.filled < this.shingleSize) return this.result(0, false);
    // The shingle oldest row first: the ring's next slot is its oldest row.
    const start = this.next * width;
    const tail = this.shingle.length - start;
    this.ordered.set(this.shingle.subarray(start), 0);
    this.ordered.set(this.shingle.subarray(0, start), tail);
    const learning = this.forest.pointsSeen < this.subSampleSize;
    let score = 0;
    if (!learning) {
      score = this.functionName === "RANDOM_CUT_FOREST" ? this.forest.score(this.ordered) : this.forest.attribution(this.ordered, this.high, this.low);
    }
    this.forest.update(this.ordered);
    return this.result(score, !learning);
  }

  private result(score: number, explained: boolean): AnomalyResult {
    if (this.functionName === "RANDOM_CUT_FOREST") return { ANOMALY_SCORE: score };
    return { ANOMALY_SCORE: score, ANOMALY_EXPLANATION: this.explanation(explained) };
  }

  private explanation(explained: boolean): string {
    const parts: string[] = [];
    const width = this.width;
    for (let c = 0; c < width; c++) {
      let up = 0;
      let down = 0;
      if (explained) {
        for (let s = 0; s < this.shingleSize; s++) {
          up += this.high[s * width + c] ?? 0;
          down += this.low[s * width + c] ?? 0;
        }
      }
      const attribution = up + down;
      const fields: string[] = [];
      if (this.withDirectionality) {
        const direction = up > down ? "HIGH" : "LOW";
        const floor = attribution / 10_000;
        const strength = attribution > 0 ? Math.log((Math.max(up, down) + floor) / (Math.min(up, down) + floor)) : 0;
        fields.push(`"DIRECTION":"${direction}"`, `"STRENGTH":"${strength.toFixed(4)}"`);
      }
      fields.push(`"ATTRIBUTION_SCORE":"${attribution.toFixed(4)}"`);
      parts.push(`${JSON.stringify(this.columns[c] ?? "")}:{${fields.join(",")}}`);
    }
    return `{${parts.join(",")}}`;
  }

  snapshot(): AnomalyDetectorSnapshot {
    const rows: number[][] = [];
    const width = this.width;
    // Oldest first: when the ring is full its oldest row is at `next`, before that at 0.
    const first = this.filled < this.shingleSize ? 0 : this.next;
    for (let k = 0; k < this.filled; k++) {
      const slot = (first + k) % this.shingleSize;
      rows.push(Array.from(this.shingle.subarray(slot * width, slot * width + width)));
    }
    return {
      version: 1,
      functionName: this.functionName,
      columns: [...this.columns],
      numberOfTrees: this.forest.numberOfTrees,
      subSampleSize: this.subSampleSize,
      timeDecay: this.forest.timeDecay,
      shingleSize: this.shingleSize,
      withDirectionality: this.withDirectionality,
      shingle: rows,
      forest: this.forest.snapshot(),
    };
  }

  static restore(snapshot: AnomalyDetectorSnapshot): AnomalyDetector {
    const detector = new AnomalyDetector(
      snapshot.functionName,
      snapshot.columns,
      snapshot.subSampleSize,
      snapshot.shingleSize,
      snapshot.withDirectionality,
      RandomCutForest.restore(snapshot.forest),
    );
    snapshot.shingle.forEach((row, k) => detector.shingle.set(row, k * detector.width));
    detector.filled = snapshot.shingle.length;
    detector.next = snapshot.shingle.length % snapshot.shingleSize;
    return detector;
  }
}
