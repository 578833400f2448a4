/**
 * GetMedia (`POST /getMedia`): a long-running answer of chunks (chunks.ts), one per fragment in ingestion
 * order from where the StartSelector says, pushed as fragments are stored: the stream object answers a
 * waiting reader as soon as one is committed. The answer is pulled, so a slow reader slows the reading
 * instead of filling memory.
 *
 * StartSelector: NOW starts with the newest fragment, EARLIEST with the oldest kept, FRAGMENT_NUMBER and
 * CONTINUATION_TOKEN after the given fragment (a continuation token is the number of the fragment whose
 * chunk carried it), PRODUCER_TIMESTAMP and SERVER_TIMESTAMP with the fragment that contains the time, or
 * else the first to start after it.
 *
 * Differences from AWS: the answer ends after VIDEO_DATA.getMediaIdleEndMs without a new fragment (the
 * reader continues with its last continuation token), or when the stream is deleted.
 */
import { InvalidArgumentException, unwrap, type AwsError } from "../../aws/errors";
import type { RestRequestContext } from "../../aws/rest-json";
import { videoStreamStub } from "../../objects";
import { VIDEO_DATA } from "../limits";
import { getFragment } from "../media-objects";
import type { GetMediaInput, GetMediaOutput, StartSelector } from "../media-shapes.generated";
import type { HeaderRow, MediaStart, ReadFragment } from "../stream-types";
import { mediaChunk } from "./chunks";
import { activeStream } from "./stream-ref";

export async function getMedia(input: GetMediaInput, context: RestRequestContext): Promise<GetMediaOutput> {
  const start = mediaStart(input.StartSelector);
  const stream = await activeStream(context, input);
  const stub = videoStreamStub(context.env, stream.streamId);
  let after = unwrap(await stub.startAfter(start));
  const queue: ReadFragment[] = [];
  const headers = new Map<number, HeaderRow>();
  let nowMs = context.clock.now();
  let idleSinceMs = nowMs;
  let ended = false;

  const payload = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (!ended) {
          const next = queue.shift();
          if (next) {
            after = next.seq;
            const header = headers.get(next.headerId);
            const cluster = next.media ?? (await getFragment(context.env.RIVULET_VIDEO, stream.streamId, next.number));
            // A fragment that expired between listing and reading is skipped, as it is no longer the stream's.
            if (!header || !cluster) continue;
            controller.enqueue(mediaChunk(header, next, cluster, { millisBehindNow: nowMs - next.serverMs }));
            return;
          }
          const batch = unwrap(await stub.read(after, VIDEO_DATA.getMediaBatch, VIDEO_DATA.readerWaitMs));
          nowMs = batch.nowMs;
          for (const header of batch.headers) headers.set(header.id, header);
          queue.push(...batch.fragments);
          if (batch.fragments.length > 0) idleSinceMs = context.clock.now();
          else if (batch.deleted || context.clock.now() - idleSinceMs >= VIDEO_DATA.getMediaIdleEndMs) ended = true;
        }
        controller.close();
      },
      cancel() {
        ended = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { ContentType: "video/webm", Payload: payload };
}

/** The StartSelector as the stream object takes it, with the member its type needs. */
function mediaStart(selector: StartSelector): MediaStart {
  switch (selector.StartSelectorType) {
    case "NOW":
    case "EARLIEST":
      return { type: selector.StartSelectorType };
    case "FRAGMENT_NUMBER":
      if (selector.AfterFragmentNumber === undefined) throw required("AfterFragmentNumber", "FRAGMENT_NUMBER");
      return { type: "AFTER_NUMBER", fragmentNumber: selector.AfterFragmentNumber };
    case "CONTINUATION_TOKEN":
      if (selector.ContinuationToken === undefined) throw required("ContinuationToken", "CONTINUATION_TOKEN");
      if (!/^\d+$/.test(selector.ContinuationToken)) throw new InvalidArgumentException(`ContinuationToken ${selector.ContinuationToken} is not a token GetMedia answered.`);
      return { type: "AFTER_NUMBER", fragmentNumber: selector.ContinuationToken };
    case "PRODUCER_TIMESTAMP":
    case "SERVER_TIMESTAMP":
      if (selector.StartTimestamp === undefined) throw required("StartTimestamp", selector.StartSelectorType);
      return { type: selector.StartSelectorType, ms: selector.StartTimestamp.getTime() };
  }
}

function required(member: string, type: string): AwsError {
  return new InvalidArgumentException(`StartSelector.${member} is required when StartSelectorType is ${type}.`);
}
