import { describe, expect, it } from "vitest";
import { parseJq } from "../../../src/firehose/transform/jq";
import { strftime } from "../../../src/firehose/transform/strftime";
import { processRecords, validateProcessingConfiguration } from "../../../src/firehose/transform";
import { STREAM, fakeFunction, record } from "./helpers";

const extraction = (query: string, engine = "JQ-1.6") => ({
  processing: {
    Enabled: true,
    Processors: [
      {
        Type: "MetadataExtraction",
        Parameters: [
          { ParameterName: "MetadataExtractionQuery", ParameterValue: query },
          { ParameterName: "JsonParsingEngine", ParameterValue: engine },
        ],
      },
    ],
  },
  dynamicPartitioning: { Enabled: true },
  deliveryStreamArn: STREAM,
  region: "us-east-1",
});

const env = fakeFunction(() => {
  throw new Error("no function here");
});

// AWS's sample record (dynamic-partitioning-partitioning-keys.html).
const SAMPLE = JSON.stringify({
  type: { device: "mobile", event: "user_clicked_submit_button" },
  customer_id: "1234567890",
  event_timestamp: 1565382027,
  region: "sample_region",
});

describe("inline parsing with jq", () => {
  it("extracts {customer_id: .customer_id, region: .geo.region}", async () => {
    const out = await processRecords(
      extraction("{customer_id: .customer_id, region: .geo.region}"),
      [record("a", JSON.stringify({ customer_id: "c-17", geo: { region: "eu-west", city: "Paris" } }))],
      env,
    );
    expect(out[0]?.result).toBe("Ok");
    expect(out[0]?.partitionKeys).toEqual({ query: { customer_id: "c-17", region: "eu-west" }, lambda: {} });
  });

  it("extracts AWS's documented keys, dates through strftime included", async () => {
    const query =
      '{"customer_id":.customer_id,"device":.type.device,"year":.event_timestamp|strftime("%Y"),' +
      '"month":.event_timestamp| strftime("%m"),"day":.event_timestamp| strftime("%d"),"hour":.event_timestamp| strftime("%H")}';
    const out = await processRecords(extraction(query), [record("a", SAMPLE)], env);
    // 1565382027 is 2019-08-09T20:20:27Z: AWS's example delivers it under .../year=2019/month=08/day=09/hour=20/.
    expect(out[0]?.partitionKeys.query).toEqual({ customer_id: "1234567890", device: "mobile", year: "2019", month: "08", day: "09", hour: "20" });
  });

  it("partitions clickstream events by event_type", async () => {
    const events = [
      { event_type: "page_view", session: "s1" },
      { event_type: "add_to_cart", session: "s1", item: { sku: "A-1" } },
      { event_type: "page_view", session: "s2" },
    ];
    const out = await processRecords(
      extraction("{event_type: .event_type | ascii_downcase}"),
      events.map((event, i) => record(`e${i}`, JSON.stringify(event))),
      env,
    );
    expect(out.map((r) => r.partitionKeys.query.event_type)).toEqual(["page_view", "add_to_cart", "page_view"]);
  });

  it("writes numbers and booleans as jq does, and fails missing keys and records that are not JSON", async () => {
    const query = "{n: .n, flag: .flag}";
    const out = await processRecords(
      extraction(query),
      [
        record("ok", JSON.stringify({ n: 42, flag: true })),
        record("float", JSON.stringify({ n: 1.5, flag: false })),
        record("missing", JSON.stringify({ n: 1 })),
        record("object", JSON.stringify({ n: { deep: 1 }, flag: true })),
        record("text", "n=1"),
      ],
      env,
    );
    expect(out[0]?.partitionKeys.query).toEqual({ n: "42", flag: "true" });
    expect(out[1]?.partitionKeys.query).toEqual({ n: "1.5", flag: "false" });
    expect(out.slice(2).map((r) => [r.result, r.error?.code])).toEqual([
      ["ProcessingFailed", "DynamicPartitioning.MetadataExtractionFailed"],
      ["ProcessingFailed", "DynamicPartitioning.MetadataExtractionFailed"],
      ["ProcessingFailed", "DynamicPartitioning.MetadataExtractionFailed"],
    ]);
    expect(out[4]?.error?.message).toBe("Non JSON record provided");
    expect(out[2]?.error?.message).toMatch(/'flag'/);
    expect(text(out[4]?.data)).toBe("n=1");
  });

  it("ignores MetadataExtraction unless dynamic partitioning is on, which validation requires", () => {
    expect(() => validateProcessingConfiguration({ processing: extraction("{a: .a}").processing })).toThrow(
      "Processor type MetadataExtraction is only supported when dynamic partitioning is enabled.",
    );
  });
});

function text(data: Uint8Array | undefined): string {
  return new TextDecoder().decode(data ?? new Uint8Array());
}

