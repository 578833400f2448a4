/**
 * Kinesis Video Streams' data plane end to end, against the real `npm start`: `npm run put-media` sends the
 * test videos as AWS's producer SDK would, and the unmodified @aws-sdk/client-kinesis-video-media and
 * -archived-media read them back (GetMedia, ListFragments, HLS and DASH sessions, GetClip), as does
 * `aws kinesis-video-archived-media get-clip`. Every frame read back is compared with ffprobe's list of the
 * frames sent (test/fixtures/video/*.ffprobe.json): bytes, presentation time, key frame. Then the server
 * restarts on the same data directory and nothing persisted is lost.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CreateStreamCommand, DescribeStreamCommand, GetDataEndpointCommand, KinesisVideoClient, type APIName } from "@aws-sdk/client-kinesis-video";
import {
  GetClipCommand,
  GetDASHStreamingSessionURLCommand,
  GetHLSStreamingSessionURLCommand,
  KinesisVideoArchivedMediaClient,
  ListFragmentsCommand,
  type Fragment as ListedFragment,
} from "@aws-sdk/client-kinesis-video-archived-media";
import { GetMediaCommand, KinesisVideoMediaClient, type StartSelector } from "@aws-sdk/client-kinesis-video-media";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MkvReader, type Fragment } from "../../src/video/media";
import { fileSamples, initTracks, mediaSegmentSamples, readBoxes, type ParsedSample } from "../unit/video/mp4-parse";
import { ANY_CREDENTIALS, REGION, removeDir, runAws, sleep, startServer, tempDir, uniqueName, type TestServer } from "./helpers";

const ROOT = join(import.meta.dirname, "../..");
const FIXTURES = join(ROOT, "test/fixtures/video");

interface Ack {
  EventType: string;
  FragmentTimecode?: number;
  FragmentNumber?: string;
  ErrorId?: number;
}

interface ExpectedFrame {
  track: number;
  pts: number;
  keyframe: boolean;
  size: number;
  sha256: string;
}

/** ffprobe's list of a test video's frames, in file (decode) order. */
function probed(name: string): ExpectedFrame[] {
  const probe = JSON.parse(readFileSync(join(FIXTURES, `${name}.ffprobe.json`), "utf8")) as {
    packets: { stream_index: number; pts: number; size: string; flags: string; data_hash: string }[];
  };
  return probe.packets.map((packet) => ({
    track: packet.stream_index + 1,
    pts: packet.pts,
    keyframe: packet.flags.startsWith("K"),
    size: Number(packet.size),
    sha256: packet.data_hash.replace(/^SHA256:/, ""),
  }));
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Runs `npm run put-media` (the script itself, as npm would), answering the acks it printed. */
function putMedia(url: string, streamName: string, file: string, extra: string[] = []): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(ROOT, "scripts/put-media.mjs"), "--stream", streamName, "--file", join(FIXTURES, file), "--endpoint-url", url, "--fast", ...extra],
      { env: { ...process.env, AWS_ACCESS_KEY_ID: ANY_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: ANY_CREDENTIALS.secretAccessKey, AWS_REGION: REGION }, timeout: 60_000 },
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

/** Each fragment's acks in order, its number increasing: answers the numbers and the timecodes. */
function expectAcksPerFragment(acks: Ack[], fragments: number): { numbers: string[]; timecodes: number[] } {
  expect(acks).toHaveLength(fragments * 3);
  const numbers = [...new Set(acks.map((ack) => ack.FragmentNumber ?? ""))];
  expect(numbers).toHaveLength(fragments);
  expect([...numbers].sort()).toEqual(numbers);
  const timecodes = numbers.map((number) => {
    const own = acks.filter((ack) => ack.FragmentNumber === number);
    expect(own.map((ack) => ack.EventType)).toEqual(["BUFFERING", "RECEIVED", "PERSISTED"]);
    expect(new Set(own.map((ack) => ack.FragmentTimecode)).size).toBe(1);
    return own[0]?.FragmentTimecode ?? 0;
  });
  return { numbers, timecodes };
}

