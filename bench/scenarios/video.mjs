// Kinesis Video Streams, Rivulet only (the other servers do not serve it, so their cells read "n/a"). Video is
// sent as AWS's producer SDK sends it, with the producer of `npm run put-media` (scripts/put-media/).
//
// video-ingest: PutMedia throughput: a 720p H.264 video (test/fixtures/video/high-720p.mkv, 2 fragments of
//   ~160 KB) looped and sent as fast as the server takes it over one upload, then over 4 uploads to 4 streams
//   at once; MiB of media over the time from the first byte to the last fragment's PERSISTED ack.
// video-latency: one fragment at a time (the test pattern, ~20 KB each); once a fragment is sent and
//   BUFFERING, the first bytes of the next are written (a fragment of unknown size is complete when the next
//   one starts, as the SDK sends them); from that moment, the time until (a) its PERSISTED ack, (b) its chunk
//   has arrived whole at a GetMedia reader started at NOW, (c) a LIVE HLS media playlist, fetched every
//   10 ms, lists it.
// video-serving: what players get from a stored stream: HLS media fragments fetched by 8 players at once,
//   and GetClip of 10 one-second fragments, one after another.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { createHash } from "node:crypto";
import { Unsupported } from "../client.mjs";
import { percentiles, nowMs } from "../stats.mjs";
import { fragmentBytes, loopLength, readMatroska, streamStart } from "../../scripts/put-media/mkv.mjs";
import { callVideo, openPutMedia, sign } from "../../scripts/put-media/producer.mjs";

const CREDENTIALS = { accessKeyId: "bench", secretAccessKey: "bench" };
const REGION = "us-east-1";
const HD = readMatroska(new Uint8Array(readFileSync(fileURLToPath(new URL("../../test/fixtures/video/high-720p.mkv", import.meta.url)))));
const PATTERN = readMatroska(new Uint8Array(readFileSync(fileURLToPath(new URL("../../scripts/put-media/test-pattern.mkv", import.meta.url)))));
const MiB = 1024 * 1024;
let counter = 0;

/** @param {string} server */
function rivuletOnly(server) {
  if (server !== "rivulet") throw new Unsupported(`${server} does not serve Kinesis Video Streams (not measured)`);
}

/** @param {string} endpoint @param {string} purpose */
async function createVideoStream(endpoint, purpose) {
  const service = { endpoint, region: REGION, credentials: CREDENTIALS };
  const streamName = `bench-video-${purpose}-${Date.now().toString(36)}-${++counter}`;
  await callVideo(service, "/createStream", { StreamName: streamName, DataRetentionInHours: 1 });
  for (;;) {
    const { StreamInfo } = await callVideo(service, "/describeStream", { StreamName: streamName });
    if (StreamInfo.Status === "ACTIVE") return { service, streamName, arn: StreamInfo.StreamARN };
    await sleep(50);
  }
}

/** @param {{ service: object, arn: string }} stream */
async function deleteQuietly(stream) {
  try {
    await callVideo(stream.service, "/deleteStream", { StreamARN: stream.arn });
  } catch {
    // best effort
  }
}

/** The fragments of `file` looped `passes` times, as PutMedia bytes, with ABSOLUTE timecodes from now. */
function fragments(file, passes) {
  const base = Date.now();
  const first = file.clusters[0].timecode;
  const loop = loopLength(file);
  const out = [];
  for (let pass = 0; pass < passes; pass++) for (const cluster of file.clusters) out.push(fragmentBytes(cluster, base + cluster.timecode - first + pass * loop));
  return out;
}

/** Sends every fragment as fast as the upload takes them; resolves with the bytes sent once all are PERSISTED. */
async function upload(stream, file, passes) {
  const body = fragments(file, passes);
  const put = openPutMedia({ dataEndpoint: stream.service.endpoint, region: REGION, credentials: CREDENTIALS, streamName: stream.streamName });
  let persisted = 0;
  const acks = (async () => {
    for await (const { ack } of put.acks()) {
      if (ack.EventType === "ERROR") throw new Error(`PutMedia ERROR ${ack.ErrorId}`);
      if (ack.EventType === "PERSISTED") persisted++;
    }
  })();
  let bytes = 0;
  for (const part of [streamStart(file), ...body]) {
    bytes += part.length;
    await put.write(part);
  }
  await put.end();
  await acks;
  if (persisted !== body.length) throw new Error(`${persisted} of ${body.length} fragments PERSISTED`);
  return bytes;
}

