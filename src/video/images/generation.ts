/**
 * Image generation (UpdateImageGenerationConfiguration): the images of one stored fragment the producer tagged
 * AWS_KINESISVIDEO_IMAGE_GENERATION, written to the configured `s3://` destination's R2 bucket as AWS writes
 * them to S3: from the fragment's start, one every SamplingInterval on the configured timeline while the fragment
 * lasts (so each tagged fragment gives at least one), each the picture on screen then, at WidthPixels x
 * HeightPixels (one of them alone keeps the aspect ratio), JPEG (JPEGQuality) or PNG. Object keys and metadata
 * follow AWS's documentation (destination.ts): `aws_kinesisvideo_producer_timestamp`,
 * `aws_kinesisvideo_server_timestamp` (the image's times), `aws_kinesisvideo_fragment_number`, and the
 * producer's own tags.
 */
import { encodeImage } from "../decoder";
import type { Fragment, TrackInfo } from "../media";
import type { ImageGenerationConfiguration } from "../shapes.generated";
import type { FragmentRow } from "../stream-types";
import type { ImageDestination } from "./destination";
import { generatedSize, jpegQuality } from "./options";
import { picturesAt } from "./pictures";

export interface GeneratedImage {
  /** `s3://<bucket>/<key>`. */
  uri: string;
  producerMs: number;
  serverMs: number;
}

/** The sampled times of a fragment that starts at `startMs` and lasts `durationMs`: its start, then every interval within it. */
export function fragmentSampleTimes(startMs: number, durationMs: number, intervalMs: number): number[] {
  const times: number[] = [];
  for (let time = startMs; time < startMs + Math.max(1, durationMs); time += intervalMs) times.push(time);
  return times;
}

export async function generateImages(
  row: FragmentRow,
  fragment: Fragment,
  tracks: readonly TrackInfo[],
  configuration: ImageGenerationConfiguration,
  destination: ImageDestination,
  naming: { account: string; streamName: string; imagePrefix: string | undefined; metadata: Record<string, string> },
): Promise<GeneratedImage[]> {
  const producer = configuration.ImageSelectorType === "PRODUCER_TIMESTAMP";
  const startMs = producer ? row.producerMs : row.serverMs;
  const times = fragmentSampleTimes(startMs, row.durationMs, configuration.SamplingInterval);
  const quality = jpegQuality(configuration.FormatConfig);
  const extension = configuration.Format === "PNG" ? "png" : "jpg";
  const generated: GeneratedImage[] = [];
  for (const [time, picture] of picturesAt(fragment, tracks, startMs, times)) {
    if (typeof picture === "string") continue;
    const size = generatedSize(picture, configuration.WidthPixels, configuration.HeightPixels);
    const image = await encodeImage(picture, { format: configuration.Format, quality, ...size });
    const producerMs = producer ? time : row.producerMs + (time - startMs);
    const serverMs = producer ? row.serverMs + (time - startMs) : time;
    const name = [...(naming.imagePrefix ? [naming.imagePrefix] : []), naming.account, naming.streamName, String(time), crypto.randomUUID()].join("_");
    const key = `${destination.prefix}${name}.${extension}`;
    await destination.bucket.put(key, image, {
      httpMetadata: { contentType: configuration.Format === "PNG" ? "image/png" : "image/jpeg" },
      customMetadata: {
        ...naming.metadata,
        aws_kinesisvideo_producer_timestamp: String(producerMs),
        aws_kinesisvideo_server_timestamp: String(serverMs),
        aws_kinesisvideo_fragment_number: row.number,
      },
    });
    generated.push({ uri: `s3://${destination.bucketName}/${key}`, producerMs, serverMs });
  }
  return generated;
}