/** The fragments in a GetMedia / Matroska answer, each with the tags before its Cluster. */
async function chunksOf(payload: AsyncIterable<Uint8Array>, count: number): Promise<{ fragment: Fragment; tags: Map<string, string> }[]> {
  const reader = new MkvReader();
  const chunks: { fragment: Fragment; tags: Map<string, string> }[] = [];
  for await (const bytes of payload) {
    for (const event of reader.push(new Uint8Array(bytes))) {
      if (event.type === "fragment") chunks.push({ fragment: event.fragment, tags: new Map(event.fragment.tags.map((tag) => [tag.name, tag.value ?? ""])) });
    }
    if (chunks.length >= count) break;
  }
  return chunks;
}

function framesOf(fragments: readonly Fragment[], shift: number): ExpectedFrame[] {
  return fragments.flatMap((fragment) => fragment.frames).map((frame) => ({ track: frame.track, pts: frame.timecode - shift, keyframe: frame.keyframe, size: frame.data.length, sha256: sha256(frame.data) }));
}

function samplesAsFrames(samples: readonly ParsedSample[], shift: number): ExpectedFrame[] {
  return samples.map((sample) => ({ track: sample.track, pts: sample.pts - shift, keyframe: sample.sync, size: sample.data.length, sha256: sha256(sample.data) }));
}

const byTrack = <T extends { track: number }>(items: readonly T[]) => [...items].sort((a, b) => a.track - b.track);

let dir: string | undefined;
let server: TestServer | undefined;
let control: KinesisVideoClient;

const streamName = uniqueName("e2e-video");
const sent: { numbers: string[]; timecodes: number[] } = { numbers: [], timecodes: [] };
let video: KinesisVideoMediaClient;
let archive: KinesisVideoArchivedMediaClient;

async function endpoint(api: APIName): Promise<string> {
  const answer = await control.send(new GetDataEndpointCommand({ StreamName: streamName, APIName: api }));
  return answer.DataEndpoint ?? "";
}

async function connect(url: string): Promise<void> {
  control = new KinesisVideoClient({ endpoint: url, region: REGION, credentials: ANY_CREDENTIALS });
  video = new KinesisVideoMediaClient({ endpoint: await endpoint("GET_MEDIA"), region: REGION, credentials: ANY_CREDENTIALS });
  archive = new KinesisVideoArchivedMediaClient({ endpoint: await endpoint("LIST_FRAGMENTS"), region: REGION, credentials: ANY_CREDENTIALS });
}

async function listed(): Promise<ListedFragment[]> {
  return (await archive.send(new ListFragmentsCommand({ StreamName: streamName, MaxResults: 1000 }))).Fragments ?? [];
}

beforeAll(async () => {
  dir = tempDir("video");
  server = await startServer({ persistDir: dir });
  control = new KinesisVideoClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  await control.send(new CreateStreamCommand({ StreamName: streamName, DataRetentionInHours: 24, MediaType: "video/h264,audio/aac" }));
  for (;;) {
    const { StreamInfo } = await control.send(new DescribeStreamCommand({ StreamName: streamName }));
    if (StreamInfo?.Status === "ACTIVE") break;
    await sleep(100);
  }
  await connect(server.url);
});

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

describe("PutMedia with npm run put-media", () => {
  it("acknowledges each fragment BUFFERING, RECEIVED, PERSISTED, in order, with increasing numbers", async () => {
    const acks = await putMedia(server?.url ?? "", streamName, "high-bframes-aac.mkv");
    Object.assign(sent, expectAcksPerFragment(acks, 3));
  });

  it("lists the fragments with the producer's timestamps and their durations", async () => {
    const fragments = await listed();
    expect(fragments.map((fragment) => fragment.FragmentNumber)).toEqual(sent.numbers);
    expect(fragments.map((fragment) => fragment.ProducerTimestamp?.getTime())).toEqual(sent.timecodes);
    // ffmpeg cut this file's clusters at 0.86 s and 1.86 s (where audio first reaches past a key frame); the last
    // fragment's audio ends 44 ms after its video.
    expect(fragments.map((fragment) => fragment.FragmentLengthInMilliseconds)).toEqual([1000, 1000, 1044]);
    for (const fragment of fragments) expect(fragment.ServerTimestamp?.getTime()).toBeGreaterThan(0);
  });
});

