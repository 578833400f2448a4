/**
 * UpdateStream, UpdateDataRetention and the stream storage configuration: changes at the version
 * the caller read, each giving the stream a new version, refused on a stream that is not ACTIVE;
 * retention within AWS's bounds, told to the stream object (again later when it cannot be reached).
 */
import { beforeEach, describe, expect, it, vi } from "vitest";
import { VIDEO_CONTROL } from "../../../src/limits";
import { VideoStream } from "../../../src/video/stream";
import {
  advanceVideoClock,
  createActiveVideoStream,
  describeVideoStream,
  expectVideoFailure,
  expectVideoValidation,
  NOT_FOUND,
  recordLifecycle,
  runVideoRegistryAlarm,
  streamId,
  streamObjectId,
  uniqueName,
  useVideoClock,
  videoOk,
} from "./helpers";

beforeEach(useVideoClock);

function mismatch(name: string, version: string): string {
  return `The version ${version} of stream ${name} is not its latest version. To get the latest version, use the DescribeStream API.`;
}

describe("UpdateStream", () => {
  it("changes the device name and media type, keeps what is not given, and gives a new version", async () => {
    const info = await createActiveVideoStream({ DeviceName: "cam-1", MediaType: "video/h264" });
    expect(await videoOk("/updateStream", { StreamName: info.StreamName, CurrentVersion: info.Version, MediaType: "video/h265" })).toEqual({});
    const updated = await describeVideoStream(info.StreamName);
    expect(updated).toEqual({ ...info, MediaType: "video/h265", Version: updated.Version });
    expect(updated.Version).not.toBe(info.Version);
    expect(updated.Version).toMatch(/^[a-zA-Z0-9]{20}$/);

    await videoOk("/updateStream", { StreamARN: info.StreamARN, CurrentVersion: updated.Version, DeviceName: "cam-2" });
    expect(await describeVideoStream(info.StreamName)).toMatchObject({ DeviceName: "cam-2", MediaType: "video/h265", Status: "ACTIVE" });
  });

  it("refuses a stale version, a stream that is not ACTIVE, and one that does not exist", async () => {
    const info = await createActiveVideoStream();
    await videoOk("/updateStream", { StreamName: info.StreamName, CurrentVersion: info.Version, DeviceName: "cam" });
    await expectVideoFailure(
      "/updateStream",
      { StreamName: info.StreamName, CurrentVersion: info.Version, DeviceName: "again" },
      400,
      "VersionMismatchException",
      mismatch(info.StreamName, info.Version),
    );
    const creating = uniqueName("video");
    await videoOk("/createStream", { StreamName: creating });
    const version = (await describeVideoStream(creating)).Version;
    await expectVideoFailure(
      "/updateStream",
      { StreamName: creating, CurrentVersion: version },
      400,
      "ResourceInUseException",
      `The stream ${creating} is CREATING; it can be changed only when it is ACTIVE.`,
    );
    await expectVideoFailure("/updateStream", { StreamName: uniqueName("missing"), CurrentVersion: "v1" }, 404, "ResourceNotFoundException", NOT_FOUND);
    await expectVideoValidation(
      "/updateStream",
      { StreamName: info.StreamName, CurrentVersion: "not-alphanumeric" },
      "Value 'not-alphanumeric' at 'currentVersion' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9]+",
    );
  });
});

