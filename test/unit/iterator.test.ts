import { describe, expect, it } from "vitest";
import { encodeIterator, peekIterator, verifyIterator } from "../../src/streams/iterator";

const key = crypto.getRandomValues(new Uint8Array(32)).buffer;
const position = { streamName: "orders", streamId: "abcdefghij0123456789-abc", shardIndex: 2, after: 41, issuedMs: 1_764_201_600_000 };

describe("shard iterators", () => {
  it("carry their position and verify with the key that made them", async () => {
    const iterator = await encodeIterator(key, position);
    expect(peekIterator(iterator)).toEqual(position);
    expect(await verifyIterator(key, iterator)).toEqual(position);
  });

  it("stay within the 512 characters AWS allows, even for the longest stream name", async () => {
    const iterator = await encodeIterator(key, { ...position, streamName: "s".repeat(128), after: Number.MAX_SAFE_INTEGER });
    expect(iterator.length).toBeLessThanOrEqual(512);
  });

  it("are refused when tampered with or made with another key", async () => {
    const iterator = await encodeIterator(key, position);
    const [, mac] = iterator.split(".");
    const forged = `${new TextEncoder().encode(JSON.stringify([1, "orders", position.streamId, 2, 0, position.issuedMs])).toBase64({ alphabet: "base64url", omitPadding: true })}.${mac}`;
    await expect(verifyIterator(key, forged)).rejects.toThrow("Invalid ShardIterator.");
    const otherKey = crypto.getRandomValues(new Uint8Array(32)).buffer;
    await expect(verifyIterator(otherKey, iterator)).rejects.toThrow("Invalid ShardIterator.");
    expect(() => peekIterator("not-an-iterator")).toThrow("Invalid ShardIterator.");
    // The mac's last character has unused low bits: another spelling of the same bytes is refused too.
    const last = iterator.at(-1) ?? "A";
    const respelled = iterator.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) ^ 1);
    await expect(verifyIterator(key, respelled)).rejects.toThrow("Invalid ShardIterator.");
  });
});
