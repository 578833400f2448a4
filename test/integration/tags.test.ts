/** Tags by stream (AddTagsToStream, ListTagsForStream, RemoveTagsFromStream) and by ARN (TagResource & co.). */
import { describe, expect, it } from "vitest";
import { KINESIS } from "../../src/limits";
import {
  createActiveStream,
  expectFailure,
  expectTypeErrors,
  expectValidation,
  MIN_LENGTH_1,
  NAME_PATTERN,
  NOT_NULL,
  ok,
  registryClock,
  streamNotFound,
  uniqueName,
  useRegistryClock,
  violation,
  type ListTagsForResourceOutput,
  type ListTagsForStreamOutput,
  type Tag,
  type TestStream,
} from "./client";

const INVALID_CHARACTERS =
  "Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.";

function illegal(action: "add tags to" | "remove tags from", name: string): string {
  return (
    `Failed to ${action} stream ${name} under account 000000000000 because some tags contained illegal characters. ` +
    "The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'."
  );
}

function tooMany(name: string): string {
  return `Failed to add tags to stream ${name} under account 000000000000 because a given stream cannot have more than 10 tags associated with it.`;
}

async function tagsOf(stream: TestStream): Promise<Tag[]> {
  return (await ok<ListTagsForStreamOutput>("ListTagsForStream", { StreamName: stream.name })).Tags;
}

