/**
 * Resharding lineage: a child shard's records come after its parents', so a mapping reads a child
 * only once every parent is finished (closed, and handed over to its end), as Lambda does. Records
 * of one partition key therefore reach the target in order across splits and merges.
 */
export interface LineageShard {
  index: number;
  parentIndex: number | null;
  adjacentParentIndex: number | null;
}

/**
 * The shards to read now: those not finished whose parents are all finished. A parent the mapping
 * does not track counts as finished: it was gone (or done with) before the mapping began.
 */
export function readyShards(shards: readonly LineageShard[], finished: ReadonlyMap<number, boolean>): number[] {
  const done = (index: number | null) => index === null || finished.get(index) !== false;
  return shards
    .filter((shard) => finished.get(shard.index) === false && done(shard.parentIndex) && done(shard.adjacentParentIndex))
    .map((shard) => shard.index);
}
