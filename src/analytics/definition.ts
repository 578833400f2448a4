/**
 * An application's definition as the registry keeps it, whichever API version made it: its code,
 * inputs, outputs, reference data sources and logging options in the descriptions' shapes, with
 * their ids. Roles are optional throughout: v1 names one per resource, v2 one per application
 * (ServiceExecutionRole); each view fills in what its API version expects (views.ts).
 *
 * The configurations requests carry (v1's and v2's Input, Output, ... both fit the *Config types
 * here) are checked and turned into descriptions by the functions of this module; roles are kept
 * and never assumed (Rivulet has no IAM).
 */
import { InvalidArgumentException } from "../aws/errors";
import { ANALYTICS_API } from "./api-limits";
import { configurationId, inAppStreamNames } from "./ids";
import type { InputStartingPosition, RecordFormatType, SourceSchema } from "./shapes-v1.generated";
import { parseColumnType, SqlError } from "./sql";

/** Which API last created or changed an application (v1 may not change what v2 made). */
export type ApiVersion = "v1" | "v2";

/** The only RuntimeEnvironment Rivulet runs. */
export const SQL_RUNTIME = "SQL-1_0";

/** A stream, delivery stream or function the application uses, with the role v1 names for it. */
export interface ResourceRef {
  ResourceARN: string;
  RoleARN?: string;
}

export interface InputConfig {
  NamePrefix: string;
  InputProcessingConfiguration?: { InputLambdaProcessor: ResourceRef };
  KinesisStreamsInput?: ResourceRef;
  KinesisFirehoseInput?: ResourceRef;
  InputParallelism?: { Count?: number };
  InputSchema: SourceSchema;
}

export interface OutputConfig {
  Name: string;
  KinesisStreamsOutput?: ResourceRef;
  KinesisFirehoseOutput?: ResourceRef;
  LambdaOutput?: ResourceRef;
  DestinationSchema: { RecordFormatType: RecordFormatType };
}

export interface ReferenceConfig {
  TableName: string;
  /** v2's members are all optional in its model; v1's all required. */
  S3ReferenceDataSource?: { BucketARN?: string; FileKey?: string; ReferenceRoleARN?: string };
  ReferenceSchema: SourceSchema;
}

export interface LoggingConfig {
  LogStreamARN: string;
  RoleARN?: string;
}

export interface InputRecord {
  InputId: string;
  NamePrefix: string;
  InAppStreamNames: string[];
  InputProcessingConfigurationDescription?: { InputLambdaProcessorDescription: ResourceRef };
  KinesisStreamsInputDescription?: ResourceRef;
  KinesisFirehoseInputDescription?: ResourceRef;
  InputSchema: SourceSchema;
  InputParallelism: { Count: number };
  /** Where the input was last started from (StartApplication's InputConfigurations). */
  InputStartingPositionConfiguration?: { InputStartingPosition?: InputStartingPosition };
}

export interface OutputRecord {
  OutputId: string;
  Name: string;
  KinesisStreamsOutputDescription?: ResourceRef;
  KinesisFirehoseOutputDescription?: ResourceRef;
  LambdaOutputDescription?: ResourceRef;
  DestinationSchema: { RecordFormatType: RecordFormatType };
}

export interface ReferenceRecord {
  ReferenceId: string;
  TableName: string;
  S3ReferenceDataSourceDescription: { BucketARN: string; FileKey: string; ReferenceRoleARN?: string };
  ReferenceSchema: SourceSchema;
}

export interface LoggingRecord {
  CloudWatchLoggingOptionId: string;
  LogStreamARN: string;
  RoleARN?: string;
}

export interface ApplicationDefinition {
  name: string;
  /** New on every creation: names the application's object (objects.ts applicationStub). */
  id: string;
  description?: string;
  /** v2's ServiceExecutionRole; v1's applications have none. */
  serviceExecutionRole?: string;
  /** ApplicationCode (v1) or TextContent (v2); absent until an application is given code. */
  code?: string;
  inputs: InputRecord[];
  outputs: OutputRecord[];
  references: ReferenceRecord[];
  logging: LoggingRecord[];
  /** ApplicationVersionId: 1 at creation, one more for every change of configuration. */
  version: number;
  createdMs: number;
  updatedMs: number;
  managedBy: ApiVersion;
}

/** The kind of an ARN this service accepts, checked before it is looked up. */
export type ArnKind = "stream" | "deliverystream" | "function";

