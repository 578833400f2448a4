/** UpdateStreamWarmThroughput: on-demand streams of accounts with a throughput commitment (see ../account-settings.ts). */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf, type StreamReference } from "../locate";
import { registryFor } from "../../objects";

export interface UpdateStreamWarmThroughputInput extends StreamReference {
  WarmThroughputMiBps: number;
}

export async function updateStreamWarmThroughput(input: UpdateStreamWarmThroughputInput, context: RequestContext) {
  const name = streamNameOf(input, context);
  const result = unwrap(
    await registryFor(context.env, context.scope).updateWarmThroughput(context.scope, name, input.WarmThroughputMiBps),
  );
  forgetStream(context, name);
  return {
    StreamARN: result.arn,
    StreamName: name,
    WarmThroughput: { TargetMiBps: result.targetMiBps, CurrentMiBps: result.currentMiBps },
  };
}
