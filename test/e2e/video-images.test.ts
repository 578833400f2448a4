/**
 * GetImages end to end: the test videos (a white square that rests until 1 s, moves right until 2 s, then
 * rests; test/fixtures/video) sent with `npm run put-media`, read back as images by the unmodified
 * @aws-sdk/client-kinesis-video-archived-media. Each image is decoded here (fast-png, jpeg-js) and the square
 * is looked for where the video puts it at that time, at the image's own scale.
 */
import { KinesisVideoClient } from "@aws-sdk/client-kinesis-video";
import { GetImagesCommand, KinesisVideoArchivedMediaClient, ListFragmentsCommand, paginateGetImages, type GetImagesCommandInput, type Image } from "@aws-sdk/client-kinesis-video-archived-media";
import { decode as decodePng } from "fast-png";
import jpeg from "jpeg-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANY_CREDENTIALS, REGION, removeDir, startServer, tempDir, uniqueName, type TestServer } from "./helpers";
import { createActiveVideoStream, dataEndpoint, firstClusterTimecode, putMediaFile } from "./video-producer";

/** The scene (test/fixtures/video/make.sh): a white 48x48 square at y=96, x=40 until 1 s, 180 px/s until 2 s, then x=220. */
const SQUARE = { size: 48, top: 96 } as const;

function squareLeft(sceneMs: number): number {
  return 40 + Math.min(1, Math.max(0, sceneMs / 1000 - 1)) * 180;
}

interface Pixels {
  width: number;
  height: number;
  channels: number;
  data: ArrayLike<number>;
}

/** The bounding box of the white pixels (the square; the background is grey 128). */
function whiteBox(image: Pixels): { left: number; right: number; top: number; bottom: number } | undefined {
  let box: { left: number; right: number; top: number; bottom: number } | undefined;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const at = (y * image.width + x) * image.channels;
      if ([0, 1, 2].some((channel) => (image.data[at + channel] ?? 0) < 200)) continue;
      box = box === undefined ? { left: x, right: x, top: y, bottom: y } : { left: Math.min(box.left, x), right: Math.max(box.right, x), top: Math.min(box.top, y), bottom: Math.max(box.bottom, y) };
    }
  }
  return box;
}

function decoded(image: Image, format: "PNG" | "JPEG"): Pixels {
  expect(image.Error).toBeUndefined();
  const bytes = Buffer.from(image.ImageContent ?? "", "base64");
  if (format === "PNG") {
    const png = decodePng(bytes);
    return { width: png.width, height: png.height, channels: png.channels, data: png.data };
  }
  const picture = jpeg.decode(bytes, { useTArray: true });
  return { width: picture.width, height: picture.height, channels: 4, data: picture.data };
}

/** The square is where the video has it at `sceneMs`, in an image scaled from 320x240 to its size. */
function expectSquareAt(image: Pixels, sceneMs: number): void {
  const sx = image.width / 320;
  const sy = image.height / 240;
  const box = whiteBox(image);
  const where = `scene time ${sceneMs} ms`;
  expect(box, where).toBeDefined();
  const slack = 3 * Math.max(1, sx);
  expect(Math.abs((box?.left ?? 0) - squareLeft(sceneMs) * sx), where).toBeLessThanOrEqual(slack);
  expect(Math.abs((box?.right ?? 0) + 1 - (squareLeft(sceneMs) + SQUARE.size) * sx), where).toBeLessThanOrEqual(slack);
  expect(Math.abs((box?.top ?? 0) - SQUARE.top * sy), where).toBeLessThanOrEqual(3 * Math.max(1, sy));
  expect(Math.abs((box?.bottom ?? 0) + 1 - (SQUARE.top + SQUARE.size) * sy), where).toBeLessThanOrEqual(3 * Math.max(1, sy));
}

let dir: string | undefined;
let server: TestServer | undefined;
let control: KinesisVideoClient;
let archive: KinesisVideoArchivedMediaClient;

const FIXTURES = { baseline: "baseline.mkv", high: "high-bframes.mkv" } as const;
const streams: Record<keyof typeof FIXTURES, { name: string; zeroMs: number }> = {
  baseline: { name: uniqueName("e2e-images-baseline"), zeroMs: 0 },
  high: { name: uniqueName("e2e-images-high"), zeroMs: 0 },
};