describe("the jq subset", () => {
  const run = (query: string, input: unknown) => parseJq(query).evaluate(JSON.parse(JSON.stringify(input)));

  it("follows jq's paths", () => {
    const doc = { a: { b: [10, 20, 30], "x-y": "dash" }, list: [{ k: "first" }] };
    expect(run('{v: .a.b[0], w: .a["x-y"], x: .a."x-y", y: .list[0].k, z: .a.b[-1], n: .nope.deeper}', doc)).toEqual({
      v: 10,
      w: "dash",
      x: "dash",
      y: "first",
      z: 30,
      n: null,
    });
    expect(run("{customer_id}", { customer_id: "c" })).toEqual({ customer_id: "c" });
    expect(run('{s: .a.b | tostring, l: "lit", t: (.missing // "default")}', doc)).toEqual({ s: "[10,20,30]", l: "lit", t: "default" });
    expect(run('{p: .path | split("/") | .[1], j: .parts | join("-")}', { path: "a/b/c", parts: ["x", 1, null] })).toEqual({ p: "b", j: "x-1-" });
    expect(run('{d: .t | todate, f: .iso | fromdate, u: .s | ascii_upcase, r: .s | ltrimstr("ab") | rtrimstr("z")}', {
      t: 0,
      iso: "2015-03-05T23:51:47Z",
      s: "abcz",
    })).toEqual({ d: "1970-01-01T00:00:00Z", f: 1425599507, u: "ABCZ", r: "c" });
  });

  it("raises jq's errors at evaluation", () => {
    expect(() => run("{a: .a.b}", { a: 5 })).toThrow('Cannot index number with "b"');
    expect(() => run("{a: .a[0]}", { a: { b: 1 } })).toThrow("Cannot index object with number");
    expect(() => run('{a: .a | strftime("%Y")}', { a: "2020" })).toThrow("strftime/1 requires parsed datetime inputs");
    expect(() => run("{a: .a | ascii_downcase}", { a: 1 })).toThrow("ascii_downcase input must be a string");
  });

  it("refuses what it does not evaluate, at configuration", () => {
    for (const query of [
      ".customer_id",
      "{a: .items[]}",
      "{a: .a[1:2]}",
      "{a: $x}",
      "{a: .a | test(\"x\")}",
      "{a: .b // \"x\"}",
      '{a: .t | strftime("%c")}',
      "{a: .a, a: .b}",
      "{}",
      "{a: .a",
    ]) {
      expect(() => validateProcessingConfiguration(extraction(query)), query).toThrow(/MetadataExtractionQuery is not a supported JQ query/);
    }
  });

  it("formats times as C's strftime does in UTC", () => {
    const t = 1565382027; // Friday 2019-08-09 20:20:27 UTC, day 221
    expect(strftime("%Y-%m-%dT%H:%M:%SZ %j %a %A %b %B %e %I %p %u %w %y %C %s %%", t)).toBe(
      "2019-08-09T20:20:27Z 221 Fri Friday Aug August  9 08 PM 5 5 19 20 1565382027 %",
    );
    expect(strftime("%G-W%V %U %W %F %T %D %R %z %Z", t)).toBe("2019-W32 31 31 2019-08-09 20:20:27 08/09/19 20:20 +0000 UTC");
    // Week boundaries, as glibc gives them: 2021-01-01 is in ISO week 53 of 2020; 2017-01-01 (a
    // Sunday) opens %U week 1 and is still %W week 0; 2019-01-07 (a Monday) opens both weeks 1.
    expect(strftime("%G-W%V %U %W", 1609459200)).toBe("2020-W53 00 00");
    expect(strftime("%U %W", 1483228800)).toBe("01 00");
    expect(strftime("%U %W", 1546819200)).toBe("01 01");
  });
});

describe("inline parsing with JSONata (JsonParsingEngine JSONATA)", () => {
  it("takes the keys from the object the expression builds", async () => {
    const out = await processRecords(
      extraction('{"customer": customer_id, "device": $uppercase(type.device), "year": $fromMillis(event_timestamp * 1000, "[Y0001]")}', "JSONATA"),
      [record("a", SAMPLE), record("b", "[1,2")],
      env,
    );
    expect(out[0]?.partitionKeys.query).toEqual({ customer: "1234567890", device: "MOBILE", year: "2019" });
    expect(out[1]?.error).toMatchObject({ code: "DynamicPartitioning.MetadataExtractionFailed", message: "Non JSON record provided" });
  });

  it("fails records for which the expression gives no object, or a missing key", async () => {
    const out = await processRecords(
      extraction('customer_id = "1" ? {"k": "one"} : undefined_field', "JSONATA"),
      [record("a", JSON.stringify({ customer_id: "1" })), record("b", JSON.stringify({ customer_id: "2" }))],
      env,
    );
    expect(out[0]?.partitionKeys.query).toEqual({ k: "one" });
    expect(out[1]?.error?.code).toBe("DynamicPartitioning.MetadataExtractionFailed");
  });

  it("refuses an expression JSONata cannot parse, at configuration", () => {
    expect(() => validateProcessingConfiguration(extraction("{ 'a': ", "JSONATA"))).toThrow(/MetadataExtractionQuery has an invalid JSONata expression/);
    expect(() => validateProcessingConfiguration(extraction("{a: .a}", "JQ-1.5"))).toThrow(/JsonParsingEngine has an invalid value 'JQ-1.5'/);
  });
});
