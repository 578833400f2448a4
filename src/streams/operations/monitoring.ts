/** EnableEnhancedMonitoring and DisableEnhancedMonitoring (see ../monitoring.ts). */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf, type StreamReference } from "../locate";
import { registryFor } from "../../objects";

export interface EnhancedMonitoringInput extends StreamReference {
  ShardLevelMetrics: string[];
}

async function change(input: EnhancedMonitoringInput, context: RequestContext, enable: boolean) {
  const name = streamNameOf(input, context);
  const result = unwrap(
    await registryFor(context.env, context.scope).setShardLevelMetrics(context.scope, name, input.ShardLevelMetrics, enable),
  );
  forgetStream(context, name);
  return {
    StreamName: name,
    StreamARN: result.arn,
    CurrentShardLevelMetrics: result.current,
    DesiredShardLevelMetrics: result.desired,
  };
}

export async function enableEnhancedMonitoring(input: EnhancedMonitoringInput, context: RequestContext) {
  return change(input, context, true);
}

export async function disableEnhancedMonitoring(input: EnhancedMonitoringInput, context: RequestContext) {
  return change(input, context, false);
}
