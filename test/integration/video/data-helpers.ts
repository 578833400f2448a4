/**
 * Helpers for the Video Streams data-plane tests: PutMedia bodies laid out as AWS's producer SDK sends them
 * (from the test videos, moved to a chosen time), PutMedia requests whose body is written while the acks are
 * read, the data-plane APIs (REST-JSON), and the stream object's clock.
 */
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { exports as workersExports } from "cloudflare:workers";
import { expect } from "vitest";
import { concatBytes } from "../../../src/bytes";
import { MkvReader, producerFragment, producerStreamStart, readMkv, type Fragment, type MkvEvent } from "../../../src/video/media";
import type { VideoStream } from "../../../src/video/stream";
import { env, ENDPOINT, type TestClock } from "../client";
import { sha256, type Fixture } from "../../unit/video/fixtures";
import { streamId, video, type ErrorBody } from "./helpers";
import type { ApiResponse } from "../client";

export interface ProducerBody {
  /** EBML header, Segment, Info, Tracks. */
  start: Uint8Array;
  /** One per fragment: its Cluster (of unknown size, as the SDK sends it). */
  fragments: Uint8Array[];
  /** Each fragment's Cluster timecode as sent. */
  timecodes: number[];
  /** What was added to the video's own timecodes. */
  shift: number;
  whole: Uint8Array;
}

/** A test video as a producer sends it, its timecodes moved so that it starts at `startMs`. */
export function producerBody(fixture: Fixture, startMs: number): ProducerBody {
  const document = readMkv(fixture.bytes);
  const first = document.fragments[0]?.timecode ?? 0;
  const shift = startMs - first;
  const moved: Fragment[] = document.fragments.map((fragment) => ({
    ...fragment,
    timecode: fragment.timecode + shift,
    frames: fragment.frames.map((frame) => ({ ...frame, timecode: frame.timecode + shift })),
  }));
  const start = producerStreamStart(document.info, document.tracks);
  const fragments = moved.map((fragment) => producerFragment(fragment));
  return { start, fragments, timecodes: moved.map((fragment) => fragment.timecode), shift, whole: concatBytes([start, ...fragments]) };
}

export interface Ack {
  EventType: string;
  FragmentTimecode?: number;
  FragmentNumber?: string;
  ErrorId?: number;
}

export interface PutMediaCall {
  status: Promise<number>;
  response: Promise<Response>;
  write(bytes: Uint8Array): Promise<void>;
  end(): Promise<void>;
  /** The next ack (waits for it), or undefined once the answer has ended. */
  nextAck(): Promise<Ack | undefined>;
  /** Every ack until the answer ends. */
  allAcks(): Promise<Ack[]>;
}

const EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/** Opens a PutMedia request as the producer SDK does; its body is written through the answer's `write`. */
export function openPutMedia(headers: Record<string, string>): PutMediaCall {
  const { readable, writable } = new TransformStream<Uint8Array, Uint8Array>();
  const writer = writable.getWriter();
  const response = (async () => {
    const requestHeaders = await signedPutMediaHeaders(headers);
    return worker.fetch(new URL("/putMedia", ENDPOINT), { method: "POST", headers: requestHeaders, body: readable });
  })();
  let buffered = "";
  let reader: ReadableStreamDefaultReader<Uint8Array> | undefined;
  const decoder = new TextDecoder();
  const nextAck = async (): Promise<Ack | undefined> => {
    for (;;) {
      const newline = buffered.indexOf("\n");
      if (newline >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        return JSON.parse(line) as Ack;
      }
      reader ??= (await response).body?.getReader();
      if (!reader) return undefined;
      const { done, value } = await reader.read();
      if (done) return undefined;
      buffered += decoder.decode(value, { stream: true });
    }
  };
  return {
    response,
    status: response.then((answer) => answer.status),
    write: (bytes) => writer.write(bytes),
    end: () => writer.close(),
    nextAck,
    async allAcks() {
      const acks: Ack[] = [];
      for (let ack = await nextAck(); ack !== undefined; ack = await nextAck()) acks.push(ack);
      return acks;
    },
  };
}

/** Sends a whole body at once and answers every ack. */
export async function putMedia(streamName: string, body: Uint8Array, headers: Record<string, string> = {}): Promise<Ack[]> {
  const call = openPutMedia({ "x-amzn-stream-name": streamName, "x-amzn-fragment-timecode-type": "ABSOLUTE", ...headers });
  await call.write(body);
  await call.end();
  expect(await call.status).toBe(200);
  return call.allAcks();
}

const worker = (workersExports as unknown as { default: Fetcher }).default;

/**
 * The headers producer-c sends, signed as it signs them: every header but content-type (the payload hash
 * is the empty string's), including `connection` and `transfer-encoding`, which then do not travel with the
 * request here (the runtime frames the body itself), as a proxy would drop them.
 */
async function signedPutMediaHeaders(extra: Record<string, string>): Promise<Headers> {
  const headers = new Headers({
    "user-agent": "AWS-SDK-KVS-CPP-CLIENT/3.4.1 GCC/12.2.0 Linux/6.1.0 x86_64",
    "x-amzn-fragment-acknowledgment-required": "1",
    "x-amzn-producer-start-timestamp": "1700000000.0",
    connection: "keep-alive",
    "transfer-encoding": "chunked",
    ...extra,
  });
  await sign("POST", "/putMedia", headers, EMPTY_SHA256);
  headers.set("content-type", "application/json");
  headers.delete("transfer-encoding");
  headers.delete("connection");
  return headers;
}