describe("reading back, frame by frame", () => {
  const expected = probed("high-bframes-aac");
  // The producer moved the video so that its first Cluster (timecode 23) starts at the first ack's timecode.
  const shift = () => (sent.timecodes[0] ?? 0) - 23;

  it("GetMedia from EARLIEST: every frame as sent, in chunks carrying AWS's tags", async () => {
    const selector: StartSelector = { StartSelectorType: "EARLIEST" };
    const answer = await video.send(new GetMediaCommand({ StreamName: streamName, StartSelector: selector }));
    expect(answer.ContentType).toBe("video/webm");
    const chunks = await chunksOf(answer.Payload as AsyncIterable<Uint8Array>, 3);
    expect(chunks.map((chunk) => chunk.tags.get("AWS_KINESISVIDEO_FRAGMENT_NUMBER"))).toEqual(sent.numbers);
    expect(chunks.map((chunk) => chunk.tags.get("AWS_KINESISVIDEO_PRODUCER_TIMESTAMP"))).toEqual(sent.timecodes.map((ms) => (ms / 1000).toFixed(3)));
    expect(framesOf(chunks.map((chunk) => chunk.fragment), shift())).toEqual(expected);
  });

  it("HLS: a player loads the playlists and fragments without signing, and gets every frame", async () => {
    const hls = new KinesisVideoArchivedMediaClient({ endpoint: await endpoint("GET_HLS_STREAMING_SESSION_URL"), region: REGION, credentials: ANY_CREDENTIALS });
    const { HLSStreamingSessionURL: url = "" } = await hls.send(
      new GetHLSStreamingSessionURLCommand({
        StreamName: streamName,
        PlaybackMode: "ON_DEMAND",
        HLSFragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: { StartTimestamp: new Date(sent.timecodes[0] ?? 0), EndTimestamp: new Date((sent.timecodes[0] ?? 0) + 60_000) } },
      }),
    );
    const master = await (await fetch(url, { headers: { origin: "https://player.example" } })).text();
    const playlists = [...master.matchAll(/(getHLSMediaPlaylist\.m3u8[^"\n]*)/g)].map((match) => new URL(match[1] ?? "", url).toString());
    expect(playlists).toHaveLength(2);
    const samples: ParsedSample[] = [];
    for (const playlistUrl of playlists) {
      const response = await fetch(playlistUrl);
      expect(response.headers.get("access-control-allow-origin")).toBe("*");
      const playlist = await response.text();
      const initUrl = new URL(/URI="([^"]+)"/.exec(playlist)?.[1] ?? "", playlistUrl);
      const init = initTracks(readBoxes(new Uint8Array(await (await fetch(initUrl)).arrayBuffer())));
      expect(init).toHaveLength(1);
      for (const line of playlist.split("\n").filter((each) => each.startsWith("getMP4MediaFragment"))) {
        samples.push(...mediaSegmentSamples(new Uint8Array(await (await fetch(new URL(line, playlistUrl))).arrayBuffer())).tracks.flatMap((track) => track.samples));
      }
    }
    expect(byTrack(samplesAsFrames(samples, shift()))).toEqual(byTrack(expected));
  });

  it("DASH: the manifest names the same fragments, and they hold the same frames", async () => {
    const dash = new KinesisVideoArchivedMediaClient({ endpoint: await endpoint("GET_DASH_STREAMING_SESSION_URL"), region: REGION, credentials: ANY_CREDENTIALS });
    const { DASHStreamingSessionURL: url = "" } = await dash.send(
      new GetDASHStreamingSessionURLCommand({
        StreamName: streamName,
        PlaybackMode: "ON_DEMAND",
        DisplayFragmentNumber: "ALWAYS",
        DASHFragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: { StartTimestamp: new Date(sent.timecodes[0] ?? 0), EndTimestamp: new Date((sent.timecodes[0] ?? 0) + 60_000) } },
      }),
    );
    const manifest = await (await fetch(url)).text();
    expect([...manifest.matchAll(/kvs:fn="(\d+)"/g)].slice(0, 3).map((match) => match[1])).toEqual(sent.numbers);
    const templates = [...manifest.matchAll(/media="([^"]+)"/g)].map((match) => (match[1] ?? "").replaceAll("&amp;", "&"));
    const samples: ParsedSample[] = [];
    for (const template of templates) {
      for (const number of [1, 2, 3]) {
        const segment = mediaSegmentSamples(new Uint8Array(await (await fetch(new URL(template.replace("$Number$", String(number)), url))).arrayBuffer()));
        samples.push(...segment.tracks.flatMap((track) => track.samples));
      }
    }
    // Every frame, with its bytes and key frame flag (DASH times are the session's; the integration tests check them).
    const timeless = (frames: ExpectedFrame[]) => byTrack(frames.map(({ pts: _pts, ...rest }) => rest));
    expect(timeless(samplesAsFrames(samples, 0))).toEqual(timeless(expected));
  });

  it("GetClip: an MP4 of every frame at its time", async () => {
    const clipClient = new KinesisVideoArchivedMediaClient({ endpoint: await endpoint("GET_CLIP"), region: REGION, credentials: ANY_CREDENTIALS });
    const answer = await clipClient.send(
      new GetClipCommand({
        StreamName: streamName,
        ClipFragmentSelector: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: { StartTimestamp: new Date(sent.timecodes[0] ?? 0), EndTimestamp: new Date((sent.timecodes[0] ?? 0) + 60_000) } },
      }),
    );
    expect(answer.ContentType).toBe("video/mp4");
    const clip = fileSamples(await (answer.Payload as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    expect(clip.boxOrder).toEqual(["ftyp", "moov", "mdat"]);
    expect(byTrack(samplesAsFrames(clip.samples, 0))).toEqual(byTrack(expected));
  });

  it("aws kinesis-video-archived-media get-clip writes an MP4 file of the same frames", async () => {
    const out = join(dir ?? "", "clip.mp4");
    const start = new Date(sent.timecodes[0] ?? 0).toISOString();
    const end = new Date((sent.timecodes[0] ?? 0) + 60_000).toISOString();
    const result = await runAws(
      [
        "kinesis-video-archived-media",
        "get-clip",
        "--stream-name",
        streamName,
        "--clip-fragment-selector",
        `FragmentSelectorType=PRODUCER_TIMESTAMP,TimestampRange={StartTimestamp=${start},EndTimestamp=${end}}`,
        out,
      ],
      { url: server?.url ?? "", accessKeyId: ANY_CREDENTIALS.accessKeyId, secretAccessKey: ANY_CREDENTIALS.secretAccessKey },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ContentType: "video/mp4" });
    expect(statSync(out).size).toBeGreaterThan(10_000);
    const clip = fileSamples(new Uint8Array(readFileSync(out)));
    expect(byTrack(samplesAsFrames(clip.samples, 0))).toEqual(byTrack(expected));
  });
});

describe("a restart", () => {
  it("loses no persisted fragment, and numbering goes on after it", async () => {
    const before = await listed();
    await server?.close();
    await server?.exited;
    server = await startServer({ persistDir: dir ?? "" });
    await connect(server.url);
    expect(await listed()).toEqual(before);
    const answer = await video.send(new GetMediaCommand({ StreamName: streamName, StartSelector: { StartSelectorType: "EARLIEST" } }));
    const chunks = await chunksOf(answer.Payload as AsyncIterable<Uint8Array>, 3);
    expect(framesOf(chunks.map((chunk) => chunk.fragment), (sent.timecodes[0] ?? 0) - 23)).toEqual(probed("high-bframes-aac"));
    const more = expectAcksPerFragment(await putMedia(server.url, streamName, "baseline.mkv"), 3);
    expect(more.numbers[0] ?? "").toSatisfy((number: string) => number > (sent.numbers.at(-1) ?? ""));
  });
});
