/**
 * GetMediaForFragmentList (`POST /getMediaForFragmentList`): one chunk per listed fragment, in the order
 * listed, each like GetMedia's without MILLIS_BEHIND_NOW and CONTINUATION_TOKEN (chunks.ts). A number the
 * stream does not hold is refused before anything is sent (ResourceNotFoundException naming it); one that
 * expires while the answer is being written gets the documented exception tags instead of its media.
 */
import { unwrap, VideoResourceNotFoundException } from "../../aws/errors";
import type { RestRequestContext } from "../../aws/rest-json";
import { videoStreamStub } from "../../objects";
import type { GetMediaForFragmentListInput, GetMediaForFragmentListOutput } from "../archived-media-shapes.generated";
import { getFragment } from "../media-objects";
import { mediaChunk, missingFragmentChunk } from "./chunks";
import { resolveStream } from "./stream-ref";

export async function getMediaForFragmentList(input: GetMediaForFragmentListInput, context: RestRequestContext): Promise<GetMediaForFragmentListOutput> {
  const stream = await resolveStream(context, input);
  const found = unwrap(await videoStreamStub(context.env, stream.streamId).fragmentsByNumber(input.Fragments));
  const missing = found.missing[0];
  if (missing !== undefined) throw new VideoResourceNotFoundException(`Fragment ${missing} was not found in stream ${stream.streamName}.`);
  const headers = new Map(found.headers.map((header) => [header.id, header]));
  const queue = [...found.fragments];
  const payload = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const next = queue.shift();
        if (next === undefined) return controller.close();
        const header = headers.get(next.headerId);
        const cluster = next.media ?? (await getFragment(context.env.RIVULET_VIDEO, stream.streamId, next.number));
        controller.enqueue(header && cluster ? mediaChunk(header, next, cluster) : missingFragmentChunk(next.number));
      },
    },
    { highWaterMark: 0 },
  );
  return { ContentType: "video/webm", Payload: payload };
}
