/**
 * The stream a data-plane request names, resolved through the registry (the contract's `resolve`): ARNs of
 * another account or region are refused first, as the control plane refuses them.
 */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { videoRegistryFor } from "../../objects";
import { streamRef } from "../operations/refs";
import { streamNotFound } from "../registry";
import type { VideoStreamInfo } from "../stream-contract";

export async function resolveStream(context: RequestContext, input: { StreamName?: string | undefined; StreamARN?: string | undefined }): Promise<VideoStreamInfo> {
  const ref = streamRef(input, context.scope);
  return unwrap(await videoRegistryFor(context.env, context.scope).resolve(ref.name, ref.arn));
}

/** The stream, which must be ACTIVE (AWS answers a stream being created or deleted as not found). */
export async function activeStream(context: RequestContext, input: { StreamName?: string | undefined; StreamARN?: string | undefined }): Promise<VideoStreamInfo> {
  const stream = await resolveStream(context, input);
  if (stream.status !== "ACTIVE") throw streamNotFound();
  return stream;
}
