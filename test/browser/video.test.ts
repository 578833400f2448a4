/**
 * The console's Video pages in a real browser (Debian's Chromium, which decodes H.264 and has Media
 * Source Extensions) against the real local server (`npm start`, no keys: the open console). A stream
 * is created from the console's form; `npm run put-media` sends a test video to it in real time, as a
 * camera would, and the stream's page plays it LIVE, lists its fragments on the timeline, plays ON_DEMAND
 * from a fragment clicked there, shows a strip of images of chosen fragments (GetImages, decoded by the
 * browser) and the movement events its motion detection wrote to a Kinesis data stream, and downloads a
 * clip (GetClip) as an MP4. Then the stream is deleted from the list. Screenshots land in
 * artifacts/screenshots/.
 *
 * The tests follow one user through one session, so they run in order and share the stream.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileSamples, initTracks, readBoxes } from "../unit/video/mp4-parse";
import { ACCOUNT, ANY_CREDENTIALS, createActiveStream, kinesisClient, REGION, removeDir, signedVideoPost, startServer, tempDir, uniqueName, type TestServer } from "../e2e/helpers";
import { launchChromium, screenshot, type TestBrowser } from "./browser";

const ROOT = join(import.meta.dirname, "../..");
const FIXTURE = join(ROOT, "test/fixtures/video/baseline.mkv");
/** Passes over the 3 s fixture that put-media sends, in real time. */
const LOOPS = 4;
/** Playback starts within seconds; CI machines are slow and shared. */
const PAGE_WAIT = { timeout: 60_000, interval: 250 };

/** What ffprobe says of the fixture: its frame size, frames and key frames (one per fragment). */
const probe = JSON.parse(readFileSync(join(ROOT, "test/fixtures/video/baseline.ffprobe.json"), "utf8")) as {
  streams: { width: number; height: number }[];
  packets: { flags: string; pts: number }[];
};
const WIDTH = probe.streams[0]?.width ?? 0;
const HEIGHT = probe.streams[0]?.height ?? 0;
const FRAGMENTS_PER_PASS = probe.packets.filter((packet) => packet.flags.startsWith("K")).length;
const FRAMES_PER_FRAGMENT = probe.packets.length / FRAGMENTS_PER_PASS;
/** A fragment's length: from one key frame to the next (ffprobe's times are in milliseconds). */
const [KEY_0 = 0, KEY_1 = 0] = probe.packets.filter((packet) => packet.flags.startsWith("K")).map((packet) => packet.pts);
const FRAGMENT_SECONDS = (KEY_1 - KEY_0) / 1000;

interface Ack {
  EventType: string;
  FragmentNumber?: string;
  /** The fragment's producer timestamp, in ms (put-media sends ABSOLUTE timecodes). */
  FragmentTimecode?: number;
}

/** Movement alerts' sampling: five pictures a second. */
const SAMPLING_MS = 200;

/** The fixture's scene: a white square at x=40 until 1 s, 180 px/s until 2 s, then at x=220 (test/fixtures/video). */
function squareLeft(sceneMs: number): number {
  return 40 + Math.min(1, Math.max(0, sceneMs / 1000 - 1)) * 180;
}

/** Where the square is in the picture on screen at `sceneMs` (15 frames a second). */
function squareShownAt(sceneMs: number): number {
  return squareLeft((Math.floor((sceneMs * 15) / 1000) * 1000) / 15);
}

let persistDir: string | undefined;
let server: TestServer | undefined;
let chromium: TestBrowser | undefined;
let page: Page;
const streamName = uniqueName("camera");
const alertsStream = uniqueName("camera-alerts");
/** The fragments put-media saw PERSISTED, in order. */
let persisted: string[] = [];
/** Each persisted fragment's producer timestamp. */
const timecodes = new Map<string, number>();
let sending: Promise<Ack[]> | undefined;

function url(pathname: string): string {
  if (!server) throw new Error("the server did not start");
  return `${server.url}${pathname}`;
}

