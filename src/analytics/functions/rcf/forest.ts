/**
 * A robust random cut forest (Guha, Mishra, Roy, Schrijvers: "Robust Random Cut Forest Based
 * Anomaly Detection On Streams", ICML 2016) over points of a fixed dimension: the algorithm behind
 * RANDOM_CUT_FOREST. Each tree keeps a time-decayed reservoir sample of the stream and a random cut
 * tree over that sample; a point's anomaly score is the average over the trees of how early a random
 * cut would isolate it, scored as AWS's open-source implementation (aws/random-cut-forest-by-aws)
 * scores it: 1/(depth+1) where the point falls off the tree, damped for points already sampled,
 * blended up the path by the probability of a cut separating the point from each node's bounding
 * box, and scaled by log2(tree mass + 1), so normal points score around 1 and outliers several times
 * that. Attribution splits the same score over the dimensions and the two directions (above, below).
 *
 * Shape, for speed and small snapshots: every array of every tree lives in a few typed arrays
 * indexed by `tree * capacity + id`; nothing is allocated per point. Points, bounding boxes and cut
 * values are 32-bit floats, as in AWS's implementation, which halves memory and snapshot size and
 * lets a restored forest make bit-identical decisions. Sampler weights are compared in 64 bits
 * (they fall by 1/timeDecay per record, and in 32 bits a long stream would round recent weights
 * together); a snapshot stores only their 32-bit random term and rebuilds them exactly.
 *
 * Sampling: weighted reservoir sampling with exponential time decay (weight of the point seen at
 * sequence t is -t/timeDecay + log(-log U), the smallest `capacity` weights are kept), plus a hard
 * window: a point older than `timeDecay` records leaves its tree, as AWS documents ("uses only the
 * most recent 100,000 records"). The window is swept every timeDecay/16 records, so a point may
 * outstay it by that much.
 *
 * Gap: bounding boxes are always cached (memory grows with trees x sample size x dimensions:
 * 100 trees x 256 x 30 columns x 30 shingles would need ~180 MB), where AWS's implementation can
 * recompute them.
 */
import { decodeFloat32, decodeInt16, decodeUint16, decodeUint32, encodeArray } from "../codec";
import { type RandomState, SeededRandom } from "../rng";

export interface ForestOptions {
  dimensions: number;
  numberOfTrees: number;
  /** Points kept per tree (AWS's subSampleSize). */
  sampleSize: number;
  /** Records of history that matter (AWS's timeDecay): the decay rate is 1/timeDecay and older points leave. */
  timeDecay: number;
  seed: number;
}

/** A forest as plain JSON: every array base64-encoded (see ../codec.ts). */
export interface ForestSnapshot {
  options: ForestOptions;
  random: RandomState;
  /** Points seen so far (the sequence number of the next point). */
  seen: number;
  roots: string;
  left: string;
  right: string;
  cutDimension: string;
  cutValue: string;
  leafPoint: string;
  heapSize: string;
  /** Each sampled point's random weight term (its weight without the decay), 32-bit. */
  heapNoise: string;
  /** Age of each sampled point (seen - its sequence number), which stays below 2^32 because of the window. */
  heapAge: string;
  heapLeaf: string;
}

/** Marks an absent child, parent or root. Leaves are encoded as -(leaf + 1), internal nodes as themselves. */
const NIL = -32768;
const LOG2 = Math.LN2;

export class RandomCutForest {
  readonly dimensions: number;
  readonly numberOfTrees: number;
  readonly capacity: number;
  readonly timeDecay: number;
  private readonly options: ForestOptions;
  private readonly random: SeededRandom;
  private seen = 0;
  private readonly sweepInterval: number;

  // Per tree.
  private readonly root: Int16Array;
  // Internal nodes, indexed tree * capacity + node.
  private readonly left: Int16Array;
  private readonly right: Int16Array;
  private readonly parent: Int16Array;
  private readonly mass: Int32Array;
  private readonly cutDimension: Uint16Array;
  private readonly cutValue: Float32Array;
  private readonly boxMin: Float32Array;
  private readonly boxMax: Float32Array;
  private readonly freeNodes: Int16Array;
  private readonly freeNodeCount: Int32Array;
  // Leaves (distinct sampled points), indexed tree * capacity + leaf.
  private readonly leafPoint: Float32Array;
  private readonly leafMass: Int32Array;
  private readonly leafParent: Int16Array;
  private readonly freeLeaves: Int16Array;
  private readonly freeLeafCount: Int32Array;
  // The reservoir: a max-heap on weight per tree (the root is the next to leave), indexed tree * capacity + position.
  private readonly heapSize: Int32Array;
  private readonly heapWeight: Float64Array;
  /** The random term of each weight (the weight is -seq / timeDecay + noise), kept for snapshots. */
  private readonly heapNoise: Float32Array;
  private readonly heapSeq: Float64Array;
  private readonly heapLeaf: Int16Array;

