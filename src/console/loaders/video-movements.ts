/**
 * A video stream's movement alerts for its page: the configuration (DescribeMotionDetectionConfiguration)
 * and, when the events go to a Kinesis data stream of the session's account and region, the latest of them,
 * read as the data viewer reads a stream (ListShards, GetShardIterator AT_TIMESTAMP, GetRecords), all as the
 * signed-in user. Only this video stream's MOVEMENT events are kept: one Kinesis stream may hold the alerts
 * of several cameras (and their notifications).
 */
import type { JsonWire } from "../../aws/protocol";
import type { GetRecordsOutput, GetShardIteratorOutput } from "../../streams/shapes.generated";
import type { MovementEvent } from "../../video/events/motion";
import type { DescribeMotionDetectionConfigurationOutput, MotionDetectionConfiguration } from "../../video/motion-shapes.generated";
import { callAws, scopeOf } from "../api";
import type { ConsoleContext } from "../auth";
import { allShards } from "./kinesis";

/** Events shown at most, the newest first. */
export const SHOWN_MOVEMENTS = 50;
/** How far back the list reads the destination stream (by arrival). */
export const MOVEMENTS_WINDOW_MS = 3_600_000;
/** GetRecords calls per shard at most, each of up to RECORDS_PER_CALL records. */
const CALLS_PER_SHARD = 10;
const RECORDS_PER_CALL = 1000;

export type MotionDetection = JsonWire<MotionDetectionConfiguration>;

export async function describeMotionDetection(c: ConsoleContext, streamName: string): Promise<MotionDetection | undefined> {
  const answer = await callAws<JsonWire<DescribeMotionDetectionConfigurationOutput>>(c, "kinesisvideo", "DescribeMotionDetectionConfiguration", { StreamName: streamName });
  return answer.MotionDetectionConfiguration;
}

/** The Kinesis data stream a destination URI names, when it is one of the session's account and region. */
export function kinesisDestinationOf(c: ConsoleContext, uri: string): string | undefined {
  const match = /^arn:aws[a-z-]*:kinesis:([a-z0-9-]+):(\d{12}):stream\/([a-zA-Z0-9_.-]+)$/.exec(uri);
  if (!match) return undefined;
  const scope = scopeOf(c);
  return match[1] === scope.region && match[2] === scope.account ? match[3] : undefined;
}

/**
 * The newest MOVEMENT events of `videoStreamName` that arrived in `kinesisStream` in the last hour, newest
 * first; `more` when a shard had further records than the calls read.
 */
export async function latestMovements(c: ConsoleContext, kinesisStream: string, videoStreamName: string): Promise<{ events: MovementEvent[]; more: boolean }> {
  const since = (c.get("clock").now() - MOVEMENTS_WINDOW_MS) / 1000;
  const events: MovementEvent[] = [];
  let more = false;
  for (const shard of await allShards(c, kinesisStream)) {
    const start = await callAws<JsonWire<GetShardIteratorOutput>>(c, "kinesis", "GetShardIterator", {
      StreamName: kinesisStream,
      ShardId: shard.ShardId,
      ShardIteratorType: "AT_TIMESTAMP",
      Timestamp: since,
    });
    let iterator = start.ShardIterator;
    for (let call = 0; iterator !== undefined; call++) {
      if (call === CALLS_PER_SHARD) {
        more = true;
        break;
      }
      const page: JsonWire<GetRecordsOutput> = await callAws(c, "kinesis", "GetRecords", { ShardIterator: iterator, Limit: RECORDS_PER_CALL });
      for (const record of page.Records) {
        const event = movementOf(record.Data, videoStreamName);
        if (event) events.push(event);
      }
      iterator = page.NextShardIterator;
      if ((page.MillisBehindLatest ?? 0) === 0) break;
    }
  }
  events.sort((a, b) => b.ProducerTimestamp - a.ProducerTimestamp);
  return { events: events.slice(0, SHOWN_MOVEMENTS), more: more || events.length > SHOWN_MOVEMENTS };
}

/**
 * A record's data as a movement event of this video stream; anything else (notifications, other cameras,
 * records anyone else put in the stream that do not have an event's members) is not.
 */
function movementOf(base64: string, videoStreamName: string): MovementEvent | undefined {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(Uint8Array.fromBase64(base64)));
  } catch {
    return undefined;
  }
  if (!isRecord(value) || value.EventType !== "MOVEMENT" || value.StreamName !== videoStreamName || typeof value.FragmentNumber !== "string") return undefined;
  const region = value.Region;
  const numbers = [value.ProducerTimestamp, value.ServerTimestamp, value.ChangedPercent, value.PictureWidth, value.PictureHeight];
  if (!isRecord(region) || ![...numbers, region.X, region.Y, region.Width, region.Height].every((item) => typeof item === "number" && Number.isFinite(item))) return undefined;
  return value as unknown as MovementEvent;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
