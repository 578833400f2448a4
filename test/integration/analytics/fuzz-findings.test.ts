/**
 * What the fuzz suite (test/integration/fuzz/analytics.test.ts) found in Analytics, each answered as
 * AWS answers it instead of InternalFailure: DeleteApplication with a CreateTimestamp past what a
 * date can hold.
 */
import { describe, expect, it } from "vitest";
import { createV1Application, describeV1, describeV2, expectV1Error, expectV2Error } from "./helpers";

describe("DeleteApplication", () => {
  it("refuses a CreateTimestamp past the last date (1e20 seconds) as one that does not match, and deletes nothing", async () => {
    const { name } = await createV1Application();
    const message = `Provided CreateTimestamp does not match the create timestamp of application ${name}.`;
    await expectV1Error("DeleteApplication", { ApplicationName: name, CreateTimestamp: 1e20 }, "ConcurrentModificationException", message);
    await expectV2Error("DeleteApplication", { ApplicationName: name, CreateTimestamp: -1e20 }, "ConcurrentModificationException", message);
    expect((await describeV1(name)).ApplicationStatus).toBe("READY");
    expect((await describeV2(name)).ApplicationStatus).toBe("READY");
  });
});