/** `npm run put-media` (the script itself, as npm runs it): the fixture, looped, in real time. */
function putMedia(): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(ROOT, "scripts/put-media.mjs"), "--stream", streamName, "--file", FIXTURE, "--loop", String(LOOPS), "--endpoint-url", url("")],
      { env: { ...process.env, AWS_ACCESS_KEY_ID: ANY_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: ANY_CREDENTIALS.secretAccessKey, AWS_REGION: REGION }, timeout: 120_000 },
      (error, stdout, stderr) => {
        if (error) return reject(new Error(`put-media failed: ${String(error)}\n${stderr}`));
        resolve(
          String(stdout)
            .split("\n")
            .filter((line) => line !== "")
            .map((line) => JSON.parse(line) as Ack),
        );
      },
    );
  });
}

/** Rivulet's own control-plane operation, signed as the SDKs sign `kinesisvideo` requests (as awscurl would). */
const signedPost = (path: string, body: unknown) => signedVideoPost(url(path), body);

/** The player's state, as the page's <video> has it. */
function playerState() {
  return page.getByTestId("video-player").evaluate((element) => {
    const video = element as HTMLVideoElement;
    return { time: video.currentTime, width: video.videoWidth, height: video.videoHeight, mode: video.dataset.mode, duration: video.duration, error: video.error?.message };
  });
}

/** Waits until the video plays in `mode`: the picture's size is the fixture's, and its time moves on. */
async function expectPlaying(mode: "LIVE" | "ON_DEMAND"): Promise<void> {
  await expect.poll(async () => (await playerState()).mode, PAGE_WAIT).toBe(mode);
  await expect.poll(async () => (await playerState()).time, PAGE_WAIT).toBeGreaterThan(0);
  const first = await playerState();
  expect(first.error).toBeUndefined();
  expect({ width: first.width, height: first.height }).toEqual({ width: WIDTH, height: HEIGHT });
  await expect.poll(async () => (await playerState()).time, PAGE_WAIT).toBeGreaterThan(first.time + 0.5);
}

beforeAll(async () => {
  persistDir = tempDir("browser-video");
  server = await startServer({ persistDir });
  chromium = await launchChromium();
  page = await chromium.context.newPage();
  // Deleting asks first (window.confirm); the user says yes.
  page.on("dialog", (dialog) => void dialog.accept());
});

afterAll(async () => {
  await sending?.catch(() => undefined);
  await chromium?.close();
  await server?.close();
  removeDir(persistDir);
});

