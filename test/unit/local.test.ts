/**
 * Local mode (src/local.ts) as the tests' runtime sees it: not a wrangler dev build, so only
 * RIVULET_LOCAL turns it on. The build's default is proven end to end under plain `wrangler dev`
 * (test/e2e/wrangler-dev.test.ts) and for the deployed bundle (test/e2e/deploy.test.ts).
 */
import { describe, expect, it } from "vitest";
import { isLocal, isLocalRequest } from "../../src/local";

const withLocal = (value: string | undefined) => ({ RIVULET_LOCAL: value }) as Env;

describe("local mode", () => {
  it("is on with RIVULET_LOCAL=1, for requests to any host", () => {
    expect(isLocal(withLocal("1"))).toBe(true);
    expect(isLocalRequest(withLocal("1"), "http://127.0.0.1:4567/")).toBe(true);
    expect(isLocalRequest(withLocal("1"), "http://rivulet.lan:8787/")).toBe(true);
  });

  it("is off with RIVULET_LOCAL=0, even for a loopback host", () => {
    expect(isLocal(withLocal("0"))).toBe(false);
    expect(isLocalRequest(withLocal("0"), "http://localhost:8787/")).toBe(false);
  });

  it("is off when unset in a build that wrangler did not make for `wrangler dev`", () => {
    expect(isLocal(withLocal(undefined))).toBe(false);
    expect(isLocalRequest(withLocal(undefined), "http://localhost:8787/")).toBe(false);
  });
});
