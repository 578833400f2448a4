/** Snappy (raw, framed, Hadoop) and ZIP round trips, read back by decoders written from the formats' specifications. */
import { describe, expect, it } from "vitest";
import { compress } from "../../../src/firehose/compression";
import { snappyCompress } from "../../../src/firehose/snappy";
import { hadoopSnappyDecode, snappyDecode, snappyFramedDecode, unzip } from "../../integration/firehose/decoders";

function sample(length: number, seed: number): Uint8Array {
  // Text with repeats (copies) and noise (literals).
  const out = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    out[i] = i % 97 < 60 ? 97 + (i % 13) : state >>> 24;
  }
  return out;
}

describe("Snappy", () => {
  for (const length of [0, 1, 3, 4, 59, 60, 61, 255, 256, 65535, 65536, 65537, 300_000]) {
    it(`round-trips ${length} bytes raw, framed and Hadoop-framed`, async () => {
      const data = sample(length, length + 1);
      expect(snappyDecode(snappyCompress(data))).toEqual(data);
      expect(snappyFramedDecode(await compress("Snappy", data, "x"))).toEqual(data);
      expect(hadoopSnappyDecode(await compress("HADOOP_SNAPPY", data, "x"))).toEqual(data);
    });
  }

  it("compresses repetitive data", () => {
    const data = new TextEncoder().encode('{"event":"click","user":"u-1"}\n'.repeat(2000));
    expect(snappyCompress(data).length).toBeLessThan(data.length / 10);
  });
});

describe("ZIP", () => {
  it("holds one entry named as asked", async () => {
    const data = sample(100_000, 7);
    const entries = await unzip(await compress("ZIP", data, "stream-1-2026-01-01-00-00-00-uuid"));
    expect(entries).toEqual([{ name: "stream-1-2026-01-01-00-00-00-uuid", data }]);
  });
});
