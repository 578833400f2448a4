/** v1: StartApplication (READY to STARTING to RUNNING) and StopApplication (RUNNING to STOPPING to READY). */
import { unwrap } from "../../../aws/errors";
import type { RequestContext } from "../../../aws/protocol";
import type { InputStartingPosition, StartApplicationInput, StartApplicationOutput, StopApplicationInput, StopApplicationOutput } from "../../shapes-v1.generated";
import { registry } from "../common";

export async function startApplication(input: StartApplicationInput, context: RequestContext): Promise<StartApplicationOutput> {
  const positions: Record<string, InputStartingPosition> = {};
  for (const configuration of input.InputConfigurations) {
    positions[configuration.Id] = configuration.InputStartingPositionConfiguration.InputStartingPosition ?? "NOW";
  }
  unwrap(await registry(context).start(context.scope, input.ApplicationName, "v1", positions));
  return {};
}

export async function stopApplication(input: StopApplicationInput, context: RequestContext): Promise<StopApplicationOutput> {
  unwrap(await registry(context).stop(context.scope, input.ApplicationName, "v1"));
  return {};
}
