import { describe, expect, it } from "vitest";
import { picturesAt } from "../../../src/video/images/pictures";
import { sampleTimes } from "../../../src/video/images/sampling";
import { fragmentSampleTimes } from "../../../src/video/images/generation";
import { generatedSize } from "../../../src/video/images/options";
import { fragmentRequests } from "../../../src/video/events/tags";
import { baseline, highBframesAac } from "./fixtures";
import { videoOf } from "./decoder/scene";

describe("the pictures of a fragment at sampled times", () => {
  const { track, fragments } = videoOf(baseline.bytes);
  const second = fragments[1];
  if (second === undefined) throw new Error("fixture has fewer than two fragments");
  // The fragment starts at scene time 1 s; put it at 50,000 ms on some timeline.
  const startMs = 50_000;

  it("each time gets the frame on screen then; one picture serves every time it is shown", () => {
    const pictures = picturesAt(second, [track], startMs, [50_000, 50_050, 50_067, 50_999]);
    const timecodes = [...pictures.values()].map((picture) => (typeof picture === "string" ? picture : picture.timecode));
    // 15 fps: frames at 1000, 1067, ..., 1933 ms; 50 ms in still shows the first.
    expect(timecodes).toEqual([1000, 1000, 1067, 1933]);
    expect(pictures.get(50_000)).toBe(pictures.get(50_050));
  });

  it("NO_MEDIA before the fragment's first picture", () => {
    expect(picturesAt(second, [track], startMs, [49_990]).get(49_990)).toBe("NO_MEDIA");
  });

  it("MEDIA_ERROR for H.265 and for a fragment without video", () => {
    const hevc = { ...track, codecId: "V_MPEGH/ISO/HEVC" };
    expect(picturesAt(second, [hevc], startMs, [50_500]).get(50_500)).toBe("MEDIA_ERROR");
    const audio = videoOf(highBframesAac.bytes);
    const audioOnly = audio.fragments[0];
    if (audioOnly === undefined) throw new Error("no fragment");
    const tracks = [{ number: 2, type: 2, codecId: "A_AAC" }];
    expect(picturesAt(audioOnly, tracks, 0, [100]).get(100)).toBe("MEDIA_ERROR");
  });
});

describe("sampled times", () => {
  it("start, then every interval up to the end inclusive; a range shorter than the interval gives its start", () => {
    expect(sampleTimes(1000, 2000, 500)).toEqual([1000, 1500, 2000]);
    expect(sampleTimes(1000, 1300, 500)).toEqual([1000]);
  });
});

describe("image generation's sampling and sizes", () => {
  it("samples a fragment from its start every interval while it lasts, at least once", () => {
    expect(fragmentSampleTimes(10_000, 1000, 300)).toEqual([10_000, 10_300, 10_600, 10_900]);
    expect(fragmentSampleTimes(10_000, 1000, 5000)).toEqual([10_000]);
  });

  it("keeps the aspect ratio when only one of WidthPixels and HeightPixels is given", () => {
    const source = { width: 1280, height: 720 };
    expect(generatedSize(source, 640, undefined)).toEqual({ width: 640, height: 360 });
    expect(generatedSize(source, undefined, 180)).toEqual({ width: 320, height: 180 });
    expect(generatedSize(source, 100, 100)).toEqual({ width: 100, height: 100 });
    expect(generatedSize(source, undefined, undefined)).toEqual(source);
  });
});

describe("the producer's fragment tags", () => {
  it("ask for images and notifications, name an image prefix, and carry the producer's own keys", () => {
    const requests = fragmentRequests([
      { name: "AWS_KINESISVIDEO_IMAGE_GENERATION", value: "" },
      { name: "AWS_KINESISVIDEO_IMAGE_PREFIX", value: "porch" },
      { name: "AWS_KINESISVIDEO_NOTIFICATION", value: "", children: [{ name: "room", value: "hall" }] },
      { name: "AWS_KINESISVIDEO_SOMETHING_ELSE", value: "x" },
    ]);
    expect(requests).toEqual({ images: true, imagePrefix: "porch", notification: true, custom: { room: "hall" } });
    expect(fragmentRequests([{ name: "room", value: "hall" }])).toEqual({ images: false, imagePrefix: undefined, notification: false, custom: { room: "hall" } });
  });
});
