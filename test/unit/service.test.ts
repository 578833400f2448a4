/** The operation table: every operation of AWS's Kinesis model is served. */
import { describe, expect, it } from "vitest";
import { kinesis } from "../../src/streams/service";
import { KINESIS_SHAPES } from "../../src/streams/shapes.generated";

describe("Kinesis operation table", () => {
  it("serves exactly the operations of the model", () => {
    expect(Object.keys(kinesis.operations).sort()).toEqual([...KINESIS_SHAPES.operationNames].sort());
  });
});
