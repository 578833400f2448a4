/**
 * Bucket names resolve to R2 bindings exactly (issue 11, item 4): one binding per bucket name, so
 * names that differ only in case or punctuation are other buckets, not the same one read twice.
 */
import { describe, expect, it } from "vitest";
import { boundBucketNames, resolveBucket } from "../../src/firehose/buckets";
import { env } from "./client";

const arn = (bucket: string) => `arn:aws:s3:::${bucket}`;

describe("bucket names", () => {
  it("rivulet-deliveries is the RIVULET_DELIVERIES binding", () => {
    expect(resolveBucket(env, arn("rivulet-deliveries"))).toBe(env.RIVULET_DELIVERIES);
    expect(boundBucketNames(env)).toContain("rivulet-deliveries");
  });

  it("names that differ in case or punctuation name no bucket", () => {
    for (const name of ["RIVULET-DELIVERIES", "Rivulet-Deliveries", "rivulet.deliveries", "rivulet_deliveries", "RIVULET_DELIVERIES", "-rivulet-deliveries"]) {
      expect(resolveBucket(env, arn(name)), name).toBeUndefined();
    }
  });

  it("RIVULET_BUCKETS maps other names, exactly, and nothing inherited", () => {
    const mapped: Env = { ...env, RIVULET_BUCKETS: JSON.stringify({ "rivulet.deliveries": "RIVULET_DELIVERIES" }) };
    expect(resolveBucket(mapped, arn("rivulet.deliveries"))).toBe(env.RIVULET_DELIVERIES);
    expect(resolveBucket(mapped, arn("Rivulet.Deliveries"))).toBeUndefined();
    expect(resolveBucket(mapped, arn("constructor"))).toBeUndefined();
    expect(resolveBucket(mapped, arn("toString"))).toBeUndefined();
  });
});