describe("UpdateDataRetention", () => {
  it("increases and decreases retention, telling the stream object each time", async () => {
    const lifecycle = recordLifecycle();
    try {
      const info = await createActiveVideoStream({ DataRetentionInHours: 2 });
      const object = streamObjectId(await streamId(info.StreamName));
      await videoOk("/updateDataRetention", {
        StreamName: info.StreamName,
        CurrentVersion: info.Version,
        Operation: "INCREASE_DATA_RETENTION",
        DataRetentionChangeInHours: 22,
      });
      const increased = await describeVideoStream(info.StreamName);
      expect(increased.DataRetentionInHours).toBe(24);
      expect(increased.Version).not.toBe(info.Version);
      await videoOk("/updateDataRetention", {
        StreamARN: info.StreamARN,
        CurrentVersion: increased.Version,
        Operation: "DECREASE_DATA_RETENTION",
        DataRetentionChangeInHours: 24,
      });
      expect((await describeVideoStream(info.StreamName)).DataRetentionInHours).toBe(0);
      expect(lifecycle.retention.filter(([id]) => id === object).map(([, hours]) => hours)).toEqual([24, 0]);
    } finally {
      lifecycle.restore();
    }
  });

  it("keeps retention from 0 to 87,600 hours", async () => {
    const info = await createActiveVideoStream({ DataRetentionInHours: 1 });
    await expectVideoFailure(
      "/updateDataRetention",
      { StreamName: info.StreamName, CurrentVersion: info.Version, Operation: "DECREASE_DATA_RETENTION", DataRetentionChangeInHours: 2 },
      400,
      "InvalidArgumentException",
      `The data retention of stream ${info.StreamName} would become -1 hours; it must be from 0 to ${VIDEO_CONTROL.maxRetentionHours}.`,
    );
    await expectVideoFailure(
      "/updateDataRetention",
      {
        StreamName: info.StreamName,
        CurrentVersion: info.Version,
        Operation: "INCREASE_DATA_RETENTION",
        DataRetentionChangeInHours: VIDEO_CONTROL.maxRetentionHours,
      },
      400,
      "InvalidArgumentException",
      `The data retention of stream ${info.StreamName} would become ${VIDEO_CONTROL.maxRetentionHours + 1} hours; it must be from 0 to ${VIDEO_CONTROL.maxRetentionHours}.`,
    );
    expect(await describeVideoStream(info.StreamName)).toEqual(info);
  });

  it("refuses a stale version", async () => {
    const info = await createActiveVideoStream();
    await expectVideoFailure(
      "/updateDataRetention",
      { StreamName: info.StreamName, CurrentVersion: "stale1", Operation: "INCREASE_DATA_RETENTION", DataRetentionChangeInHours: 1 },
      400,
      "VersionMismatchException",
      mismatch(info.StreamName, "stale1"),
    );
  });

  it("tells a stream object that could not be reached again on the registry's alarm", async () => {
    const info = await createActiveVideoStream();
    const object = streamObjectId(await streamId(info.StreamName));
    const failing = vi.spyOn(VideoStream.prototype, "retentionChanged").mockRejectedValue(new Error("unreachable"));
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      // The registry is the source of truth: the change is answered and kept.
      await videoOk("/updateDataRetention", {
        StreamName: info.StreamName,
        CurrentVersion: info.Version,
        Operation: "INCREASE_DATA_RETENTION",
        DataRetentionChangeInHours: 5,
      });
      expect((await describeVideoStream(info.StreamName)).DataRetentionInHours).toBe(5);
    } finally {
      failing.mockRestore();
      errors.mockRestore();
    }
    const lifecycle = recordLifecycle();
    try {
      await advanceVideoClock(VIDEO_CONTROL.retryMs);
      expect(await runVideoRegistryAlarm()).toBe(true);
      expect(lifecycle.retention).toContainEqual([object, 5]);
      // Told once: the next alarm has nothing more to tell it.
      lifecycle.retention.length = 0;
      await runVideoRegistryAlarm();
      expect(lifecycle.retention.filter(([id]) => id === object)).toEqual([]);
    } finally {
      lifecycle.restore();
    }
  });
});

describe("stream storage configuration", () => {
  it("answers HOT by default and changes the tier at the current version", async () => {
    const info = await createActiveVideoStream();
    expect(await videoOk("/describeStreamStorageConfiguration", { StreamARN: info.StreamARN })).toEqual({
      StreamName: info.StreamName,
      StreamARN: info.StreamARN,
      StreamStorageConfiguration: { DefaultStorageTier: "HOT" },
    });
    await videoOk("/updateStreamStorageConfiguration", {
      StreamName: info.StreamName,
      CurrentVersion: info.Version,
      StreamStorageConfiguration: { DefaultStorageTier: "WARM" },
    });
    expect(await videoOk("/describeStreamStorageConfiguration", { StreamName: info.StreamName })).toMatchObject({
      StreamStorageConfiguration: { DefaultStorageTier: "WARM" },
    });
    await expectVideoFailure(
      "/updateStreamStorageConfiguration",
      { StreamName: info.StreamName, CurrentVersion: info.Version, StreamStorageConfiguration: { DefaultStorageTier: "HOT" } },
      400,
      "VersionMismatchException",
      mismatch(info.StreamName, info.Version),
    );
    await expectVideoValidation(
      "/updateStreamStorageConfiguration",
      { StreamName: info.StreamName, CurrentVersion: info.Version, StreamStorageConfiguration: { DefaultStorageTier: "COLD" } },
      "Value 'COLD' at 'streamStorageConfiguration.defaultStorageTier' failed to satisfy constraint: Member must satisfy enum value set: [WARM, HOT]",
    );
  });
});
