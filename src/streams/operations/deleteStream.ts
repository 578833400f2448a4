import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf } from "../locate";
import { registryFor } from "../../objects";
import type { DeleteStreamInput, DeleteStreamOutput } from "../shapes.generated";

export async function deleteStream(input: DeleteStreamInput, context: RequestContext): Promise<DeleteStreamOutput> {
  const name = streamNameOf(input, context);
  unwrap(await registryFor(context.env, context.scope).deleteStream(context.scope, name, input.EnforceConsumerDeletion ?? false));
  forgetStream(context, name);
}
