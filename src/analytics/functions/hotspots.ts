/**
 * HOTSPOTS(cursor, windowSize, scanRadius, minimumNumberOfPointsInAHotspot): for each row, the
 * relatively dense regions among the last windowSize rows' numeric columns, as the column AWS adds,
 * HOTSPOTS_RESULT, a JSON string: `{"hotspots":[{"density":..,"minValues":[..],"maxValues":[..]}]}`
 * with minValues and maxValues in the order of the cursor's numeric columns.
 *
 * API (for the engine):
 *   const hotspots = HotspotDetector.create({ columns, windowSize, scanRadius, minimumNumberOfPointsInAHotspot })
 *   hotspots.process(values) -> { HOTSPOTS_RESULT } per row (values: the numeric columns, in order)
 *   hotspots.snapshot() / HotspotDetector.restore(snapshot)
 *
 * AWS likens scanRadius to DBSCAN's epsilon; this is DBSCAN over the window with epsilon =
 * scanRadius (Euclidean) and minPts = minimumNumberOfPointsInAHotspot: a point with at least that
 * many window points within scanRadius (itself included) is a core point, core points within
 * scanRadius of each other share a hotspot, and non-core points within reach join the first hotspot
 * that reaches them. Neighbour lists are kept up to date as rows enter and leave the window, so a row
 * costs one pass over the window plus a walk of the neighbour graph.
 *
 * Deliberate differences and gaps (AWS does not define these):
 * - density is the hotspot's row count divided by its size, the volume of its bounding box with
 *   each side at least scanRadius (so a hotspot flat in one column still has a finite density);
 * - hotspots are listed densest first;
 * - a row with a NULL numeric column is not added to the window (its result describes the window as it is).
 */
import { AnalyticsFunctionError, checkIntegerRange } from "./errors";

export interface HotspotOptions {
  /** The cursor's numeric columns, in order (the engine leaves out the others, as AWS does). */
  columns: readonly string[];
  windowSize: number;
  scanRadius: number;
  minimumNumberOfPointsInAHotspot: number;
}

export interface Hotspot {
  density: number;
  minValues: number[];
  maxValues: number[];
}

export interface HotspotSnapshot {
  version: 1;
  columns: string[];
  windowSize: number;
  scanRadius: number;
  minimumNumberOfPointsInAHotspot: number;
  /** The window's rows, oldest first. */
  window: number[][];
}

const FUNCTION = "HOTSPOTS";
export const HOTSPOTS_LIMITS = { minWindowSize: 100, maxWindowSize: 1000, minPoints: 2 } as const;

export class HotspotDetector {
  private readonly dims: number;
  private readonly coords: Float64Array;
  private readonly neighbors: number[][];
  /** Slots in use, and the slot the next row takes (the oldest, once the window is full). */
  private size = 0;
  private next = 0;
  private readonly radiusSquared: number;
  // Scratch for the clustering walk.
  private readonly label: Int32Array;
  private readonly queue: Int32Array;

  private constructor(
    readonly columns: readonly string[],
    readonly windowSize: number,
    readonly scanRadius: number,
    readonly minimumNumberOfPointsInAHotspot: number,
  ) {
    this.dims = columns.length;
    this.coords = new Float64Array(windowSize * this.dims);
    this.neighbors = Array.from({ length: windowSize }, () => []);
    this.radiusSquared = scanRadius * scanRadius;
    this.label = new Int32Array(windowSize);
    this.queue = new Int32Array(windowSize);
  }

  static create(options: HotspotOptions): HotspotDetector {
    checkIntegerRange(FUNCTION, "windowSize", options.windowSize, HOTSPOTS_LIMITS.minWindowSize, HOTSPOTS_LIMITS.maxWindowSize);
    if (!(options.scanRadius > 0) || !Number.isFinite(options.scanRadius)) {
      throw new AnalyticsFunctionError(FUNCTION, "scanRadius", `scanRadius must be a double value greater than zero; got ${String(options.scanRadius)}`);
    }
    checkIntegerRange(FUNCTION, "minimumNumberOfPointsInAHotspot", options.minimumNumberOfPointsInAHotspot, HOTSPOTS_LIMITS.minPoints, options.windowSize);
    if (options.columns.length === 0) {
      throw new AnalyticsFunctionError(FUNCTION, "inputStream", "inputStream must have at least one numeric column (DOUBLE, INTEGER, FLOAT, TINYINT, SMALLINT, REAL or BIGINT)");
    }
    return new HotspotDetector([...options.columns], options.windowSize, options.scanRadius, options.minimumNumberOfPointsInAHotspot);
  }