  // Scratch, reused by every call.
  private readonly point: Float32Array;
  private readonly path: Int16Array;
  private readonly inside: Uint8Array;
  private readonly gapHigh: Float64Array;
  private readonly gapLow: Float64Array;
  private readonly treeHigh: Float64Array;
  private readonly treeLow: Float64Array;
  private readonly shadowMin: Float64Array;
  private readonly shadowMax: Float64Array;

  constructor(options: ForestOptions, random?: SeededRandom) {
    this.options = { ...options };
    const { dimensions, numberOfTrees, sampleSize } = options;
    this.dimensions = dimensions;
    this.numberOfTrees = numberOfTrees;
    this.capacity = sampleSize;
    this.timeDecay = options.timeDecay;
    this.random = random ?? new SeededRandom(options.seed);
    this.sweepInterval = Math.max(1, Math.floor(options.timeDecay / 16));
    const slots = numberOfTrees * sampleSize;
    this.root = new Int16Array(numberOfTrees).fill(NIL);
    this.left = new Int16Array(slots).fill(NIL);
    this.right = new Int16Array(slots).fill(NIL);
    this.parent = new Int16Array(slots).fill(NIL);
    this.mass = new Int32Array(slots);
    this.cutDimension = new Uint16Array(slots);
    this.cutValue = new Float32Array(slots);
    this.boxMin = new Float32Array(slots * dimensions);
    this.boxMax = new Float32Array(slots * dimensions);
    this.freeNodes = new Int16Array(slots);
    this.freeNodeCount = new Int32Array(numberOfTrees);
    this.leafPoint = new Float32Array(slots * dimensions);
    this.leafMass = new Int32Array(slots);
    this.leafParent = new Int16Array(slots).fill(NIL);
    this.freeLeaves = new Int16Array(slots);
    this.freeLeafCount = new Int32Array(numberOfTrees);
    this.heapSize = new Int32Array(numberOfTrees);
    this.heapWeight = new Float64Array(slots);
    this.heapNoise = new Float32Array(slots);
    this.heapSeq = new Float64Array(slots);
    this.heapLeaf = new Int16Array(slots);
    for (let t = 0; t < numberOfTrees; t++) this.resetFreeLists(t);
    this.point = new Float32Array(dimensions);
    this.path = new Int16Array(sampleSize + 1);
    this.inside = new Uint8Array(dimensions);
    this.gapHigh = new Float64Array(dimensions);
    this.gapLow = new Float64Array(dimensions);
    this.treeHigh = new Float64Array(dimensions);
    this.treeLow = new Float64Array(dimensions);
    this.shadowMin = new Float64Array(dimensions);
    this.shadowMax = new Float64Array(dimensions);
  }

  /** How many points the forest has been given. */
  get pointsSeen(): number {
    return this.seen;
  }

  /** Offers a point to every tree's sampler; the trees that accept it insert it (evicting their oldest-weighted point). */
  update(values: ArrayLike<number>): void {
    this.load(values);
    const seq = this.seen++;
    const decay = 1 / this.timeDecay;
    const cap = this.capacity;
    for (let t = 0; t < this.numberOfTrees; t++) {
      // The random term is rounded to 32 bits so a snapshot stores it in 4 bytes and rebuilds the weight exactly.
      const noise = Math.fround(Math.log(-Math.log(this.random.nextOpen())));
      const weight = -seq * decay + noise;
      const base = t * cap;
      const size = this.heapSize[t] ?? 0;
      if (size < cap) {
        const leaf = this.insert(t);
        this.heapPush(t, weight, noise, seq, leaf);
      } else if (weight < (this.heapWeight[base] ?? 0)) {
        this.remove(t, this.heapLeaf[base] ?? 0);
        const leaf = this.insert(t);
        this.siftDown(t, 0, weight, noise, seq, leaf);
      }
    }
    if (this.seen % this.sweepInterval === 0) this.sweepExpired();
  }

  /** The anomaly score of a point against the current sample (the forest is not changed). */
  score(values: ArrayLike<number>): number {
    this.load(values);
    let total = 0;
    let trees = 0;
    for (let t = 0; t < this.numberOfTrees; t++) {
      if (this.root[t] === NIL) continue;
      total += this.scoreTree(t);
      trees++;
    }
    return trees === 0 ? 0 : total / trees;
  }

