/**
 * The Video Streams resources the fuzz suite aims at: a stream holding a few fragments of a test
 * video (for GetMedia, ListFragments, clips, images and HLS/DASH sessions to find something) and an
 * empty stream that keeps no data; the registry's clock frozen, so that no status moves by itself
 * between two looks. ensureVideoFixtures() brings back whatever a successful request deleted.
 *
 * videoSnapshot() is what the account holds of Video, as the API reports it (ListStreams,
 * DescribeStream, ListTagsForStream, and the media stream's ListFragments): a refused request must
 * change none of it.
 */
import fc from "fast-check";
import { VIDEO_CONTROL } from "../../../src/limits";
import { baseline } from "../../unit/video/fixtures";
import { producerBody, putMedia } from "../video/data-helpers";
import {
  ACCOUNT,
  createActiveVideoStream,
  REGION,
  registryClock,
  runVideoRegistryAlarm,
  useVideoClock,
  video,
  type DescribeStreamOutput,
  type StreamInfo,
} from "../video/helpers";
import type { Hints } from "./arbitraries";

export const MEDIA_STREAM = "fuzz-video";
export const EMPTY_STREAM = "fuzz-video-empty";
const MISSING = "fuzz-missing-video";
/** Where the media fixture's producer timestamps begin. */
export const MEDIA_START_MS = Date.UTC(2026, 0, 15, 12, 0, 0);

export interface VideoFixtures {
  streams: StreamInfo[];
  fragmentNumbers: string[];
  /** SessionTokens of HLS and DASH sessions on the media stream. */
  sessionTokens: string[];
}

/**
 * Gives the registry the frozen clock again: an object idle for seconds (a run of data-plane calls,
 * which do not call it) is evicted, and the next one built starts on the system's clock.
 */
export async function holdVideoClock(): Promise<void> {
  await useVideoClock();
}

async function settleAll(): Promise<void> {
  await useVideoClock();
  registryClock.freeze();
  registryClock.advance(VIDEO_CONTROL.createStreamMs + VIDEO_CONTROL.deleteStreamMs);
  await runVideoRegistryAlarm();
}

async function ensureStream(name: string, retentionHours: number): Promise<{ info: StreamInfo; fresh: boolean }> {
  const described = await video<DescribeStreamOutput>("/describeStream", { StreamName: name });
  if (described.status === 200 && described.body.StreamInfo.Status === "ACTIVE") return { info: described.body.StreamInfo, fresh: false };
  return { info: await createActiveVideoStream({ DataRetentionInHours: retentionHours }, name), fresh: true };
}

interface Listed {
  Fragments: { FragmentNumber: string }[];
}

/** The fixtures, created or brought back; the registry's clock frozen. */
export async function ensureVideoFixtures(): Promise<VideoFixtures> {
  await settleAll();
  const media = await ensureStream(MEDIA_STREAM, 24);
  const empty = await ensureStream(EMPTY_STREAM, 0);
  if (media.fresh) await putMedia(MEDIA_STREAM, producerBody(baseline, MEDIA_START_MS).whole);
  const listed = await video<Listed>("/listFragments", { StreamName: MEDIA_STREAM });
  const range = { StartTimestamp: MEDIA_START_MS / 1000 - 5, EndTimestamp: MEDIA_START_MS / 1000 + 120 };
  const sessionTokens: string[] = [];
  for (const [path, selector, key] of [
    ["/getHLSStreamingSessionURL", "HLSFragmentSelector", "HLSStreamingSessionURL"],
    ["/getDASHStreamingSessionURL", "DASHFragmentSelector", "DASHStreamingSessionURL"],
  ] as const) {
    const answer = await video<Record<string, string>>(path, {
      StreamName: MEDIA_STREAM,
      PlaybackMode: "ON_DEMAND",
      [selector]: { FragmentSelectorType: "PRODUCER_TIMESTAMP", TimestampRange: range },
    });
    const url = answer.status === 200 ? answer.body[key] : undefined;
    const token = url === undefined ? null : new URL(url).searchParams.get("SessionToken");
    if (token === null) throw new Error(`no ${key} for the fuzz fixture: ${answer.status} ${answer.text}`);
    sessionTokens.push(token);
  }
  return {
    streams: [media.info, empty.info],
    fragmentNumbers: listed.status === 200 ? listed.body.Fragments.map((fragment) => fragment.FragmentNumber) : [],
    sessionTokens,
  };
}

// ---------------------------------------------------------------------------------------------
// Hints: the values members take to reach the fixtures

export function videoHints(fixtures: VideoFixtures): Hints {
  const arns = [...fixtures.streams.map((stream) => stream.StreamARN), `arn:aws:kinesisvideo:${REGION}:${ACCOUNT}:stream/${MISSING}/1700000000000`];
  const numbers = fixtures.fragmentNumbers.length > 0 ? fixtures.fragmentNumbers : ["1"];
  const fragmentNumber = fc.oneof(fc.constantFrom(...numbers), fc.constantFrom("0", "99999999999999999999999", "00091343852333181432392682062607743920000000000"));
  const start = MEDIA_START_MS / 1000;
  const timestamp = fc.constantFrom(start - 10, start, start + 1.5, start + 3600, Math.floor(Date.now() / 1000));
  return {
    StreamName: fc.constantFrom(MEDIA_STREAM, EMPTY_STREAM, MISSING),
    StreamARN: fc.constantFrom(...arns),
    ResourceARN: fc.constantFrom(...arns),
    CurrentVersion: fc.constantFrom(...fixtures.streams.map((stream) => stream.Version), "0000"),
    DataRetentionChangeInHours: fc.integer({ min: 1, max: 48 }),
    DataRetentionInHours: fc.integer({ min: 0, max: 48 }),
    SessionToken: fc.constantFrom(...fixtures.sessionTokens),
    FragmentNumber: fragmentNumber,
    AfterFragmentNumber: fragmentNumber,
    Fragments: fc.array(fragmentNumber, { minLength: 1, maxLength: 4 }),
    StartTimestamp: timestamp,
    EndTimestamp: timestamp,
    ImageSelectorType: fc.constantFrom("PRODUCER_TIMESTAMP", "SERVER_TIMESTAMP"),
    SamplingInterval: fc.constantFrom(200, 1000, 3000),
    MaxResults: fc.integer({ min: 1, max: 30 }),
  };
}

// ---------------------------------------------------------------------------------------------
// What the account holds

async function bodyOf(answer: Promise<{ status: number; body: unknown }>): Promise<unknown> {
  const { status, body } = await answer;
  return { status, body };
}

export async function videoSnapshot(): Promise<unknown> {
  return Promise.all([
    bodyOf(video("/listStreams", {})),
    ...[MEDIA_STREAM, EMPTY_STREAM].flatMap((name) => [
      bodyOf(video("/describeStream", { StreamName: name })),
      bodyOf(video("/listTagsForStream", { StreamName: name })),
      bodyOf(video("/describeStreamStorageConfiguration", { StreamName: name })),
    ]),
    bodyOf(video("/listFragments", { StreamName: MEDIA_STREAM })),
  ]);
}
