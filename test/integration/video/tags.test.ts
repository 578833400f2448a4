/**
 * Tags: TagStream, UntagStream and ListTagsForStream by name or ARN; TagResource, UntagResource and
 * ListTagsForResource by ARN (a stream's; a signaling channel's is not found). AWS's limit of 50
 * tags per stream, the model's rules for keys and values, and keys beginning with aws:.
 */
import { beforeEach, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  createActiveVideoStream,
  expectVideoFailure,
  expectVideoValidation,
  NOT_FOUND,
  REGION,
  uniqueName,
  useVideoClock,
  videoOk,
} from "./helpers";

beforeEach(useVideoClock);

function tags(count: number, prefix = "k"): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, `v${i}`]));
}

describe("TagStream, UntagStream, ListTagsForStream", () => {
  it("adds, replaces, lists and removes tags by name or ARN", async () => {
    const info = await createActiveVideoStream({ Tags: { team: "video" } });
    expect(await videoOk("/tagStream", { StreamName: info.StreamName, Tags: { site: "lab", team: "media" } })).toEqual({});
    expect(await videoOk("/listTagsForStream", { StreamARN: info.StreamARN })).toEqual({ Tags: { site: "lab", team: "media" } });
    // A key that does not exist is ignored.
    expect(await videoOk("/untagStream", { StreamARN: info.StreamARN, TagKeyList: ["team", "absent"] })).toEqual({});
    expect(await videoOk("/listTagsForStream", { StreamName: info.StreamName })).toEqual({ Tags: { site: "lab" } });
    await videoOk("/untagStream", { StreamName: info.StreamName, TagKeyList: ["site"] });
    expect(await videoOk("/listTagsForStream", { StreamName: info.StreamName })).toEqual({ Tags: {} });
  });

  it("allows 50 tags per stream, counting those it already has", async () => {
    const info = await createActiveVideoStream({ Tags: tags(30, "old") });
    await expectVideoFailure(
      "/tagStream",
      { StreamName: info.StreamName, Tags: tags(21, "new") },
      400,
      "TagsPerResourceExceededLimitException",
      `The stream ${info.StreamName} can have at most 50 tags; this request would give it 51.`,
    );
    // Replacing existing keys does not add to the count.
    await videoOk("/tagStream", { StreamName: info.StreamName, Tags: { ...tags(20, "new"), old0: "replaced" } });
    const listed = await videoOk<{ Tags: Record<string, string> }>("/listTagsForStream", { StreamName: info.StreamName });
    expect(Object.keys(listed.Tags)).toHaveLength(50);
    expect(listed.Tags.old0).toBe("replaced");
  });

  it("validates keys and values as the model says, and keeps aws: for AWS", async () => {
    const info = await createActiveVideoStream();
    await expectVideoValidation(
      "/tagStream",
      { StreamName: info.StreamName, Tags: {} },
      "Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    await expectVideoFailure("/tagStream", { StreamName: info.StreamName, Tags: { "bad#key": "v" } }, 400, "ValidationException", /at 'tags' failed to satisfy constraint: Map keys must satisfy constraint/);
    await expectVideoFailure(
      "/tagStream",
      { StreamName: info.StreamName, Tags: { "aws:created-by": "me" } },
      400,
      "InvalidArgumentException",
      "The tag key aws:created-by begins with aws:, which is reserved for AWS's own tags.",
    );
    await expectVideoValidation(
      "/untagStream",
      { StreamName: info.StreamName, TagKeyList: [] },
      "Value '[]' at 'tagKeyList' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });

  it("answers 404 for a stream that does not exist", async () => {
    await expectVideoFailure("/tagStream", { StreamName: uniqueName("missing"), Tags: { a: "b" } }, 404, "ResourceNotFoundException", NOT_FOUND);
    await expectVideoFailure("/listTagsForStream", { StreamName: uniqueName("missing") }, 404, "ResourceNotFoundException", NOT_FOUND);
    await expectVideoFailure("/untagStream", { StreamName: uniqueName("missing"), TagKeyList: ["a"] }, 404, "ResourceNotFoundException", NOT_FOUND);
  });
});

describe("TagResource, UntagResource, ListTagsForResource", () => {
  it("tag a stream by its ARN, with tags as a list", async () => {
    const info = await createActiveVideoStream();
    expect(
      await videoOk("/TagResource", {
        ResourceARN: info.StreamARN,
        Tags: [
          { Key: "a", Value: "1" },
          { Key: "b", Value: "2" },
        ],
      }),
    ).toEqual({});
    expect(await videoOk("/ListTagsForResource", { ResourceARN: info.StreamARN })).toEqual({ Tags: { a: "1", b: "2" } });
    await videoOk("/UntagResource", { ResourceARN: info.StreamARN, TagKeyList: ["a"] });
    expect(await videoOk("/listTagsForStream", { StreamName: info.StreamName })).toEqual({ Tags: { b: "2" } });
  });

  it("finds no signaling channel, and refuses another account's resources", async () => {
    const channel = `arn:aws:kinesisvideo:${REGION}:${ACCOUNT}:channel/door/1700000000000`;
    await expectVideoFailure("/ListTagsForResource", { ResourceARN: channel }, 404, "ResourceNotFoundException", "The requested channel is not found or not active.");
    await expectVideoFailure("/TagResource", { ResourceARN: channel, Tags: [{ Key: "a", Value: "b" }] }, 404, "ResourceNotFoundException");
    await expectVideoFailure("/UntagResource", { ResourceARN: channel, TagKeyList: ["a"] }, 404, "ResourceNotFoundException");
    await expectVideoFailure(
      "/ListTagsForResource",
      { ResourceARN: `arn:aws:kinesisvideo:${REGION}:123456789012:stream/theirs/1700000000000` },
      401,
      "NotAuthorizedException",
    );
    await expectVideoValidation(
      "/TagResource",
      { ResourceARN: channel, Tags: [{ Key: "a" }] },
      "Value null at 'tags.1.member.value' failed to satisfy constraint: Member must not be null",
    );
  });
});
