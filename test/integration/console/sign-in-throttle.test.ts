/**
 * Console sign-in is throttled (issue 11, item 4): too many failed attempts for one access key id,
 * or from one client address, and further attempts are refused with a 429 page and Retry-After,
 * the right secret included, until the window has passed. The console's clock is moved, not waited for.
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { createConsole } from "../../../src/console/app";
import { CONSOLE_SIGN_IN } from "../../../src/limits";
import { env, TestClock, uniqueName } from "../client";

const ORIGIN = "https://rivulet.example";
const clock = new TestClock();
const site = new Hono<{ Bindings: Env }>().route("/console", createConsole(clock));

/** A key of its own for each test (the throttle is one object for the whole deployment). */
function key(): { keyId: string; secret: string; settings: Env } {
  const keyId = uniqueName("AKIDTHROTTLE").toUpperCase().replace(/[^A-Z0-9]/g, "");
  const secret = `${keyId}-secret`;
  return { keyId, secret, settings: { ...env, RIVULET_LOCAL: undefined, RIVULET_ACCESS_KEYS: `${keyId}:${secret}` } };
}

async function attempt(settings: Env, keyId: string, secret: string, address: string): Promise<{ status: number; retryAfter: string | null; text: string }> {
  const response = await site.request(
    `${ORIGIN}/console/sign-in`,
    {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, "cf-connecting-ip": address },
      body: new URLSearchParams({ keyId, secret, region: "us-east-1", next: "/console/streams" }).toString(),
      redirect: "manual",
    },
    settings,
  );
  return { status: response.status, retryAfter: response.headers.get("retry-after"), text: await response.text() };
}

describe("console sign-in throttling", () => {
  it("refuses a key id after too many failures, the right secret too, until the window has passed", async () => {
    const { keyId, secret, settings } = key();
    for (let i = 0; i < CONSOLE_SIGN_IN.maxFailuresPerKeyId; i++) {
      // Each from another address: the key id's own count is what stops them.
      expect((await attempt(settings, keyId, "wrong", `192.0.2.${i}`)).status).toBe(401);
      clock.advance(1000);
    }
    const refused = await attempt(settings, keyId, secret, "198.51.100.1");
    expect(refused.status).toBe(429);
    expect(refused.text).toContain("Too many failed sign-in attempts");
    expect(Number(refused.retryAfter)).toBe(CONSOLE_SIGN_IN.windowMs / 1000 - CONSOLE_SIGN_IN.maxFailuresPerKeyId);
    clock.advance(Number(refused.retryAfter) * 1000);
    expect((await attempt(settings, keyId, secret, "198.51.100.1")).status).toBe(303);
  });

  it("refuses an address after too many failures, whatever key it tries; other addresses go on", async () => {
    const { keyId, secret, settings } = key();
    const address = `203.0.113.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < CONSOLE_SIGN_IN.maxFailuresPerAddress; i++) {
      expect((await attempt(settings, `AKIDGUESS${i}`, "wrong", address)).status).toBe(401);
    }
    const refused = await attempt(settings, keyId, secret, address);
    expect(refused.status).toBe(429);
    expect(refused.retryAfter).not.toBeNull();
    expect((await attempt(settings, keyId, secret, "198.51.100.2")).status).toBe(303);
    clock.advance(CONSOLE_SIGN_IN.windowMs);
  });

  it("never counts successful sign-ins", async () => {
    const { keyId, secret, settings } = key();
    for (let i = 0; i < CONSOLE_SIGN_IN.maxFailuresPerKeyId * 2; i++) {
      expect((await attempt(settings, keyId, secret, "198.51.100.3")).status).toBe(303);
    }
  });
});