  /**
   * The score split by dimension and direction: `high[i]` is the part due to the point lying above
   * what the trees hold in dimension i, `low[i]` below. The parts add up to score(values), which is returned.
   */
  attribution(values: ArrayLike<number>, high: Float64Array, low: Float64Array): number {
    this.load(values);
    high.fill(0);
    low.fill(0);
    let trees = 0;
    for (let t = 0; t < this.numberOfTrees; t++) {
      if (this.root[t] === NIL) continue;
      this.attributeTree(t);
      for (let i = 0; i < this.dimensions; i++) {
        high[i] = (high[i] ?? 0) + (this.treeHigh[i] ?? 0);
        low[i] = (low[i] ?? 0) + (this.treeLow[i] ?? 0);
      }
      trees++;
    }
    let total = 0;
    if (trees > 0) {
      for (let i = 0; i < this.dimensions; i++) {
        high[i] = (high[i] ?? 0) / trees;
        low[i] = (low[i] ?? 0) / trees;
        total += (high[i] ?? 0) + (low[i] ?? 0);
      }
    }
    return total;
  }

  // ---- scoring -------------------------------------------------------------------------------

  /** Walks from the root to the leaf where the point would fall, leaving internal nodes in `path`; returns the depth. */
  private descend(t: number): number {
    const base = t * this.capacity;
    let node = this.root[t] ?? NIL;
    let depth = 0;
    while (node >= 0) {
      this.path[depth++] = node;
      const g = base + node;
      node = (this.point[this.cutDimension[g] ?? 0] ?? 0) <= (this.cutValue[g] ?? 0) ? (this.left[g] ?? NIL) : (this.right[g] ?? NIL);
    }
    this.path[depth] = node;
    return depth;
  }

  private leafEquals(t: number, leaf: number): boolean {
    const offset = (t * this.capacity + leaf) * this.dimensions;
    for (let i = 0; i < this.dimensions; i++) if (this.leafPoint[offset + i] !== this.point[i]) return false;
    return true;
  }

  private scoreTree(t: number): number {
    const depth = this.descend(t);
    const leaf = -(this.path[depth] ?? 0) - 1;
    const treeMass = this.treeMass(t);
    const leafMass = this.leafMass[t * this.capacity + leaf] ?? 1;
    const normalizer = Math.log(treeMass + 1) / LOG2;
    if (this.leafEquals(t, leaf)) {
      // Already sampled: the score of a seen point, damped by how much of the tree it makes up.
      return (1 - leafMass / (2 * treeMass)) * (1 / (depth + Math.log(leafMass + 1) / LOG2)) * normalizer;
    }
    let score = 1 / (depth + 1);
    const dims = this.dimensions;
    const inside = this.inside;
    inside.fill(0);
    const base = t * this.capacity;
    for (let k = depth - 1; k >= 0; k--) {
      const offset = (base + (this.path[k] ?? 0)) * dims;
      let newRange = 0;
      let growth = 0;
      for (let i = 0; i < dims; i++) {
        const lo = this.boxMin[offset + i] ?? 0;
        const hi = this.boxMax[offset + i] ?? 0;
        if (inside[i] === 1) {
          newRange += hi - lo;
          continue;
        }
        const x = this.point[i] ?? 0;
        if (x > hi) {
          newRange += x - lo;
          growth += x - hi;
        } else if (x < lo) {
          newRange += hi - x;
          growth += lo - x;
        } else {
          // Inside this box in dimension i means inside every enclosing box too.
          inside[i] = 1;
          newRange += hi - lo;
        }
      }
      if (growth <= 0) break;
      const separation = growth / newRange;
      score = separation / (k + 1) + (1 - separation) * score;
    }
    return score * normalizer;
  }

