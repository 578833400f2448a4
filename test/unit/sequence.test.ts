import { describe, expect, it } from "vitest";
import { formatSequenceNumber, parseSequenceNumber } from "../../src/streams/sequence";

describe("sequence numbers", () => {
  it("are decimal strings that round-trip through parsing", () => {
    const parts = { streamCreatedSeconds: 1_764_201_600, shardIndex: 3, counter: 42 };
    const value = formatSequenceNumber(parts);
    expect(value).toMatch(/^[1-9]\d+$/);
    expect(parseSequenceNumber(value)).toEqual(parts);
  });

  it("grow strictly with the counter and compare numerically", () => {
    const at = (counter: number) => BigInt(formatSequenceNumber({ streamCreatedSeconds: 1, shardIndex: 0, counter }));
    expect(at(2) > at(1)).toBe(true);
    expect(at(10) > at(9)).toBe(true);
    expect(at(1_000_000) > at(999_999)).toBe(true);
  });

  it("refuse strings that are not ours", () => {
    expect(parseSequenceNumber("0")).toBeUndefined();
    expect(parseSequenceNumber("123")).toBeUndefined();
    expect(parseSequenceNumber("4".repeat(48))).toBeUndefined();
  });
});
