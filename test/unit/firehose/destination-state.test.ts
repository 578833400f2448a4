/** The compact state OpenSearch and Splunk destinations keep between attempts: outcomes per record, packed with a header. */
import { describe, expect, it } from "vitest";
import { fingerprint, Outcomes, packState, unpackState } from "../../../src/firehose/destinations/state";

describe("destination state", () => {
  it("remembers per record whether it was delivered or which error it last had", () => {
    const outcomes = Outcomes.empty(4);
    outcomes.markDelivered(0);
    outcomes.markFailed(1, { code: "429", message: "rejected" });
    outcomes.markFailed(2, { code: "429", message: "rejected" });
    outcomes.markFailed(3, { code: "400", message: "mapping" });
    expect([0, 1, 2, 3].map((i) => outcomes.delivered(i))).toEqual([true, false, false, false]);
    expect(outcomes.error(2)).toEqual({ code: "429", message: "rejected" });
    expect(outcomes.errors).toHaveLength(2);
    outcomes.markDelivered(1);
    expect(outcomes.error(1)).toBeUndefined();
  });

  it("keeps at most 254 distinct errors, and long messages cut", () => {
    const outcomes = Outcomes.empty(300);
    for (let i = 0; i < 300; i++) outcomes.markFailed(i, { code: "400", message: `field ${i} ${"x".repeat(3000)}` });
    expect(outcomes.errors).toHaveLength(254);
    expect(outcomes.error(299)).toEqual(outcomes.errors[253]);
    expect(outcomes.error(0)?.message.length).toBe(2003);
  });

  it("packs a header and byte arrays into one value, and back", () => {
    const arrays = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(70_000).fill(7)];
    const packed = packState({ kind: "splunk", inFlight: [{ ackId: 3, ranges: [[0, 2]] }] }, arrays);
    const unpacked = unpackState(packed);
    expect(unpacked?.header).toEqual({ kind: "splunk", inFlight: [{ ackId: 3, ranges: [[0, 2]] }] });
    expect(unpacked?.arrays).toEqual(arrays);
    expect(unpackState(new Uint8Array([0, 0, 0, 9, 1]))).toBeUndefined();
    expect(unpackState(packed.slice(0, packed.byteLength - 10))).toBeUndefined();
  });

  it("tells batches of other records apart", () => {
    expect(fingerprint(["a", "b"])).toBe(fingerprint(["a", "b"]));
    expect(fingerprint(["a", "b"])).not.toBe(fingerprint(["b", "a"]));
    expect(fingerprint(["ab"])).not.toBe(fingerprint(["a", "b"]));
    expect(fingerprint([])).toBe("0:811c9dc5");
  });
});
