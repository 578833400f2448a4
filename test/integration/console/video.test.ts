/**
 * The console's Video pages and its Video API, through the Worker as `npm start` serves it (open
 * console: RIVULET_LOCAL=1, no keys): the list and a stream's page show what DescribeStream answers;
 * the console's calls are the REST-JSON operations themselves (CreateStream, DeleteStream,
 * ListFragments, GetHLSStreamingSessionURL, GetClip, GetImages, and Rivulet's movement alerts'
 * configuration), their errors answered as the console answers every service's; PutMedia is not
 * served; hls.js is served with the console's other browser files. A stream's page shows its movement
 * alerts' configuration and the events read back from their Kinesis data stream.
 */
import { exports as workersExports } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { baseline } from "../../unit/video/fixtures";
import { fileSamples, initTracks, readBoxes } from "../../unit/video/mp4-parse";
import { producerBody, putMedia } from "../video/data-helpers";
import { ACCOUNT, createActiveStream, REGION } from "../client";
import { VIDEO_CONTROL } from "../../../src/limits";
import { advanceVideoClock, createActiveVideoStream, describeVideoStream, NOT_FOUND, uniqueName, useVideoClock } from "../video/helpers";

const worker = (workersExports as unknown as { default: Fetcher }).default;
const ORIGIN = "https://rivulet.example";
const START = Date.UTC(2026, 0, 15, 12, 0, 0);
const RANGE = { StartTimestamp: START / 1000, EndTimestamp: START / 1000 + 60 };

beforeEach(useVideoClock);

