import { describe, expect, it } from "vitest";
import { KINESIS } from "../../src/limits";
import {
  advanceRegistryClock,
  createActiveStream,
  expectFailure,
  expectTypeErrors,
  expectValidation,
  MAX_LENGTH_128,
  MIN_LENGTH_1,
  NAME_PATTERN,
  ok,
  streamArn,
  useRegistryClock,
  violation,
  type DescribeStreamOutput,
  type ListStreamsOutput,
} from "./client";

let prefixes = 0;

/**
 * A prefix no other stream of this file shares, sorting after every stream made before it (tests
 * run in order): a test's own streams are then the last ones listed.
 */
function prefix(): string {
  prefixes += 1;
  return `zz-${String(prefixes).padStart(3, "0")}-${crypto.randomUUID().slice(0, 8)}-`;
}

/** The names of this prefix, in the order ListStreams gives them, following NextToken. */
async function listAll(start: string, limit: number): Promise<ListStreamsOutput[]> {
  const pages: ListStreamsOutput[] = [];
  let page = await ok<ListStreamsOutput>("ListStreams", { ExclusiveStartStreamName: start, Limit: limit });
  pages.push(page);
  while (page.NextToken !== undefined) {
    expect(pages.length).toBeLessThan(50);
    page = await ok<ListStreamsOutput>("ListStreams", { NextToken: page.NextToken, Limit: limit });
    pages.push(page);
  }
  return pages;
}

