/**
 * The contract between Video Streams' control plane and data plane:
 * - the registry (one per account and region) owns every video stream's definition (name, ARN,
 *   status, retention, media type, version, tags) and serves the `kinesisvideo` control plane;
 * - the stream object (one per video stream, named by its stream id) owns the stream's media: the
 *   fragment index in its SQLite and the fragments' bytes in R2 under `<stream id>/`, and serves
 *   PutMedia, GetMedia, the archived-media reads and retention.
 * The data plane resolves a request's StreamName or StreamARN through the registry (resolve), then
 * talks to the stream object; the control plane tells the stream object when retention changes or
 * the stream is deleted.
 */
import type { Status } from "./shapes.generated";
import type { StreamFeatures } from "./stream-features";

/** A video stream as the data plane needs it: DescribeStream's StreamInfo plus its internal id. */
export interface VideoStreamInfo {
  streamName: string;
  streamArn: string;
  /** New on every CreateStream: names the stream object and its R2 prefix, so a re-created stream starts empty. */
  streamId: string;
  status: Status;
  dataRetentionInHours: number;
  mediaType?: string;
  kmsKeyId: string;
  version: string;
  creationTime: Date;
  /** What to do with its fragments once stored: image generation, notifications, motion detection. */
  features: StreamFeatures;
}

/**
 * The registry's RPC for the data plane (answers an Outcome, see aws/errors.ts capture/unwrap):
 * resolve(name, arn) -> VideoStreamInfo, or ResourceNotFoundException / InvalidArgumentException as
 * the Video APIs answer them. The stream object's RPC for the control plane:
 * retentionChanged(hours) and destroy() (deletes its index and its R2 objects).
 */
export interface VideoStreamLifecycle {
  retentionChanged(dataRetentionInHours: number): Promise<void>;
  destroy(): Promise<void>;
}
