/** v2: CreateApplication, DescribeApplication, ListApplications, UpdateApplication, DeleteApplication, for SQL applications. */
import { InvalidArgumentException, unwrap } from "../../../aws/errors";
import type { RequestContext } from "../../../aws/protocol";
import { ANALYTICS_API } from "../../api-limits";
import { newDefinition } from "../../definition";
import { checkResources } from "../../resources";
import type {
  CreateApplicationInput,
  CreateApplicationOutput,
  DeleteApplicationInput,
  DeleteApplicationOutput,
  DescribeApplicationInput,
  DescribeApplicationOutput,
  ListApplicationsInput,
  ListApplicationsOutput,
  UpdateApplicationInput,
  UpdateApplicationOutput,
} from "../../shapes-v2.generated";
import { v2Detail, v2Summary } from "../../views";
import { changeApplication, describeApplication, registry, tagPairs, versionOrToken } from "../common";
import { namedByCreation } from "../creation";
import { checkRuntime, refuseFlinkOnly, sqlCode, sqlCodeUpdate } from "./sql-only";

export async function createApplicationV2(input: CreateApplicationInput, context: RequestContext): Promise<CreateApplicationOutput> {
  checkRuntime(input.RuntimeEnvironment);
  if (input.ApplicationMode === "INTERACTIVE") throw new InvalidArgumentException("ApplicationMode INTERACTIVE is not supported for SQL applications.");
  const configuration = input.ApplicationConfiguration ?? {};
  refuseFlinkOnly(configuration, [
    "FlinkApplicationConfiguration",
    "EnvironmentProperties",
    "ApplicationSnapshotConfiguration",
    "ApplicationSystemRollbackConfiguration",
    "VpcConfigurations",
    "ZeppelinApplicationConfiguration",
    "ApplicationEncryptionConfiguration",
  ]);
  const code = sqlCode(configuration.ApplicationCodeConfiguration);
  const sql = configuration.SqlApplicationConfiguration ?? {};
  const definition = newDefinition(
    {
      name: input.ApplicationName,
      ...(input.ApplicationDescription !== undefined && { description: input.ApplicationDescription }),
      serviceExecutionRole: input.ServiceExecutionRole,
      ...(code !== undefined && { code }),
      inputs: sql.Inputs ?? [],
      outputs: sql.Outputs ?? [],
      references: sql.ReferenceDataSources ?? [],
      logging: input.CloudWatchLoggingOptions ?? [],
    },
    "v2",
    crypto.randomUUID(),
    context.clock.now(),
  );
  const tags = tagPairs(input.Tags ?? []);
  await checkResources(context.env, context.scope, namedByCreation(definition));
  const state = unwrap(await registry(context).create(context.scope, definition, tags));
  return { ApplicationDetail: v2Detail(context.scope, state) };
}

export async function describeApplicationV2(input: DescribeApplicationInput, context: RequestContext): Promise<DescribeApplicationOutput> {
  return { ApplicationDetail: v2Detail(context.scope, await describeApplication(context, input.ApplicationName, "v2")) };
}

/** NextToken is the name of the last application answered: the next page starts after it. */
export async function listApplicationsV2(input: ListApplicationsInput, context: RequestContext): Promise<ListApplicationsOutput> {
  const { applications, hasMore } = unwrap(await registry(context).list(input.NextToken ?? "", input.Limit ?? ANALYTICS_API.defaultListLimit));
  const output: ListApplicationsOutput = { ApplicationSummaries: applications.map((state) => v2Summary(context.scope, state)) };
  const last = applications.at(-1);
  if (hasMore && last) output.NextToken = last.definition.name;
  return output;
}

export async function updateApplicationV2(input: UpdateApplicationInput, context: RequestContext): Promise<UpdateApplicationOutput> {
  const expected = versionOrToken(input);
  if (input.RuntimeEnvironmentUpdate !== undefined) checkRuntime(input.RuntimeEnvironmentUpdate);
  if (input.RunConfigurationUpdate) refuseFlinkOnly(input.RunConfigurationUpdate, ["FlinkRunConfiguration", "ApplicationRestoreConfiguration"]);
  const configuration = input.ApplicationConfigurationUpdate ?? {};
  refuseFlinkOnly(configuration, [
    "FlinkApplicationConfigurationUpdate",
    "EnvironmentPropertyUpdates",
    "ApplicationSnapshotConfigurationUpdate",
    "ApplicationSystemRollbackConfigurationUpdate",
    "VpcConfigurationUpdates",
    "ZeppelinApplicationConfigurationUpdate",
    "ApplicationEncryptionConfigurationUpdate",
  ]);
  const code = sqlCodeUpdate(configuration.ApplicationCodeConfigurationUpdate);
  const sql = configuration.SqlApplicationConfigurationUpdate;
  const state = await changeApplication(context, input.ApplicationName, "v2", expected, {
    kind: "update",
    update: {
      ...(code !== undefined && { code }),
      ...(sql?.InputUpdates && { inputs: sql.InputUpdates }),
      ...(sql?.OutputUpdates && { outputs: sql.OutputUpdates }),
      ...(sql?.ReferenceDataSourceUpdates && { references: sql.ReferenceDataSourceUpdates }),
      ...(input.CloudWatchLoggingOptionUpdates && { logging: input.CloudWatchLoggingOptionUpdates }),
      ...(input.ServiceExecutionRoleUpdate !== undefined && { serviceExecutionRole: input.ServiceExecutionRoleUpdate }),
    },
  });
  return { ApplicationDetail: v2Detail(context.scope, state) };
}

export async function deleteApplicationV2(input: DeleteApplicationInput, context: RequestContext): Promise<DeleteApplicationOutput> {
  unwrap(await registry(context).delete(context.scope, input.ApplicationName, "v2", input.CreateTimestamp.getTime()));
  return {};
}
