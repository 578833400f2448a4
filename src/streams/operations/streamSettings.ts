/** UpdateStreamMode and UpdateMaxRecordSize: settings of a stream that the registry keeps. */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf } from "../locate";
import type { StreamMode } from "../registry-store";
import { registryFor } from "../../objects";

export interface UpdateStreamModeInput {
  StreamARN: string;
  StreamModeDetails: { StreamMode: StreamMode };
  WarmThroughputMiBps?: number;
}

export interface UpdateMaxRecordSizeInput {
  StreamARN: string;
  MaxRecordSizeInKiB: number;
}

export async function updateStreamMode(input: UpdateStreamModeInput, context: RequestContext) {
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
  return {};
}

export async function updateMaxRecordSize(input: UpdateMaxRecordSizeInput, context: RequestContext) {
  const name = streamNameOf({ StreamARN: input.StreamARN }, context);
  unwrap(await registryFor(context.env, context.scope).updateMaxRecordSize(context.scope, name, input.MaxRecordSizeInKiB));
  forgetStream(context, name);
  return {};
}