describe("AddTagsToStream", () => {
  describe("serializations", () => {
    it("refuses Tags that are not a map of strings", async () => {
      await expectTypeErrors("AddTagsToStream", ["Tags"], "Map");
      await expectTypeErrors("AddTagsToStream", ["Tags", "a"], "String");
    });

    it("refuses a StreamName that is not a string", async () => {
      await expectTypeErrors("AddTagsToStream", ["StreamName"], "String");
    });
  });

  describe("validations", () => {
    it("requires Tags", async () => {
      await expectValidation("AddTagsToStream", {}, violation(null, "tags", NOT_NULL));
    });

    it("refuses empty Tags and an empty StreamName at once", async () => {
      await expectValidation(
        "AddTagsToStream",
        { StreamName: "", Tags: {} },
        violation("{}", "tags", MIN_LENGTH_1),
        violation("", "streamName", NAME_PATTERN),
        violation("", "streamName", MIN_LENGTH_1),
      );
    });

    it("refuses a tag value longer than 256 characters", async () => {
      const value = "v".repeat(257);
      await expectValidation(
        "AddTagsToStream",
        { StreamName: uniqueName(), Tags: { a: value } },
        violation(`{a=${value}}`, "tags", "Map value must satisfy constraint: [Member must have length less than or equal to 256, Member must have length greater than or equal to 0]"),
      );
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      await expectFailure("AddTagsToStream", { StreamName: name, Tags: { a: "b" } }, "ResourceNotFoundException", streamNotFound(name));
    });

    it("refuses a stream that is not ACTIVE", async () => {
      await useRegistryClock();
      const name = uniqueName();
      await ok("CreateStream", { StreamName: name, ShardCount: 1 });
      await expectFailure(
        "AddTagsToStream",
        { StreamName: name, Tags: { a: "b" } },
        "ResourceInUseException",
        `Stream ${name} under account 000000000000 not ACTIVE, instead in state CREATING`,
      );
      registryClock.advance(KINESIS.createStreamMs);
    });

    it("refuses characters outside AWS's set, and '%', changing nothing", async () => {
      const stream = await createActiveStream(1, { Tags: { keep: "me" } });
      for (const tags of [{ "a!": "b" }, { a: "b#" }, { "a<b": "c" }]) {
        await expectFailure("AddTagsToStream", { StreamName: stream.name, Tags: tags }, "InvalidArgumentException", INVALID_CHARACTERS);
      }
      for (const tags of [{ "50%": "b" }, { a: "100%" }]) {
        await expectFailure("AddTagsToStream", { StreamName: stream.name, Tags: tags }, "InvalidArgumentException", illegal("add tags to", stream.name));
      }
      await expectFailure(
        "AddTagsToStream",
        { StreamName: stream.name, Tags: { fine: "yes", "not!": "fine" } },
        "InvalidArgumentException",
        INVALID_CHARACTERS,
      );
      expect(await tagsOf(stream)).toEqual([{ Key: "keep", Value: "me" }]);
    });

    it("refuses white space other than the space character, in keys and values, as AWS does", async () => {
      const stream = await createActiveStream(1, { Tags: { keep: "me" } });
      for (const text of ["abc\tdef", "abc\ndef", "abc\rdef", "abc\u00a0def", "abc\u3000def", "abc\u2028def"]) {
        await expectFailure("AddTagsToStream", { StreamName: stream.name, Tags: { [text]: "1" } }, "InvalidArgumentException", INVALID_CHARACTERS);
        await expectFailure("AddTagsToStream", { StreamName: stream.name, Tags: { a: text } }, "InvalidArgumentException", INVALID_CHARACTERS);
        await expectFailure("TagResource", { ResourceARN: stream.arn, Tags: { a: text } }, "InvalidArgumentException", INVALID_CHARACTERS);
        await expectFailure("RemoveTagsFromStream", { StreamName: stream.name, TagKeys: [text] }, "InvalidArgumentException", INVALID_CHARACTERS);
      }
      for (const punctuation of [";", ","]) {
        await expectFailure("AddTagsToStream", { StreamName: stream.name, Tags: { a: `abc${punctuation}def` } }, "InvalidArgumentException", INVALID_CHARACTERS);
      }
      expect(await tagsOf(stream)).toEqual([{ Key: "keep", Value: "me" }]);
    });

    it("holds the tags a stream is created with to the same rules", async () => {
      const name = uniqueName();
      await expectFailure("CreateStream", { StreamName: name, ShardCount: 1, Tags: { a: "tab\there" } }, "InvalidArgumentException", INVALID_CHARACTERS);
      await expectFailure("DescribeStreamSummary", { StreamName: name }, "ResourceNotFoundException", streamNotFound(name));
    });

    it("refuses more than 50 tags on a stream, changing nothing", async () => {
      const stream = await createActiveStream(1);
      const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`key-${String(i).padStart(2, "0")}`, `value ${i}`]));
      await ok("AddTagsToStream", { StreamName: stream.name, Tags: fifty });
      expect(await tagsOf(stream)).toHaveLength(50);
      await expectFailure("AddTagsToStream", { StreamName: stream.name, Tags: { "one-more": "x" } }, "InvalidArgumentException", tooMany(stream.name));
      // Changing the value of a tag it has adds none.
      await ok("AddTagsToStream", { StreamName: stream.name, Tags: { "key-00": "changed" } });
      const tags = await tagsOf(stream);
      expect(tags).toHaveLength(50);
      expect(tags[0]).toEqual({ Key: "key-00", Value: "changed" });
      expect(tags.some((tag) => tag.Key === "one-more")).toBe(false);
    });

    it("refuses 51 new tags in one request, adding none of them", async () => {
      const stream = await createActiveStream(1);
      const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
      await expectFailure("AddTagsToStream", { StreamName: stream.name, Tags: many }, "InvalidArgumentException", tooMany(stream.name));
      expect(await tagsOf(stream)).toEqual([]);
    });
  });

  describe("functionality", () => {
    it("adds tags, replaces values, and lists them by key", async () => {
      const stream = await createActiveStream(1);
      await ok("AddTagsToStream", { StreamName: stream.name, Tags: { team: "data", env: "test" } });
      await ok("AddTagsToStream", { StreamName: stream.name, Tags: { env: "prod", "cost center": "42" } });
      expect(await ok<ListTagsForStreamOutput>("ListTagsForStream", { StreamName: stream.name })).toEqual({
        Tags: [
          { Key: "cost center", Value: "42" },
          { Key: "env", Value: "prod" },
          { Key: "team", Value: "data" },
        ],
        HasMoreTags: false,
      });
    });

    it("accepts unicode letters, digits, spaces, the allowed punctuation and empty values", async () => {
      const stream = await createActiveStream(1);
      const tags = { "日本語": "値", "a_b.c/d=e+f-g@h:i": "x y", "Ünïcödé 123": "" };
      await ok("AddTagsToStream", { StreamName: stream.name, Tags: tags });
      const listed = await tagsOf(stream);
      expect(Object.fromEntries(listed.map((tag) => [tag.Key, tag.Value]))).toEqual(tags);
    });

    it("adds tags by StreamARN", async () => {
      const stream = await createActiveStream(1);
      await ok("AddTagsToStream", { StreamARN: stream.arn, Tags: { by: "arn" } });
      expect(await tagsOf(stream)).toEqual([{ Key: "by", Value: "arn" }]);
    });
  });
});