beforeAll(async () => {
  dir = tempDir("video-images");
  server = await startServer({ persistDir: dir });
  control = new KinesisVideoClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  for (const [key, file] of Object.entries(FIXTURES) as [keyof typeof FIXTURES, string][]) {
    const stream = streams[key];
    await createActiveVideoStream(control, stream.name);
    const acks = await putMediaFile(server.url, stream.name, file);
    expect(acks.filter((ack) => ack.EventType === "PERSISTED")).toHaveLength(3);
    // The scene's time zero on the producer's timeline: the first fragment was moved to the first ack's time.
    stream.zeroMs = (acks[0]?.FragmentTimecode ?? 0) - firstClusterTimecode(file);
  }
  archive = new KinesisVideoArchivedMediaClient({ endpoint: await dataEndpoint(control, streams.baseline.name, "GET_IMAGES"), region: REGION, credentials: ANY_CREDENTIALS });
});

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

const at = (key: keyof typeof FIXTURES, sceneMs: number) => new Date(streams[key].zeroMs + sceneMs);

describe("GetImages shows the square where the video has it", () => {
  for (const key of ["baseline", "high"] as const) {
    it(`${key}: PNG every 200 ms from 0.2 s to 2.8 s, in pages of 5, the square resting, moving, resting`, async () => {
      const input: GetImagesCommandInput = {
        StreamName: streams[key].name,
        ImageSelectorType: "PRODUCER_TIMESTAMP",
        StartTimestamp: at(key, 200),
        EndTimestamp: at(key, 2800),
        SamplingInterval: 200,
        Format: "PNG",
        MaxResults: 5,
      };
      const pages: Image[][] = [];
      for await (const page of paginateGetImages({ client: archive }, input)) pages.push(page.Images ?? []);
      // 14 sampled times (0.2 s to 2.8 s inclusive), 5 a page.
      expect(pages.map((page) => page.length)).toEqual([5, 5, 4]);
      const images = pages.flat();
      expect(images.map((image) => image.TimeStamp?.getTime())).toEqual(Array.from({ length: 14 }, (_, index) => at(key, 200 + index * 200).getTime()));
      const lefts: number[] = [];
      for (const image of images) {
        const sceneMs = (image.TimeStamp?.getTime() ?? 0) - streams[key].zeroMs;
        const pixels = decoded(image, "PNG");
        expect([pixels.width, pixels.height]).toEqual([320, 240]);
        expectSquareAt(pixels, sceneMs);
        lefts.push(whiteBox(pixels)?.left ?? -1);
      }
      // Still before 1 s and from 2 s on; moving in between.
      expect(new Set(lefts.slice(0, 4)).size).toBe(1);
      expect(new Set(lefts.slice(9)).size).toBe(1);
      for (let index = 4; index < 9; index++) expect(lefts[index + 1] ?? 0).toBeGreaterThan(lefts[index] ?? 0);
    });
  }

  it("JPEG at a height alone keeps the aspect ratio; both sizes stretch", async () => {
    const base = { StreamName: streams.high.name, ImageSelectorType: "PRODUCER_TIMESTAMP", StartTimestamp: at("high", 1600), EndTimestamp: at("high", 1600), Format: "JPEG" } as const;
    const half = await archive.send(new GetImagesCommand({ ...base, HeightPixels: 120 }));
    const small = decoded(half.Images?.[0] ?? {}, "JPEG");
    expect([small.width, small.height]).toEqual([160, 120]);
    expectSquareAt(small, 1600);
    const wide = await archive.send(new GetImagesCommand({ ...base, WidthPixels: 640, HeightPixels: 240 }));
    const stretched = decoded(wide.Images?.[0] ?? {}, "JPEG");
    expect([stretched.width, stretched.height]).toEqual([640, 240]);
    expectSquareAt(stretched, 1600);
  });

  it("JPEGQuality trades size for fidelity", async () => {
    const base = { StreamName: streams.baseline.name, ImageSelectorType: "PRODUCER_TIMESTAMP", StartTimestamp: at("baseline", 1400), EndTimestamp: at("baseline", 1400), Format: "JPEG" } as const;
    const low = await archive.send(new GetImagesCommand({ ...base, FormatConfig: { JPEGQuality: "5" } }));
    const high = await archive.send(new GetImagesCommand({ ...base, FormatConfig: { JPEGQuality: "100" } }));
    const [rough, fine] = [low, high].map((answer) => decoded(answer.Images?.[0] ?? {}, "JPEG"));
    expectSquareAt(fine ?? { width: 0, height: 0, channels: 0, data: [] }, 1400);
    // Compression artefacts: pixels that are neither the grey background nor the white square.
    const artefacts = (image: Pixels | undefined) => {
      let count = 0;
      for (let at = 0; at < (image?.data.length ?? 0); at += image?.channels ?? 4) {
        const value = image?.data[at] ?? 0;
        if (Math.abs(value - 128) > 12 && Math.abs(value - 255) > 12) count++;
      }
      return count;
    };
    expect(artefacts(rough)).toBeGreaterThan(2 * artefacts(fine));
  });

  it("SERVER_TIMESTAMP: times on the server's timeline, from each fragment's arrival", async () => {
    const { Fragments = [] } = await archive.send(new ListFragmentsCommand({ StreamName: streams.high.name }));
    const [first, , last] = [...Fragments].sort((a, b) => (a.ProducerTimestamp?.getTime() ?? 0) - (b.ProducerTimestamp?.getTime() ?? 0));
    const lastArrival = last?.ServerTimestamp?.getTime() ?? 0;
    const firstArrival = first?.ServerTimestamp?.getTime() ?? 0;
    const answer = await archive.send(
      new GetImagesCommand({ StreamName: streams.high.name, ImageSelectorType: "SERVER_TIMESTAMP", StartTimestamp: new Date(firstArrival - 1000), EndTimestamp: new Date(lastArrival + 600), SamplingInterval: lastArrival + 1600 - firstArrival, Format: "PNG" }),
    );
    // A second before the first fragment arrived there was nothing; 600 ms into the last one (scene time 2.6 s) the square rests at the right.
    expect(answer.Images?.map((image) => image.Error ?? "image")).toEqual(["NO_MEDIA", "image"]);
    expectSquareAt(decoded(answer.Images?.[1] ?? {}, "PNG"), 2600);
  });
});