  process(values: ArrayLike<number | null>): { HOTSPOTS_RESULT: string } {
    if (this.admit(values)) this.add(values);
    return { HOTSPOTS_RESULT: JSON.stringify({ hotspots: this.hotspots() }) };
  }

  private admit(values: ArrayLike<number | null>): boolean {
    for (let i = 0; i < this.dims; i++) {
      const v = values[i];
      if (v === null || v === undefined || !Number.isFinite(v)) return false;
    }
    return true;
  }

  private add(values: ArrayLike<number | null>): void {
    const slot = this.next;
    if (this.size === this.windowSize) this.evict(slot);
    else this.size++;
    this.next = (slot + 1) % this.windowSize;
    const dims = this.dims;
    const offset = slot * dims;
    for (let i = 0; i < dims; i++) this.coords[offset + i] = values[i] ?? 0;
    const mine = this.neighbors[slot] ?? [];
    for (let other = 0; other < this.size; other++) {
      if (other === slot) continue;
      const otherOffset = other * dims;
      let d2 = 0;
      for (let i = 0; i < dims && d2 <= this.radiusSquared; i++) {
        const diff = (this.coords[offset + i] ?? 0) - (this.coords[otherOffset + i] ?? 0);
        d2 += diff * diff;
      }
      if (d2 <= this.radiusSquared) {
        mine.push(other);
        this.neighbors[other]?.push(slot);
      }
    }
  }

  private evict(slot: number): void {
    const list = this.neighbors[slot] ?? [];
    for (const other of list) {
      const theirs = this.neighbors[other];
      if (theirs === undefined) continue;
      const at = theirs.indexOf(slot);
      if (at >= 0) {
        theirs[at] = theirs[theirs.length - 1] ?? slot;
        theirs.pop();
      }
    }
    list.length = 0;
  }

  /** DBSCAN over the window (see the file comment). */
  hotspots(): Hotspot[] {
    const dims = this.dims;
    const minPoints = this.minimumNumberOfPointsInAHotspot;
    const label = this.label;
    label.fill(0);
    const found: Hotspot[] = [];
    let cluster = 0;
    // Seeds in arrival order, so a restored window (whose slots and neighbour lists differ) finds the same hotspots.
    const first = this.size < this.windowSize ? 0 : this.next;
    for (let k = 0; k < this.size; k++) {
      const seed = (first + k) % this.windowSize;
      if (label[seed] !== 0 || (this.neighbors[seed]?.length ?? 0) + 1 < minPoints) continue;
      cluster++;
      const minValues = new Array<number>(dims).fill(Infinity);
      const maxValues = new Array<number>(dims).fill(-Infinity);
      let count = 0;
      let head = 0;
      let tail = 0;
      label[seed] = cluster;
      this.queue[tail++] = seed;
      while (head < tail) {
        const point = this.queue[head++] ?? 0;
        count++;
        for (let i = 0; i < dims; i++) {
          const v = this.coords[point * dims + i] ?? 0;
          if (v < (minValues[i] ?? 0)) minValues[i] = v;
          if (v > (maxValues[i] ?? 0)) maxValues[i] = v;
        }
        const list = this.neighbors[point] ?? [];
        // Only core points extend the hotspot; border points join it but stop there.
        if (list.length + 1 < minPoints) continue;
        for (const other of list) {
          if (label[other] !== 0) continue;
          label[other] = cluster;
          this.queue[tail++] = other;
        }
      }
      let volume = 1;
      for (let i = 0; i < dims; i++) volume *= Math.max((maxValues[i] ?? 0) - (minValues[i] ?? 0), this.scanRadius);
      found.push({ density: count / volume, minValues, maxValues });
    }
    return found.sort((a, b) => b.density - a.density);
  }

  snapshot(): HotspotSnapshot {
    const window: number[][] = [];
    const first = this.size < this.windowSize ? 0 : this.next;
    for (let k = 0; k < this.size; k++) {
      const slot = (first + k) % this.windowSize;
      window.push(Array.from(this.coords.subarray(slot * this.dims, (slot + 1) * this.dims)));
    }
    return {
      version: 1,
      columns: [...this.columns],
      windowSize: this.windowSize,
      scanRadius: this.scanRadius,
      minimumNumberOfPointsInAHotspot: this.minimumNumberOfPointsInAHotspot,
      window,
    };
  }

  static restore(snapshot: HotspotSnapshot): HotspotDetector {
    const detector = new HotspotDetector(snapshot.columns, snapshot.windowSize, snapshot.scanRadius, snapshot.minimumNumberOfPointsInAHotspot);
    for (const row of snapshot.window) detector.add(row);
    return detector;
  }
}