describe("ListTagsForStream", () => {
  describe("serializations", () => {
    it("refuses an ExclusiveStartTagKey that is not a string", async () => {
      await expectTypeErrors("ListTagsForStream", ["ExclusiveStartTagKey"], "String");
    });

    it("refuses a Limit that is not an integer", async () => {
      await expectTypeErrors("ListTagsForStream", ["Limit"], "Integer");
    });
  });

  describe("validations", () => {
    it("refuses a Limit outside 1 to 50", async () => {
      const name = uniqueName();
      await expectValidation("ListTagsForStream", { StreamName: name, Limit: 0 }, violation("0", "limit", "Member must have value greater than or equal to 1"));
      await expectValidation("ListTagsForStream", { StreamName: name, Limit: 51 }, violation("51", "limit", "Member must have value less than or equal to 50"));
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      await expectFailure("ListTagsForStream", { StreamName: name }, "ResourceNotFoundException", streamNotFound(name));
    });
  });

  describe("functionality", () => {
    it("pages with Limit and ExclusiveStartTagKey", async () => {
      const stream = await createActiveStream(1, { Tags: { e: "5", a: "1", d: "4", b: "2", c: "3" } });
      const first = await ok<ListTagsForStreamOutput>("ListTagsForStream", { StreamName: stream.name, Limit: 2 });
      expect(first).toEqual({ Tags: [{ Key: "a", Value: "1" }, { Key: "b", Value: "2" }], HasMoreTags: true });
      const second = await ok<ListTagsForStreamOutput>("ListTagsForStream", { StreamName: stream.name, Limit: 2, ExclusiveStartTagKey: "b" });
      expect(second).toEqual({ Tags: [{ Key: "c", Value: "3" }, { Key: "d", Value: "4" }], HasMoreTags: true });
      const last = await ok<ListTagsForStreamOutput>("ListTagsForStream", { StreamName: stream.name, Limit: 2, ExclusiveStartTagKey: "d" });
      expect(last).toEqual({ Tags: [{ Key: "e", Value: "5" }], HasMoreTags: false });
      const between = await ok<ListTagsForStreamOutput>("ListTagsForStream", { StreamName: stream.name, ExclusiveStartTagKey: "bb" });
      expect(between.Tags.map((tag) => tag.Key)).toEqual(["c", "d", "e"]);
    });

    it("lists a stream without tags as empty", async () => {
      const stream = await createActiveStream(1);
      expect(await ok<ListTagsForStreamOutput>("ListTagsForStream", { StreamARN: stream.arn })).toEqual({ Tags: [], HasMoreTags: false });
    });
  });
});

