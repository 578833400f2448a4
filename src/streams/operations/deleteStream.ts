import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf, type StreamReference } from "../locate";
import { registryFor } from "../../objects";

export interface DeleteStreamInput extends StreamReference {
  EnforceConsumerDeletion?: boolean;
}

export async function deleteStream(input: DeleteStreamInput, context: RequestContext) {
  const name = streamNameOf(input, context);
  unwrap(await registryFor(context.env, context.scope).deleteStream(context.scope, name, input.EnforceConsumerDeletion ?? false));
  forgetStream(context, name);
  return {};
}