  /** One tree's directional attribution into treeHigh/treeLow (already scaled like its score). */
  private attributeTree(t: number): void {
    const dims = this.dimensions;
    const base = t * this.capacity;
    const high = this.treeHigh;
    const low = this.treeLow;
    const depth = this.descend(t);
    const leaf = -(this.path[depth] ?? 0) - 1;
    const treeMass = this.treeMass(t);
    const normalizer = Math.log(treeMass + 1) / LOG2;
    const duplicate = this.leafEquals(t, leaf);
    let saved: number;
    if (duplicate) {
      // A sampled point: attribute the seen-point score by asking how the point stands against the
      // rest of the tree (the sibling boxes up the path), then scale the parts back to that score.
      const leafMass = this.leafMass[base + leaf] ?? 1;
      saved = (1 - leafMass / (2 * treeMass)) * (1 / (depth + Math.log(leafMass + 1) / LOG2));
      high.fill(saved / (2 * dims));
      low.fill(saved / (2 * dims));
      let hasShadow = false;
      let child = this.path[depth] ?? NIL;
      for (let k = depth - 1; k >= 0; k--) {
        const node = this.path[k] ?? 0;
        const g = base + node;
        const sibling = this.left[g] === child ? (this.right[g] ?? NIL) : (this.left[g] ?? NIL);
        this.mergeIntoShadow(t, sibling, hasShadow);
        hasShadow = true;
        child = node;
        const stop = this.accumulate(this.shadowMin, this.shadowMax, 0, 1 / (k + 1));
        if (stop) break;
      }
      this.renormalize(saved);
    } else {
      saved = 1 / (depth + 1);
      const leafOffset = (base + leaf) * dims;
      let newRange = 0;
      for (let i = 0; i < dims; i++) {
        const p = this.leafPoint[leafOffset + i] ?? 0;
        const x = this.point[i] ?? 0;
        const up = Math.max(x - p, 0);
        const down = Math.max(p - x, 0);
        this.gapHigh[i] = up;
        this.gapLow[i] = down;
        newRange += up + down;
      }
      for (let i = 0; i < dims; i++) {
        high[i] = (saved * (this.gapHigh[i] ?? 0)) / newRange;
        low[i] = (saved * (this.gapLow[i] ?? 0)) / newRange;
      }
      for (let k = depth - 1; k >= 0; k--) {
        const offset = (base + (this.path[k] ?? 0)) * dims;
        if (this.accumulate(this.boxMin, this.boxMax, offset, 1 / (k + 1))) break;
      }
    }
    for (let i = 0; i < dims; i++) {
      high[i] = (high[i] ?? 0) * normalizer;
      low[i] = (low[i] ?? 0) * normalizer;
    }
  }

  /** Blends one node into the running attribution; true when the point lies inside the box (nothing above can add). */
  private accumulate(min: ArrayLike<number>, max: ArrayLike<number>, offset: number, nodeScore: number): boolean {
    const dims = this.dimensions;
    let newRange = 0;
    let growth = 0;
    for (let i = 0; i < dims; i++) {
      const lo = min[offset + i] ?? 0;
      const hi = max[offset + i] ?? 0;
      const x = this.point[i] ?? 0;
      const up = x > hi ? x - hi : 0;
      const down = x < lo ? lo - x : 0;
      this.gapHigh[i] = up;
      this.gapLow[i] = down;
      growth += up + down;
      newRange += hi - lo + up + down;
    }
    if (growth <= 0) return true;
    const keep = 1 - growth / newRange;
    for (let i = 0; i < dims; i++) {
      this.treeHigh[i] = ((this.gapHigh[i] ?? 0) / newRange) * nodeScore + keep * (this.treeHigh[i] ?? 0);
      this.treeLow[i] = ((this.gapLow[i] ?? 0) / newRange) * nodeScore + keep * (this.treeLow[i] ?? 0);
    }
    return false;
  }

  private mergeIntoShadow(t: number, ref: number, hasShadow: boolean): void {
    const dims = this.dimensions;
    const base = t * this.capacity;
    const isLeaf = ref < 0;
    const offset = (base + (isLeaf ? -ref - 1 : ref)) * dims;
    const min = isLeaf ? this.leafPoint : this.boxMin;
    const max = isLeaf ? this.leafPoint : this.boxMax;
    for (let i = 0; i < dims; i++) {
      const lo = min[offset + i] ?? 0;
      const hi = max[offset + i] ?? 0;
      if (!hasShadow || lo < (this.shadowMin[i] ?? 0)) this.shadowMin[i] = lo;
      if (!hasShadow || hi > (this.shadowMax[i] ?? 0)) this.shadowMax[i] = hi;
    }
  }

  private renormalize(total: number): void {
    let sum = 0;
    for (let i = 0; i < this.dimensions; i++) sum += (this.treeHigh[i] ?? 0) + (this.treeLow[i] ?? 0);
    if (sum <= 0) {
      this.treeHigh.fill(total / (2 * this.dimensions));
      this.treeLow.fill(total / (2 * this.dimensions));
      return;
    }
    const factor = total / sum;
    for (let i = 0; i < this.dimensions; i++) {
      this.treeHigh[i] = (this.treeHigh[i] ?? 0) * factor;
      this.treeLow[i] = (this.treeLow[i] ?? 0) * factor;
    }
  }

