/**
 * GetImages (`POST /getImages`): one entry per sampled time (StartTimestamp, then every SamplingInterval up
 * to EndTimestamp inclusive), in pages of MaxResults (at most 25, AWS's page size), each the picture on screen
 * then in the stored fragment whose span holds that time, as JPEG or PNG (images/), or AWS's Error: NO_MEDIA
 * where no stored fragment shows a picture then, MEDIA_ERROR where its media give none (audio only, H.265,
 * undecodable H.264). TimeStamp is the sampled time. Each fragment is read once per page and decoded from its
 * key frame up to the last picture the page needs.
 *
 * Differences: AWS leaves out the fragment that holds StartTimestamp when it began earlier (its service team
 * calls that a known gap, boto3#3712); here that fragment is used. Without SamplingInterval, ours is
 * VIDEO_DATA.imagesDefaultSamplingMs. NextToken is our own base64 (the page's position and the request's range).
 */
import { InvalidArgumentException, NoDataRetentionException, unwrap, ValidationException } from "../../aws/errors";
import type { RestRequestContext } from "../../aws/rest-json";
import { videoStreamStub } from "../../objects";
import type { GetImagesInput, GetImagesOutput, Image } from "../archived-media-shapes.generated";
import type { ImageOptions } from "../decoder";
import { parseHeader, readCluster } from "../headers";
import { jpegQuality } from "../images/options";
import { renderImages, type RenderedImage } from "../images/render";
import { sampleTimes } from "../images/sampling";
import { VIDEO_DATA } from "../limits";
import { getFragment } from "../media-objects";
import type { FragmentRow } from "../stream-types";
import { resolveStream } from "./stream-ref";

interface Request {
  startMs: number;
  endMs: number;
  intervalMs: number;
  options: ImageOptions;
}

export async function getImages(input: GetImagesInput, context: RestRequestContext): Promise<GetImagesOutput> {
  const request = checked(input);
  const times = sampleTimes(request.startMs, request.endMs, request.intervalMs);
  const offset = input.NextToken === undefined ? 0 : readToken(input.NextToken, request, times.length);
  const pageSize = Math.min(input.MaxResults ?? VIDEO_DATA.imagesPageSize, VIDEO_DATA.imagesPageSize);
  const stream = await resolveStream(context, input);
  if (stream.dataRetentionInHours === 0) throw new NoDataRetentionException(`The stream ${stream.streamName} has a data retention of 0 hours.`);
  const page = times.slice(offset, offset + pageSize);
  const selector = input.ImageSelectorType;
  const found = unwrap(await videoStreamStub(context.env, stream.streamId).fragmentsAt(selector, page));
  const headers = new Map(found.headers.map((header) => [header.id, parseHeader(header, `${stream.streamId}/${header.id}`)]));

  // The page's times, grouped by the fragment that holds them.
  const byFragment = new Map<number, { row: FragmentRow; times: number[] }>();
  page.forEach((time, index) => {
    const row = found.at[index];
    if (!row) return;
    const entry = byFragment.get(row.seq) ?? { row, times: [] };
    entry.times.push(time);
    byFragment.set(row.seq, entry);
  });
  const images = new Map<number, RenderedImage>();
  for (const { row, times: wanted } of byFragment.values()) {
    const header = headers.get(row.headerId);
    const cluster = await getFragment(context.env.RIVULET_VIDEO, stream.streamId, row.number);
    // A fragment that expired since it was found has no media any more.
    if (!header || !cluster) continue;
    const startMs = selector === "PRODUCER_TIMESTAMP" ? row.producerMs : row.serverMs;
    for (const [time, image] of await renderImages(readCluster(header, cluster), header.tracks, startMs, wanted, request.options)) images.set(time, image);
  }
  const next = offset + page.length;
  return {
    Images: page.map((time): Image => {
      const image = images.get(time) ?? { error: "NO_MEDIA" };
      return "image" in image ? { TimeStamp: new Date(time), ImageContent: image.image.toBase64() } : { TimeStamp: new Date(time), Error: image.error };
    }),
    ...(next < times.length && { NextToken: writeToken(next, request) }),
  };
}

function checked(input: GetImagesInput): Request {
  if (input.WidthPixels !== undefined && input.HeightPixels === undefined) {
    throw new ValidationException("WidthPixels can only be used together with HeightPixels.");
  }
  const startMs = input.StartTimestamp.getTime();
  const endMs = input.EndTimestamp.getTime();
  if (endMs < startMs) throw new InvalidArgumentException("EndTimestamp must not be earlier than StartTimestamp.");
  if (endMs - startMs > VIDEO_DATA.imagesMaxRangeMs) throw new InvalidArgumentException("EndTimestamp must be within 300 seconds of StartTimestamp.");
  const intervalMs = input.SamplingInterval ?? VIDEO_DATA.imagesDefaultSamplingMs;
  if (intervalMs < VIDEO_DATA.imagesMinSamplingMs) throw new InvalidArgumentException(`SamplingInterval must be at least ${VIDEO_DATA.imagesMinSamplingMs} milliseconds.`);
  return {
    startMs,
    endMs,
    intervalMs,
    options: {
      format: input.Format,
      quality: jpegQuality(input.FormatConfig),
      ...(input.WidthPixels !== undefined && { width: input.WidthPixels }),
      ...(input.HeightPixels !== undefined && { height: input.HeightPixels }),
    },
  };
}

function writeToken(offset: number, request: Request): string {
  return new TextEncoder().encode(JSON.stringify([offset, request.startMs, request.endMs, request.intervalMs])).toBase64();
}

/** The page a NextToken continues at; it must come from a GetImages over the same range and interval. */
function readToken(token: string, request: Request, count: number): number {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.fromBase64(token)));
    if (Array.isArray(value) && value.length === 4) {
      const [offset, startMs, endMs, intervalMs] = value as unknown[];
      if (Number.isSafeInteger(offset) && Number(offset) > 0 && Number(offset) < count && startMs === request.startMs && endMs === request.endMs && intervalMs === request.intervalMs) {
        return Number(offset);
      }
    }
  } catch {
    // Not ours: refused below.
  }
  throw new InvalidArgumentException(`NextToken ${token} does not continue a GetImages over this StartTimestamp, EndTimestamp and SamplingInterval.`);
}