describe("times without media", () => {
  it("NO_MEDIA before the recording and after it, images where it was", async () => {
    const answer = await archive.send(
      new GetImagesCommand({ StreamName: streams.baseline.name, ImageSelectorType: "PRODUCER_TIMESTAMP", StartTimestamp: at("baseline", -2000), EndTimestamp: at("baseline", 5000), SamplingInterval: 1000, Format: "PNG" }),
    );
    const images = answer.Images ?? [];
    expect(images.map((image) => image.Error ?? "image")).toEqual(["NO_MEDIA", "NO_MEDIA", "image", "image", "image", "NO_MEDIA", "NO_MEDIA", "NO_MEDIA"]);
    for (const image of images.filter((each) => each.Error !== undefined)) expect(image.ImageContent).toBeUndefined();
    expect(answer.NextToken).toBeUndefined();
  });
});

describe("AWS's errors", () => {
  const base = { ImageSelectorType: "PRODUCER_TIMESTAMP", StartTimestamp: new Date(1_700_000_000_000), EndTimestamp: new Date(1_700_000_010_000), Format: "PNG" } as const;
  const failure = async (input: Partial<GetImagesCommandInput>) => {
    const error = await archive.send(new GetImagesCommand({ StreamName: streams.baseline.name, ...base, ...input })).then(
      () => undefined,
      (caught: unknown) => caught as { name: string; $metadata: { httpStatusCode?: number } },
    );
    return [error?.name, error?.$metadata.httpStatusCode];
  };

  it("refuses a range over 300 s, a SamplingInterval under 200 ms, WidthPixels alone, a JPEGQuality out of 1..100", async () => {
    expect(await failure({ EndTimestamp: new Date(1_700_000_300_001) })).toEqual(["InvalidArgumentException", 400]);
    expect(await failure({ SamplingInterval: 199 })).toEqual(["InvalidArgumentException", 400]);
    expect(await failure({ WidthPixels: 100 })).toEqual(["ValidationException", 400]);
    expect(await failure({ Format: "JPEG", FormatConfig: { JPEGQuality: "101" } })).toEqual(["InvalidArgumentException", 400]);
    expect(await failure({ EndTimestamp: new Date(1_699_999_999_000) })).toEqual(["InvalidArgumentException", 400]);
  });

  it("answers ResourceNotFoundException for a stream that does not exist", async () => {
    expect(await failure({ StreamName: uniqueName("absent") })).toEqual(["ResourceNotFoundException", 404]);
  });
});
