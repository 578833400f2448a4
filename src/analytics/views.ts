/**
 * An application as each API version describes it. v1 names a role for every resource: where the
 * application was made by v2 (one ServiceExecutionRole), v1's views show that role. v2's view shows
 * a SQL application's configuration under ApplicationConfigurationDescription, and leaves out what
 * the application does not have (no code yet, no inputs, outputs or reference data), as AWS's
 * answers for SQL applications do (Terraform's acceptance tests read `application_configuration`
 * as empty for an application made without any).
 */
import { applicationArn, conditionalToken } from "./ids";
import { SQL_RUNTIME, type ApplicationDefinition, type InputRecord, type OutputRecord, type ResourceRef } from "./definition";
import type { ApplicationStatus } from "./shapes-v1.generated";
import type * as V1 from "./shapes-v1.generated";
import type * as V2 from "./shapes-v2.generated";
import type { Scope } from "../aws/scope";

/** An application as the registry answers for it: its definition and its status now. */
export interface ApplicationState {
  definition: ApplicationDefinition;
  status: ApplicationStatus;
}

function withRole(resource: ResourceRef, fallback: string | undefined): ResourceRef {
  const role = resource.RoleARN ?? fallback;
  return role === undefined ? { ResourceARN: resource.ResourceARN } : { ResourceARN: resource.ResourceARN, RoleARN: role };
}

function v1Input(input: InputRecord, role: string | undefined): V1.InputDescription {
  const description: V1.InputDescription = { ...input };
  const processor = input.InputProcessingConfigurationDescription?.InputLambdaProcessorDescription;
  if (processor) description.InputProcessingConfigurationDescription = { InputLambdaProcessorDescription: withRole(processor, role) };
  if (input.KinesisStreamsInputDescription) description.KinesisStreamsInputDescription = withRole(input.KinesisStreamsInputDescription, role);
  if (input.KinesisFirehoseInputDescription) description.KinesisFirehoseInputDescription = withRole(input.KinesisFirehoseInputDescription, role);
  return description;
}

function v1Output(output: OutputRecord, role: string | undefined): V1.OutputDescription {
  const description: V1.OutputDescription = { ...output };
  if (output.KinesisStreamsOutputDescription) description.KinesisStreamsOutputDescription = withRole(output.KinesisStreamsOutputDescription, role);
  if (output.KinesisFirehoseOutputDescription) description.KinesisFirehoseOutputDescription = withRole(output.KinesisFirehoseOutputDescription, role);
  if (output.LambdaOutputDescription) description.LambdaOutputDescription = withRole(output.LambdaOutputDescription, role);
  return description;
}

/** The inputs, outputs and reference data sources as v1 (and the application object) see them. */
export function v1Configuration(definition: ApplicationDefinition): {
  inputs: V1.InputDescription[];
  outputs: V1.OutputDescription[];
  references: V1.ReferenceDataSourceDescription[];
  logging: V1.CloudWatchLoggingOptionDescription[];
} {
  const role = definition.serviceExecutionRole;
  return {
    inputs: definition.inputs.map((input) => v1Input(input, role)),
    outputs: definition.outputs.map((output) => v1Output(output, role)),
    references: definition.references.map((reference) => ({
      ...reference,
      S3ReferenceDataSourceDescription: {
        ...reference.S3ReferenceDataSourceDescription,
        ReferenceRoleARN: reference.S3ReferenceDataSourceDescription.ReferenceRoleARN ?? role ?? "",
      },
    })),
    logging: definition.logging.map((option) => ({ ...option, RoleARN: option.RoleARN ?? role ?? "" })),
  };
}

export function v1Detail(scope: Scope, { definition, status }: ApplicationState): V1.ApplicationDetail {
  const configuration = v1Configuration(definition);
  const detail: V1.ApplicationDetail = {
    ApplicationName: definition.name,
    ApplicationARN: applicationArn(scope, definition.name),
    ApplicationStatus: status,
    CreateTimestamp: new Date(definition.createdMs),
    LastUpdateTimestamp: new Date(definition.updatedMs),
    InputDescriptions: configuration.inputs,
    OutputDescriptions: configuration.outputs,
    ReferenceDataSourceDescriptions: configuration.references,
    CloudWatchLoggingOptionDescriptions: configuration.logging,
    ApplicationVersionId: definition.version,
  };
  if (definition.description !== undefined) detail.ApplicationDescription = definition.description;
  if (definition.code !== undefined) detail.ApplicationCode = definition.code;
  return detail;
}

export function v1Summary(scope: Scope, { definition, status }: ApplicationState): V1.ApplicationSummary {
  return { ApplicationName: definition.name, ApplicationARN: applicationArn(scope, definition.name), ApplicationStatus: status };
}

/** v2's SqlApplicationConfigurationDescription; undefined when the application has none of its parts. */
export function v2SqlConfiguration(definition: ApplicationDefinition): V2.SqlApplicationConfigurationDescription | undefined {
  if (definition.inputs.length === 0 && definition.outputs.length === 0 && definition.references.length === 0) return undefined;
  return {
    InputDescriptions: structuredClone(definition.inputs),
    OutputDescriptions: structuredClone(definition.outputs),
    ReferenceDataSourceDescriptions: structuredClone(definition.references),
  };
}

export function v2Logging(definition: ApplicationDefinition): V2.CloudWatchLoggingOptionDescription[] {
  return structuredClone(definition.logging);
}

export function v2Detail(scope: Scope, { definition, status }: ApplicationState): V2.ApplicationDetail {
  const detail: V2.ApplicationDetail = {
    ApplicationARN: applicationArn(scope, definition.name),
    ApplicationName: definition.name,
    RuntimeEnvironment: SQL_RUNTIME,
    ApplicationStatus: status,
    ApplicationVersionId: definition.version,
    CreateTimestamp: new Date(definition.createdMs),
    LastUpdateTimestamp: new Date(definition.updatedMs),
    ConditionalToken: conditionalToken(definition.id, definition.version),
  };
  if (definition.description !== undefined) detail.ApplicationDescription = definition.description;
  if (definition.serviceExecutionRole !== undefined) detail.ServiceExecutionRole = definition.serviceExecutionRole;
  const configuration: V2.ApplicationConfigurationDescription = {};
  const sql = v2SqlConfiguration(definition);
  if (sql) configuration.SqlApplicationConfigurationDescription = sql;
  if (definition.code !== undefined) {
    configuration.ApplicationCodeConfigurationDescription = { CodeContentType: "PLAINTEXT", CodeContentDescription: { TextContent: definition.code } };
  }
  if (Object.keys(configuration).length > 0) detail.ApplicationConfigurationDescription = configuration;
  if (definition.logging.length > 0) detail.CloudWatchLoggingOptionDescriptions = v2Logging(definition);
  return detail;
}

export function v2Summary(scope: Scope, { definition, status }: ApplicationState): V2.ApplicationSummary {
  return {
    ApplicationName: definition.name,
    ApplicationARN: applicationArn(scope, definition.name),
    ApplicationStatus: status,
    ApplicationVersionId: definition.version,
    RuntimeEnvironment: SQL_RUNTIME,
  };
}
