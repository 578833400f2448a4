/**
 * v1's operations on one part of an application's configuration: inputs and their processing,
 * outputs, reference data sources, CloudWatch logging options. Each makes a new version; v1 answers
 * none of them with more than an empty body.
 */
import type { RequestContext } from "../../../aws/protocol";
import type { Change } from "../../changes";
import type * as V1 from "../../shapes-v1.generated";
import { changeApplication } from "../common";

async function change(context: RequestContext, input: { ApplicationName: string; CurrentApplicationVersionId: number }, what: Change): Promise<Record<string, never>> {
  await changeApplication(context, input.ApplicationName, "v1", { version: input.CurrentApplicationVersionId }, what);
  return {};
}

export const addApplicationInput = (input: V1.AddApplicationInputInput, context: RequestContext): Promise<V1.AddApplicationInputOutput> =>
  change(context, input, { kind: "addInput", input: input.Input });

export const addApplicationInputProcessingConfiguration = (
  input: V1.AddApplicationInputProcessingConfigurationInput,
  context: RequestContext,
): Promise<V1.AddApplicationInputProcessingConfigurationOutput> =>
  change(context, input, { kind: "addInputProcessing", inputId: input.InputId, processor: input.InputProcessingConfiguration.InputLambdaProcessor });

export const deleteApplicationInputProcessingConfiguration = (
  input: V1.DeleteApplicationInputProcessingConfigurationInput,
  context: RequestContext,
): Promise<V1.DeleteApplicationInputProcessingConfigurationOutput> => change(context, input, { kind: "deleteInputProcessing", inputId: input.InputId });

export const addApplicationOutput = (input: V1.AddApplicationOutputInput, context: RequestContext): Promise<V1.AddApplicationOutputOutput> =>
  change(context, input, { kind: "addOutput", output: input.Output });

export const deleteApplicationOutput = (input: V1.DeleteApplicationOutputInput, context: RequestContext): Promise<V1.DeleteApplicationOutputOutput> =>
  change(context, input, { kind: "deleteOutput", outputId: input.OutputId });

export const addApplicationReferenceDataSource = (
  input: V1.AddApplicationReferenceDataSourceInput,
  context: RequestContext,
): Promise<V1.AddApplicationReferenceDataSourceOutput> => change(context, input, { kind: "addReference", reference: input.ReferenceDataSource });

export const deleteApplicationReferenceDataSource = (
  input: V1.DeleteApplicationReferenceDataSourceInput,
  context: RequestContext,
): Promise<V1.DeleteApplicationReferenceDataSourceOutput> => change(context, input, { kind: "deleteReference", referenceId: input.ReferenceId });

export const addApplicationCloudWatchLoggingOption = (
  input: V1.AddApplicationCloudWatchLoggingOptionInput,
  context: RequestContext,
): Promise<V1.AddApplicationCloudWatchLoggingOptionOutput> => change(context, input, { kind: "addLogging", option: input.CloudWatchLoggingOption });

export const deleteApplicationCloudWatchLoggingOption = (
  input: V1.DeleteApplicationCloudWatchLoggingOptionInput,
  context: RequestContext,
): Promise<V1.DeleteApplicationCloudWatchLoggingOptionOutput> => change(context, input, { kind: "deleteLogging", optionId: input.CloudWatchLoggingOptionId });