async function get(path: string): Promise<{ status: number; text: string; headers: Headers }> {
  const response = await worker.fetch(`${ORIGIN}${path}`, { redirect: "manual" });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** What the page's scripts send: AWS JSON to /console/api/<service>/<Operation>, from the console's own origin. */
async function consoleCall(service: string, operation: string, input: unknown, origin = ORIGIN): Promise<Response> {
  return worker.fetch(`${ORIGIN}/console/api/${service}/${operation}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin },
    body: JSON.stringify(input),
  });
}

async function consoleJson<T>(service: string, operation: string, input: unknown): Promise<T> {
  const response = await consoleCall(service, operation, input);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json<T>();
}

/** The scene of the test videos: a white square at x=40 until 1 s, 180 px/s until 2 s, then at x=220 (test/fixtures/video). */
function squareLeft(sceneMs: number): number {
  return 40 + Math.min(1, Math.max(0, sceneMs / 1000 - 1)) * 180;
}

/** Where the square is in the picture on screen at `sceneMs` (15 frames a second). */
function squareShownAt(sceneMs: number): number {
  return squareLeft((Math.floor((sceneMs * 15) / 1000) * 1000) / 15);
}

/** The movement events a page lists: each one's fragment and producer time. */
function listedMovements(html: string): { fragment: string; producerMs: number }[] {
  return [...html.matchAll(/data-testid="movement-event" data-fragment-number="(\d+)" data-producer-ms="(\d+)"/g)].map((match) => ({
    fragment: match[1] ?? "",
    producerMs: Number(match[2]),
  }));
}

async function streamWithVideo(extra: Record<string, unknown> = {}) {
  const stream = await createActiveVideoStream({ DataRetentionInHours: 24, MediaType: "video/h264", ...extra });
  const acks = await putMedia(stream.StreamName, producerBody(baseline, START).whole);
  return { stream, persisted: acks.filter((ack) => ack.EventType === "PERSISTED").map((ack) => ack.FragmentNumber) };
}

describe("Video pages", () => {
  it("list streams with their status, media type and retention", async () => {
    const stream = await createActiveVideoStream({ DataRetentionInHours: 48, MediaType: "video/h265" });
    const page = await get("/console/video");
    expect(page.status).toBe(200);
    const row = new RegExp(`<tr data-testid="video-stream-row-${stream.StreamName}">[\\s\\S]*?</tr>`).exec(page.text)?.[0] ?? "";
    expect(row).toContain('data-testid="video-stream-status">ACTIVE<');
    expect(row).toContain('data-testid="video-stream-media-type">video/h265<');
    expect(row).toContain('data-testid="video-stream-retention">48 h<');
    expect(row).toContain(`value="${stream.StreamARN}"`);
    const table = await get("/console/video?part=table");
    expect(table.text.startsWith('<div class="table-wrap" data-testid="video-streams-table"')).toBe(true);
  });

  it("show a stream's page with its player, timeline and clip, or say that it keeps nothing to play", async () => {
    const kept = await createActiveVideoStream({ DataRetentionInHours: 2 });
    const page = await get(`/console/video/${kept.StreamName}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`data-video-stream="${kept.StreamName}" data-retains="true"`);
    expect(page.text).toContain('data-testid="fragment-timeline"');
    expect(page.text).toContain('data-testid="clip-form"');
    expect(page.text).toContain('data-testid="frames-strip"');
    expect(page.text).toContain('data-testid="no-motion-detection"');
    // hls.js feeds the <video> through Media Source Extensions: blob: media must be allowed.
    expect(page.headers.get("content-security-policy")).toContain("media-src 'self' blob:");

    const none = await createActiveVideoStream();
    const empty = await get(`/console/video/${none.StreamName}`);
    expect(empty.text).toContain('data-retains="false"');
    expect(empty.text).not.toContain('data-testid="fragment-timeline"');

    // Settings refresh while the stream is not ACTIVE yet, as just after the form created it.
    const creating = uniqueName("creating");
    await consoleJson("kinesisvideo", "CreateStream", { StreamName: creating, DataRetentionInHours: 1 });
    const facts = await get(`/console/video/${creating}?part=facts`);
    expect(facts.text.startsWith(`<dl class="facts" data-testid="video-stream-facts" data-refresh="/console/video/${creating}?part=facts"`)).toBe(true);
    expect(facts.text).toContain('data-testid="video-stream-status">CREATING<');
    await advanceVideoClock(VIDEO_CONTROL.createStreamMs);
    const active = await get(`/console/video/${creating}?part=facts`);
    expect(active.text).toContain('data-testid="video-stream-status">ACTIVE<');
    expect(active.text).not.toContain("data-refresh=");

    const missing = await get(`/console/video/${uniqueName("missing")}`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain(NOT_FOUND);
  });

  it("serve hls.js as npm installed it, with the console's other browser files", async () => {
    const hls = await worker.fetch(`${ORIGIN}/console/static/hls.mjs`);
    expect(hls.status).toBe(200);
    expect(hls.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const source = await hls.text();
    expect(source).toContain("isSupported");
    expect(source).toMatch(/export\s*\{[^}]*as default/);
    expect((await worker.fetch(`${ORIGIN}/console/static/video.js`)).status).toBe(200);
  });
});

