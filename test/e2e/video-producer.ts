/**
 * Sending the test videos (test/fixtures/video) to a video stream as AWS's producer SDK does, with
 * `npm run put-media` (the script itself, run as npm would), and creating the streams they go to.
 */
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { CreateStreamCommand, DescribeStreamCommand, GetDataEndpointCommand, type APIName, type KinesisVideoClient } from "@aws-sdk/client-kinesis-video";
import { readMkv } from "../../src/video/media";
import { ANY_CREDENTIALS, REGION, sleep } from "./helpers";

const ROOT = join(import.meta.dirname, "../..");
export const VIDEO_FIXTURES = join(ROOT, "test/fixtures/video");

export interface Ack {
  EventType: string;
  FragmentTimecode?: number;
  FragmentNumber?: string;
  ErrorId?: number;
}

/**
 * Sends a test video in one PutMedia upload, as fast as the service takes it or paced as a camera sends (each
 * fragment once its time has passed); answers the acks printed, in the order they arrived. `extra`: more options.
 */
export function putMediaFile(url: string, streamName: string, file: string, extra: string[] = [], pacing: "fast" | "camera" = "fast"): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(ROOT, "scripts/put-media.mjs"), "--stream", streamName, "--file", join(VIDEO_FIXTURES, file), "--endpoint-url", url, ...(pacing === "fast" ? ["--fast"] : []), ...extra],
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

/** The Cluster timecode of a test video's first fragment: the producer moves it to the first ack's FragmentTimecode. */
export function firstClusterTimecode(file: string): number {
  return readMkv(new Uint8Array(readFileSync(join(VIDEO_FIXTURES, file)))).fragments[0]?.timecode ?? 0;
}

export async function createActiveVideoStream(control: KinesisVideoClient, streamName: string, retentionHours = 24): Promise<void> {
  await control.send(new CreateStreamCommand({ StreamName: streamName, DataRetentionInHours: retentionHours, MediaType: "video/h264" }));
  for (;;) {
    const { StreamInfo } = await control.send(new DescribeStreamCommand({ StreamName: streamName }));
    if (StreamInfo?.Status === "ACTIVE") return;
    await sleep(100);
  }
}

export async function dataEndpoint(control: KinesisVideoClient, streamName: string, api: APIName): Promise<string> {
  const answer = await control.send(new GetDataEndpointCommand({ StreamName: streamName, APIName: api }));
  return answer.DataEndpoint ?? "";
}