  private treeMass(t: number): number {
    const root = this.root[t] ?? NIL;
    if (root === NIL) return 0;
    return root < 0 ? (this.leafMass[t * this.capacity - root - 1] ?? 0) : (this.mass[t * this.capacity + root] ?? 0);
  }

  // ---- tree maintenance ----------------------------------------------------------------------

  /** Copies the caller's values into the 32-bit scratch point every method works on. */
  private load(values: ArrayLike<number>): void {
    for (let i = 0; i < this.dimensions; i++) this.point[i] = values[i] ?? 0;
  }

  /** Inserts the scratch point into tree t (Guha et al.'s insertion: a random cut over the box grown by the point decides where it joins); returns its leaf. */
  private insert(t: number): number {
    const cap = this.capacity;
    const base = t * cap;
    const dims = this.dimensions;
    let node = this.root[t] ?? NIL;
    if (node === NIL) {
      const leaf = this.newLeaf(t);
      this.root[t] = -leaf - 1;
      return leaf;
    }
    let parent = NIL;
    for (;;) {
      const isLeaf = node < 0;
      const id = isLeaf ? -node - 1 : node;
      const offset = (base + id) * dims;
      const min = isLeaf ? this.leafPoint : this.boxMin;
      const max = isLeaf ? this.leafPoint : this.boxMax;
      let range = 0;
      for (let i = 0; i < dims; i++) {
        const x = this.point[i] ?? 0;
        range += Math.max(max[offset + i] ?? 0, x) - Math.min(min[offset + i] ?? 0, x);
      }
      if (isLeaf && range === 0) {
        // The same point again: one leaf, heavier. Its ancestors were counted on the way down.
        this.leafMass[base + id] = (this.leafMass[base + id] ?? 0) + 1;
        return id;
      }
      // Draw a cut uniformly over the grown box: a dimension in proportion to its range, then a value.
      let r = this.random.nextOpen() * range;
      let dim = -1;
      let lo = 0;
      let hi = 0;
      for (let i = 0; i < dims; i++) {
        const x = this.point[i] ?? 0;
        const a = Math.min(min[offset + i] ?? 0, x);
        const b = Math.max(max[offset + i] ?? 0, x);
        if (b <= a) continue;
        dim = i;
        lo = a;
        hi = b;
        if (r < b - a) break;
        r -= b - a;
      }
      // Rounding can leave r past the last positive range: the cut then lands at its top end.
      let cut = Math.fround(lo + Math.min(r, hi - lo));
      if (cut >= hi) cut = nextDownFloat32(hi);
      const x = this.point[dim] ?? 0;
      const boxLo = min[offset + dim] ?? 0;
      const boxHi = max[offset + dim] ?? 0;
      const separatesBelow = x < boxLo && cut < boxLo;
      const separatesAbove = x > boxHi && cut >= boxHi;
      if (separatesBelow || separatesAbove || isLeaf) {
        // A leaf's box is its point, so any cut of the grown box separates the two.
        const leaf = this.newLeaf(t);
        const split = this.newNode(t);
        const g = base + split;
        this.cutDimension[g] = dim;
        this.cutValue[g] = cut;
        const leafRef = -leaf - 1;
        if (x <= cut) {
          this.left[g] = leafRef;
          this.right[g] = node;
        } else {
          this.left[g] = node;
          this.right[g] = leafRef;
        }
        this.mass[g] = this.massOf(t, node) + 1;
        const splitOffset = g * dims;
        for (let i = 0; i < dims; i++) {
          const v = this.point[i] ?? 0;
          this.boxMin[splitOffset + i] = Math.min(min[offset + i] ?? 0, v);
          this.boxMax[splitOffset + i] = Math.max(max[offset + i] ?? 0, v);
        }
        this.leafParent[base + leaf] = split;
        this.setParent(t, node, split);
        this.parent[g] = parent;
        if (parent === NIL) this.root[t] = split;
        else if (this.left[base + parent] === node) this.left[base + parent] = split;
        else this.right[base + parent] = split;
        return leaf;
      }
      // The point joins this subtree: grow the node's box and mass, and go down its side of the cut.
      const g = base + id;
      this.mass[g] = (this.mass[g] ?? 0) + 1;
      for (let i = 0; i < dims; i++) {
        const v = this.point[i] ?? 0;
        if (v < (this.boxMin[offset + i] ?? 0)) this.boxMin[offset + i] = v;
        if (v > (this.boxMax[offset + i] ?? 0)) this.boxMax[offset + i] = v;
      }
      parent = id;
      node = (this.point[this.cutDimension[g] ?? 0] ?? 0) <= (this.cutValue[g] ?? 0) ? (this.left[g] ?? NIL) : (this.right[g] ?? NIL);
    }
  }