describe("ListStreams", () => {
  describe("serializations", () => {
    it("refuses a Limit that is not an integer", async () => {
      await expectTypeErrors("ListStreams", ["Limit"], "Integer");
    });

    it("refuses an ExclusiveStartStreamName that is not a string", async () => {
      await expectTypeErrors("ListStreams", ["ExclusiveStartStreamName"], "String");
    });

    it("refuses a NextToken that is not a string", async () => {
      await expectTypeErrors("ListStreams", ["NextToken"], "String");
    });
  });

  describe("validations", () => {
    it("reports an empty ExclusiveStartStreamName and a zero Limit at once", async () => {
      await expectValidation(
        "ListStreams",
        { ExclusiveStartStreamName: "", Limit: 0 },
        violation("0", "limit", "Member must have value greater than or equal to 1"),
        violation("", "exclusiveStartStreamName", NAME_PATTERN),
        violation("", "exclusiveStartStreamName", MIN_LENGTH_1),
      );
    });

    it("reports a long ExclusiveStartStreamName and a large Limit at once", async () => {
      const name = "a".repeat(129);
      await expectValidation(
        "ListStreams",
        { ExclusiveStartStreamName: name, Limit: 1000000 },
        violation("1000000", "limit", "Member must have value less than or equal to 10000"),
        violation(name, "exclusiveStartStreamName", MAX_LENGTH_128),
      );
    });

    it("refuses a NextToken it did not hand out", async () => {
      await expectFailure("ListStreams", { NextToken: "not-a-token" }, "InvalidArgumentException", "Invalid NextToken.");
    });
  });

  describe("functionality", () => {
    it("lists streams in name order, a page at a time, with summaries", async () => {
      const start = prefix();
      const names = ["e", "a", "c", "b", "d"].map((suffix) => `${start}${suffix}`);
      for (const name of names) await createActiveStream(1, {}, name);
      const sorted = [...names].sort();

      const first = await ok<ListStreamsOutput>("ListStreams", { ExclusiveStartStreamName: start, Limit: 2 });
      expect(first.StreamNames).toEqual(sorted.slice(0, 2));
      expect(first.HasMoreStreams).toBe(true);
      expect(typeof first.NextToken).toBe("string");
      expect(first.StreamSummaries.map((summary) => summary.StreamName)).toEqual(sorted.slice(0, 2));
      for (const summary of first.StreamSummaries) {
        const described = await ok<DescribeStreamOutput>("DescribeStream", { StreamName: summary.StreamName });
        expect(summary).toEqual({
          StreamName: summary.StreamName,
          StreamARN: streamArn(summary.StreamName),
          StreamStatus: "ACTIVE",
          StreamModeDetails: { StreamMode: "PROVISIONED" },
          StreamCreationTimestamp: described.StreamDescription.StreamCreationTimestamp,
        });
      }

      const second = await ok<ListStreamsOutput>("ListStreams", { NextToken: first.NextToken, Limit: 2 });
      expect(second.StreamNames).toEqual(sorted.slice(2, 4));
      expect(second.HasMoreStreams).toBe(true);

      const last = await ok<ListStreamsOutput>("ListStreams", { NextToken: second.NextToken, Limit: 2 });
      expect(last.StreamNames).toEqual(sorted.slice(4));
      expect(last.HasMoreStreams).toBe(false);
      expect(last.NextToken).toBeUndefined();

      // ExclusiveStartStreamName alone pages the same way.
      const after = await ok<ListStreamsOutput>("ListStreams", { ExclusiveStartStreamName: sorted[1], Limit: 2 });
      expect(after.StreamNames).toEqual(sorted.slice(2, 4));
    });

    it("answers one page without NextToken when everything fits", async () => {
      const start = prefix();
      await createActiveStream(1, {}, `${start}only`);
      const page = await ok<ListStreamsOutput>("ListStreams", { ExclusiveStartStreamName: start, Limit: 10 });
      expect(page.StreamNames).toEqual([`${start}only`]);
      expect(page.HasMoreStreams).toBe(false);
      expect(Object.keys(page).sort()).toEqual(["HasMoreStreams", "StreamNames", "StreamSummaries"]);
    });

    it("lists every stream without a Limit, in byte order of names", async () => {
      const start = prefix();
      const names = ["a", "_", "A", "0", ".", "-"].map((suffix) => `${start}${suffix}`);
      for (const name of names) await createActiveStream(1, {}, name);
      const all = await ok<ListStreamsOutput>("ListStreams", {});
      const ours = all.StreamNames.filter((name) => name.startsWith(start));
      expect(ours).toEqual(["-", ".", "0", "A", "_", "a"].map((suffix) => `${start}${suffix}`));
      expect(all.StreamNames).toEqual([...all.StreamNames].sort());
      expect(all.HasMoreStreams).toBe(false);
    });

    it("counts every page as full even when deleted streams lie between", async () => {
      const start = prefix();
      const names = ["a", "b", "c", "d", "e", "f"].map((suffix) => `${start}${suffix}`);
      for (const name of names) await createActiveStream(1, {}, name);
      for (const name of [names[1], names[2], names[3]]) await ok("DeleteStream", { StreamName: name });
      await advanceRegistryClock(KINESIS.deleteStreamMs);
      const pages = await listAll(start, 2);
      expect(pages.map((page) => page.StreamNames)).toEqual([[names[0], names[4]], [names[5]]]);
      expect(pages.map((page) => page.HasMoreStreams)).toEqual([true, false]);
    });

    it("shows CREATING and DELETING streams with their status", async () => {
      const start = prefix();
      await useRegistryClock();
      const deleting = await createActiveStream(1, {}, `${start}deleting`);
      await ok("DeleteStream", { StreamName: deleting.name });
      await ok("CreateStream", { StreamName: `${start}new`, ShardCount: 1 });
      const page = await ok<ListStreamsOutput>("ListStreams", { ExclusiveStartStreamName: start });
      expect(page.StreamSummaries.map((summary) => [summary.StreamName, summary.StreamStatus])).toEqual([
        [`${start}deleting`, "DELETING"],
        [`${start}new`, "CREATING"],
      ]);
      await advanceRegistryClock(Math.max(KINESIS.createStreamMs, KINESIS.deleteStreamMs));
      const later = await ok<ListStreamsOutput>("ListStreams", { ExclusiveStartStreamName: start });
      expect(later.StreamSummaries.map((summary) => [summary.StreamName, summary.StreamStatus])).toEqual([[`${start}new`, "ACTIVE"]]);
    });

    // Kept last: it makes this file's stream list longer than one default page.
    it("answers at most 100 streams per call, whatever the Limit", async () => {
      const start = prefix();
      const names = Array.from({ length: 101 }, (_, i) => `${start}${String(i).padStart(3, "0")}`);
      await Promise.all(names.map((name) => ok("CreateStream", { StreamName: name, ShardCount: 1 })));
      const first = await ok<ListStreamsOutput>("ListStreams", { ExclusiveStartStreamName: start, Limit: 1000 });
      expect(first.StreamNames).toEqual(names.slice(0, 100));
      expect(first.HasMoreStreams).toBe(true);
      const rest = await ok<ListStreamsOutput>("ListStreams", { NextToken: first.NextToken, Limit: 1000 });
      expect(rest.StreamNames).toEqual(names.slice(100));
      expect(rest.HasMoreStreams).toBe(false);
      const byDefault = await ok<ListStreamsOutput>("ListStreams", { ExclusiveStartStreamName: start });
      expect(byDefault.StreamNames).toHaveLength(100);
      expect(byDefault.HasMoreStreams).toBe(true);
    }, 30_000);
  });
});