/** SigV4 of the headers as they are, for `kinesisvideo`, with the given payload hash. */
async function sign(method: string, path: string, headers: Headers, payloadHash: string): Promise<void> {
  const stamp = new Date().toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
  const day = stamp.slice(0, 8);
  headers.set("host", new URL(ENDPOINT).host);
  headers.set("x-amz-date", stamp);
  const signed = [...headers.keys()].sort();
  const canonicalHeaders = signed.map((name) => `${name}:${(headers.get(name) ?? "").trim()}\n`).join("");
  const canonical = [method, path, "", canonicalHeaders, signed.join(";"), payloadHash].join("\n");
  const scope = `${day}/us-east-1/kinesisvideo/aws4_request`;
  const toSign = ["AWS4-HMAC-SHA256", stamp, scope, hex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical)))].join("\n");
  let key: ArrayBuffer | Uint8Array = new TextEncoder().encode("AWS4rivulet-integration-secret");
  for (const part of [day, "us-east-1", "kinesisvideo", "aws4_request"]) key = await hmac(key, part);
  const signature = hex(await hmac(key, toSign));
  headers.set("authorization", `AWS4-HMAC-SHA256 Credential=AKIDRIVULETTEST/${scope}, SignedHeaders=${signed.join(";")}, Signature=${signature}`);
}

async function hmac(key: ArrayBuffer | Uint8Array, data: string): Promise<ArrayBuffer> {
  const cryptoKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  return crypto.subtle.sign("HMAC", cryptoKey, new TextEncoder().encode(data));
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// ---------------------------------------------------------------------------------------------
// The data-plane APIs

export async function dataCall<T = ErrorBody>(path: string, input: unknown): Promise<ApiResponse<T>> {
  return video<T>(path, input);
}

/** A signed data-plane call whose answer is read by the caller (GetMedia, GetMediaForFragmentList, GetClip). */
export async function mediaCall(path: string, input: unknown): Promise<Response> {
  const body = new TextEncoder().encode(JSON.stringify(input));
  const headers = new Headers({ "content-type": "application/json" });
  await sign("POST", path, headers, hex(await crypto.subtle.digest("SHA-256", body)));
  return worker.fetch(new URL(path, ENDPOINT), { method: "POST", headers, body });
}

/** An unsigned request, as a player loads a session URL (a GET unless told otherwise). */
export async function playerGet(url: string, init?: RequestInit): Promise<Response> {
  return worker.fetch(url, init);
}

// ---------------------------------------------------------------------------------------------
// The stream object and its clock

export function videoStreamObject(id: string): DurableObjectStub<VideoStream> {
  return env.VIDEO_STREAM.get(env.VIDEO_STREAM.idFromName(id));
}

export async function useStreamClock(name: string, clock: TestClock): Promise<DurableObjectStub<VideoStream>> {
  const stub = videoStreamObject(await streamId(name));
  await runInDurableObject(stub, (instance: VideoStream) => {
    instance.clock = clock;
  });
  return stub;
}

export async function runStreamAlarm(name: string): Promise<boolean> {
  return runDurableObjectAlarm(videoStreamObject(await streamId(name)));
}

// ---------------------------------------------------------------------------------------------
// Reading GetMedia's chunks back

export interface Chunk {
  fragment: Fragment;
  /** The Tags before the Cluster (the producer's, then AWS's), by name. */
  tags: Map<string, string>;
  /** The Tags after it (MILLIS_BEHIND_NOW, CONTINUATION_TOKEN), by name. */
  after: Map<string, string>;
}

/**
 * Reads chunks from a GetMedia or GetMediaForFragmentList answer as they arrive, with the media layer's
 * Matroska reader (each chunk is a whole document), until `count` are read or the answer ends; then stops reading.
 */
export async function readChunks(response: Response, count: number): Promise<Chunk[]> {
  const reader = new MkvReader();
  const body = response.body?.getReader();
  if (!body) throw new Error("no body");
  const chunks: Chunk[] = [];
  const take = (events: MkvEvent[]) => {
    for (const event of events) {
      if (event.type === "fragment") chunks.push({ fragment: event.fragment, tags: tagMap(event.fragment.tags), after: new Map() });
      else if (event.type === "tags" && chunks.length > 0) {
        const last = chunks[chunks.length - 1];
        // Tags after a chunk's Cluster (before it, they belong to the next fragment and are read with it).
        if (last && last.after.size === 0 && event.tags.some((tag) => tag.name === "AWS_KINESISVIDEO_MILLIS_BEHIND_NOW")) last.after = tagMap(event.tags);
      }
    }
  };
  while (chunks.length < count) {
    const { done, value } = await body.read();
    if (done) {
      take(reader.end());
      break;
    }
    take(reader.push(value));
  }
  await body.cancel().catch(() => undefined);
  return chunks;
}

function tagMap(tags: readonly { name: string; value?: string }[]): Map<string, string> {
  return new Map(tags.map((tag) => [tag.name, tag.value ?? ""]));
}

/** A fragment's frames as the fixtures' ffprobe lists describe them, moved by `shift` ms. */
export async function framesOf(fragments: readonly Fragment[], shift = 0) {
  return Promise.all(
    fragments.flatMap((fragment) => fragment.frames).map(async (frame) => ({ track: frame.track, pts: frame.timecode - shift, keyframe: frame.keyframe, size: frame.data.length, sha256: await sha256(frame.data) })),
  );
}

export function expectedFrames(fixture: Fixture) {
  return fixture.frames.map(({ track, pts, keyframe, size, sha256: hash }) => ({ track, pts, keyframe, size, sha256: hash }));
}
