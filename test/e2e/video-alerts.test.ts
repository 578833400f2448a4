/**
 * A camera's stream acting on its fragments, end to end against `npm start`: image generation to R2, notifications
 * and movement alerts into Kinesis data streams read with the ordinary @aws-sdk/client-kinesis. The camera is
 * `npm run put-media` sending the baseline test video (a white square that rests until 1 s, moves right until
 * 2 s, then rests) with AWS's fragment tags. Its answer ends once its fragments' images and events are out.
 */
import type { KinesisClient, _Record } from "@aws-sdk/client-kinesis";
import {
  DescribeImageGenerationConfigurationCommand,
  DescribeNotificationConfigurationCommand,
  KinesisVideoClient,
  UpdateImageGenerationConfigurationCommand,
  UpdateNotificationConfigurationCommand,
} from "@aws-sdk/client-kinesis-video";
import { HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import jpeg from "jpeg-js";
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ACCOUNT,
  ANY_CREDENTIALS,
  createActiveStream,
  kinesisClient,
  listObjectKeys,
  objectBytes,
  readToEnd,
  REGION,
  removeDir,
  shardIterator,
  signedVideoPost,
  startServer,
  tempDir,
  uniqueName,
  type TestServer,
} from "./helpers";
import { createActiveVideoStream, firstClusterTimecode, putMediaFile, type Ack } from "./video-producer";

/** The scene: a white 48x48 square at y=96, x=40 until 1 s, 180 px/s until 2 s, then x=220 (test/fixtures/video). */
function squareLeft(sceneMs: number): number {
  return 40 + Math.min(1, Math.max(0, sceneMs / 1000 - 1)) * 180;
}

/** When the picture on screen at `sceneMs` was taken: the video has 15 frames a second. */
function shownAt(sceneMs: number): number {
  return Math.floor((sceneMs * 15) / 1000) * (1000 / 15);
}

/** The left edge of the white pixels on the square's middle row, in a picture of `width` x `height`. */
function whiteLeft(bytes: Uint8Array): { left: number; width: number; height: number } {
  const picture = jpeg.decode(bytes, { useTArray: true });
  const row = Math.round(((96 + 24) * picture.height) / 240);
  for (let x = 0; x < picture.width; x++) {
    const at = (row * picture.width + x) * 4;
    if ((picture.data[at] ?? 0) > 200 && (picture.data[at + 1] ?? 0) > 200 && (picture.data[at + 2] ?? 0) > 200) return { left: x, width: picture.width, height: picture.height };
  }
  return { left: -1, width: picture.width, height: picture.height };
}

