/** v1: CreateApplication, DescribeApplication, ListApplications, UpdateApplication, DeleteApplication. */
import { unwrap } from "../../../aws/errors";
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
} from "../../shapes-v1.generated";
import { v1Detail, v1Summary } from "../../views";
import { changeApplication, describeApplication, registry, tagPairs } from "../common";
import { namedByCreation } from "../creation";

export async function createApplication(input: CreateApplicationInput, context: RequestContext): Promise<CreateApplicationOutput> {
  const definition = newDefinition(
    {
      name: input.ApplicationName,
      ...(input.ApplicationDescription !== undefined && { description: input.ApplicationDescription }),
      ...(input.ApplicationCode !== undefined && { code: input.ApplicationCode }),
      inputs: input.Inputs ?? [],
      outputs: input.Outputs ?? [],
      references: [],
      logging: input.CloudWatchLoggingOptions ?? [],
    },
    "v1",
    crypto.randomUUID(),
    context.clock.now(),
  );
  const tags = tagPairs(input.Tags ?? []);
  await checkResources(context.env, context.scope, namedByCreation(definition));
  const state = unwrap(await registry(context).create(context.scope, definition, tags));
  return { ApplicationSummary: v1Summary(context.scope, state) };
}

export async function describeApplicationV1(input: DescribeApplicationInput, context: RequestContext): Promise<DescribeApplicationOutput> {
  return { ApplicationDetail: v1Detail(context.scope, await describeApplication(context, input.ApplicationName, "v1")) };
}

export async function listApplications(input: ListApplicationsInput, context: RequestContext): Promise<ListApplicationsOutput> {
  const { applications, hasMore } = unwrap(
    await registry(context).list(input.ExclusiveStartApplicationName ?? "", input.Limit ?? ANALYTICS_API.defaultListLimit),
  );
  return { ApplicationSummaries: applications.map((state) => v1Summary(context.scope, state)), HasMoreApplications: hasMore };
}

export async function updateApplication(input: UpdateApplicationInput, context: RequestContext): Promise<UpdateApplicationOutput> {
  const update = input.ApplicationUpdate;
  await changeApplication(context, input.ApplicationName, "v1", { version: input.CurrentApplicationVersionId }, {
    kind: "update",
    update: {
      ...(update.ApplicationCodeUpdate !== undefined && { code: update.ApplicationCodeUpdate }),
      ...(update.InputUpdates && { inputs: update.InputUpdates }),
      ...(update.OutputUpdates && { outputs: update.OutputUpdates }),
      ...(update.ReferenceDataSourceUpdates && { references: update.ReferenceDataSourceUpdates }),
      ...(update.CloudWatchLoggingOptionUpdates && { logging: update.CloudWatchLoggingOptionUpdates }),
    },
  });
  return {};
}

export async function deleteApplication(input: DeleteApplicationInput, context: RequestContext): Promise<DeleteApplicationOutput> {
  unwrap(await registry(context).delete(context.scope, input.ApplicationName, "v1", input.CreateTimestamp.getTime()));
  return {};
}
