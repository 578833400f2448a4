/** Resource policy documents: what PutResourcePolicy accepts, and which requests an explicit Deny refuses. */
import { describe, expect, it } from "vitest";
import { explicitlyDenied, parsePolicy, type AccessRequest } from "../../src/streams/policies";

const STREAM = "arn:aws:kinesis:us-east-1:111122223333:stream/orders";
const request = (action: string, overrides: Partial<AccessRequest> = {}): AccessRequest => ({
  action: `kinesis:${action}`,
  resource: STREAM,
  userArn: "arn:aws:iam::111122223333:user/AKIDALICE",
  account: "111122223333",
  ...overrides,
});
const deny = (statement: object) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Deny", ...statement }] });

describe("resource policy evaluation", () => {
  it("denies only when principal, action and resource all match", () => {
    const policy = deny({ Principal: { AWS: "arn:aws:iam::111122223333:user/AKIDALICE" }, Action: "kinesis:PutRecord", Resource: STREAM });
    expect(explicitlyDenied(policy, request("PutRecord"))).toBe(true);
    expect(explicitlyDenied(policy, request("PutRecords"))).toBe(false);
    expect(explicitlyDenied(policy, request("PutRecord", { userArn: "arn:aws:iam::111122223333:user/AKIDBOB" }))).toBe(false);
    expect(explicitlyDenied(policy, request("PutRecord", { resource: `${STREAM}-2` }))).toBe(false);
  });

  it("matches principals by *, account id and root ARN; other accounts and service principals never", () => {
    for (const principal of ["*", { AWS: "*" }, { AWS: "111122223333" }, { AWS: ["arn:aws:iam::111122223333:root"] }]) {
      expect(explicitlyDenied(deny({ Principal: principal, Action: "kinesis:*" }), request("GetRecords"))).toBe(true);
    }
    for (const principal of [{ AWS: "444455556666" }, { AWS: "arn:aws:iam::444455556666:root" }, { Service: "lambda.amazonaws.com" }]) {
      expect(explicitlyDenied(deny({ Principal: principal, Action: "kinesis:*" }), request("GetRecords"))).toBe(false);
    }
  });

  it("matches actions case-insensitively with * and ?, and resources with wildcards", () => {
    expect(explicitlyDenied(deny({ Principal: "*", Action: "Kinesis:get*" }), request("GetShardIterator"))).toBe(true);
    expect(explicitlyDenied(deny({ Principal: "*", Action: "kinesis:PutRecord?" }), request("PutRecords"))).toBe(true);
    expect(explicitlyDenied(deny({ Principal: "*", Action: "kinesis:PutRecord?" }), request("PutRecord"))).toBe(false);
    expect(explicitlyDenied(deny({ Principal: "*", Action: "*", Resource: "arn:aws:kinesis:*:*:stream/ord*" }), request("ListShards"))).toBe(true);
    expect(explicitlyDenied(deny({ Principal: "*", Action: "*", Resource: "arn:aws:kinesis:*:*:stream/x*" }), request("ListShards"))).toBe(false);
  });

  it("inverts with NotPrincipal, NotAction and NotResource", () => {
    const notAlice = deny({ NotPrincipal: { AWS: "arn:aws:iam::111122223333:user/AKIDALICE" }, Action: "*" });
    expect(explicitlyDenied(notAlice, request("PutRecord"))).toBe(false);
    expect(explicitlyDenied(notAlice, request("PutRecord", { userArn: "arn:aws:iam::111122223333:user/AKIDBOB" }))).toBe(true);
    expect(explicitlyDenied(deny({ Principal: "*", NotAction: "kinesis:Describe*" }), request("DescribeStream"))).toBe(false);
    expect(explicitlyDenied(deny({ Principal: "*", NotAction: "kinesis:Describe*" }), request("DeleteStream"))).toBe(true);
    expect(explicitlyDenied(deny({ Principal: "*", Action: "*", NotResource: STREAM }), request("DeleteStream"))).toBe(false);
  });

  it("never denies with Allow statements alone", () => {
    const allow = JSON.stringify({ Statement: { Effect: "Allow", Principal: "*", Action: "kinesis:*", Condition: { Bool: { "aws:SecureTransport": "true" } } } });
    expect(parsePolicy(allow)).toHaveLength(1);
    expect(explicitlyDenied(allow, request("PutRecord"))).toBe(false);
  });

  it("refuses documents it cannot evaluate or that are not policies", () => {
    expect(() => parsePolicy("nope")).toThrow("Policy is not valid JSON.");
    expect(() => parsePolicy(deny({ Principal: "*", Action: "kinesis:*", Condition: {} }))).toThrow(/Condition blocks in Deny statements/);
    expect(() => parsePolicy(deny({ Principal: "*", Action: "kinesis:*", Resource: STREAM, NotResource: STREAM }))).toThrow("Policy has an invalid Resource.");
    expect(() => parsePolicy(JSON.stringify({ Version: "2020-01-01", Statement: [] }))).toThrow("Policy has an invalid Version.");
    expect(() => parsePolicy(deny({ Principal: "*", Action: [] }))).toThrow("Policy has an invalid Action.");
    expect(() => parsePolicy("x".repeat(20 * 1024 + 1))).toThrow(/maximum size/);
  });
});