  /** Takes one sampled copy of a leaf's point out of tree t. */
  private remove(t: number, leaf: number): void {
    const base = t * this.capacity;
    const dims = this.dimensions;
    const mass = this.leafMass[base + leaf] ?? 1;
    let node: number;
    if (mass > 1) {
      this.leafMass[base + leaf] = mass - 1;
      node = this.leafParent[base + leaf] ?? NIL;
      while (node !== NIL) {
        this.mass[base + node] = (this.mass[base + node] ?? 0) - 1;
        node = this.parent[base + node] ?? NIL;
      }
      return;
    }
    const leafRef = -leaf - 1;
    const split = this.leafParent[base + leaf] ?? NIL;
    this.freeLeaf(t, leaf);
    if (split === NIL) {
      this.root[t] = NIL;
      return;
    }
    // The leaf's parent goes too; the sibling takes its place.
    const gs = base + split;
    const sibling = this.left[gs] === leafRef ? (this.right[gs] ?? NIL) : (this.left[gs] ?? NIL);
    const grand = this.parent[gs] ?? NIL;
    this.setParent(t, sibling, grand);
    if (grand === NIL) this.root[t] = sibling;
    else if (this.left[base + grand] === split) this.left[base + grand] = sibling;
    else this.right[base + grand] = sibling;
    this.freeNode(t, split);
    node = grand;
    while (node !== NIL) {
      const g = base + node;
      this.mass[g] = (this.mass[g] ?? 0) - 1;
      // The removed point may have defined the box: rebuild it from the two children.
      const offset = g * dims;
      const l = this.left[g] ?? NIL;
      const r = this.right[g] ?? NIL;
      const lLeaf = l < 0;
      const rLeaf = r < 0;
      const lOffset = (base + (lLeaf ? -l - 1 : l)) * dims;
      const rOffset = (base + (rLeaf ? -r - 1 : r)) * dims;
      const lMin = lLeaf ? this.leafPoint : this.boxMin;
      const lMax = lLeaf ? this.leafPoint : this.boxMax;
      const rMin = rLeaf ? this.leafPoint : this.boxMin;
      const rMax = rLeaf ? this.leafPoint : this.boxMax;
      for (let i = 0; i < dims; i++) {
        this.boxMin[offset + i] = Math.min(lMin[lOffset + i] ?? 0, rMin[rOffset + i] ?? 0);
        this.boxMax[offset + i] = Math.max(lMax[lOffset + i] ?? 0, rMax[rOffset + i] ?? 0);
      }
      node = this.parent[g] ?? NIL;
    }
  }

  private massOf(t: number, ref: number): number {
    const base = t * this.capacity;
    return ref < 0 ? (this.leafMass[base - ref - 1] ?? 0) : (this.mass[base + ref] ?? 0);
  }

  private setParent(t: number, ref: number, parent: number): void {
    const base = t * this.capacity;
    if (ref < 0) this.leafParent[base - ref - 1] = parent;
    else if (ref !== NIL) this.parent[base + ref] = parent;
  }

  private newLeaf(t: number): number {
    const cap = this.capacity;
    const count = (this.freeLeafCount[t] ?? 0) - 1;
    this.freeLeafCount[t] = count;
    const leaf = this.freeLeaves[t * cap + count] ?? 0;
    const g = t * cap + leaf;
    this.leafMass[g] = 1;
    this.leafParent[g] = NIL;
    this.leafPoint.set(this.point, g * this.dimensions);
    return leaf;
  }

  private newNode(t: number): number {
    const count = (this.freeNodeCount[t] ?? 0) - 1;
    this.freeNodeCount[t] = count;
    return this.freeNodes[t * this.capacity + count] ?? 0;
  }

  private freeLeaf(t: number, leaf: number): void {
    const count = this.freeLeafCount[t] ?? 0;
    this.freeLeaves[t * this.capacity + count] = leaf;
    this.freeLeafCount[t] = count + 1;
    this.leafMass[t * this.capacity + leaf] = 0;
  }

  private freeNode(t: number, node: number): void {
    const count = this.freeNodeCount[t] ?? 0;
    this.freeNodes[t * this.capacity + count] = node;
    this.freeNodeCount[t] = count + 1;
  }

