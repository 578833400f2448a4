/**
 * Movement alerts (beyond AWS; configured by UpdateMotionDetectionConfiguration): each stored fragment is
 * sampled from its start every SamplingInterval on the configured timeline, each sampled picture compared with
 * the one before it (decoder/motion.ts: grey thumbnails 80 cells across, a cell changed when its grey level moved
 * more than Sensitivity allows, movement when the changed cells cover MinAreaPercent of the picture). Each
 * movement is one event: the stream, the fragment, the picture's producer and server timestamps, the changed
 * region in the picture's pixels, and links to the picture: a JPEG written beside the stream's fragments
 * (`s3://rivulet-video/<stream id>/motion/...`, readable with any S3 client through Rivulet's S3 API; it expires
 * with its fragment) and the GetImages request that returns it.
 *
 * The previous picture is kept per PutMedia session: the first picture of a session is compared with nothing.
 */
import { encodeImage, MotionDetector, type DecodedFrame } from "../decoder";
import type { Fragment, TrackInfo } from "../media";
import type { MotionDetectionConfiguration } from "../motion-shapes.generated";
import { fragmentSampleTimes } from "../images/generation";
import { picturesAt } from "../images/pictures";
import { motionPictureKey } from "../media-objects";
import type { FragmentRow } from "../stream-types";

/** The bucket name the RIVULET_VIDEO binding answers to in S3 URIs (firehose/buckets.ts's naming rule). */
const VIDEO_BUCKET_NAME = "rivulet-video";
const MOTION_IMAGE_QUALITY = 80;

export interface MovementEvent {
  EventType: "MOVEMENT";
  StreamName: string;
  StreamArn: string;
  FragmentNumber: string;
  ProducerTimestamp: number;
  ServerTimestamp: number;
  /** The changed area's bounding box, in the picture's pixels. */
  Region: { X: number; Y: number; Width: number; Height: number };
  /** The changed share of the picture, in percent. */
  ChangedPercent: number;
  PictureWidth: number;
  PictureHeight: number;
  ImageUri: string;
  /** The GetImages request that answers this picture. */
  GetImages: { StreamName: string; ImageSelectorType: "PRODUCER_TIMESTAMP"; StartTimestamp: number; EndTimestamp: number; Format: "JPEG" };
}

export class MovementWatch {
  private detector: MotionDetector | undefined;
  private settingsKey = "";

  constructor(
    private readonly bucket: R2Bucket,
    private readonly stream: { streamId: string; streamName: string; streamArn: string },
  ) {}

  /** The movements in one fragment, in time order (its pictures compared with the previous ones). */
  async fragment(row: FragmentRow, fragment: Fragment, tracks: readonly TrackInfo[], configuration: MotionDetectionConfiguration): Promise<MovementEvent[]> {
    const settings = { sensitivity: configuration.Sensitivity ?? 90, minAreaPercent: configuration.MinAreaPercent ?? 0.5, gridWidth: 80 };
    const key = JSON.stringify(settings);
    if (this.detector === undefined || key !== this.settingsKey) {
      this.detector = new MotionDetector(settings);
      this.settingsKey = key;
    }
    const producer = (configuration.ImageSelectorType ?? "PRODUCER_TIMESTAMP") === "PRODUCER_TIMESTAMP";
    const startMs = producer ? row.producerMs : row.serverMs;
    const times = fragmentSampleTimes(startMs, row.durationMs, configuration.SamplingInterval ?? 1000);
    const events: MovementEvent[] = [];
    for (const [time, picture] of picturesAt(fragment, tracks, startMs, times)) {
      if (typeof picture === "string") continue;
      const movement = this.detector.next(picture);
      if (!movement) continue;
      const producerMs = producer ? time : row.producerMs + (time - startMs);
      const serverMs = producer ? row.serverMs + (time - startMs) : time;
      events.push({
        EventType: "MOVEMENT",
        StreamName: this.stream.streamName,
        StreamArn: this.stream.streamArn,
        FragmentNumber: row.number,
        ProducerTimestamp: producerMs,
        ServerTimestamp: serverMs,
        Region: { X: movement.region.x, Y: movement.region.y, Width: movement.region.width, Height: movement.region.height },
        ChangedPercent: Math.round(movement.changedPercent * 100) / 100,
        PictureWidth: picture.width,
        PictureHeight: picture.height,
        ImageUri: await this.keep(row, producerMs, picture),
        GetImages: { StreamName: this.stream.streamName, ImageSelectorType: "PRODUCER_TIMESTAMP", StartTimestamp: producerMs, EndTimestamp: producerMs, Format: "JPEG" },
      });
    }
    return events;
  }

  private async keep(row: FragmentRow, producerMs: number, picture: DecodedFrame): Promise<string> {
    const key = motionPictureKey(this.stream.streamId, row.number, producerMs);
    const image = await encodeImage(picture, { format: "JPEG", quality: MOTION_IMAGE_QUALITY });
    await this.bucket.put(key, image, { httpMetadata: { contentType: "image/jpeg" } });
    return `s3://${VIDEO_BUCKET_NAME}/${key}`;
  }
}
