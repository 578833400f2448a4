import { describe, expect, it } from "vitest";
import { recordSize } from "../../src/streams/record-size";

describe("record size", () => {
  it("is the data's bytes plus the partition key's UTF-8 bytes, as the key is sent and hashed", () => {
    const data = new Uint8Array(10);
    // ASCII, two- and three-byte characters, a character outside the BMP (a surrogate pair), and
    // lone surrogates, which UTF-8 encoders write as U+FFFD.
    for (const key of ["user-1", "é", "€日本", "🦀", "a🦀b", "\ud83e", "\udd80x", "\ud83e\ud83e"]) {
      expect(recordSize(key, data)).toBe(10 + new TextEncoder().encode(key).byteLength);
    }
    expect(recordSize("€".repeat(256), new ArrayBuffer(1024 * 1024 - 768))).toBe(1024 * 1024);
  });
});