let dir: string | undefined;
let server: TestServer | undefined;
let control: KinesisVideoClient;
let kinesis: KinesisClient;
let s3: S3Client;
const camera = uniqueName("e2e-camera");
const notificationsStream = uniqueName("e2e-camera-notifications");
const alertsStream = uniqueName("e2e-camera-alerts");
const streamArn = (name: string) => `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;
let acks: Ack[] = [];
let zeroMs = 0;

/** Rivulet's own control-plane operation, signed as the SDKs sign `kinesisvideo` requests. */
const signedPost = (path: string, body: unknown) => signedVideoPost(new URL(path, server?.url), body);

/** Every record of a one-shard stream, parsed as JSON. */
async function records(streamName: string): Promise<unknown[]> {
  const [shard] = shards.get(streamName) ?? [];
  const iterator = await shardIterator(kinesis, { StreamName: streamName, ShardId: shard ?? "", ShardIteratorType: "TRIM_HORIZON" });
  const { records: read } = await readToEnd(kinesis, iterator);
  return read.map((record: _Record) => JSON.parse(new TextDecoder().decode(record.Data)) as unknown);
}

const shards = new Map<string, string[]>();

beforeAll(async () => {
  dir = tempDir("video-alerts");
  server = await startServer({ persistDir: dir });
  control = new KinesisVideoClient({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS });
  kinesis = kinesisClient(server.url);
  s3 = new S3Client({ endpoint: server.url, region: REGION, credentials: ANY_CREDENTIALS, forcePathStyle: true });
  for (const name of [notificationsStream, alertsStream]) {
    const created = await createActiveStream(kinesis, name, 1);
    shards.set(name, created.map((shard) => shard.ShardId ?? ""));
  }
  await createActiveVideoStream(control, camera);
});

afterAll(async () => {
  await server?.close();
  removeDir(dir);
});

describe("configuring a camera's stream", () => {
  it("image generation, notifications and movement alerts are described as set", async () => {
    const images = {
      Status: "ENABLED",
      ImageSelectorType: "PRODUCER_TIMESTAMP",
      DestinationConfig: { Uri: "s3://rivulet-deliveries/front-door", DestinationRegion: REGION },
      SamplingInterval: 500,
      Format: "JPEG",
      FormatConfig: { JPEGQuality: "90" },
      HeightPixels: 120,
    } as const;
    await control.send(new UpdateImageGenerationConfigurationCommand({ StreamName: camera, ImageGenerationConfiguration: images }));
    expect((await control.send(new DescribeImageGenerationConfigurationCommand({ StreamName: camera }))).ImageGenerationConfiguration).toEqual(images);

    const notification = { Status: "ENABLED", DestinationConfig: { Uri: streamArn(notificationsStream) } } as const;
    await control.send(new UpdateNotificationConfigurationCommand({ StreamName: camera, NotificationConfiguration: notification }));
    expect((await control.send(new DescribeNotificationConfigurationCommand({ StreamName: camera }))).NotificationConfiguration).toEqual(notification);

    const motion = { Status: "ENABLED", SamplingInterval: 200, DestinationConfig: { Uri: streamArn(alertsStream) } };
    expect((await signedPost("/updateMotionDetectionConfiguration", { StreamName: camera, MotionDetectionConfiguration: motion })).status).toBe(200);
    const described = (await (await signedPost("/describeMotionDetectionConfiguration", { StreamName: camera })).json()) as Record<string, unknown>;
    expect(described).toEqual({ MotionDetectionConfiguration: { ...motion, ImageSelectorType: "PRODUCER_TIMESTAMP", Sensitivity: 90, MinAreaPercent: 0.5 } });

    const refused = await signedPost("/updateMotionDetectionConfiguration", { StreamName: camera, MotionDetectionConfiguration: { ...motion, Sensitivity: 101 } });
    expect([refused.status, refused.headers.get("x-amzn-errortype")?.split(":")[0]]).toEqual([400, "ValidationException"]);
  });

  it("the camera sends three tagged fragments", async () => {
    acks = await putMediaFile(server?.url ?? "", camera, "baseline.mkv", [
      "--fragment-tag",
      "AWS_KINESISVIDEO_IMAGE_GENERATION",
      "--fragment-tag",
      "AWS_KINESISVIDEO_NOTIFICATION",
      "--fragment-tag",
      "room=hall",
    ]);
    expect(acks.filter((ack) => ack.EventType === "PERSISTED")).toHaveLength(3);
    zeroMs = (acks[0]?.FragmentTimecode ?? 0) - firstClusterTimecode("baseline.mkv");
  });
});

describe("image generation", () => {
  it("writes an image every 500 ms of each fragment to R2, named and described as AWS names them, showing the square", async () => {
    const keys = await listObjectKeys(s3, "rivulet-deliveries", "front-door/");
    const pattern = new RegExp(`^front-door/${ACCOUNT}_${camera}_(\\d+)_[0-9a-f-]{36}\\.jpg$`);
    const times = keys.map((key) => Number(pattern.exec(key)?.[1] ?? Number.NaN) - zeroMs).sort((a, b) => a - b);
    expect(times).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    for (const key of keys) {
      const sceneMs = Number(pattern.exec(key)?.[1]) - zeroMs;
      const { left, width, height } = whiteLeft(await objectBytes(s3, "rivulet-deliveries", key));
      expect([width, height]).toEqual([160, 120]);
      expect(Math.abs(left - squareLeft(shownAt(sceneMs)) / 2), `image at ${sceneMs} ms`).toBeLessThanOrEqual(2);
      const head = await s3.send(new HeadObjectCommand({ Bucket: "rivulet-deliveries", Key: key }));
      expect(head.ContentType).toBe("image/jpeg");
      expect(head.Metadata?.["aws_kinesisvideo_producer_timestamp"]).toBe(String(zeroMs + sceneMs));
      expect(acks.map((ack) => ack.FragmentNumber)).toContain(head.Metadata?.["aws_kinesisvideo_fragment_number"]);
      expect(head.Metadata?.["room"]).toBe("hall");
    }
  });
});

describe("notifications", () => {
  it("arrive in the Kinesis stream: one per tagged fragment, as AWS's message, and one per generated image", async () => {
    const messages = (await records(notificationsStream)) as Record<string, unknown>[];
    const persisted = messages.filter((message) => message["NotificationType"] === "PERSISTED");
    const numbers = [...new Set(acks.map((ack) => ack.FragmentNumber))];
    expect(persisted.map((message) => message["FragmentNumber"])).toEqual(numbers);
    expect(persisted[0]).toEqual({
      StreamArn: expect.stringMatching(new RegExp(`^arn:aws:kinesisvideo:${REGION}:${ACCOUNT}:stream/${camera}/\\d+$`)) as unknown,
      FragmentNumber: numbers[0],
      FragmentStartProducerTimestamp: zeroMs,
      FragmentStartServerTimestamp: expect.any(Number) as unknown,
      NotificationType: "PERSISTED",
      NotificationPayload: { room: "hall" },
    });
    const images = messages.filter((message) => message["NotificationType"] === "IMAGE");
    expect(images.map((message) => Number(message["ImageProducerTimestamp"]) - zeroMs)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
    for (const image of images) expect(image["ImageUri"]).toMatch(new RegExp(`^s3://rivulet-deliveries/front-door/${ACCOUNT}_${camera}_`));
  });
});