describe("RemoveTagsFromStream", () => {
  describe("serializations", () => {
    it("refuses TagKeys that are not a list of strings", async () => {
      await expectTypeErrors("RemoveTagsFromStream", ["TagKeys"], "List");
      await expectTypeErrors("RemoveTagsFromStream", ["TagKeys", 0], "String");
    });
  });

  describe("validations", () => {
    it("requires TagKeys, and at least one", async () => {
      await expectValidation("RemoveTagsFromStream", {}, violation(null, "tagKeys", NOT_NULL));
      await expectValidation("RemoveTagsFromStream", { StreamName: uniqueName(), TagKeys: [] }, violation("[]", "tagKeys", MIN_LENGTH_1));
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      await expectFailure("RemoveTagsFromStream", { StreamName: name, TagKeys: ["a"] }, "ResourceNotFoundException", streamNotFound(name));
    });

    it("refuses keys with characters outside AWS's set, and '%', removing nothing", async () => {
      const stream = await createActiveStream(1, { Tags: { a: "1" } });
      await expectFailure("RemoveTagsFromStream", { StreamName: stream.name, TagKeys: ["a", "b!"] }, "InvalidArgumentException", INVALID_CHARACTERS);
      await expectFailure(
        "RemoveTagsFromStream",
        { StreamName: stream.name, TagKeys: ["a", "b%"] },
        "InvalidArgumentException",
        illegal("remove tags from", stream.name),
      );
      expect(await tagsOf(stream)).toEqual([{ Key: "a", Value: "1" }]);
    });
  });

  describe("functionality", () => {
    it("removes the keys named, ignoring keys the stream does not have", async () => {
      const stream = await createActiveStream(1, { Tags: { a: "1", b: "2", c: "3" } });
      await ok("RemoveTagsFromStream", { StreamName: stream.name, TagKeys: ["b", "zzz"] });
      expect(await tagsOf(stream)).toEqual([{ Key: "a", Value: "1" }, { Key: "c", Value: "3" }]);
      await ok("RemoveTagsFromStream", { StreamARN: stream.arn, TagKeys: ["a", "c"] });
      expect(await tagsOf(stream)).toEqual([]);
    });

    it("frees room under the 50-tag limit", async () => {
      const stream = await createActiveStream(1, {
        Tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"])),
      });
      await expectFailure("AddTagsToStream", { StreamName: stream.name, Tags: { new: "v" } }, "InvalidArgumentException", tooMany(stream.name));
      await ok("RemoveTagsFromStream", { StreamName: stream.name, TagKeys: ["k0"] });
      await ok("AddTagsToStream", { StreamName: stream.name, Tags: { new: "v" } });
      expect(await tagsOf(stream)).toHaveLength(50);
    });
  });
});

describe("TagResource, UntagResource, ListTagsForResource", () => {
  describe("serializations", () => {
    it("refuses a ResourceARN that is not a string", async () => {
      await expectTypeErrors("ListTagsForResource", ["ResourceARN"], "String");
      await expectTypeErrors("TagResource", ["ResourceARN"], "String");
    });
  });

  describe("validations", () => {
    it("requires a ResourceARN", async () => {
      await expectValidation("ListTagsForResource", {}, violation(null, "resourceARN", NOT_NULL));
      await expectValidation("TagResource", { Tags: { a: "b" } }, violation(null, "resourceARN", NOT_NULL));
      await expectValidation("UntagResource", { TagKeys: ["a"] }, violation(null, "resourceARN", NOT_NULL));
    });

    it("refuses a ResourceARN that is not a Kinesis ARN", async () => {
      const arn = "arn:aws:sqs:us-east-1:000000000000:queue";
      await expectValidation(
        "ListTagsForResource",
        { ResourceARN: arn },
        violation(arn, "resourceARN", "Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+"),
      );
    });

    it("answers ResourceNotFoundException for a stream that does not exist", async () => {
      const name = uniqueName();
      const arn = `arn:aws:kinesis:us-east-1:000000000000:stream/${name}`;
      await expectFailure("ListTagsForResource", { ResourceARN: arn }, "ResourceNotFoundException", streamNotFound(name));
      await expectFailure("TagResource", { ResourceARN: arn, Tags: { a: "b" } }, "ResourceNotFoundException", streamNotFound(name));
      await expectFailure("UntagResource", { ResourceARN: arn, TagKeys: ["a"] }, "ResourceNotFoundException", streamNotFound(name));
    });

    it("holds TagResource to the same 50-tag limit", async () => {
      const stream = await createActiveStream(1, {
        Tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, "v"])),
      });
      await expectFailure("TagResource", { ResourceARN: stream.arn, Tags: { extra: "v" } }, "InvalidArgumentException", tooMany(stream.name));
    });
  });

  describe("functionality", () => {
    it("tags, lists and untags a stream by its ARN, sharing tags with the by-stream operations", async () => {
      const stream = await createActiveStream(1, { Tags: { origin: "create" } });
      await ok("TagResource", { ResourceARN: stream.arn, Tags: { by: "resource", env: "dev" } });
      expect(await ok<ListTagsForResourceOutput>("ListTagsForResource", { ResourceARN: stream.arn })).toEqual({
        Tags: [
          { Key: "by", Value: "resource" },
          { Key: "env", Value: "dev" },
          { Key: "origin", Value: "create" },
        ],
      });
      await ok("UntagResource", { ResourceARN: stream.arn, TagKeys: ["origin", "env"] });
      expect(await tagsOf(stream)).toEqual([{ Key: "by", Value: "resource" }]);
    });
  });
});