/** @param {boolean} quick */
const ingestSettings = (quick) => (quick ? { passes: 10, streams: 4 } : { passes: 100, streams: 4 });

/** @type {import("./index.mjs").Scenario} */
export const videoIngest = {
  name: "video-ingest",
  title: "Kinesis Video PutMedia ingest",
  describe: (quick) =>
    `a 720p H.264 video (2 fragments of ~160 KB) looped ${ingestSettings(quick).passes} times as fast as PutMedia takes it, ` +
    `over one upload, then ${ingestSettings(quick).streams} uploads to ${ingestSettings(quick).streams} streams at once; first byte to last PERSISTED`,
  figures: [
    { key: "oneStream", label: "PutMedia ingest, 1 stream", unit: "MiB/s", better: "higher" },
    { key: "fourStreams", label: "PutMedia ingest, 4 streams at once", unit: "MiB/s", better: "higher" },
  ],
  timeLimitMs: (quick) => (quick ? 120_000 : 600_000),
  async run({ server, endpoint, quick, signal }) {
    rivuletOnly(server);
    const { passes, streams: count } = ingestSettings(quick);
    const streams = [];
    try {
      for (let i = 0; i <= count; i++) streams.push(await createVideoStream(endpoint, "ingest"));
      signal.throwIfAborted();
      let started = nowMs();
      const oneBytes = await upload(streams[0], HD, passes);
      const oneSeconds = (nowMs() - started) / 1000;
      signal.throwIfAborted();
      started = nowMs();
      const manyBytes = (await Promise.all(streams.slice(1).map((stream) => upload(stream, HD, passes)))).reduce((sum, bytes) => sum + bytes, 0);
      const manySeconds = (nowMs() - started) / 1000;
      return {
        figures: { oneStream: oneBytes / MiB / oneSeconds, fourStreams: manyBytes / MiB / manySeconds },
        details: {
          fragmentsPerUpload: passes * HD.clusters.length,
          oneStreamFragmentsPerSecond: (passes * HD.clusters.length) / oneSeconds,
          fourStreamsFragmentsPerSecond: (count * passes * HD.clusters.length) / manySeconds,
        },
      };
    } finally {
      for (const stream of streams) await deleteQuietly(stream);
    }
  },
};

