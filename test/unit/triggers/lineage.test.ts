/** Which shards a mapping reads: children only after all their parents are finished. */
import { describe, expect, it } from "vitest";
import { readyShards } from "../../../src/triggers/lineage";

const shard = (index: number, parentIndex: number | null = null, adjacentParentIndex: number | null = null) => ({ index, parentIndex, adjacentParentIndex });

describe("readyShards", () => {
  it("reads shards without parents, and not finished ones", () => {
    expect(readyShards([shard(0), shard(1)], new Map([[0, false], [1, true]]))).toEqual([0]);
  });

  it("holds split children back until their parent is finished", () => {
    const shards = [shard(0), shard(1, 0), shard(2, 0)];
    expect(readyShards(shards, new Map([[0, false], [1, false], [2, false]]))).toEqual([0]);
    expect(readyShards(shards, new Map([[0, true], [1, false], [2, false]]))).toEqual([1, 2]);
  });

  it("holds a merged child back until both parents are finished", () => {
    const shards = [shard(0), shard(1), shard(2, 0, 1)];
    expect(readyShards(shards, new Map([[0, true], [1, false], [2, false]]))).toEqual([1]);
    expect(readyShards(shards, new Map([[0, true], [1, true], [2, false]]))).toEqual([2]);
  });

  it("counts a parent it does not track as finished", () => {
    expect(readyShards([shard(3, 1)], new Map([[3, false]]))).toEqual([3]);
  });
});
