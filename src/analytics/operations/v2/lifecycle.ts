/**
 * v2: StartApplication (RunConfiguration.SqlRunConfigurations say where each input starts) and
 * StopApplication. Force is refused: "You can't force stop a SQL-based Kinesis Data Analytics
 * application" (the model's documentation of Force, quoted as the message). No OperationId: AWS
 * tracks operations for Flink applications only.
 */
import { InvalidArgumentException, unwrap } from "../../../aws/errors";
import type { RequestContext } from "../../../aws/protocol";
import type { InputStartingPosition } from "../../shapes-v1.generated";
import type { StartApplicationInput, StartApplicationOutput, StopApplicationInput, StopApplicationOutput } from "../../shapes-v2.generated";
import { registry } from "../common";
import { refuseFlinkOnly } from "./sql-only";

export async function startApplicationV2(input: StartApplicationInput, context: RequestContext): Promise<StartApplicationOutput> {
  const run = input.RunConfiguration ?? {};
  refuseFlinkOnly(run, ["FlinkRunConfiguration", "ApplicationRestoreConfiguration"]);
  const positions: Record<string, InputStartingPosition> = {};
  for (const configuration of run.SqlRunConfigurations ?? []) {
    positions[configuration.InputId] = configuration.InputStartingPositionConfiguration.InputStartingPosition ?? "NOW";
  }
  unwrap(await registry(context).start(context.scope, input.ApplicationName, "v2", positions));
  return {};
}

export async function stopApplicationV2(input: StopApplicationInput, context: RequestContext): Promise<StopApplicationOutput> {
  if (input.Force === true) throw new InvalidArgumentException("You can't force stop a SQL-based Kinesis Data Analytics application.");
  unwrap(await registry(context).stop(context.scope, input.ApplicationName, "v2"));
  return {};
}
