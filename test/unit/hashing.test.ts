import { describe, expect, it } from "vitest";
import { evenHashRanges, partitionKeyHash } from "../../src/streams/hashing";

describe("hash key space", () => {
  it("hashes partition keys with MD5, read as a 128-bit integer", async () => {
    // md5("a") = 0cc175b9c0f1b6a831c399e269772661
    expect(partitionKeyHash("a")).toBe(BigInt("0x0cc175b9c0f1b6a831c399e269772661"));
    // Multi-byte UTF-8 and keys longer than one 64-byte block hash as the runtime's MD5 does.
    for (const key of ["", "é日本", "k".repeat(55), "k".repeat(56), "k".repeat(64), "k".repeat(256)]) {
      const digest = new Uint8Array(await crypto.subtle.digest("MD5", new TextEncoder().encode(key)));
      expect(partitionKeyHash(key).toString(16).padStart(32, "0")).toBe(Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""));
    }
  });

  it("splits the space evenly, as AWS does for four shards", () => {
    expect(evenHashRanges(4).map((range) => [range.start.toString(), range.end.toString()])).toEqual([
      ["0", "85070591730234615865843651857942052863"],
      ["85070591730234615865843651857942052864", "170141183460469231731687303715884105727"],
      ["170141183460469231731687303715884105728", "255211775190703847597530955573826158591"],
      ["255211775190703847597530955573826158592", "340282366920938463463374607431768211455"],
    ]);
  });

  it("gives the remainder to the last shard when the space does not divide", () => {
    const ranges = evenHashRanges(3);
    expect(ranges[0]?.end.toString()).toBe("113427455640312821154458202477256070484");
    expect(ranges[2]?.end).toBe((1n << 128n) - 1n);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]?.start).toBe((ranges[i - 1]?.end ?? 0n) + 1n);
  });
});
