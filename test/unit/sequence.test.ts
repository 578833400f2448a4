import { describe, expect, it } from "vitest";
import { acceptsForOrdering, formatSequenceNumber, formatSequenceNumbers, readSequenceNumber } from "../../src/streams/sequence";

const CREATED = 1_764_201_600; // 2025-11-27T00:00:00Z
const parts = { createdSeconds: CREATED, shardIndex: 3, counter: 42, arrivalSeconds: CREATED + 95 };

/** What the KCL's SequenceNumberValidator reads from a number: its version and shard, if it can. */
function kclReading(value: string): { version: number; shardId: string } | undefined {
  const number = BigInt(value);
  if (number.toString(2).length !== 186) return undefined;
  const version = Number((number >> 184n) & 0xfn);
  if (version !== 2) return undefined;
  const shard = Number((number >> 4n) & 0xffffffffn);
  return { version, shardId: `shardId-${String(shard).padStart(12, "0")}` };
}

/** AWS's number as hex, written out the way kinesalite's tests write them. */
const fromHex = (hex: string) => BigInt(`0x${hex}`).toString();

describe("sequence numbers", () => {
  it("are 56 decimal digits, as AWS's", () => {
    expect(formatSequenceNumber(parts)).toMatch(/^[1-9]\d{55}$/);
    expect(formatSequenceNumber({ createdSeconds: 0, shardIndex: 0, counter: 0, arrivalSeconds: 0 })).toMatch(/^\d{56}$/);
    const largest = { createdSeconds: 0xfffffffff - 1, shardIndex: 2 ** 31 - 1, counter: Number.MAX_SAFE_INTEGER, arrivalSeconds: 0xfffffffff };
    expect(formatSequenceNumber(largest)).toMatch(/^\d{56}$/);
  });

  it("of a batch are each record's own number", () => {
    const { counter, ...batch } = parts;
    const oneByOne = (first: number, count: number) =>
      Array.from({ length: count }, (_, i) => formatSequenceNumber({ ...batch, counter: first + i }));
    expect(formatSequenceNumbers(batch, counter, 500)).toEqual(oneByOne(counter, 500));
    expect(formatSequenceNumbers({ ...batch, shardIndex: -1 }, 2 ** 40, 3)).toEqual(
      Array.from({ length: 3 }, (_, i) => formatSequenceNumber({ ...batch, shardIndex: -1, counter: 2 ** 40 + i })),
    );
    expect(formatSequenceNumbers(batch, 7, 0)).toEqual([]);
    // Batches whose numbers carry past their last 8, 16, 24 and 32 decimal digits: the first counter
    // whose number reaches the next multiple of 10^8 (10^16, ...), started a few records before it.
    const base = BigInt(formatSequenceNumber({ ...batch, counter: 0 }));
    const step = 1n << 80n;
    for (const unit of [10n ** 8n, 10n ** 16n, 10n ** 24n, 10n ** 32n]) {
      for (let k = 1n; k <= 3n; k++) {
        const boundary = (base / unit + k) * unit;
        const crossing = Number((boundary - base + step - 1n) / step);
        const first = Math.max(0, crossing - 2);
        expect(formatSequenceNumbers(batch, first, 5)).toEqual(oneByOne(first, 5));
      }
    }
  });

  it("read back as what they were written from", () => {
    const { counter, ...rest } = parts;
    expect(readSequenceNumber(formatSequenceNumber(parts))).toEqual({ version: 2, position: BigInt(counter), ...rest });
  });

  it("tell the KCL their shard, as AWS's do", () => {
    // AWS's own number, from the KCL's tests, and ours.
    expect(kclReading("49587497311274533994574834252742144236107130636007899138")).toEqual({ version: 2, shardId: "shardId-000000000000" });
    expect(kclReading(formatSequenceNumber(parts))).toEqual({ version: 2, shardId: "shardId-000000000003" });
    expect(kclReading(formatSequenceNumber({ ...parts, shardIndex: 1234 }))).toEqual({ version: 2, shardId: "shardId-000000001234" });
  });

  it("read AWS's numbers as AWS wrote them", () => {
    // A record AWS wrote to shardId-000000000006 on 2018-12-17 of a shard created on 2018-11-21.
    expect(readSequenceNumber("49590338271490256608559692538361571095921575989136588898")).toEqual({
      version: 2,
      createdSeconds: Date.parse("2018-11-21T04:57:38Z") / 1000,
      shardIndex: 6,
      position: 1_734_642_199n,
      arrivalSeconds: Date.parse("2018-12-17T22:10:50Z") / 1000,
    });
  });

  it("grow strictly with the position, whatever the arrival times", () => {
    const at = (counter: number, arrivalSeconds: number) => BigInt(formatSequenceNumber({ ...parts, counter, arrivalSeconds }));
    expect(at(2, CREATED) > at(1, CREATED)).toBe(true);
    expect(at(10, CREATED) > at(9, CREATED + 3600)).toBe(true);
    expect(at(1_000_000, CREATED + 1) > at(999_999, CREATED)).toBe(true);
  });

  it("put a later shard's numbers above an earlier one's", () => {
    const parent = BigInt(formatSequenceNumber({ createdSeconds: CREATED, shardIndex: 15, counter: 10 ** 9, arrivalSeconds: CREATED + 60 }));
    const child = BigInt(formatSequenceNumber({ createdSeconds: CREATED + 1, shardIndex: 16, counter: 0, arrivalSeconds: CREATED + 1 }));
    expect(child > parent).toBe(true);
  });

  it("read Rivulet's numbers of before, 48 digits", () => {
    const old = `49${String(CREATED).padStart(10, "0")}${"3".padStart(12, "0")}${"42".padStart(24, "0")}`;
    expect(old).toHaveLength(48);
    expect(readSequenceNumber(old)).toEqual({ version: "legacy", createdSeconds: CREATED, shardIndex: 3, position: 42n });
  });

  it("read small numbers as AWS's oldest version, which names a shard in its last 16 bits", () => {
    expect(readSequenceNumber("5")).toEqual({ version: 0, createdSeconds: 0, shardIndex: 5 });
    expect(readSequenceNumber("0")).toEqual({ version: 0, createdSeconds: 0, shardIndex: 0 });
    expect(readSequenceNumber("12345")).toMatchObject({ version: 0, shardIndex: 12345 });
  });

  it("read a shard index with its top bit set as negative, as AWS does", () => {
    expect(readSequenceNumber(fromHex("20000000000000000000000000000000000000800000002"))).toMatchObject({
      version: 2,
      shardIndex: -(2 ** 31),
    });
  });

  it("refuse what AWS refuses", () => {
    for (const hex of [
      "20000000000800000000000000000000000000000000002", // a position of 2^63 or more
      "20000000000000000000000000000000000000000000003", // unknown versions
      "20000000000000000000000000000000000000000000004",
      "20000000000000000000000000000000000000000000000",
      "30000000000000000000000000000000000000000000001", // above the range of numbers
      "1ffffffffff7fffffffffffffff000000000007fffffff2", // between the ranges
      "2ffffffffff7fffffffffffffff000000000007fffffff2", // created after the year 2477
      "13bb2cc3d80000000000000000000000", // version 0, created after the year 2477
    ]) {
      expect(readSequenceNumber(fromHex(hex)), hex).toBeUndefined();
    }
    expect(readSequenceNumber("4".repeat(48))).toBeUndefined();
    expect(readSequenceNumber("12a")).toBeUndefined();
  });

  describe("as SequenceNumberForOrdering", () => {
    const now = (CREATED + 3600) * 1000;

    it("takes any number of AWS's versions 1 and 2 that did not arrive later than now", () => {
      expect(acceptsForOrdering(formatSequenceNumber(parts), now)).toBe(true);
      expect(acceptsForOrdering(fromHex("20000000000000000000000000000000000000000000002"), now)).toBe(true);
      expect(acceptsForOrdering(fromHex("20000000000000000000000000000000000000000000001"), now)).toBe(true);
      expect(acceptsForOrdering(fromHex("20000000000000000000000000000000000000800000002"), now)).toBe(true);
      expect(acceptsForOrdering(formatSequenceNumber({ ...parts, arrivalSeconds: CREATED + 3601 }), now)).toBe(false);
    });

    it("takes Rivulet's numbers of before", () => {
      expect(acceptsForOrdering(`49${String(CREATED).padStart(10, "0")}${"0".repeat(12)}${"7".padStart(24, "0")}`, now)).toBe(true);
    });

    it("refuses AWS's oldest version and what AWS cannot read", () => {
      expect(acceptsForOrdering("1234", now)).toBe(false);
      expect(acceptsForOrdering(fromHex("20000000000800000000000000000000000000000000002"), now)).toBe(false);
    });
  });
});