const ARN_FORMS: Record<ArnKind, RegExp> = {
  stream: /^arn:aws[^:]*:kinesis:[^:]+:\d{12}:stream\/[a-zA-Z0-9_.-]{1,128}$/,
  deliverystream: /^arn:aws[^:]*:firehose:[^:]+:\d{12}:deliverystream\/[a-zA-Z0-9_.-]{1,64}$/,
  function: /^arn:aws[^:]*:lambda:[^:]+:\d{12}:function:[a-zA-Z0-9_-]{1,64}(?::(?:\$LATEST|[a-zA-Z0-9_-]+))?$/,
};

const ARN_NAMES: Record<ArnKind, string> = {
  stream: "Kinesis stream",
  deliverystream: "Kinesis Firehose delivery stream",
  function: "AWS Lambda function",
};

/** Refuses an ARN that is not of the kind its member names. */
export function checkArn(arn: string, kind: ArnKind, member: string): void {
  if (!ARN_FORMS[kind].test(arn)) {
    throw new InvalidArgumentException(`${member} ${arn} is not a valid ${ARN_NAMES[kind]} ARN.`);
  }
}

/** The one member of `members` that is given; InvalidArgumentException when none or several are. */
export function exactlyOne<T extends object, K extends keyof T & string>(value: T, members: readonly K[], what: string): K {
  const given = members.filter((member) => value[member] !== undefined);
  if (given.length !== 1) {
    throw new InvalidArgumentException(`${what} must specify exactly one of ${members.join(", ")}.`);
  }
  return given[0] as K;
}

/**
 * Checks a SourceSchema as AWS's documentation states its rules: mapping parameters of the record
 * format's type (JSON: JSONMappingParameters; CSV: CSVMappingParameters), a Mapping for every column
 * of a JSON schema ("This element is required if the RecordFormatType is JSON"), SQL types the
 * service knows, and column names that differ.
 */
export function checkSchema(schema: SourceSchema, what: string): void {
  const format = schema.RecordFormat;
  const parameters = format.MappingParameters;
  if (format.RecordFormatType === "JSON" && parameters?.CSVMappingParameters) {
    throw new InvalidArgumentException(`${what}: CSVMappingParameters cannot be used with RecordFormatType JSON.`);
  }
  if (format.RecordFormatType === "CSV" && parameters?.JSONMappingParameters) {
    throw new InvalidArgumentException(`${what}: JSONMappingParameters cannot be used with RecordFormatType CSV.`);
  }
  const names = new Set<string>();
  for (const column of schema.RecordColumns) {
    if (names.has(column.Name)) throw new InvalidArgumentException(`${what}: column ${column.Name} is defined more than once.`);
    names.add(column.Name);
    if (format.RecordFormatType === "JSON" && !column.Mapping) {
      throw new InvalidArgumentException(`${what}: column ${column.Name} needs a Mapping when the RecordFormatType is JSON.`);
    }
    try {
      parseColumnType(column.SqlType);
    } catch (error) {
      if (!(error instanceof SqlError)) throw error;
      throw new InvalidArgumentException(`${what}: column ${column.Name} has an unsupported SqlType ${column.SqlType}.`);
    }
  }
}

/** Adds each resource's role where the configuration gave one. */
function ref(resource: ResourceRef): ResourceRef {
  return resource.RoleARN === undefined ? { ResourceARN: resource.ResourceARN } : { ResourceARN: resource.ResourceARN, RoleARN: resource.RoleARN };
}

export function inputRecord(config: InputConfig, version: number, index: number): InputRecord {
  const source = exactlyOne(config, ["KinesisStreamsInput", "KinesisFirehoseInput"], "An input");
  const count = config.InputParallelism?.Count ?? 1;
  checkSchema(config.InputSchema, `Input ${config.NamePrefix}`);
  const record: InputRecord = {
    InputId: configurationId(version, index),
    NamePrefix: config.NamePrefix,
    InAppStreamNames: inAppStreamNames(config.NamePrefix, count),
    InputSchema: config.InputSchema,
    InputParallelism: { Count: count },
  };
  const processor = config.InputProcessingConfiguration?.InputLambdaProcessor;
  if (processor) {
    checkArn(processor.ResourceARN, "function", "InputLambdaProcessor");
    record.InputProcessingConfigurationDescription = { InputLambdaProcessorDescription: ref(processor) };
  }
  if (source === "KinesisStreamsInput" && config.KinesisStreamsInput) {
    checkArn(config.KinesisStreamsInput.ResourceARN, "stream", "KinesisStreamsInput");
    record.KinesisStreamsInputDescription = ref(config.KinesisStreamsInput);
  } else if (config.KinesisFirehoseInput) {
    checkArn(config.KinesisFirehoseInput.ResourceARN, "deliverystream", "KinesisFirehoseInput");
    record.KinesisFirehoseInputDescription = ref(config.KinesisFirehoseInput);
  }
  return record;
}