describe("the console's Video pages", () => {
  it("create a stream, whose page waits for media", async () => {
    await page.goto(url("/console/video"));
    expect(await page.getByTestId("no-video-streams").isVisible()).toBe(true);
    await page.getByTestId("create-video-stream").locator("summary").click();
    await page.getByTestId("new-video-stream-name").fill(streamName);
    await page.getByTestId("create-video-stream-submit").click();
    await page.waitForURL(url(`/console/video/${streamName}`));
    expect(await page.getByTestId("video-stream-name").textContent()).toBe(streamName);
    // CREATING at first; the settings refresh until it is ACTIVE.
    await expect.poll(() => page.getByTestId("video-stream-status").textContent(), PAGE_WAIT).toBe("ACTIVE");
    expect(await page.getByTestId("video-stream-media-type").textContent()).toBe("video/h264");
    expect(await page.getByTestId("video-stream-retention").textContent()).toBe("24 h");
    await expect.poll(() => page.getByTestId("player-status").textContent(), PAGE_WAIT).toMatch(/^Waiting for media \(ResourceNotFoundException/);
    expect(await page.getByTestId("fragment").count()).toBe(0);
  });

  it("show its movement alerts once they are configured to a Kinesis data stream", async () => {
    await createActiveStream(kinesisClient(url("")), alertsStream, 1);
    const uri = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${alertsStream}`;
    const motion = { Status: "ENABLED", SamplingInterval: SAMPLING_MS, DestinationConfig: { Uri: uri } };
    expect((await signedPost("/updateMotionDetectionConfiguration", { StreamName: streamName, MotionDetectionConfiguration: motion })).status).toBe(200);
    await page.reload();
    expect(await page.getByTestId("motion-status").textContent()).toBe("ENABLED");
    expect(await page.getByTestId("motion-destination").textContent()).toBe(uri);
    expect(await page.getByTestId("no-movements").isVisible()).toBe(true);
  });

  it("play it LIVE while put-media sends it", async () => {
    await page.reload();
    sending = putMedia();
    await expectPlaying("LIVE");
    expect(await page.getByTestId("player-status").textContent()).toBe("Playing live.");
    await screenshot(page, "video-01-live");
  });

  it("list every fragment sent on the timeline", async () => {
    const acks = await (sending ?? Promise.reject(new Error("nothing was sent")));
    persisted = acks.filter((ack) => ack.EventType === "PERSISTED").map((ack) => ack.FragmentNumber ?? "");
    expect(persisted).toHaveLength(LOOPS * FRAGMENTS_PER_PASS);
    expect(acks.filter((ack) => ack.EventType === "ERROR")).toEqual([]);
    const fragments = page.getByTestId("fragment");
    await expect.poll(() => fragments.count(), PAGE_WAIT).toBe(persisted.length);
    expect(await fragments.evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.fragmentNumber))).toEqual(persisted);
    expect(await page.getByTestId("timeline-status").textContent()).toMatch(new RegExp(`^${persisted.length} fragments, `));
  });

  it("show the chosen fragments' frames as a strip of decoded images", async () => {
    for (const ack of await (sending ?? Promise.reject(new Error("nothing was sent")))) {
      if (ack.EventType === "PERSISTED" && ack.FragmentNumber !== undefined && ack.FragmentTimecode !== undefined) timecodes.set(ack.FragmentNumber, ack.FragmentTimecode);
    }
    await page.getByTestId("frames-range").selectOption("fragments");
    await page.getByTestId("frames-start").selectOption(persisted[0] ?? "");
    await page.getByTestId("frames-end").selectOption(persisted[persisted.length - 1] ?? "");
    await page.getByTestId("frames-show").click();
    await expect.poll(() => page.getByTestId("frames-status").textContent(), PAGE_WAIT).toMatch(/^\d+ of \d+ images the fragments chosen/);
    const [shown = 0, asked = 0] = ((await page.getByTestId("frames-status").textContent()) ?? "").match(/\d+/g)?.map(Number) ?? [];
    // The whole recording, at most 25 images; the fragments follow each other, so nearly every time has a picture.
    expect(asked).toBeLessThanOrEqual(25);
    expect(shown).toBeGreaterThan(asked / 2);
    const images = page.getByTestId("frame-image");
    expect(await images.count()).toBe(shown);
    await expect
      .poll(() => images.evaluateAll((items) => items.every((item) => (item as HTMLImageElement).complete)), PAGE_WAIT)
      .toBe(true);
    const sizes = await images.evaluateAll((items) => items.map((item) => ({ width: (item as HTMLImageElement).naturalWidth, height: (item as HTMLImageElement).naturalHeight })));
    // 90 pixels high, the aspect ratio kept.
    for (const size of sizes) expect(size).toEqual({ width: Math.round((WIDTH * 90) / HEIGHT), height: 90 });
    const gaps = await page.getByTestId("frame-gap").evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.error));
    expect(gaps.every((error) => error === "NO_MEDIA")).toBe(true);
    await screenshot(page, "video-02-frames");
  });

  it("list the movement events read back from their Kinesis stream, in the interval with motion", async () => {
    // Pictures every 200 ms of each 3 s pass, each compared with the one before (the previous pass's last
    // picture for a pass's first): movement where the square moved between them.
    const passes = persisted.length / FRAGMENTS_PER_PASS;
    const passMs = FRAGMENTS_PER_PASS * FRAGMENT_SECONDS * 1000;
    const expected: string[] = [];
    for (let pass = 0; pass < passes; pass++) {
      for (let sceneMs = 0; sceneMs < passMs; sceneMs += SAMPLING_MS) {
        if (pass === 0 && sceneMs === 0) continue;
        const before = sceneMs === 0 ? passMs - SAMPLING_MS : sceneMs - SAMPLING_MS;
        if (squareShownAt(sceneMs) !== squareShownAt(before)) expected.push(`${pass}:${sceneMs}`);
      }
    }
    expect(expected.some((at) => Number(at.split(":")[1]) > 1000 && Number(at.split(":")[1]) <= 2000)).toBe(true);
    const events = page.getByTestId("movement-event");
    // The list is rendered again every 5 s.
    await expect.poll(() => events.count(), PAGE_WAIT).toBe(expected.length);
    const listed = await events.evaluateAll((rows) => rows.map((row) => ({ fragment: (row as HTMLElement).dataset.fragmentNumber ?? "", producerMs: Number((row as HTMLElement).dataset.producerMs) })));
    const scenes = listed.map(({ fragment, producerMs }) => {
      const index = persisted.indexOf(fragment);
      const offset = producerMs - (timecodes.get(fragment) ?? Number.NaN);
      return `${Math.floor(index / FRAGMENTS_PER_PASS)}:${(index % FRAGMENTS_PER_PASS) * FRAGMENT_SECONDS * 1000 + offset}`;
    });
    expect(scenes.toSorted()).toEqual(expected.toSorted());
    // Newest first.
    expect(listed.map((event) => event.producerMs)).toEqual(listed.map((event) => event.producerMs).toSorted((a, b) => b - a));

    // An event's Frames button shows the pictures around it.
    await events.first().getByTestId("movement-frames").click();
    await expect.poll(() => page.getByTestId("frames-status").textContent(), PAGE_WAIT).toMatch(/^\d+ of \d+ images around the movement at /);
    expect(await page.getByTestId("frame-image").count()).toBeGreaterThan(0);
    await screenshot(page, "video-03-movements");
  });

  it("play ON_DEMAND from a fragment clicked on the timeline, to the last one", async () => {
    const from = 2;
    await page.getByTestId("fragment").nth(from).click();
    await expect.poll(() => page.getByTestId("player-status").textContent(), PAGE_WAIT).toContain(`(fragment ${persisted[from]})`);
    await expectPlaying("ON_DEMAND");
    // The session holds the fragments from the one clicked to the last.
    const expected = (persisted.length - from) * FRAGMENT_SECONDS;
    expect(Math.abs((await playerState()).duration - expected)).toBeLessThan(FRAGMENT_SECONDS / 2);
    await screenshot(page, "video-04-on-demand");
  });

  it("download a clip of chosen fragments as an MP4", async () => {
    await page.getByTestId("clip-start").selectOption(persisted[1] ?? "");
    await page.getByTestId("clip-end").selectOption(persisted[3] ?? "");
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("clip-download").click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^${streamName}-.*\\.mp4$`));
    const bytes = new Uint8Array(readFileSync(await download.path()));
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe("ftyp");
    const [track] = initTracks(readBoxes(bytes));
    expect({ width: track?.width, height: track?.height }).toEqual({ width: WIDTH, height: HEIGHT });
    // Fragments 1 to 3: three fragments, every frame of each.
    expect(fileSamples(bytes).samples).toHaveLength(3 * FRAMES_PER_FRAGMENT);
    expect(await page.getByTestId("clip-error").isHidden()).toBe(true);
  });

  it("list the stream with its status, media type and retention, and delete it", async () => {
    await page.goto(url("/console/video"));
    const row = page.getByTestId(`video-stream-row-${streamName}`);
    expect(await row.getByTestId("video-stream-status").textContent()).toBe("ACTIVE");
    expect(await row.getByTestId("video-stream-media-type").textContent()).toBe("video/h264");
    expect(await row.getByTestId("video-stream-retention").textContent()).toBe("24 h");
    await screenshot(page, "video-05-list");
    await row.getByTestId("delete-video-stream").getByRole("button").click();
    await expect.poll(() => page.getByTestId(`video-stream-row-${streamName}`).count(), PAGE_WAIT).toBe(0);
  });
});
