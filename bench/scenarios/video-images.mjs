// Kinesis Video Streams' pictures, Rivulet only (the other servers do not serve Video).
//
// video-images: GetImages as a client gets them: a stored video (the 320x240 test video, 3 s, and the 1280x720
//   one, 2 s, test/fixtures/video) asked for JPEG images (quality 80, the stream's size) every 200 ms over its
//   whole length, request after request; images per second from request to answer, so decoding from each
//   fragment's key frame, JPEG encoding, base64 and the HTTP answer all count.
// video-motion: movement alerts: a stream configured to detect movement (pictures every 200 ms) into a Kinesis
//   data stream; the moving test pattern (scripts/put-media/test-pattern.mkv) is sent one fragment at a time over
//   one upload, as a camera sends, and for each, the time from its PERSISTED ack to its first movement event read
//   from the Kinesis stream (GetRecords polled every 10 ms, as a consumer would): decoding, detection, the
//   picture's JPEG and the Kinesis write, plus the consumer's polling; and from the bytes completing it.

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { DescribeStreamSummaryCommand, GetRecordsCommand, GetShardIteratorCommand } from "@aws-sdk/client-kinesis";
import { createActiveStream, deleteStreamQuietly, makeClient, Unsupported } from "../client.mjs";
import { percentiles, nowMs } from "../stats.mjs";
import { fragmentBytes, loopLength, readMatroska, streamStart } from "../../scripts/put-media/mkv.mjs";
import { callVideo, openPutMedia } from "../../scripts/put-media/producer.mjs";

const CREDENTIALS = { accessKeyId: "bench", secretAccessKey: "bench" };
const REGION = "us-east-1";
const fixture = (path) => readMatroska(new Uint8Array(readFileSync(fileURLToPath(new URL(path, import.meta.url)))));
const SMALL = fixture("../../test/fixtures/video/baseline.mkv");
const HD = fixture("../../test/fixtures/video/high-720p.mkv");
const PATTERN = fixture("../../scripts/put-media/test-pattern.mkv");
let counter = 0;

/** @param {string} server */
function rivuletOnly(server) {
  if (server !== "rivulet") throw new Unsupported(`${server} does not serve Kinesis Video Streams (not measured)`);
}

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

async function deleteQuietly(stream) {
  try {
    await callVideo(stream.service, "/deleteStream", { StreamARN: stream.arn });
  } catch {
    // best effort
  }
}

/** The fragments of `file` looped `passes` times as PutMedia bytes, ABSOLUTE timecodes from `base` (ms). */
function fragments(file, passes, base) {
  const first = file.clusters[0].timecode;
  const loop = loopLength(file);
  const out = [];
  for (let pass = 0; pass < passes; pass++) for (const cluster of file.clusters) out.push(fragmentBytes(cluster, base + cluster.timecode - first + pass * loop));
  return out;
}

/** Sends a whole file in one upload; resolves once every fragment is PERSISTED. */
async function store(stream, file, base) {
  const put = openPutMedia({ dataEndpoint: stream.service.endpoint, region: REGION, credentials: CREDENTIALS, streamName: stream.streamName });
  const acks = (async () => {
    for await (const { ack } of put.acks()) if (ack.EventType === "ERROR") throw new Error(`PutMedia ERROR ${ack.ErrorId}`);
  })();
  for (const part of [streamStart(file), ...fragments(file, 1, base)]) await put.write(part);
  await put.end();
  await acks;
}

/** @param {boolean} quick */
const imageSettings = (quick) => (quick ? { requests: 3 } : { requests: 20 });

/** @type {import("./index.mjs").Scenario} */
export const videoImages = {
  name: "video-images",
  title: "Kinesis Video GetImages",
  describe: (quick) =>
    `GetImages, JPEG every 200 ms over a stored video at 320x240 (3 s) and at 1280x720 (2 s), ${imageSettings(quick).requests} requests each, one at a time`,
  figures: [
    { key: "small", label: "GetImages JPEG 320x240", unit: "images/s", better: "higher" },
    { key: "hd", label: "GetImages JPEG 1280x720", unit: "images/s", better: "higher" },
  ],
  timeLimitMs: (quick) => (quick ? 120_000 : 600_000),
  async run({ server, endpoint, quick, signal }) {
    rivuletOnly(server);
    const { requests } = imageSettings(quick);
    const streams = [];
    try {
      const figures = {};
      const details = {};
      for (const [key, file] of [["small", SMALL], ["hd", HD]]) {
        const stream = await createVideoStream(endpoint, `images-${key}`);
        streams.push(stream);
        const base = Date.now() - 60_000;
        await store(stream, file, base);
        const span = loopLength(file) * (file.timecodeScale / 1e6);
        let images = 0;
        const started = nowMs();
        for (let i = 0; i < requests; i++) {
          signal.throwIfAborted();
          const answer = await callVideo(stream.service, "/getImages", {
            StreamName: stream.streamName,
            ImageSelectorType: "PRODUCER_TIMESTAMP",
            StartTimestamp: base / 1000,
            EndTimestamp: (base + span - 1) / 1000,
            SamplingInterval: 200,
            Format: "JPEG",
            MaxResults: 25,
          });
          const made = (answer.Images ?? []).filter((image) => image.ImageContent).length;
          if (made === 0) throw new Error("GetImages answered no image");
          images += made;
        }
        const seconds = (nowMs() - started) / 1000;
        figures[key] = images / seconds;
        details[`${key}ImagesPerRequest`] = images / requests;
      }
      return { figures, details };
    } finally {
      for (const stream of streams) await deleteQuietly(stream);
    }
  },
};