  /** Rebuilds tree t's free lists from what is in use (ids are handed out highest first). */
  private resetFreeLists(t: number): void {
    const cap = this.capacity;
    const base = t * cap;
    const usedNodes = new Uint8Array(cap);
    const usedLeaves = new Uint8Array(cap);
    const stack: number[] = [];
    const root = this.root[t] ?? NIL;
    if (root !== NIL) stack.push(root);
    while (stack.length > 0) {
      const ref = stack.pop() ?? NIL;
      if (ref < 0) {
        usedLeaves[-ref - 1] = 1;
        continue;
      }
      usedNodes[ref] = 1;
      stack.push(this.left[base + ref] ?? NIL, this.right[base + ref] ?? NIL);
    }
    let nodes = 0;
    let leaves = 0;
    for (let id = 0; id < cap; id++) {
      if (usedNodes[id] === 0) this.freeNodes[base + nodes++] = id;
      if (usedLeaves[id] === 0) this.freeLeaves[base + leaves++] = id;
    }
    this.freeNodeCount[t] = nodes;
    this.freeLeafCount[t] = leaves;
  }

  // ---- the reservoir -------------------------------------------------------------------------

  private heapPush(t: number, weight: number, noise: number, seq: number, leaf: number): void {
    const base = t * this.capacity;
    let i = this.heapSize[t] ?? 0;
    this.heapSize[t] = i + 1;
    while (i > 0) {
      const up = (i - 1) >> 1;
      if ((this.heapWeight[base + up] ?? 0) >= weight) break;
      this.moveHeap(base + up, base + i);
      i = up;
    }
    this.heapWeight[base + i] = weight;
    this.heapNoise[base + i] = noise;
    this.heapSeq[base + i] = seq;
    this.heapLeaf[base + i] = leaf;
  }

