/** The Video pages' reads, each an API operation run as the signed-in user (callAws). */
import type { JsonWire } from "../../aws/protocol";
import type { DescribeStreamOutput, ListStreamsOutput, StreamInfo } from "../../video/shapes.generated";
import { callAws } from "../api";
import type { ConsoleContext } from "../auth";

/** One ListStreams page of this many: the list shows the region's first streams. */
export const LISTED_VIDEO_STREAMS = 100;

export type VideoStream = JsonWire<StreamInfo>;

export async function listVideoStreams(c: ConsoleContext): Promise<{ streams: VideoStream[]; more: boolean }> {
  const page = await callAws<JsonWire<ListStreamsOutput>>(c, "kinesisvideo", "ListStreams", { MaxResults: LISTED_VIDEO_STREAMS });
  return { streams: page.StreamInfoList ?? [], more: page.NextToken !== undefined };
}

export async function describeVideoStream(c: ConsoleContext, streamName: string): Promise<VideoStream> {
  const answer = await callAws<JsonWire<DescribeStreamOutput>>(c, "kinesisvideo", "DescribeStream", { StreamName: streamName });
  // The model makes every member optional; DescribeStream always answers the stream.
  return answer.StreamInfo ?? { StreamName: streamName };
}

export function videoStreamPath(streamName: string): string {
  return `/console/video/${encodeURIComponent(streamName)}`;
}

/** Retention as the API's hours say it: 0 keeps nothing (GetMedia only, no playback). */
export function retentionText(hours: number | undefined): string {
  return hours === undefined || hours === 0 ? "None" : `${hours} h`;
}