/** @param {boolean} quick */
const motionSettings = (quick) => (quick ? { fragments: 8 } : { fragments: 40 });

/** @type {import("./index.mjs").Scenario} */
export const videoMotion = {
  name: "video-motion",
  title: "Kinesis Video movement alerts",
  describe: (quick) =>
    `${motionSettings(quick).fragments} fragments of the moving test pattern (480x270) one at a time to a stream detecting movement every 200 ms; ` +
    `from each fragment's PERSISTED ack to its first movement event read from a Kinesis stream`,
  figures: [
    { key: "motionP50", label: "PERSISTED to movement event p50", unit: "ms", better: "lower" },
    { key: "motionP99", label: "PERSISTED to movement event p99", unit: "ms", better: "lower" },
    { key: "lastByteP50", label: "fragment's last byte to movement event p50", unit: "ms", better: "lower" },
    { key: "lastByteP99", label: "fragment's last byte to movement event p99", unit: "ms", better: "lower" },
  ],
  timeLimitMs: (quick) => (quick ? 120_000 : 600_000),
  async run({ server, endpoint, quick, signal }) {
    rivuletOnly(server);
    const count = motionSettings(quick).fragments;
    const kinesis = makeClient(endpoint);
    const alerts = await createActiveStream(kinesis, "motion-alerts", 1);
    const { StreamDescriptionSummary: summary } = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: alerts.streamName }));
    const stream = await createVideoStream(endpoint, "motion");
    await callVideo(stream.service, "/updateMotionDetectionConfiguration", {
      StreamName: stream.streamName,
      MotionDetectionConfiguration: { Status: "ENABLED", SamplingInterval: 200, DestinationConfig: { Uri: summary.StreamARN } },
    });
    const { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName: alerts.streamName, ShardId: alerts.shardIds[0], ShardIteratorType: "LATEST" }));
    /** @type {Map<string, number>} */ const eventAt = new Map();
    /** @type {Map<string, number>} */ const persistedAt = new Map();
    let polling = true;
    const poller = (async () => {
      let iterator = ShardIterator;
      while (polling && iterator) {
        const answer = await kinesis.send(new GetRecordsCommand({ ShardIterator: iterator }));
        const at = nowMs();
        for (const record of answer.Records ?? []) {
          const event = JSON.parse(Buffer.from(record.Data).toString("utf8"));
          if (!eventAt.has(event.FragmentNumber)) eventAt.set(event.FragmentNumber, at);
        }
        iterator = answer.NextShardIterator;
        await sleep(10);
      }
    })();
    const body = fragments(PATTERN, Math.ceil((count + 1) / PATTERN.clusters.length), Date.now());
    const delays = [];
    const fromLastByte = [];
    // One upload, as a camera keeps it open; a fragment of unknown size is complete once the next one starts.
    const put = openPutMedia({ dataEndpoint: endpoint, region: REGION, credentials: CREDENTIALS, streamName: stream.streamName });
    let ackError;
    const acks = (async () => {
      for await (const { ack, at } of put.acks()) {
        if (ack.EventType === "PERSISTED") persistedAt.set(ack.FragmentNumber, at);
        if (ack.EventType === "ERROR") ackError = new Error(`PutMedia ERROR ${ack.ErrorId}`);
      }
    })();
    try {
      await put.write(streamStart(PATTERN));
      await put.write(body[0]);
      for (let i = 0; i < count; i++) {
        signal.throwIfAborted();
        if (ackError) throw ackError;
        // The next fragment's first bytes complete this one.
        const completed = nowMs();
        await put.write(body[i + 1]);
        const number = await waitFor(() => [...persistedAt.keys()][i], signal);
        const event = await waitFor(() => eventAt.get(number), signal, 30_000);
        delays.push(event - (persistedAt.get(number) ?? 0));
        fromLastByte.push(event - completed);
      }
      const p = percentiles(delays, [50, 99]);
      const q = percentiles(fromLastByte, [50, 99]);
      return {
        figures: { motionP50: p.p50, motionP99: p.p99, lastByteP50: q.p50, lastByteP99: q.p99 },
        details: { fragments: delays.length },
        notes: ["video-motion: a fragment's work shares the isolate with its upload, so its PERSISTED ack can reach the producer while its pictures are being decoded; the last-byte figures include both"],
      };
    } finally {
      polling = false;
      put.abort();
      await Promise.allSettled([acks, poller]);
      await deleteQuietly(stream);
      await deleteStreamQuietly(kinesis, alerts.streamName);
    }
  },
};

/** Polls `get` until it answers a value (or `timeoutMs` passes). */
async function waitFor(get, signal, timeoutMs = 60_000) {
  const deadline = nowMs() + timeoutMs;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    signal.throwIfAborted();
    if (nowMs() > deadline) throw new Error("timed out waiting");
    await sleep(1);
  }
}