/** A GetMedia reader from NOW: calls `onChunk(fragmentNumber, at)` as each chunk arrives whole. */
async function openReader(stream, onChunk) {
  const url = new URL("/getMedia", stream.service.endpoint);
  const body = JSON.stringify({ StreamName: stream.streamName, StartSelector: { StartSelectorType: "NOW" } });
  const headers = sign({ method: "POST", url, headers: { "content-type": "application/json" }, payloadHash: createHash("sha256").update(body).digest("hex"), region: REGION, credentials: CREDENTIALS });
  const controller = new AbortController();
  const response = await fetch(url, { method: "POST", headers, body, signal: controller.signal });
  if (!response.ok || !response.body) throw new Error(`GetMedia: HTTP ${response.status}`);
  const reader = response.body.getReader();
  const done = (async () => {
    let text = "";
    // A chunk ends with its continuation token, the fragment's 47-digit number: once that is here, it is whole.
    const tokens = /AWS_KINESISVIDEO_CONTINUATION_TOKEN[\s\S]{1,12}?(\d{47})/g;
    for (;;) {
      const { done: ended, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
      if (ended) return;
      const at = nowMs();
      text += Buffer.from(value).toString("latin1");
      tokens.lastIndex = 0;
      let last = 0;
      for (let match = tokens.exec(text); match; match = tokens.exec(text)) {
        onChunk(match[1], at);
        last = tokens.lastIndex;
      }
      text = text.slice(last);
    }
  })();
  return { close: () => controller.abort(), done };
}

/** A LIVE HLS media playlist's URL. */
async function livePlaylist(stream) {
  const { HLSStreamingSessionURL: url } = await callVideo(stream.service, "/getHLSStreamingSessionURL", { StreamName: stream.streamName, PlaybackMode: "LIVE", Expires: 3600 });
  const master = await (await fetch(url)).text();
  const line = master.split("\n").find((each) => each.startsWith("getHLSMediaPlaylist"));
  return new URL(line, url).toString();
}

/** @param {boolean} quick */
const latencySettings = (quick) => (quick ? { fragments: 20 } : { fragments: 200 });

/** @type {import("./index.mjs").Scenario} */
export const videoLatency = {
  name: "video-latency",
  title: "Kinesis Video fragment latency",
  describe: (quick) =>
    `${latencySettings(quick).fragments} fragments of the test pattern (~20 KB) one at a time; from the bytes that complete a fragment to ` +
    `its PERSISTED ack, its GetMedia chunk (reader at NOW) and its listing in a LIVE HLS playlist polled every 10 ms`,
  figures: [
    { key: "persistedP50", label: "PutMedia last byte to PERSISTED p50", unit: "ms", better: "lower" },
    { key: "persistedP99", label: "PutMedia last byte to PERSISTED p99", unit: "ms", better: "lower" },
    { key: "getMediaP50", label: "last byte to GetMedia reader p50", unit: "ms", better: "lower" },
    { key: "getMediaP99", label: "last byte to GetMedia reader p99", unit: "ms", better: "lower" },
    { key: "hlsP50", label: "last byte to LIVE HLS playlist p50", unit: "ms", better: "lower" },
  ],
  timeLimitMs: (quick) => (quick ? 120_000 : 600_000),
  async run({ server, endpoint, quick, signal, progress }) {
    rivuletOnly(server);
    const count = latencySettings(quick).fragments;
    const stream = await createVideoStream(endpoint, "latency");
    const passes = Math.ceil((count + 2) / PATTERN.clusters.length);
    const body = fragments(PATTERN, passes);
    /** @type {Map<string, number>} */ const persistedAt = new Map();
    /** @type {Map<string, number>} */ const readAt = new Map();
    /** @type {Map<string, number>} */ const listedAt = new Map();
    /** @type {Map<number, string>} */ const numberOf = new Map();
    const put = openPutMedia({ dataEndpoint: endpoint, region: REGION, credentials: CREDENTIALS, streamName: stream.streamName });
    let ackError;
    const acks = (async () => {
      for await (const { ack, at } of put.acks()) {
        if (ack.EventType === "BUFFERING") numberOf.set(ack.FragmentTimecode, ack.FragmentNumber);
        if (ack.EventType === "PERSISTED") persistedAt.set(ack.FragmentNumber, at);
        if (ack.EventType === "ERROR") ackError = new Error(`PutMedia ERROR ${ack.ErrorId}`);
      }
    })();
    const reader = await openReader(stream, (number, at) => {
      if (!readAt.has(number)) readAt.set(number, at);
    });
    let playlistUrl;
    let polling = true;
    const poller = (async () => {
      while (polling) {
        if (!playlistUrl) {
          await sleep(20);
          continue;
        }
        const text = await (await fetch(playlistUrl)).text();
        const at = nowMs();
        for (const match of text.matchAll(/FragmentNumber=(\d+)/g)) if (!listedAt.has(match[1])) listedAt.set(match[1], at);
        // A player refreshes once a second; every 10 ms is enough to time it without crowding the other readings.
        await sleep(10);
      }
    })();
    const persisted = [];
    const read = [];
    const listed = [];
    const bar = progress("video-latency", count);
    const timecodeOf = (bytes) => Number(new DataView(bytes.buffer, bytes.byteOffset + 14, 8).getBigUint64(0));
    try {
      await put.write(streamStart(PATTERN));
      const head = (bytes) => bytes.subarray(0, 12);
      await put.write(body[0]);
      for (let i = 0; i <= count; i++) {
        signal.throwIfAborted();
        if (ackError) throw ackError;
        // All of fragment i but its first 12 bytes (sent with the one before), then, once it is BUFFERING,
        // the first bytes of i + 1: the moment those are written, fragment i is complete.
        if (i > 0) await put.write(body[i].subarray(12));
        const number = await waitFor(() => numberOf.get(timecodeOf(body[i])), signal);
        const started = nowMs();
        await put.write(head(body[i + 1]));
        if (i === 0) {
          // Fragment 0 only opens the LIVE session; it is not measured.
          await waitFor(() => persistedAt.get(number), signal);
          playlistUrl = await livePlaylist(stream);
          continue;
        }
        persisted.push((await waitFor(() => persistedAt.get(number), signal)) - started);
        read.push((await waitFor(() => readAt.get(number), signal)) - started);
        listed.push((await waitFor(() => listedAt.get(number), signal)) - started);
        bar.set(i);
        await sleep(50);
      }
      const p = (samples) => percentiles(samples, [50, 99]);
      return {
        figures: {
          persistedP50: p(persisted).p50,
          persistedP99: p(persisted).p99,
          getMediaP50: p(read).p50,
          getMediaP99: p(read).p99,
          hlsP50: p(listed).p50,
        },
        details: { fragments: persisted.length, hlsP99: p(listed).p99 },
      };
    } finally {
      polling = false;
      reader.close();
      put.abort();
      await Promise.allSettled([acks, poller, reader.done]);
      await deleteQuietly(stream);
    }
  },
};

/** Polls `get` until it answers a value. */
async function waitFor(get, signal) {
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    signal.throwIfAborted();
    await sleep(1);
  }
}

