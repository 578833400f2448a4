/** UpdateStreamMode and UpdateMaxRecordSize: settings of a stream that the registry keeps. */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf } from "../locate";
import { registryFor } from "../../objects";
import type {
  UpdateMaxRecordSizeInput,
  UpdateMaxRecordSizeOutput,
  UpdateStreamModeInput,
  UpdateStreamModeOutput,
} from "../shapes.generated";

export async function updateStreamMode(input: UpdateStreamModeInput, context: RequestContext): Promise<UpdateStreamModeOutput> {
  const name = streamNameOf({ StreamARN: input.StreamARN }, context);
  unwrap(
    await registryFor(context.env, context.scope).updateStreamMode(
      context.scope,
      name,
      input.StreamModeDetails.StreamMode,
      input.WarmThroughputMiBps,
    ),
  );
  forgetStream(context, name);
}

export async function updateMaxRecordSize(input: UpdateMaxRecordSizeInput, context: RequestContext): Promise<UpdateMaxRecordSizeOutput> {
  const name = streamNameOf({ StreamARN: input.StreamARN }, context);
  unwrap(await registryFor(context.env, context.scope).updateMaxRecordSize(context.scope, name, input.MaxRecordSizeInKiB));
  forgetStream(context, name);
}
