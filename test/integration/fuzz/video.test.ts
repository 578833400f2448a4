/**
 * The fuzz suite of Kinesis Video Streams (REST-JSON, aws/rest-json.ts): every operation of its
 * models (the control plane, GetMedia, Archived Media, PutMedia and the HLS/DASH session URLs), with
 * inputs derived from each model shape (arbitraries.ts), valid and broken, where the model puts them
 * (a JSON body, the query string, headers), steered at the fixtures (video-fixtures.ts) and signed
 * for `kinesisvideo` as the SDKs sign. Each answer must be a success or Video's error form
 * (x-amzn-ErrorType with the status its class has, a JSON body holding the message), never a 5xx;
 * a refused request that would change a stream changes nothing.
 *
 * The streaming operations are fuzzed with bounded bodies and never left hanging: PutMedia's upload
 * is whole when sent and its acks are read to the end; GetMedia's endless answer is cancelled.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { HttpBinding } from "../../../src/aws/rest-json";
import type { Shape, StructureShape } from "../../../src/aws/validate";
import { KINESIS_VIDEO_ARCHIVED_MEDIA_SHAPES } from "../../../src/video/archived-media-shapes.generated";
import { KINESIS_VIDEO_MEDIA_SHAPES } from "../../../src/video/media-shapes.generated";
import { KINESIS_VIDEO_PLAYBACK_SHAPES } from "../../../src/video/playback-shapes.generated";
import { KINESIS_VIDEO_PUTMEDIA_SHAPES } from "../../../src/video/putmedia-shapes.generated";
import { KINESIS_VIDEO_SHAPES } from "../../../src/video/shapes.generated";
import { concatBytes } from "../../../src/bytes";
import archivedModel from "../../../scripts/models/kinesis-video-archived-media-2017-09-30.json";
import mediaModel from "../../../scripts/models/kinesis-video-media-2017-09-30.json";
import playbackModel from "../../../scripts/models/rivulet-kinesis-video-playback-2017-09-30.json";
import putMediaModel from "../../../scripts/models/rivulet-kinesis-video-putmedia-2017-09-30.json";
import videoModel from "../../../scripts/models/kinesisvideo-2017-09-30.json";
import { baseline } from "../../unit/video/fixtures";
import { producerBody } from "../video/data-helpers";
import { AMZ_JSON, describeBody, fuzzBody, ODD_UNICODE_FOR_URLS, validValue, type FuzzBody, type Hints } from "./arbitraries";
import { expectRestJsonAnswer, fuzz, restErrorStatus, SEED, sendRequest, timeoutFor, type Answer, type Outcome } from "./harness";
import { ensureVideoFixtures, holdVideoClock, MEDIA_START_MS, MEDIA_STREAM, videoHints, videoSnapshot, type VideoFixtures } from "./video-fixtures";

/** Runs per operation: 47 operations, kept to about a minute on a loaded two-core machine. */
const RUNS = 8;
const STREAMING_RUNS = 30;

const ERROR_STATUS = restErrorStatus([videoModel, mediaModel, archivedModel, playbackModel, putMediaModel]);

/** Operations that only read: no snapshot around them. */
const READS = /^(Describe|List|Get)/;

interface Model {
  name: string;
  operations: Readonly<Record<string, StructureShape>>;
  http: Readonly<Record<string, HttpBinding>>;
}

/** The models whose inputs travel in a JSON body. */
const BODY_MODELS: Model[] = [
  { name: "Video", operations: KINESIS_VIDEO_SHAPES.operations, http: KINESIS_VIDEO_SHAPES.http },
  { name: "Video Media", operations: KINESIS_VIDEO_MEDIA_SHAPES.operations, http: KINESIS_VIDEO_MEDIA_SHAPES.http },
  { name: "Video Archived Media", operations: KINESIS_VIDEO_ARCHIVED_MEDIA_SHAPES.operations, http: KINESIS_VIDEO_ARCHIVED_MEDIA_SHAPES.http },
];

let fixtures: VideoFixtures;
/** A request changed the fixtures (it succeeded): they are brought back before the next operation's runs. */
let dirty = false;

