/** EnableEnhancedMonitoring and DisableEnhancedMonitoring (see ../monitoring.ts). */
import { unwrap } from "../../aws/errors";
import type { RequestContext } from "../../aws/protocol";
import { forgetStream, streamNameOf } from "../locate";
import { registryFor } from "../../objects";
import type {
  DisableEnhancedMonitoringInput,
  EnableEnhancedMonitoringInput,
  EnhancedMonitoringOutput,
} from "../shapes.generated";

async function change(
  input: EnableEnhancedMonitoringInput | DisableEnhancedMonitoringInput,
  context: RequestContext,
  enable: boolean,
): Promise<EnhancedMonitoringOutput> {
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

export async function enableEnhancedMonitoring(
  input: EnableEnhancedMonitoringInput,
  context: RequestContext,
): Promise<EnhancedMonitoringOutput> {
  return change(input, context, true);
}

export async function disableEnhancedMonitoring(
  input: DisableEnhancedMonitoringInput,
  context: RequestContext,
): Promise<EnhancedMonitoringOutput> {
  return change(input, context, false);
}
