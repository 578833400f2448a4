/**
 * Resharding plans: which shards a SplitShard, MergeShards or UpdateShardCount creates and which it
 * closes, with AWS's lineage (a child names its parent, and a merged child its adjacent parent).
 * Pure functions over hash key ranges; the registry carries a plan out.
 *
 * UpdateShardCount (UNIFORM_SCALING) is planned as AWS performs it, as a series of splits and merges:
 * first every open shard is split at each new boundary inside it, then the pieces of each new range
 * are merged left to right. Every child therefore has at most two adjacent parents.
 */
import { evenHashRanges } from "./hashing";

export interface OpenShard {
  index: number;
  start: bigint;
  end: bigint;
}

export interface PlannedShard extends OpenShard {
  parentIndex: number;
  adjacentParentIndex: number | null;
  /** An intermediate shard of a multi-step plan: closed as soon as it is made. */
  closed: boolean;
}

export interface ReshardPlan {
  created: PlannedShard[];
  /** Indexes of the shards this plan closes, existing ones and intermediate ones. */
  closed: number[];
}

class Planner {
  readonly created: PlannedShard[] = [];
  readonly closed: number[] = [];

  constructor(private nextIndex: number) {}

  split(shard: OpenShard, newStart: bigint): [PlannedShard, PlannedShard] {
    this.close(shard);
    const left = this.make({ start: shard.start, end: newStart - 1n, parentIndex: shard.index, adjacentParentIndex: null });
    const right = this.make({ start: newStart, end: shard.end, parentIndex: shard.index, adjacentParentIndex: null });
    return [left, right];
  }

  merge(shard: OpenShard, adjacent: OpenShard): PlannedShard {
    this.close(shard);
    this.close(adjacent);
    return this.make({
      start: shard.start < adjacent.start ? shard.start : adjacent.start,
      end: shard.end > adjacent.end ? shard.end : adjacent.end,
      parentIndex: shard.index,
      adjacentParentIndex: adjacent.index,
    });
  }

  plan(): ReshardPlan {
    return { created: this.created, closed: this.closed };
  }

  private close(shard: OpenShard): void {
    this.closed.push(shard.index);
    const made = this.created.find((candidate) => candidate.index === shard.index);
    if (made) made.closed = true;
  }

  private make(shard: Omit<PlannedShard, "index" | "closed">): PlannedShard {
    const made = { ...shard, index: this.nextIndex++, closed: false };
    this.created.push(made);
    return made;
  }
}

export function planSplit(shard: OpenShard, newStartingHashKey: bigint, nextIndex: number): ReshardPlan {
  const planner = new Planner(nextIndex);
  planner.split(shard, newStartingHashKey);
  return planner.plan();
}

export function planMerge(shard: OpenShard, adjacent: OpenShard, nextIndex: number): ReshardPlan {
  const planner = new Planner(nextIndex);
  planner.merge(shard, adjacent);
  return planner.plan();
}

/** Whether two shards' ranges touch, so that they may be merged. */
export function adjacent(a: OpenShard, b: OpenShard): boolean {
  return a.end + 1n === b.start || b.end + 1n === a.start;
}

export function planUniformScaling(open: readonly OpenShard[], target: number, nextIndex: number): ReshardPlan {
  const planner = new Planner(nextIndex);
  const ranges = evenHashRanges(target);
  const boundaries = ranges.slice(1).map((range) => range.start);

  // Split: afterwards no open piece straddles a boundary of the new layout.
  const pieces: OpenShard[] = [];
  for (const shard of [...open].sort((a, b) => (a.start < b.start ? -1 : 1))) {
    let rest: OpenShard = shard;
    for (const boundary of boundaries) {
      if (boundary > rest.start && boundary <= rest.end) {
        const [left, right] = planner.split(rest, boundary);
        pieces.push(left);
        rest = right;
      }
    }
    pieces.push(rest);
  }

  // Merge: each new range's pieces, left to right, into one shard.
  for (const range of ranges) {
    const inside = pieces.filter((piece) => piece.start >= range.start && piece.end <= range.end);
    let merged = inside[0];
    for (const piece of inside.slice(1)) {
      if (merged) merged = planner.merge(merged, piece);
    }
  }
  return planner.plan();
}