export function outputRecord(config: OutputConfig, version: number, index: number): OutputRecord {
  const destination = exactlyOne(config, ["KinesisStreamsOutput", "KinesisFirehoseOutput", "LambdaOutput"], "An output");
  const record: OutputRecord = { OutputId: configurationId(version, index), Name: config.Name, DestinationSchema: config.DestinationSchema };
  if (destination === "KinesisStreamsOutput" && config.KinesisStreamsOutput) {
    checkArn(config.KinesisStreamsOutput.ResourceARN, "stream", "KinesisStreamsOutput");
    record.KinesisStreamsOutputDescription = ref(config.KinesisStreamsOutput);
  } else if (destination === "KinesisFirehoseOutput" && config.KinesisFirehoseOutput) {
    checkArn(config.KinesisFirehoseOutput.ResourceARN, "deliverystream", "KinesisFirehoseOutput");
    record.KinesisFirehoseOutputDescription = ref(config.KinesisFirehoseOutput);
  } else if (config.LambdaOutput) {
    checkArn(config.LambdaOutput.ResourceARN, "function", "LambdaOutput");
    record.LambdaOutputDescription = ref(config.LambdaOutput);
  }
  return record;
}

export function referenceRecord(config: ReferenceConfig, version: number, index: number): ReferenceRecord {
  const s3 = config.S3ReferenceDataSource;
  if (!s3?.BucketARN || !s3.FileKey) {
    throw new InvalidArgumentException(`Reference data source ${config.TableName} must name an S3 BucketARN and FileKey.`);
  }
  if (!/^arn:aws[^:]*:s3:::[^/]+$/.test(s3.BucketARN)) {
    throw new InvalidArgumentException(`BucketARN ${s3.BucketARN} is not a valid Amazon S3 bucket ARN.`);
  }
  checkSchema(config.ReferenceSchema, `Reference data source ${config.TableName}`);
  const location: ReferenceRecord["S3ReferenceDataSourceDescription"] = { BucketARN: s3.BucketARN, FileKey: s3.FileKey };
  if (s3.ReferenceRoleARN !== undefined) location.ReferenceRoleARN = s3.ReferenceRoleARN;
  return { ReferenceId: configurationId(version, index), TableName: config.TableName, S3ReferenceDataSourceDescription: location, ReferenceSchema: config.ReferenceSchema };
}

export function loggingRecord(config: LoggingConfig, version: number, index: number): LoggingRecord {
  const record: LoggingRecord = { CloudWatchLoggingOptionId: configurationId(version, index), LogStreamARN: config.LogStreamARN };
  if (config.RoleARN !== undefined) record.RoleARN = config.RoleARN;
  return record;
}

/** The limits on how many of each an application has (api-limits.ts). */
export function checkCounts(definition: Pick<ApplicationDefinition, "inputs" | "outputs" | "references">): void {
  if (definition.inputs.length > ANALYTICS_API.maxInputs) {
    throw new InvalidArgumentException(`An application can have only ${ANALYTICS_API.maxInputs} streaming source.`);
  }
  if (definition.outputs.length > ANALYTICS_API.maxOutputs) {
    throw new InvalidArgumentException(`An application can have at most ${ANALYTICS_API.maxOutputs} outputs.`);
  }
  if (definition.references.length > ANALYTICS_API.maxReferenceDataSources) {
    throw new InvalidArgumentException(`An application can have only ${ANALYTICS_API.maxReferenceDataSources} reference data source.`);
  }
}

/** What CreateApplication (either version) asks for, once its version's shapes are read. */
export interface ApplicationRequest {
  name: string;
  description?: string;
  serviceExecutionRole?: string;
  code?: string;
  inputs: InputConfig[];
  outputs: OutputConfig[];
  references: ReferenceConfig[];
  logging: LoggingConfig[];
}

/** A new application's definition, version 1: its configuration checked, ids `1.1`, `1.2`... */
export function newDefinition(request: ApplicationRequest, api: ApiVersion, id: string, now: number): ApplicationDefinition {
  const definition: ApplicationDefinition = {
    name: request.name,
    id,
    inputs: request.inputs.map((input, i) => inputRecord(input, 1, i + 1)),
    outputs: request.outputs.map((output, i) => outputRecord(output, 1, i + 1)),
    references: request.references.map((reference, i) => referenceRecord(reference, 1, i + 1)),
    logging: request.logging.map((option, i) => loggingRecord(option, 1, i + 1)),
    version: 1,
    createdMs: now,
    updatedMs: now,
    managedBy: api,
  };
  if (request.description !== undefined) definition.description = request.description;
  if (request.serviceExecutionRole !== undefined) definition.serviceExecutionRole = request.serviceExecutionRole;
  if (request.code !== undefined) definition.code = request.code;
  checkCounts(definition);
  return definition;
}