/** @param {boolean} quick */
const servingSettings = (quick) => (quick ? { forMs: 3_000, players: 8 } : { forMs: 20_000, players: 8 });

/** @type {import("./index.mjs").Scenario} */
export const videoServing = {
  name: "video-serving",
  title: "Kinesis Video HLS and GetClip serving",
  describe: (quick) =>
    `a stored 10 s test pattern (10 fragments); ${servingSettings(quick).players} players fetch its HLS media fragments over and over for ` +
    `${servingSettings(quick).forMs / 1000} s, then GetClip of all 10 fragments one after another for as long`,
  figures: [
    { key: "segmentsPerSecond", label: "HLS media fragments served", unit: "requests/s", better: "higher" },
    { key: "segmentMiBPerSecond", label: "HLS media fragments served", unit: "MiB/s", better: "higher" },
    { key: "clipsPerSecond", label: "GetClip of 10 s (10 fragments)", unit: "requests/s", better: "higher" },
  ],
  timeLimitMs: (quick) => 2 * servingSettings(quick).forMs + 60_000,
  async run({ server, endpoint, quick, signal }) {
    rivuletOnly(server);
    const { forMs, players } = servingSettings(quick);
    const stream = await createVideoStream(endpoint, "serving");
    try {
      await upload(stream, PATTERN, 1);
      const range = { StartTimestamp: (Date.now() - 3_600_000) / 1000, EndTimestamp: (Date.now() - 1) / 1000 };
      const selector = { FragmentSelectorType: "SERVER_TIMESTAMP", TimestampRange: range };
      const { HLSStreamingSessionURL: url } = await callVideo(stream.service, "/getHLSStreamingSessionURL", {
        StreamName: stream.streamName,
        PlaybackMode: "ON_DEMAND",
        Expires: 3600,
        HLSFragmentSelector: selector,
      });
      const master = await (await fetch(url)).text();
      const playlistUrl = new URL(master.split("\n").find((line) => line.startsWith("getHLSMediaPlaylist")), url);
      const playlist = await (await fetch(playlistUrl)).text();
      const segments = playlist.split("\n").filter((line) => line.startsWith("getMP4MediaFragment")).map((line) => new URL(line, playlistUrl).toString());
      let served = 0;
      let bytes = 0;
      let stopAt = Date.now() + forMs;
      let started = nowMs();
      await Promise.all(
        Array.from({ length: players }, async (_, player) => {
          for (let i = player; Date.now() < stopAt; i++) {
            signal.throwIfAborted();
            const response = await fetch(segments[i % segments.length]);
            if (!response.ok) throw new Error(`segment: HTTP ${response.status}`);
            bytes += (await response.arrayBuffer()).byteLength;
            served++;
          }
        }),
      );
      const segmentSeconds = (nowMs() - started) / 1000;
      let clips = 0;
      stopAt = Date.now() + forMs;
      started = nowMs();
      const clipUrl = new URL("/getClip", endpoint);
      const clipBody = JSON.stringify({ StreamName: stream.streamName, ClipFragmentSelector: selector });
      const hash = createHash("sha256").update(clipBody).digest("hex");
      while (Date.now() < stopAt) {
        signal.throwIfAborted();
        const headers = sign({ method: "POST", url: clipUrl, headers: { "content-type": "application/json" }, payloadHash: hash, region: REGION, credentials: CREDENTIALS });
        const response = await fetch(clipUrl, { method: "POST", headers, body: clipBody });
        if (!response.ok) throw new Error(`GetClip: HTTP ${response.status} ${await response.text()}`);
        await response.arrayBuffer();
        clips++;
      }
      const clipSeconds = (nowMs() - started) / 1000;
      return {
        figures: { segmentsPerSecond: served / segmentSeconds, segmentMiBPerSecond: bytes / MiB / segmentSeconds, clipsPerSecond: clips / clipSeconds },
        details: { segments: served, players, clips, averageSegmentBytes: Math.round(bytes / Math.max(1, served)) },
      };
    } finally {
      await deleteQuietly(stream);
    }
  },
};
