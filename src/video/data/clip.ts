/**
 * GetClip (`POST /getClip`): an ordinary MP4 (moov first, then one mdat; media/mp4-clip.ts) of the whole
 * fragments that start in the range, deduplicated as ON_DEMAND sessions are, up to 200 fragments or 100 MB,
 * as AWS documents. The clip is built in memory: a Worker has 128 MB, so a deployed Worker can fail on clips
 * near AWS's 100 MB limit (README).
 */
import { unwrap } from "../../aws/errors";
import type { RestRequestContext } from "../../aws/rest-json";
import { videoStreamStub } from "../../objects";
import type { GetClipInput } from "../archived-media-shapes.generated";
import { clipMp4, type Fragment } from "../media";
import { getFragment } from "../media-objects";
import { mediaErrors, parseHeader, readCluster } from "../headers";
import { noFragments, noRetention } from "../playback-select";
import { checkEnd } from "./session-urls";
import { resolveStream } from "./stream-ref";

export async function getClip(input: GetClipInput, context: RestRequestContext): Promise<Response> {
  const { FragmentSelectorType: selector, TimestampRange: range } = input.ClipFragmentSelector;
  const startMs = range.StartTimestamp.getTime();
  const endMs = range.EndTimestamp.getTime();
  checkEnd(selector, startMs, endMs, context.clock.now());
  const stream = await resolveStream(context, input);
  if (stream.dataRetentionInHours === 0) throw noRetention();
  const plan = unwrap(await videoStreamStub(context.env, stream.streamId).clip(selector, startMs, endMs));
  const headers = new Map(plan.headers.map((header) => [header.id, parseHeader(header, `${stream.streamId}/${header.id}`)]));
  const first = plan.fragments[0];
  const tracks = (first && headers.get(first.headerId)?.tracks) ?? [];
  const fragments: Fragment[] = [];
  for (const row of plan.fragments) {
    const header = headers.get(row.headerId);
    const cluster = await getFragment(context.env.RIVULET_VIDEO, stream.streamId, row.number);
    // A fragment that expired since it was chosen is left out, as if it had not been there.
    if (header && cluster) fragments.push(readCluster(header, cluster));
  }
  if (fragments.length === 0) throw noFragments();
  const mp4 = mediaErrors(() => clipMp4(fragments, tracks));
  return new Response(mp4, { headers: { "content-type": "video/mp4" } });
}
