#!/usr/bin/env node
// `npm run put-media`: sends video to a Kinesis video stream the way AWS's producer SDK does, for anyone
// without a camera SDK: an .mkv file, or a looping test pattern, moved to the current time (ABSOLUTE
// timecodes, or RELATIVE to a start timestamp), paced in real time like a camera or as fast as possible,
// over one PutMedia upload whose acknowledgements are printed as they arrive (one JSON line each, as AWS
// writes them). See put-media/producer.mjs for the wire format and put-media/mkv.mjs for the Matroska.
//
//   npm run put-media -- --stream NAME [--file video.mkv | --test-pattern] [options]
//
// The file must be H.264 (or H.265) in Matroska with a key frame at the start of each Cluster (one Cluster
// per fragment), as `ffmpeg ... -cluster_time_limit 999 out.mkv` writes it with a key frame every second.
// Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (any value works against `npm start`
// without keys), the region from AWS_REGION or AWS_DEFAULT_REGION.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { fragmentBytes, loopLength, readMatroska, streamStart, tagsBytes } from "./put-media/mkv.mjs";
import { callVideo, openPutMedia, putMediaEndpoint } from "./put-media/producer.mjs";

const USAGE = `Usage: npm run put-media -- --stream NAME [--file video.mkv | --test-pattern] [options]

  --stream NAME        the video stream to send to
  --file PATH          an .mkv file (H.264/H.265, one Cluster per key frame)
  --test-pattern       a 10 s moving test pattern, looped (the default when no --file is given)
  --endpoint-url URL   the service (default $RIVULET_ENDPOINT or http://127.0.0.1:4567); PutMedia goes to
                       the endpoint GetDataEndpoint answers, as AWS's SDK does
  --region REGION      default $AWS_REGION, $AWS_DEFAULT_REGION or us-east-1
  --fast               send as fast as the service takes it (default: in real time, as a camera would)
  --loop N             passes over the video (default: 1 for a file, endless for the test pattern)
  --duration SECONDS   stop after this much video
  --relative           RELATIVE timecodes from x-amzn-producer-start-timestamp (default ABSOLUTE)
  --upload-fragments N end each PutMedia upload after N fragments and start the next (default: one upload
                       for everything); for proxies that hold the acks until an upload ends
  --fragment-tag NAME[=VALUE]
                       fragment metadata sent before every fragment (repeatable), as the producer SDK's
                       putKinesisVideoFragmentMetadata / putKinesisVideoEventMetadata send it: e.g.
                       AWS_KINESISVIDEO_IMAGE_GENERATION, AWS_KINESISVIDEO_NOTIFICATION, camera=front-door
  --create             create the stream (24 hours of retention) if it does not exist
  --quiet              print only the summary, not each acknowledgement
  --help               this text
`;

const TEST_PATTERN = fileURLToPath(new URL("put-media/test-pattern.mkv", import.meta.url));

