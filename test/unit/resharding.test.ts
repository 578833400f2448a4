import { describe, expect, it } from "vitest";
import { evenHashRanges } from "../../src/streams/hashing";
import { planMerge, planSplit, planUniformScaling, type OpenShard } from "../../src/streams/resharding";

const layout = (count: number): OpenShard[] => evenHashRanges(count).map((range, index) => ({ index, ...range }));

/** The open shards after a plan: the old ones it did not close, plus the ones it made and kept open. */
function openAfter(before: OpenShard[], plan: ReturnType<typeof planSplit>): OpenShard[] {
  const kept = before.filter((shard) => !plan.closed.includes(shard.index));
  const made = plan.created.filter((shard) => !shard.closed);
  return [...kept, ...made].sort((a, b) => (a.start < b.start ? -1 : 1));
}

function coversKeySpace(shards: OpenShard[]): void {
  expect(shards[0]?.start).toBe(0n);
  expect(shards.at(-1)?.end).toBe((1n << 128n) - 1n);
  for (let i = 1; i < shards.length; i++) expect(shards[i]?.start).toBe((shards[i - 1]?.end ?? 0n) + 1n);
}

describe("resharding plans", () => {
  it("split a shard in two at the new starting hash key, both children naming it as parent", () => {
    const [shard] = layout(1);
    if (!shard) throw new Error("no shard");
    const plan = planSplit(shard, 1000n, 1);
    expect(plan.closed).toEqual([0]);
    expect(plan.created.map(({ index, start, end, parentIndex, adjacentParentIndex }) => [index, start, end, parentIndex, adjacentParentIndex])).toEqual([
      [1, 0n, 999n, 0, null],
      [2, 1000n, (1n << 128n) - 1n, 0, null],
    ]);
  });

  it("merge two adjacent shards into one child with a parent and an adjacent parent", () => {
    const [left, right] = layout(2);
    if (!left || !right) throw new Error("no shards");
    const plan = planMerge(left, right, 2);
    expect(plan.closed).toEqual([0, 1]);
    expect(plan.created).toEqual([{ index: 2, start: 0n, end: (1n << 128n) - 1n, parentIndex: 0, adjacentParentIndex: 1, closed: false }]);
  });

  for (const [from, to] of [
    [1, 2],
    [2, 4],
    [4, 5],
    [5, 3],
    [4, 2],
    [3, 3],
    [10, 13],
  ] as const) {
    it(`scale uniformly from ${from} to ${to} shards through splits and merges`, () => {
      const before = layout(from);
      const plan = planUniformScaling(before, to, from);
      const after = openAfter(before, plan);
      expect(after.map(({ start, end }) => ({ start, end }))).toEqual(evenHashRanges(to));
      coversKeySpace(after);
      for (const shard of plan.created) {
        // Every child has at most a parent and an adjacent parent, as AWS's lineage allows.
        const parents = [shard.parentIndex, shard.adjacentParentIndex].filter((parent) => parent !== null);
        expect(parents.length).toBeGreaterThanOrEqual(1);
        expect(parents.length).toBeLessThanOrEqual(2);
      }
    });
  }
});
