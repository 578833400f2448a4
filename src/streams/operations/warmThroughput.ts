/** UpdateStreamWarmThroughput: on-demand streams of accounts with a throughput commitment (see ../account-settings.ts). */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf } from "../locate";
import { registryFor } from "../../objects";
import type { UpdateStreamWarmThroughputInput, UpdateStreamWarmThroughputOutput } from "../shapes.generated";

export async function updateStreamWarmThroughput(
  input: UpdateStreamWarmThroughputInput,
  context: RequestContext,
): Promise<UpdateStreamWarmThroughputOutput> {
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