function options() {
  const { values } = parseArgs({
    options: {
      stream: { type: "string" },
      file: { type: "string" },
      "test-pattern": { type: "boolean", default: false },
      "endpoint-url": { type: "string" },
      region: { type: "string" },
      fast: { type: "boolean", default: false },
      loop: { type: "string" },
      duration: { type: "string" },
      relative: { type: "boolean", default: false },
      "upload-fragments": { type: "string" },
      "fragment-tag": { type: "string", multiple: true, default: [] },
      create: { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help || !values.stream || (values.file && values["test-pattern"])) {
    process.stderr.write(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const pattern = !values.file;
  const number = (text, name) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0) {
      process.stderr.write(`--${name} must be a positive number\n`);
      process.exit(2);
    }
    return value;
  };
  return {
    streamName: values.stream,
    file: values.file ?? TEST_PATTERN,
    endpoint: values["endpoint-url"] ?? process.env.RIVULET_ENDPOINT ?? "http://127.0.0.1:4567",
    region: values.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1",
    credentials: {
      accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? "AKIDPUTMEDIA",
      secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? "put-media-local",
      sessionToken: process.env.AWS_SESSION_TOKEN,
    },
    realtime: !values.fast,
    loops: values.loop === undefined ? (pattern ? Infinity : 1) : number(values.loop, "loop"),
    durationMs: values.duration === undefined ? Infinity : number(values.duration, "duration") * 1000,
    timecodeType: values.relative ? "RELATIVE" : "ABSOLUTE",
    perUpload: values["upload-fragments"] === undefined ? Infinity : number(values["upload-fragments"], "upload-fragments"),
    create: values.create,
    quiet: values.quiet,
    fragmentTags: values["fragment-tag"].map((tag) => {
      const at = tag.indexOf("=");
      return at < 0 ? [tag, ""] : [tag.slice(0, at), tag.slice(at + 1)];
    }),
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function ensureStream(service, streamName) {
  try {
    await callVideo(service, "/describeStream", { StreamName: streamName });
    return;
  } catch (error) {
    if (error.type !== "ResourceNotFoundException") throw error;
  }
  await callVideo(service, "/createStream", { StreamName: streamName, DataRetentionInHours: 24, MediaType: "video/h264" });
  for (let tries = 0; tries < 100; tries++) {
    const { StreamInfo } = await callVideo(service, "/describeStream", { StreamName: streamName });
    if (StreamInfo.Status === "ACTIVE") return;
    await sleep(100);
  }
  throw new Error(`${streamName} did not become ACTIVE`);
}

async function main() {
  const opts = options();
  const service = { endpoint: opts.endpoint, region: opts.region, credentials: opts.credentials };
  const file = readMatroska(new Uint8Array(readFileSync(opts.file)));
  if (opts.create) await ensureStream(service, opts.streamName);
  const dataEndpoint = await putMediaEndpoint(service, opts.streamName);

  const msPerUnit = file.timecodeScale / 1e6;
  const startMs = Date.now();
  const base = opts.timecodeType === "ABSOLUTE" ? Math.round(startMs / msPerUnit) : 0;
  const counts = { BUFFERING: 0, RECEIVED: 0, PERSISTED: 0, ERROR: 0, IDLE: 0 };
  let stopping = false;
  process.once("SIGINT", () => {
    process.stderr.write("\nstopping: ending the upload and waiting for its last acknowledgements\n");
    stopping = true;
  });

  /** One PutMedia upload: its body is written through `send`; `finish` ends it and waits for its acks. */
  const openUpload = () => {
    const upload = openPutMedia({ dataEndpoint, region: opts.region, credentials: opts.credentials, streamName: opts.streamName, timecodeType: opts.timecodeType, producerStartMs: startMs });
    const reading = (async () => {
      for await (const { ack } of upload.acks()) {
        counts[ack.EventType] = (counts[ack.EventType] ?? 0) + 1;
        if (!opts.quiet || ack.EventType === "ERROR") process.stdout.write(`${JSON.stringify(ack)}\n`);
        if (ack.EventType === "ERROR") stopping = true;
      }
    })();
    return {
      upload,
      sent: 0,
      async finish() {
        await upload.end();
        await reading.catch((error) => {
          process.stderr.write(`${error.message}\n`);
          counts.ERROR += 1;
          stopping = true;
        });
      },
    };
  };

  let fragments = 0;
  let bytes = 0;
  let current;
  const send = async (chunk, fragment = true) => {
    if (!current) {
      current = openUpload();
      const start = streamStart(file);
      bytes += start.length;
      await current.upload.write(start);
    }
    bytes += chunk.length;
    await current.upload.write(chunk);
    if (!fragment) return;
    current.sent += 1;
    if (current.sent >= opts.perUpload) {
      const finished = current;
      current = undefined;
      await finished.finish();
    }
  };
  try {
    const first = file.clusters[0].timecode;
    const loop = loopLength(file);
    outer: for (let pass = 0; pass < opts.loops; pass++) {
      for (const [index, cluster] of file.clusters.entries()) {
        if (stopping) break outer;
        const relative = cluster.timecode - first + pass * loop;
        if (relative * msPerUnit >= opts.durationMs) break outer;
        // A camera sends a fragment as it is captured: it is all there once its time has passed.
        const next = file.clusters[index + 1]?.timecode ?? first + loop;
        if (opts.realtime) await sleep(startMs + (relative + next - cluster.timecode) * msPerUnit - Date.now());
        if (stopping) break outer;
        if (opts.fragmentTags.length > 0) await send(tagsBytes(opts.fragmentTags), false);
        await send(fragmentBytes(cluster, base + relative));
        fragments += 1;
      }
    }
  } finally {
    await current?.finish();
  }
  const seconds = (Date.now() - startMs) / 1000;
  process.stderr.write(
    `sent ${fragments} fragments (${(bytes / 1e6).toFixed(2)} MB) to ${opts.streamName} in ${seconds.toFixed(1)} s: ` +
      `${counts.BUFFERING} BUFFERING, ${counts.RECEIVED} RECEIVED, ${counts.PERSISTED} PERSISTED, ${counts.ERROR} ERROR\n`,
  );
  return counts.ERROR > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`put-media: ${error.message}\n`);
    process.exit(1);
  },
);
