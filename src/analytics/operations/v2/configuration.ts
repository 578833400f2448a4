/**
 * v2's operations on one part of a SQL application's configuration. Unlike v1's they answer the
 * application's ARN, its new version and the part's descriptions as they now stand.
 */
import type { RequestContext } from "../../../aws/protocol";
import type { Change } from "../../changes";
import type { Expected } from "../../registry";
import type * as V2 from "../../shapes-v2.generated";
import { applicationArn } from "../../ids";
import type { ApplicationState } from "../../views";
import { changeApplication, versionOrToken } from "../common";

async function change(context: RequestContext, name: string, expected: Expected, what: Change): Promise<ApplicationState> {
  return changeApplication(context, name, "v2", expected, what);
}

function identity(context: RequestContext, state: ApplicationState): { ApplicationARN: string; ApplicationVersionId: number } {
  return { ApplicationARN: applicationArn(context.scope, state.definition.name), ApplicationVersionId: state.definition.version };
}

export async function addApplicationInputV2(input: V2.AddApplicationInputInput, context: RequestContext): Promise<V2.AddApplicationInputOutput> {
  const state = await change(context, input.ApplicationName, { version: input.CurrentApplicationVersionId }, { kind: "addInput", input: input.Input });
  return { ...identity(context, state), InputDescriptions: state.definition.inputs };
}

export async function addApplicationInputProcessingConfigurationV2(
  input: V2.AddApplicationInputProcessingConfigurationInput,
  context: RequestContext,
): Promise<V2.AddApplicationInputProcessingConfigurationOutput> {
  const state = await change(context, input.ApplicationName, { version: input.CurrentApplicationVersionId }, {
    kind: "addInputProcessing",
    inputId: input.InputId,
    processor: input.InputProcessingConfiguration.InputLambdaProcessor,
  });
  const processing = state.definition.inputs.find((i) => i.InputId === input.InputId)?.InputProcessingConfigurationDescription;
  return { ...identity(context, state), InputId: input.InputId, ...(processing && { InputProcessingConfigurationDescription: processing }) };
}

export async function deleteApplicationInputProcessingConfigurationV2(
  input: V2.DeleteApplicationInputProcessingConfigurationInput,
  context: RequestContext,
): Promise<V2.DeleteApplicationInputProcessingConfigurationOutput> {
  const state = await change(context, input.ApplicationName, { version: input.CurrentApplicationVersionId }, { kind: "deleteInputProcessing", inputId: input.InputId });
  return identity(context, state);
}

export async function addApplicationOutputV2(input: V2.AddApplicationOutputInput, context: RequestContext): Promise<V2.AddApplicationOutputOutput> {
  const state = await change(context, input.ApplicationName, { version: input.CurrentApplicationVersionId }, { kind: "addOutput", output: input.Output });
  return { ...identity(context, state), OutputDescriptions: state.definition.outputs };
}

export async function deleteApplicationOutputV2(input: V2.DeleteApplicationOutputInput, context: RequestContext): Promise<V2.DeleteApplicationOutputOutput> {
  const state = await change(context, input.ApplicationName, { version: input.CurrentApplicationVersionId }, { kind: "deleteOutput", outputId: input.OutputId });
  return identity(context, state);
}

export async function addApplicationReferenceDataSourceV2(
  input: V2.AddApplicationReferenceDataSourceInput,
  context: RequestContext,
): Promise<V2.AddApplicationReferenceDataSourceOutput> {
  const state = await change(context, input.ApplicationName, { version: input.CurrentApplicationVersionId }, {
    kind: "addReference",
    reference: input.ReferenceDataSource,
  });
  return { ...identity(context, state), ReferenceDataSourceDescriptions: state.definition.references };
}

export async function deleteApplicationReferenceDataSourceV2(
  input: V2.DeleteApplicationReferenceDataSourceInput,
  context: RequestContext,
): Promise<V2.DeleteApplicationReferenceDataSourceOutput> {
  const state = await change(context, input.ApplicationName, { version: input.CurrentApplicationVersionId }, { kind: "deleteReference", referenceId: input.ReferenceId });
  return identity(context, state);
}

export async function addApplicationCloudWatchLoggingOptionV2(
  input: V2.AddApplicationCloudWatchLoggingOptionInput,
  context: RequestContext,
): Promise<V2.AddApplicationCloudWatchLoggingOptionOutput> {
  const state = await change(context, input.ApplicationName, versionOrToken(input), { kind: "addLogging", option: input.CloudWatchLoggingOption });
  return { ...identity(context, state), CloudWatchLoggingOptionDescriptions: state.definition.logging };
}

export async function deleteApplicationCloudWatchLoggingOptionV2(
  input: V2.DeleteApplicationCloudWatchLoggingOptionInput,
  context: RequestContext,
): Promise<V2.DeleteApplicationCloudWatchLoggingOptionOutput> {
  const state = await change(context, input.ApplicationName, versionOrToken(input), { kind: "deleteLogging", optionId: input.CloudWatchLoggingOptionId });
  return { ...identity(context, state), CloudWatchLoggingOptionDescriptions: state.definition.logging };
}