describe("movement alerts", () => {
  it("one event for each sampled picture the square moved into, none while it rests, with its region and picture", async () => {
    const events = (await records(alertsStream)) as {
      FragmentNumber: string;
      ProducerTimestamp: number;
      Region: { X: number; Y: number; Width: number; Height: number };
      ImageUri: string;
      StreamName: string;
    }[];
    // Pictures every 200 ms; the square moves between 1 s and 2 s, so the pictures at 1.2, 1.4, 1.6, 1.8 and 2 s differ
    // from the one before them, and no other does.
    expect(events.map((event) => event.ProducerTimestamp - zeroMs)).toEqual([1200, 1400, 1600, 1800, 2000]);
    for (const event of events) {
      const sceneMs = event.ProducerTimestamp - zeroMs;
      expect(event.StreamName).toBe(camera);
      // The region spans where the square was and where it is.
      expect(event.Region.X).toBeLessThanOrEqual(squareLeft(sceneMs - 200) + 4);
      expect(event.Region.X + event.Region.Width).toBeGreaterThanOrEqual(squareLeft(sceneMs) + 48 - 4);
      expect(event.Region.Y).toBeLessThanOrEqual(96 + 4);
      expect(event.Region.Y + event.Region.Height).toBeGreaterThanOrEqual(96 + 48 - 4);
      const [bucket = "", ...key] = event.ImageUri.replace(/^s3:\/\//, "").split("/");
      const { left } = whiteLeft(await objectBytes(s3, bucket, key.join("/")));
      expect(Math.abs(left - squareLeft(sceneMs)), `picture at ${sceneMs} ms`).toBeLessThanOrEqual(3);
    }
    const [first, , , , last] = events;
    expect(first?.FragmentNumber).toBe(acks.find((ack) => ack.EventType === "PERSISTED" && ack.FragmentNumber !== acks[0]?.FragmentNumber)?.FragmentNumber);
    expect(last?.FragmentNumber).toBe(acks.at(-1)?.FragmentNumber);
  });
});

describe("an endpoint as destination", () => {
  it("a camera sending in real time: notifications and movement events are POSTed to it as JSON (loopback http in local mode)", async () => {
    const received: { path: string; body: Record<string, unknown> }[] = [];
    const hook: Server = createServer((request, response) => {
      let text = "";
      request.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
      request.on("end", () => {
        received.push({ path: request.url ?? "", body: JSON.parse(text) as Record<string, unknown> });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => hook.listen(0, "127.0.0.1", resolve));
    const address = hook.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    try {
      const doorbell = uniqueName("e2e-doorbell");
      await createActiveVideoStream(control, doorbell);
      await control.send(
        new UpdateNotificationConfigurationCommand({ StreamName: doorbell, NotificationConfiguration: { Status: "ENABLED", DestinationConfig: { Uri: `${base}/notifications` } } }),
      );
      const motion = { Status: "ENABLED", SamplingInterval: 500, DestinationConfig: { Uri: `${base}/movements` } };
      expect((await signedPost("/updateMotionDetectionConfiguration", { StreamName: doorbell, MotionDetectionConfiguration: motion })).status).toBe(200);
      // Paced as a camera sends it: one upload, each fragment once its second has passed.
      const sent = await putMediaFile(server?.url ?? "", doorbell, "high-bframes.mkv", ["--fragment-tag", "AWS_KINESISVIDEO_NOTIFICATION"], "camera");
      // The acks came while the camera was still sending: the first fragment was PERSISTED before the last began.
      const types = sent.map((ack) => `${ack.EventType} ${ack.FragmentNumber ?? ""}`);
      const numbers = [...new Set(sent.map((ack) => ack.FragmentNumber))];
      expect(types.indexOf(`PERSISTED ${numbers[0] ?? ""}`)).toBeLessThan(types.indexOf(`BUFFERING ${numbers[2] ?? ""}`));
      const start = (sent[0]?.FragmentTimecode ?? 0) - firstClusterTimecode("high-bframes.mkv");
      const notifications = received.filter((each) => each.path === "/notifications").map((each) => each.body);
      expect(notifications.map((body) => [body["NotificationType"], body["FragmentStartProducerTimestamp"]])).toEqual(
        [0, 1000, 2000].map((ms) => ["PERSISTED", start + ms]),
      );
      // Pictures every 500 ms: the square moved between 1 s and 1.5 s, 1.5 s and 2 s; never before or after.
      const movements = received.filter((each) => each.path === "/movements").map((each) => Number(each.body["ProducerTimestamp"]) - start);
      expect(movements).toEqual([1500, 2000]);
    } finally {
      await new Promise((resolve) => hook.close(resolve));
    }
  });
});
