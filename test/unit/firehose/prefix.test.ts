/** S3 prefixes: Java DateTimeFormatter patterns, time zones, defaults, and AWS's prefix rules. */
import { describe, expect, it } from "vitest";
import { dataPrefix, errorPrefixFor, MissingPartitionKeyError, parsePrefix, validatePrefixes, type PrefixValues } from "../../../src/firehose/prefix";
import { compilePattern, InvalidPatternError, zonedTime } from "../../../src/firehose/time-format";

// 2026-03-05 07:08:09.012 UTC, a Thursday.
const MOMENT = Date.UTC(2026, 2, 5, 7, 8, 9, 12);

const values = (overrides: Partial<PrefixValues> = {}): PrefixValues => ({
  timestampMs: MOMENT,
  randomString: "Ab3dE6gH9jK",
  partitionKeys: { query: {}, lambda: {} },
  ...overrides,
});

describe("Java DateTimeFormatter patterns", () => {
  const format = (pattern: string, zone?: string) => compilePattern(pattern)(zonedTime(MOMENT, zone));

  it("formats the fields Firehose users write", () => {
    expect(format("yyyy/MM/dd/HH")).toBe("2026/03/05/07");
    expect(format("yy-M-d H:m:s.SSS")).toBe("26-3-5 7:8:9.012");
    expect(format("yyyy'-'MM'-'dd")).toBe("2026-03-05");
    expect(format("'year='yyyy/'it''s'")).toBe("year=2026/it's");
    expect(format("EEE EEEE MMM MMMM D DDD a hh")).toBe("Thu Thursday Mar March 64 064 AM 07");
    expect(format("xxx Z")).toBe("+00:00 +0000");
    expect(format("w")).toBe("10");
  });

  it("evaluates in a time zone", () => {
    expect(format("yyyy-MM-dd HH:mm XXX", "Asia/Tokyo")).toBe("2026-03-05 16:08 +09:00");
    expect(format("yyyy-MM-dd HH:mm XXX", "America/Los_Angeles")).toBe("2026-03-04 23:08 -08:00");
  });

  it("refuses letters DateTimeFormatter does not know, too many letters, and reserved characters", () => {
    for (const pattern of ["yyyy-bb", "ddd", "HHH", "#", "yyyy'"]) {
      expect(() => compilePattern(pattern), pattern).toThrow(InvalidPatternError);
    }
  });
});

describe("prefixes", () => {
  it("defaults to yyyy/MM/dd/HH/, and appends it to a prefix without expressions", () => {
    expect(dataPrefix(undefined, values())).toBe("2026/03/05/07/");
    expect(dataPrefix("logs/", values())).toBe("logs/2026/03/05/07/");
    expect(dataPrefix("logs/", values({ timeZone: "Asia/Tokyo" }))).toBe("logs/2026/03/05/16/");
  });

  it("evaluates expressions", () => {
    const prefix = "a/!{timestamp:yyyy}/!{firehose:random-string}/!{partitionKeyFromQuery:k}/!{partitionKeyFromLambda:l}/";
    const evaluated = dataPrefix(prefix, values({ partitionKeys: { query: { k: "q" }, lambda: { l: "x" } } }));
    expect(evaluated).toBe("a/2026/Ab3dE6gH9jK/q/x/");
    expect(() => dataPrefix(prefix, values())).toThrow(MissingPartitionKeyError);
  });

  it("puts failures under the error output type by default", () => {
    expect(errorPrefixFor(undefined, undefined, values())).toBe("processing-failed/2026/03/05/07/");
    expect(errorPrefixFor("logs/", undefined, values())).toBe("logs/processing-failed/2026/03/05/07/");
    expect(errorPrefixFor("logs/", "errors/", values({ errorOutputType: "metadata-extraction-failed" }))).toBe(
      "errors/metadata-extraction-failed/2026/03/05/07/",
    );
    expect(errorPrefixFor("x/!{timestamp:yyyy}/", "e/!{firehose:error-output-type}/!{timestamp:MM}/", values())).toBe("e/processing-failed/03/");
  });

  it("parses literals and expressions", () => {
    expect(parsePrefix("a/!{firehose:random-string}/b", "Prefix").map((token) => token.kind)).toEqual(["literal", "random-string", "literal"]);
    expect(parsePrefix("", "Prefix")).toEqual([]);
  });

  it("accepts what AWS accepts", () => {
    validatePrefixes({ dynamicPartitioning: false });
    validatePrefixes({ Prefix: "static/", ErrorOutputPrefix: "errors/", dynamicPartitioning: false });
    validatePrefixes({ Prefix: "p/!{partitionKeyFromLambda:k}/", ErrorOutputPrefix: "e/!{firehose:error-output-type}", dynamicPartitioning: true });
    expect(() => validatePrefixes({ Prefix: "static/", dynamicPartitioning: true })).toThrow(
      "S3 Prefix should contain Dynamic Partitioning namespaces when Dynamic Partitioning is enabled",
    );
    expect(() => validatePrefixes({ ErrorOutputPrefix: `${"e".repeat(500)}/`, dynamicPartitioning: false })).toThrow(
      "Length of evaluated ErrorOutputPrefix cannot be greater than 512",
    );
  });
});
