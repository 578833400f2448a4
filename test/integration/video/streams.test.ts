/**
 * CreateStream, DescribeStream, ListStreams and DeleteStream: validation as AWS words it, the
 * stream's life (CREATING, ACTIVE, DELETING, gone), its defaults, names and ARNs, paging and the
 * lifecycle calls the data plane's stream object receives.
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { VIDEO_CONTROL } from "../../../src/limits";
import { runInDurableObject } from "cloudflare:test";
import type { VideoRegistry } from "../../../src/video/registry";
import { VideoStream } from "../../../src/video/stream";
import {
  ACCOUNT,
  advanceVideoClock,
  createActiveVideoStream,
  describeVideoStream,
  expectVideoFailure,
  expectVideoValidation,
  NOT_FOUND,
  recordLifecycle,
  REGION,
  registryClock,
  runVideoRegistryAlarm,
  streamId,
  streamObjectId,
  uniqueName,
  useVideoClock,
  video,
  videoOk,
  videoRegistryStub,
  type DescribeStreamOutput,
  type ListStreamsOutput,
  type StreamInfo,
} from "./helpers";

const NAME_PATTERN = "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";

beforeEach(useVideoClock);

describe("CreateStream", () => {
  it("creates a stream that is CREATING, then ACTIVE, with AWS's defaults", async () => {
    const name = uniqueName("video");
    const before = registryClock.now();
    const created = await videoOk<{ StreamARN: string }>("/createStream", { StreamName: name });
    expect(created.StreamARN).toMatch(new RegExp(`^arn:aws:kinesisvideo:${REGION}:${ACCOUNT}:stream/${name}/\\d{13}$`));
    const stamp = Number(created.StreamARN.split("/").at(-1));
    expect(stamp).toBeGreaterThanOrEqual(before);

    const creating = await describeVideoStream(name);
    expect(creating).toEqual({
      StreamName: name,
      StreamARN: created.StreamARN,
      KmsKeyId: `arn:aws:kms:${REGION}:${ACCOUNT}:alias/aws/kinesisvideo`,
      Version: expect.stringMatching(/^[a-zA-Z0-9]{20}$/),
      Status: "CREATING",
      CreationTime: stamp / 1000,
      DataRetentionInHours: 0,
    });

    registryClock.advance(VIDEO_CONTROL.createStreamMs);
    const active = await describeVideoStream(name);
    expect(active).toEqual({ ...creating, Status: "ACTIVE" });
  });

  it("keeps what it is given: device, media type, key, retention, storage tier and tags", async () => {
    const name = uniqueName("video");
    const info = await createActiveVideoStream(
      {
        DeviceName: "front-door",
        MediaType: "video/h264,audio/aac",
        KmsKeyId: "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        DataRetentionInHours: 24,
        Tags: { camera: "front" },
        StreamStorageConfiguration: { DefaultStorageTier: "WARM" },
      },
      name,
    );
    expect(info).toMatchObject({
      DeviceName: "front-door",
      MediaType: "video/h264,audio/aac",
      KmsKeyId: "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab",
      DataRetentionInHours: 24,
    });
    expect(await videoOk("/listTagsForStream", { StreamName: name })).toEqual({ Tags: { camera: "front" } });
    expect(await videoOk("/describeStreamStorageConfiguration", { StreamName: name })).toEqual({
      StreamName: name,
      StreamARN: info.StreamARN,
      StreamStorageConfiguration: { DefaultStorageTier: "WARM" },
    });
  });

  it("refuses a name that is taken, while the stream is CREATING, ACTIVE or DELETING", async () => {
    const name = uniqueName("video");
    await videoOk("/createStream", { StreamName: name });
    await expectVideoFailure("/createStream", { StreamName: name }, 400, "ResourceInUseException", `The stream ${name} already exists.`);
    registryClock.advance(VIDEO_CONTROL.createStreamMs);
    const info = await describeVideoStream(name);
    await expectVideoFailure("/createStream", { StreamName: name }, 400, "ResourceInUseException", `The stream ${name} already exists.`);
    await videoOk("/deleteStream", { StreamARN: info.StreamARN });
    await expectVideoFailure("/createStream", { StreamName: name }, 400, "ResourceInUseException", `The stream ${name} already exists.`);
  });

  it("validates its input as AWS's model says", async () => {
    await expectVideoValidation("/createStream", {}, "Value null at 'streamName' failed to satisfy constraint: Member must not be null");
    await expectVideoValidation(
      "/createStream",
      { StreamName: "has space" },
      `Value 'has space' at 'streamName' failed to satisfy constraint: ${NAME_PATTERN}`,
    );
    await expectVideoValidation(
      "/createStream",
      { StreamName: "x".repeat(257) },
      `Value '${"x".repeat(257)}' at 'streamName' failed to satisfy constraint: Member must have length less than or equal to 256`,
    );
    await expectVideoValidation(
      "/createStream",
      { StreamName: "ok", DataRetentionInHours: -1 },
      "Value '-1' at 'dataRetentionInHours' failed to satisfy constraint: Member must have value greater than or equal to 0",
    );
    await expectVideoValidation(
      "/createStream",
      { StreamName: "ok", MediaType: "h264" },
      "Value 'h264' at 'mediaType' failed to satisfy constraint: Member must satisfy regular expression pattern: " +
        "[\\w\\-\\.\\+]+/[\\w\\-\\.\\+]+(,[\\w\\-\\.\\+]+/[\\w\\-\\.\\+]+)*",
    );
    const tags = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, "v"]));
    const response = await video("/createStream", { StreamName: "ok", Tags: tags });
    expect(response.status).toBe(400);
    expect((response.body as { message: string }).message).toMatch(/at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50$/);
  });

  it("refuses a retention above ten years and tag keys beginning with aws:", async () => {
    await expectVideoFailure(
      "/createStream",
      { StreamName: uniqueName("video"), DataRetentionInHours: VIDEO_CONTROL.maxRetentionHours + 1 },
      400,
      "InvalidArgumentException",
      `DataRetentionInHours ${VIDEO_CONTROL.maxRetentionHours + 1} is more than the maximum of ${VIDEO_CONTROL.maxRetentionHours} hours.`,
    );
    await expectVideoFailure(
      "/createStream",
      { StreamName: uniqueName("video"), Tags: { "aws:owner": "me" } },
      400,
      "InvalidArgumentException",
      "The tag key aws:owner begins with aws:, which is reserved for AWS's own tags.",
    );
  });

  it("refuses a stream past the account's limit, counting streams that are still deleting", async () => {
    // Streams other tests deleted finish deleting first, so that the count stays put.
    registryClock.advance(VIDEO_CONTROL.deleteStreamMs);
    const existing = ((await videoOk<ListStreamsOutput>("/listStreams", {})).StreamInfoList ?? []).length;
    await runInDurableObject(videoRegistryStub(), (instance: VideoRegistry) => {
      instance.maxStreams = existing + 1;
    });
    try {
      const last = await createActiveVideoStream();
      await expectVideoFailure(
        "/createStream",
        { StreamName: uniqueName("video") },
        400,
        "AccountStreamLimitExceededException",
        "The number of streams created for the account is too high.",
      );
      await videoOk("/deleteStream", { StreamARN: last.StreamARN });
      await expectVideoFailure("/createStream", { StreamName: uniqueName("video") }, 400, "AccountStreamLimitExceededException");
      registryClock.advance(VIDEO_CONTROL.deleteStreamMs);
      await videoOk("/createStream", { StreamName: uniqueName("video") });
    } finally {
      await runInDurableObject(videoRegistryStub(), (instance: VideoRegistry) => {
        instance.maxStreams = VIDEO_CONTROL.maxStreamsPerAccount;
      });
    }
  });
});

describe("DescribeStream", () => {
  it("finds a stream by name or by ARN, and both when they agree", async () => {
    const info = await createActiveVideoStream();
    expect((await videoOk<DescribeStreamOutput>("/describeStream", { StreamARN: info.StreamARN })).StreamInfo).toEqual(info);
    expect((await videoOk<DescribeStreamOutput>("/describeStream", { StreamName: info.StreamName, StreamARN: info.StreamARN })).StreamInfo).toEqual(info);
  });

  it("answers 404 ResourceNotFoundException for a stream that does not exist", async () => {
    await expectVideoFailure("/describeStream", { StreamName: uniqueName("missing") }, 404, "ResourceNotFoundException", NOT_FOUND);
    await expectVideoFailure(
      "/describeStream",
      { StreamARN: `arn:aws:kinesisvideo:${REGION}:${ACCOUNT}:stream/missing/1700000000000` },
      404,
      "ResourceNotFoundException",
      NOT_FOUND,
    );
    const info = await createActiveVideoStream();
    await expectVideoFailure("/describeStream", { StreamName: "other", StreamARN: info.StreamARN }, 404, "ResourceNotFoundException", NOT_FOUND);
    // An ARN with the stream's name but another creation time names an earlier (or later) stream.
    await expectVideoFailure(
      "/describeStream",
      { StreamARN: info.StreamARN.replace(/\/\d+$/, "/1") },
      404,
      "ResourceNotFoundException",
      NOT_FOUND,
    );
  });

  it("asks for a name or an ARN, and refuses another account's ARN", async () => {
    await expectVideoFailure("/describeStream", {}, 400, "InvalidArgumentException", "Either StreamName or StreamARN must be specified.");
    await expectVideoFailure(
      "/describeStream",
      { StreamARN: `arn:aws:kinesisvideo:${REGION}:123456789012:stream/theirs/1700000000000` },
      401,
      "NotAuthorizedException",
      "The caller is not authorized to perform this operation.",
    );
    await expectVideoFailure(
      "/describeStream",
      { StreamARN: `arn:aws:kinesisvideo:eu-west-1:${ACCOUNT}:stream/elsewhere/1700000000000` },
      404,
      "ResourceNotFoundException",
      NOT_FOUND,
    );
    await expectVideoValidation(
      "/describeStream",
      { StreamARN: "arn:aws:kinesis:us-east-1:000000000000:stream/data" },
      "Value 'arn:aws:kinesis:us-east-1:000000000000:stream/data' at 'streamARN' failed to satisfy constraint: " +
        "Member must satisfy regular expression pattern: arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+",
    );
  });
});

describe("ListStreams", () => {
  it("lists streams in name order, with a name prefix condition", async () => {
    const prefix = uniqueName("list");
    const names = [`${prefix}-b`, `${prefix}-a`, `${prefix}-c`];
    for (const name of names) await createActiveVideoStream({}, name);
    await createActiveVideoStream({}, `other-${prefix}`);
    const listed = await videoOk<ListStreamsOutput>("/listStreams", {
      StreamNameCondition: { ComparisonOperator: "BEGINS_WITH", ComparisonValue: prefix },
    });
    expect(listed.StreamInfoList.map((info) => info.StreamName)).toEqual([...names].sort());
    expect(listed.NextToken).toBeUndefined();
    expect(listed.StreamInfoList[0]).toEqual(await describeVideoStream(`${prefix}-a`));
  });

  it("pages with MaxResults and NextToken", async () => {
    const prefix = uniqueName("page");
    for (const suffix of ["1", "2", "3", "4", "5"]) await createActiveVideoStream({}, `${prefix}-${suffix}`);
    const condition = { ComparisonOperator: "BEGINS_WITH", ComparisonValue: prefix };
    const seen: string[] = [];
    let token: string | undefined;
    for (let page = 0; page < 5; page++) {
      const listed: ListStreamsOutput = await videoOk<ListStreamsOutput>("/listStreams", {
        MaxResults: 2,
        StreamNameCondition: condition,
        ...(token !== undefined && { NextToken: token }),
      });
      seen.push(...listed.StreamInfoList.map((info: StreamInfo) => info.StreamName));
      token = listed.NextToken;
      if (token === undefined) break;
      expect(token).toMatch(/^[a-zA-Z0-9+/=]+$/);
    }
    expect(seen).toEqual(["1", "2", "3", "4", "5"].map((suffix) => `${prefix}-${suffix}`));
  });

  it("refuses a NextToken it did not give and MaxResults out of range", async () => {
    await expectVideoFailure("/listStreams", { NextToken: "AAAA" }, 400, "InvalidArgumentException", "NextToken AAAA is not a token ListStreams answered.");
    await expectVideoValidation(
      "/listStreams",
      { MaxResults: 0 },
      "Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    await expectVideoValidation(
      "/listStreams",
      { StreamNameCondition: { ComparisonOperator: "ENDS_WITH", ComparisonValue: "x" } },
      "Value 'ENDS_WITH' at 'streamNameCondition.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [BEGINS_WITH]",
    );
  });

  it("answers an empty body as a request for everything", async () => {
    const response = await video<ListStreamsOutput>("/listStreams");
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body.StreamInfoList)).toBe(true);
  });
});

describe("DeleteStream", () => {
  it("marks the stream DELETING, then it is gone and its stream object destroyed", async () => {
    const lifecycle = recordLifecycle();
    try {
      const info = await createActiveVideoStream();
      const id = await streamId(info.StreamName);
      expect(await videoOk("/deleteStream", { StreamARN: info.StreamARN, CurrentVersion: info.Version })).toEqual({});
      expect((await describeVideoStream(info.StreamName)).Status).toBe("DELETING");
      const listed = await videoOk<ListStreamsOutput>("/listStreams", {
        StreamNameCondition: { ComparisonOperator: "BEGINS_WITH", ComparisonValue: info.StreamName },
      });
      expect(listed.StreamInfoList.map((stream) => stream.Status)).toEqual(["DELETING"]);
      expect(lifecycle.destroyed).toEqual([]);

      await advanceVideoClock(VIDEO_CONTROL.deleteStreamMs);
      await expectVideoFailure("/describeStream", { StreamName: info.StreamName }, 404, "ResourceNotFoundException", NOT_FOUND);
      expect(await runVideoRegistryAlarm()).toBe(true);
      expect(lifecycle.destroyed).toContain(streamObjectId(id));
    } finally {
      lifecycle.restore();
    }
  });

  it("destroys the media of a stream object that could not be reached on a later alarm", async () => {
    const info = await createActiveVideoStream();
    const object = streamObjectId(await streamId(info.StreamName));
    await videoOk("/deleteStream", { StreamARN: info.StreamARN });
    await advanceVideoClock(VIDEO_CONTROL.deleteStreamMs);
    const failing = vi.spyOn(VideoStream.prototype, "destroy").mockRejectedValue(new Error("unreachable"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      await runVideoRegistryAlarm();
    } finally {
      failing.mockRestore();
      errors.mockRestore();
    }
    await expectVideoFailure("/describeStream", { StreamName: info.StreamName }, 404, "ResourceNotFoundException", NOT_FOUND);
    const lifecycle = recordLifecycle();
    try {
      await advanceVideoClock(VIDEO_CONTROL.retryMs);
      expect(await runVideoRegistryAlarm()).toBe(true);
      expect(lifecycle.destroyed).toContain(object);
    } finally {
      lifecycle.restore();
    }
  });

  it("re-creates a deleted name as a new, empty stream", async () => {
    const lifecycle = recordLifecycle();
    try {
      const first = await createActiveVideoStream();
      const name = first.StreamName;
      const firstId = await streamId(name);
      await videoOk("/deleteStream", { StreamARN: first.StreamARN });
      await advanceVideoClock(VIDEO_CONTROL.deleteStreamMs);
      // Before the alarm ran: CreateStream finishes the deletion first.
      const second = await createActiveVideoStream({}, name);
      expect(lifecycle.destroyed).toEqual([streamObjectId(firstId)]);
      expect(second.StreamARN).not.toBe(first.StreamARN);
      expect(await streamId(name)).not.toBe(firstId);
      await expectVideoFailure("/describeStream", { StreamARN: first.StreamARN }, 404, "ResourceNotFoundException", NOT_FOUND);
    } finally {
      lifecycle.restore();
    }
  });

  it("checks CurrentVersion, the stream's status, and the ARN", async () => {
    const info = await createActiveVideoStream();
    await expectVideoFailure(
      "/deleteStream",
      { StreamARN: info.StreamARN, CurrentVersion: "stale" },
      400,
      "VersionMismatchException",
      `The version stale of stream ${info.StreamName} is not its latest version. To get the latest version, use the DescribeStream API.`,
    );
    const creating = uniqueName("video");
    const created = await videoOk<{ StreamARN: string }>("/createStream", { StreamName: creating });
    await expectVideoFailure(
      "/deleteStream",
      { StreamARN: created.StreamARN },
      400,
      "ResourceInUseException",
      `The stream ${creating} is CREATING; it can be changed only when it is ACTIVE.`,
    );
    await videoOk("/deleteStream", { StreamARN: info.StreamARN });
    await expectVideoFailure("/deleteStream", { StreamARN: info.StreamARN }, 400, "ResourceInUseException");
    await expectVideoValidation("/deleteStream", { StreamName: info.StreamName }, "Value null at 'streamARN' failed to satisfy constraint: Member must not be null");
  });
});