beforeAll(async () => {
  console.info(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays this run)`);
  fixtures = await ensureVideoFixtures();
});

async function freshFixtures(): Promise<void> {
  if (dirty) fixtures = await ensureVideoFixtures();
  dirty = false;
}

/**
 * Checks one operation's answers; around an operation that changes things, a refused request
 * must leave what the account holds as it was.
 */
async function checkRuns<T>(operation: string, requests: fc.Arbitrary<T>, runs: number, send: (input: T) => Promise<{ outcome: Outcome; context: string }>): Promise<void> {
  const mutating = !READS.test(operation);
  let before: unknown;
  await fuzz(requests, runs, async (input) => {
    await holdVideoClock();
    if (mutating && before === undefined) before = await videoSnapshot();
    const { outcome, context } = await send(input);
    if (!mutating) return;
    if (outcome === "success") {
      dirty = true;
      before = undefined;
      return;
    }
    const after = await videoSnapshot();
    expect(after, `${context}\nwas refused, and changed a stream`).toEqual(before);
    before = after;
  });
}

function answerOf(answer: Answer, context: string): { outcome: Outcome; context: string } {
  return { outcome: expectRestJsonAnswer(answer, context, ERROR_STATUS), context };
}

for (const model of BODY_MODELS) {
  describe(`${model.name}: every operation, valid and broken JSON bodies`, () => {
    for (const [operation, shape] of Object.entries(model.operations)) {
      const http = model.http[operation];
      if (!http) throw new Error(`no HTTP binding for ${operation}`);
      it(operation, async () => {
        await freshFixtures();
        const bodies = fc.constant(null).chain(() => fuzzBody(shape, videoHints(fixtures)));
        await checkRuns(operation, bodies, RUNS, async (body: FuzzBody) => {
          const sent = { ...body, contentType: body.contentType === AMZ_JSON ? "application/json" : body.contentType };
          const context = `${model.name}.${operation} (${http.method} ${http.requestUri}): ${describeBody(sent)}`;
          const answer = await sendRequest({
            method: http.method,
            path: http.requestUri,
            target: null,
            service: "kinesisvideo",
            body: sent,
            streamingAnswer: operation === "GetMedia",
          });
          return answerOf(answer, context);
        });
      }, timeoutFor(RUNS));
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Inputs in the query string and headers

/** Text for a path, query or header member: a valid value's, or a broken one. */
function memberText(shape: Shape, hints: Hints, name: string, forHeader: boolean): fc.Arbitrary<string> {
  const odd = forHeader ? ODD_UNICODE_FOR_URLS.filter((text) => /^[\x20-\x7e]*$/.test(text)) : ODD_UNICODE_FOR_URLS;
  return fc.oneof(
    { arbitrary: validValue(shape, hints, name).map((value) => String(value)), weight: 4 },
    { arbitrary: fc.constantFrom("", "0", "-1", "4", "1.5", "x", "NaN", "1e3", "99999999999999999999", "a".repeat(5000), ...odd), weight: 2 },
    { arbitrary: forHeader ? fc.string({ unit: "grapheme-ascii", maxLength: 20 }) : fc.string({ maxLength: 20 }), weight: 1 },
  );
}

/** Each located member present (a required one most of the time) or not, as text. */
function locatedMembers(shape: StructureShape, hints: Hints, forHeader: boolean): fc.Arbitrary<[string, string][]> {
  const members = shape.members.filter((member) => member.location !== undefined);
  return fc
    .tuple(
      ...members.map((member) =>
        fc.option(memberText(member.shape, hints, member.name, forHeader).map((text): [string, string] => [member.locationName ?? member.name, text]), {
          freq: member.required ? 8 : 2,
          nil: undefined,
        }),
      ),
    )
    .map((entries) => entries.filter((entry): entry is [string, string] => entry !== undefined));
}

describe("Video Playback: every operation, valid and broken query strings", () => {
  for (const [operation, shape] of Object.entries(KINESIS_VIDEO_PLAYBACK_SHAPES.operations)) {
    const http = KINESIS_VIDEO_PLAYBACK_SHAPES.http[operation as keyof typeof KINESIS_VIDEO_PLAYBACK_SHAPES.http];
    it(operation, async () => {
      await freshFixtures();
      const queries = fc.constant(null).chain(() =>
        fc.tuple(locatedMembers(shape, videoHints(fixtures), false), fc.option(fc.tuple(fc.constantFrom("SessionToken", "TrackNumber", "Unknown"), fc.string()), { nil: undefined })),
      );
      await checkRuns(operation, queries, RUNS, async ([entries, extra]) => {
        const query = new URLSearchParams([...entries, ...(extra ? [extra] : [])]).toString();
        const path = `${http.requestUri}?${query}`;
        const context = `${operation}: GET ${path.slice(0, 600)}`;
        const answer = await sendRequest({ method: http.method, path, target: null, service: "kinesisvideo", body: { mutation: "query", contentType: "", body: "" }, sign: false });
        return answerOf(answer, context);
      });
    }, timeoutFor(RUNS));
  }
});

// ---------------------------------------------------------------------------------------------
// PutMedia: headers and a bounded upload

/** Uploads a producer might send, each whole and small: valid, cut short, corrupted, or not Matroska at all. */
function uploads(): fc.Arbitrary<{ what: string; bytes: Uint8Array }> {
  // Mostly an hour after the fixture's media, sometimes at the edges of what a timecode holds.
  const starts = fc.oneof(
    { arbitrary: fc.integer({ min: -10_000, max: 10_000 }).map((offset) => MEDIA_START_MS + 3_600_000 + offset * 1000), weight: 4 },
    fc.constantFrom(0, 1, MEDIA_START_MS, 2 ** 40, 2 ** 52, Number.MAX_SAFE_INTEGER - 100_000),
  );
  const valid = starts.map((start) => producerBody(baseline, start));
  return fc.oneof(
    fc.constant({ what: "empty", bytes: new Uint8Array() }),
    fc.uint8Array({ maxLength: 512 }).map((bytes) => ({ what: "random bytes", bytes })),
    valid.map((body) => ({ what: "a valid upload", bytes: body.whole })),
    valid.chain((body) => fc.integer({ min: 1, max: body.whole.byteLength - 1 }).map((cut) => ({ what: `a valid upload cut at ${cut}`, bytes: body.whole.subarray(0, cut) }))),
    valid.chain((body) =>
      fc.tuple(fc.integer({ min: 0, max: body.whole.byteLength - 1 }), fc.integer({ min: 0, max: 255 })).map(([at, byte]) => {
        const bytes = body.whole.slice();
        bytes[at] = byte;
        return { what: `a valid upload with byte ${at} set to ${byte}`, bytes };
      }),
    ),
    valid.map((body) => ({ what: "fragments without the stream's start", bytes: concatBytes(body.fragments) })),
    valid.map((body) => ({ what: "the stream's start twice", bytes: concatBytes([body.start, body.start, ...body.fragments]) })),
  );
}

const PUT_MEDIA = KINESIS_VIDEO_PUTMEDIA_SHAPES.operations.PutMedia;

describe("Video PutMedia: valid and broken headers and uploads", () => {
  it("PutMedia", async () => {
    await freshFixtures();
    const calls = fc.constant(null).chain(() =>
      fc.record({
        // Half of the uploads go to the media stream with the headers a producer sends, so that the upload is read.
        headers: fc.oneof(
          fc.constantFrom<[string, string][]>(
            [["x-amzn-stream-name", MEDIA_STREAM], ["x-amzn-fragment-timecode-type", "ABSOLUTE"]],
            [["x-amzn-stream-name", MEDIA_STREAM], ["x-amzn-fragment-timecode-type", "RELATIVE"], ["x-amzn-producer-start-timestamp", String(MEDIA_START_MS / 1000 + 7200)]],
            [["x-amzn-stream-arn", fixtures.streams[0]?.StreamARN ?? ""], ["x-amzn-fragment-timecode-type", "ABSOLUTE"]],
          ),
          locatedMembers(PUT_MEDIA, videoHints(fixtures), true),
        ),
        ack: fc.constantFrom("1", "0", "yes", undefined),
        upload: uploads(),
      }),
    );
    await checkRuns("PutMedia", calls, STREAMING_RUNS, async ({ headers, ack, upload }) => {
      const all: Record<string, string> = Object.fromEntries(headers);
      if (ack !== undefined) all["x-amzn-fragment-acknowledgment-required"] = ack;
      const context = `PutMedia ${JSON.stringify(all).slice(0, 600)} with ${upload.what} (${upload.bytes.byteLength} bytes)`;
      const answer = await sendRequest({
        method: "POST",
        path: "/putMedia",
        target: null,
        service: "kinesisvideo",
        body: { mutation: upload.what, contentType: "application/json", body: upload.bytes },
        headers: all,
        signEmptyPayload: true,
      });
      const outcome = expectRestJsonAnswer(answer, context, ERROR_STATUS);
      // The acks, read to their end: one JSON object a line, each an event AWS names.
      if (outcome === "success") {
        for (const line of new TextDecoder().decode(answer.bytes).split("\n").filter((text) => text.trim() !== "")) {
          const ack = JSON.parse(line) as { EventType?: unknown };
          expect(["BUFFERING", "RECEIVED", "PERSISTED", "ERROR", "IDLE"], `${context}\nacked ${line}`).toContain(ack.EventType);
        }
      }
      return { outcome, context };
    });
  }, timeoutFor(STREAMING_RUNS));
});

// ---------------------------------------------------------------------------------------------
// The protocol around the operations

describe("Video: the protocol around the operations", () => {
  const request = fc.record({
    method: fc.constantFrom("POST", "POST", "GET", "PUT", "DELETE", "PATCH"),
    path: fc.constantFrom("/createStream", "/describeStream", "/listStreams", "/getMedia", "/putMedia", "/listFragments", "/getClip", "/hls/v1/getHLSMasterPlaylist.m3u8", "/createstream", "/describeStream/", "/describeStream/x", "/unknown", "/%2e%2e/describeStream", "/"),
    contentType: fc.constantFrom("application/json", "", "text/plain", AMZ_JSON),
    body: fc.constantFrom("{}", "", "[]", '{"StreamName":"fuzz-video"}', "{", "null"),
    sign: fc.boolean(),
    service: fc.constantFrom("kinesisvideo", "kinesis", "s3x"),
  });

  it("answers any method, path, body and signature in Video's words, never a 5xx", async () => {
    await fuzz(request, RUNS * 10, async (input) => {
      const answer = await sendRequest({ ...input, target: null, body: { mutation: "protocol", contentType: input.contentType, body: input.body }, streamingAnswer: true });
      const context = JSON.stringify(input);
      // A request signed for another service, on no Video path, is not Video's to answer.
      if (answer.headers.get("x-amzn-ErrorType") === null && answer.status >= 400) {
        expect(answer.status, `${context}\nanswered ${answer.status}`).toBeLessThan(500);
        return;
      }
      expectRestJsonAnswer(answer, context, ERROR_STATUS);
    });
  }, timeoutFor(RUNS));
});