  /** Places an entry at position `start` or below, restoring the max-heap order. */
  private siftDown(t: number, start: number, weight: number, noise: number, seq: number, leaf: number): void {
    const base = t * this.capacity;
    const size = this.heapSize[t] ?? 0;
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) break;
      const r = l + 1;
      const child = r < size && (this.heapWeight[base + r] ?? 0) > (this.heapWeight[base + l] ?? 0) ? r : l;
      if ((this.heapWeight[base + child] ?? 0) <= weight) break;
      this.moveHeap(base + child, base + i);
      i = child;
    }
    this.heapWeight[base + i] = weight;
    this.heapNoise[base + i] = noise;
    this.heapSeq[base + i] = seq;
    this.heapLeaf[base + i] = leaf;
  }

  private moveHeap(from: number, to: number): void {
    this.heapWeight[to] = this.heapWeight[from] ?? 0;
    this.heapNoise[to] = this.heapNoise[from] ?? 0;
    this.heapSeq[to] = this.heapSeq[from] ?? 0;
    this.heapLeaf[to] = this.heapLeaf[from] ?? 0;
  }

  /** Drops every sampled point older than timeDecay records, then re-heapifies what stays. */
  private sweepExpired(): void {
    const oldest = this.seen - this.timeDecay;
    if (oldest <= 0) return;
    for (let t = 0; t < this.numberOfTrees; t++) {
      const base = t * this.capacity;
      const size = this.heapSize[t] ?? 0;
      let kept = 0;
      for (let i = 0; i < size; i++) {
        if ((this.heapSeq[base + i] ?? 0) < oldest) {
          this.remove(t, this.heapLeaf[base + i] ?? 0);
        } else {
          if (kept !== i) this.moveHeap(base + i, base + kept);
          kept++;
        }
      }
      if (kept === size) continue;
      this.heapSize[t] = kept;
      for (let i = (kept >> 1) - 1; i >= 0; i--) {
        this.siftDown(t, i, this.heapWeight[base + i] ?? 0, this.heapNoise[base + i] ?? 0, this.heapSeq[base + i] ?? 0, this.heapLeaf[base + i] ?? 0);
      }
    }
  }

  // ---- snapshot ------------------------------------------------------------------------------

  snapshot(): ForestSnapshot {
    const ages = new Uint32Array(this.heapSeq.length);
    for (let i = 0; i < ages.length; i++) ages[i] = Math.max(0, this.seen - (this.heapSeq[i] ?? 0));
    return {
      options: { ...this.options },
      random: this.random.state(),
      seen: this.seen,
      roots: encodeArray(this.root),
      left: encodeArray(this.left),
      right: encodeArray(this.right),
      cutDimension: encodeArray(this.cutDimension),
      cutValue: encodeArray(this.cutValue),
      leafPoint: encodeArray(this.leafPoint),
      heapSize: encodeArray(new Uint32Array(this.heapSize)),
      heapNoise: encodeArray(this.heapNoise),
      heapAge: encodeArray(ages),
      heapLeaf: encodeArray(this.heapLeaf),
    };
  }

  /** A forest that continues exactly where the snapshotted one was; masses, parents and boxes are rebuilt. */
  static restore(snapshot: ForestSnapshot): RandomCutForest {
    const forest = new RandomCutForest(snapshot.options, new SeededRandom(snapshot.random));
    forest.seen = snapshot.seen;
    forest.root.set(decodeInt16(snapshot.roots));
    forest.left.set(decodeInt16(snapshot.left));
    forest.right.set(decodeInt16(snapshot.right));
    forest.cutDimension.set(decodeUint16(snapshot.cutDimension));
    forest.cutValue.set(decodeFloat32(snapshot.cutValue));
    forest.leafPoint.set(decodeFloat32(snapshot.leafPoint));
    forest.heapSize.set(decodeUint32(snapshot.heapSize));
    forest.heapLeaf.set(decodeInt16(snapshot.heapLeaf));
    const ages = decodeUint32(snapshot.heapAge);
    forest.heapNoise.set(decodeFloat32(snapshot.heapNoise));
    const decay = 1 / forest.timeDecay;
    for (let i = 0; i < ages.length; i++) {
      const seq = snapshot.seen - (ages[i] ?? 0);
      forest.heapSeq[i] = seq;
      // The same expression update() used, so the weight comes back bit for bit.
      forest.heapWeight[i] = -seq * decay + (forest.heapNoise[i] ?? 0);
    }
    for (let t = 0; t < forest.numberOfTrees; t++) forest.rebuildDerived(t);
    return forest;
  }

  /** Leaf masses from the reservoir, then parents, masses and boxes bottom-up, then free lists. */
  private rebuildDerived(t: number): void {
    const cap = this.capacity;
    const base = t * cap;
    const dims = this.dimensions;
    for (let i = 0; i < (this.heapSize[t] ?? 0); i++) {
      const g = base + (this.heapLeaf[base + i] ?? 0);
      this.leafMass[g] = (this.leafMass[g] ?? 0) + 1;
    }
    const root = this.root[t] ?? NIL;
    if (root === NIL) {
      this.resetFreeLists(t);
      return;
    }
    this.setParent(t, root, NIL);
    // Post-order without recursion: children before parents.
    const order: number[] = [];
    const stack: number[] = [root];
    while (stack.length > 0) {
      const ref = stack.pop() ?? NIL;
      if (ref < 0) continue;
      order.push(ref);
      const l = this.left[base + ref] ?? NIL;
      const r = this.right[base + ref] ?? NIL;
      this.setParent(t, l, ref);
      this.setParent(t, r, ref);
      stack.push(l, r);
    }
    for (let k = order.length - 1; k >= 0; k--) {
      const node = order[k] ?? 0;
      const g = base + node;
      const l = this.left[g] ?? NIL;
      const r = this.right[g] ?? NIL;
      this.mass[g] = this.massOf(t, l) + this.massOf(t, r);
      const offset = g * dims;
      const lOffset = (base + (l < 0 ? -l - 1 : l)) * dims;
      const rOffset = (base + (r < 0 ? -r - 1 : r)) * dims;
      const lMin = l < 0 ? this.leafPoint : this.boxMin;
      const lMax = l < 0 ? this.leafPoint : this.boxMax;
      const rMin = r < 0 ? this.leafPoint : this.boxMin;
      const rMax = r < 0 ? this.leafPoint : this.boxMax;
      for (let i = 0; i < dims; i++) {
        this.boxMin[offset + i] = Math.min(lMin[lOffset + i] ?? 0, rMin[rOffset + i] ?? 0);
        this.boxMax[offset + i] = Math.max(lMax[lOffset + i] ?? 0, rMax[rOffset + i] ?? 0);
      }
    }
    this.resetFreeLists(t);
  }
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The largest 32-bit float below x (x a 32-bit float): keeps a rounded cut strictly under the top of its range. */
function nextDownFloat32(x: number): number {
  f32[0] = x;
  if (x === 0) {
    u32[0] = 0x80000001;
  } else if (x > 0) {
    u32[0] = (u32[0] ?? 0) - 1;
  } else {
    u32[0] = (u32[0] ?? 0) + 1;
  }
  return f32[0] ?? x;
}