describe("Video through the console API", () => {
  it("creates and deletes a stream with the control plane's own operations", async () => {
    const name = uniqueName("console-video");
    const created = await consoleJson<{ StreamARN: string }>("kinesisvideo", "CreateStream", { StreamName: name, DataRetentionInHours: 6, MediaType: "video/h264" });
    await advanceVideoClock(VIDEO_CONTROL.createStreamMs);
    const info = await describeVideoStream(name);
    expect(info.StreamARN).toBe(created.StreamARN);
    expect(info.Status).toBe("ACTIVE");
    expect(info.DataRetentionInHours).toBe(6);
    const again = await consoleCall("kinesisvideo", "CreateStream", { StreamName: name });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ __type: "ResourceInUseException", message: expect.any(String) });
    await consoleJson("kinesisvideo", "DeleteStream", { StreamARN: created.StreamARN });
    expect((await describeVideoStream(name)).Status).toBe("DELETING");
  });

  it("answers errors as the console answers every service's: AWS's type and message, AWS's status", async () => {
    const missing = await consoleCall("kinesisvideo", "DescribeStream", { StreamName: uniqueName("missing") });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ __type: "ResourceNotFoundException", message: NOT_FOUND });
    const invalid = await consoleCall("kinesisvideo", "CreateStream", { StreamName: uniqueName("bad"), DataRetentionInHours: -1 });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { __type: string }).__type).toBe("ValidationException");
    // PutMedia streams its input: not run by the console. Unknown operations neither.
    for (const [service, operation] of [["kinesisvideo", "PutMedia"], ["kinesis-video-archived-media", "Nope"]] as const) {
      const answer = await consoleCall(service, operation, {});
      expect(answer.status).toBe(404);
      expect(((await answer.json()) as { __type: string }).__type).toBe("UnknownOperationException");
    }
    // Changes from another site are refused before anything runs.
    const name = uniqueName("cross-site");
    const crossSite = await consoleCall("kinesisvideo", "CreateStream", { StreamName: name }, "https://elsewhere.example");
    expect(crossSite.status).toBe(403);
    expect((await consoleCall("kinesisvideo", "DescribeStream", { StreamName: name })).status).toBe(404);
  });

  it("lists fragments, opens an HLS session on the console's origin, and answers GetClip's MP4", async () => {
    const { stream, persisted } = await streamWithVideo();
    expect(persisted).toHaveLength(3);
    const selector = { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: RANGE };
    const listed = await consoleJson<{ Fragments: { FragmentNumber: string; ProducerTimestamp: number }[] }>("kinesis-video-archived-media", "ListFragments", {
      StreamName: stream.StreamName,
      FragmentSelector: selector,
    });
    expect(listed.Fragments.map((fragment) => fragment.FragmentNumber)).toEqual(persisted);
    expect(listed.Fragments[0]?.ProducerTimestamp).toBe(START / 1000);

    const session = await consoleJson<{ HLSStreamingSessionURL: string }>("kinesis-video-archived-media", "GetHLSStreamingSessionURL", {
      StreamName: stream.StreamName,
      PlaybackMode: "ON_DEMAND",
      HLSFragmentSelector: selector,
    });
    expect(session.HLSStreamingSessionURL.startsWith(`${ORIGIN}/hls/v1/getHLSMasterPlaylist.m3u8?SessionToken=`)).toBe(true);
    const master = await worker.fetch(session.HLSStreamingSessionURL);
    expect(master.status).toBe(200);
    expect(await master.text()).toContain("#EXTM3U");

    const clip = await consoleCall("kinesis-video-archived-media", "GetClip", { StreamName: stream.StreamName, ClipFragmentSelector: selector });
    expect(clip.status).toBe(200);
    expect(clip.headers.get("content-type")).toBe("video/mp4");
    const bytes = new Uint8Array(await clip.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe("ftyp");
    const [track] = initTracks(readBoxes(bytes));
    expect({ width: track?.width, height: track?.height }).toEqual({ width: baseline.tracks[0]?.width, height: baseline.tracks[0]?.height });
    expect(fileSamples(bytes).samples).toHaveLength(baseline.frames.length);
  });

  it("answers GetImages as small JPEGs where media were recorded and NO_MEDIA where none were", async () => {
    const { stream } = await streamWithVideo();
    const answer = await consoleJson<{ Images: { TimeStamp: number; ImageContent?: string; Error?: string }[] }>("kinesis-video-archived-media", "GetImages", {
      StreamName: stream.StreamName,
      ImageSelectorType: "PRODUCER_TIMESTAMP",
      StartTimestamp: START / 1000,
      EndTimestamp: START / 1000 + 4,
      SamplingInterval: 500,
      Format: "JPEG",
      FormatConfig: { JPEGQuality: "70" },
      HeightPixels: 90,
      MaxResults: 25,
    });
    // 0 to 4 s every 500 ms; the video lasts 3 s.
    expect(answer.Images.map((image) => image.TimeStamp)).toEqual(Array.from({ length: 9 }, (_, index) => START / 1000 + index / 2));
    expect(answer.Images.map((image) => image.Error ?? "image")).toEqual([...Array<string>(6).fill("image"), "NO_MEDIA", "NO_MEDIA", "NO_MEDIA"]);
    for (const image of answer.Images.slice(0, 6)) {
      const bytes = Uint8Array.fromBase64(image.ImageContent ?? "");
      expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      // The frame's height: a JPEG's SOF0 marker holds it (FFC0, length, precision, height).
      const sof = bytes.findIndex((byte, index) => byte === 0xff && bytes[index + 1] === 0xc0);
      expect(((bytes[sof + 5] ?? 0) << 8) | (bytes[sof + 6] ?? 0)).toBe(90);
    }
  });

  it("shows a stream's movement alerts and the events read back from their Kinesis data stream", async () => {
    const alerts = await createActiveStream(1, {}, uniqueName("console-alerts"));
    const stream = await createActiveVideoStream({ DataRetentionInHours: 24, MediaType: "video/h264" });
    const uri = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${alerts.name}`;
    const samplingMs = 500;
    await consoleJson("kinesisvideo", "UpdateMotionDetectionConfiguration", {
      StreamName: stream.StreamName,
      MotionDetectionConfiguration: { Status: "ENABLED", SamplingInterval: samplingMs, Sensitivity: 80, MinAreaPercent: 1, DestinationConfig: { Uri: uri } },
    });
    const quiet = await get(`/console/video/${stream.StreamName}`);
    expect(quiet.text).toContain(`data-testid="motion-destination">${uri}<`);
    expect(quiet.text).toContain('data-testid="motion-sampling">every 500 ms<');
    expect(quiet.text).toContain('data-testid="no-movements"');
    expect(quiet.text).toContain(`data-refresh="/console/video/${stream.StreamName}?part=movements"`);

    const acks = await putMedia(stream.StreamName, producerBody(baseline, START).whole);
    const persisted = acks.filter((ack) => ack.EventType === "PERSISTED").map((ack) => ack.FragmentNumber);
    // Samples every 500 ms of the 3 s video, each compared with the one before: movement where the square moved between them.
    const expected = Array.from({ length: 3000 / samplingMs }, (_, index) => index * samplingMs)
      .filter((ms) => ms > 0 && squareShownAt(ms) !== squareShownAt(ms - samplingMs))
      .map((ms) => ({ fragment: persisted[Math.floor(ms / 1000)] ?? "", producerMs: START + ms }))
      .reverse();
    expect(expected.length).toBeGreaterThan(0);

    // Records anyone else put in the stream that are not whole events are not listed (nor break the page).
    for (const forged of [{ EventType: "MOVEMENT", StreamName: stream.StreamName, ProducerTimestamp: START }, "not JSON"]) {
      const data = new TextEncoder().encode(typeof forged === "string" ? forged : JSON.stringify(forged)).toBase64();
      await consoleJson("kinesis", "PutRecord", { StreamName: alerts.name, PartitionKey: "forged", Data: data });
    }
    const part = await get(`/console/video/${stream.StreamName}?part=movements`);
    expect(part.status).toBe(200);
    expect(part.text.startsWith('<section class="card" data-testid="movements-card"')).toBe(true);
    expect(listedMovements(part.text)).toEqual(expected);

    // The events of another camera in the same Kinesis stream are not this stream's.
    const other = await createActiveVideoStream({ DataRetentionInHours: 24, MediaType: "video/h264" });
    await consoleJson("kinesisvideo", "UpdateMotionDetectionConfiguration", {
      StreamName: other.StreamName,
      MotionDetectionConfiguration: { Status: "ENABLED", SamplingInterval: samplingMs, DestinationConfig: { Uri: uri } },
    });
    await putMedia(other.StreamName, producerBody(baseline, START + 60_000).whole);
    expect(listedMovements((await get(`/console/video/${stream.StreamName}`)).text)).toEqual(expected);

    // A destination stream that is gone says so on the page, which still renders.
    await consoleJson("kinesis", "DeleteStream", { StreamName: alerts.name, EnforceConsumerDeletion: true });
    const gone = await get(`/console/video/${stream.StreamName}?part=movements`);
    expect(gone.status).toBe(200);
    expect(gone.text).toMatch(/data-testid="movement-error">ResourceNotFoundException: /);
  });
});
