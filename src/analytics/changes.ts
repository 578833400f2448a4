/**
 * The changes of configuration an application takes (every Add/Delete operation and
 * UpdateApplication, of either API version) as plain data, and applyChange, which makes the next
 * version of a definition from one. The registry applies a change only after checking the
 * application's status and version, so that the check and the write are one step.
 *
 * A change is refused (InvalidArgumentException) when it names an id the application does not
 * have, adds past a limit, or leaves an input, output or reference data source that could not be
 * created as it stands. Ids of what a change adds carry the version it makes (`2.1`).
 */
import { InvalidArgumentException } from "../aws/errors";
import {
  checkArn,
  checkCounts,
  checkSchema,
  inputRecord,
  loggingRecord,
  outputRecord,
  referenceRecord,
  type ApiVersion,
  type ApplicationDefinition,
  type ArnKind,
  type InputConfig,
  type InputRecord,
  type LoggingConfig,
  type OutputConfig,
  type OutputRecord,
  type ReferenceConfig,
  type ResourceRef,
} from "./definition";
import { inAppStreamNames } from "./ids";
import type { RecordColumn, RecordFormat, RecordFormatType, SourceSchema } from "./shapes-v1.generated";

interface RefUpdate {
  ResourceARNUpdate?: string;
  RoleARNUpdate?: string;
}

export interface InputUpdate {
  InputId: string;
  NamePrefixUpdate?: string;
  InputProcessingConfigurationUpdate?: { InputLambdaProcessorUpdate: RefUpdate };
  KinesisStreamsInputUpdate?: RefUpdate;
  KinesisFirehoseInputUpdate?: RefUpdate;
  InputSchemaUpdate?: { RecordFormatUpdate?: RecordFormat; RecordEncodingUpdate?: string; RecordColumnUpdates?: RecordColumn[] };
  InputParallelismUpdate?: { CountUpdate?: number };
}

export interface OutputUpdate {
  OutputId: string;
  NameUpdate?: string;
  KinesisStreamsOutputUpdate?: RefUpdate;
  KinesisFirehoseOutputUpdate?: RefUpdate;
  LambdaOutputUpdate?: RefUpdate;
  DestinationSchemaUpdate?: { RecordFormatType: RecordFormatType };
}

export interface ReferenceUpdate {
  ReferenceId: string;
  TableNameUpdate?: string;
  S3ReferenceDataSourceUpdate?: { BucketARNUpdate?: string; FileKeyUpdate?: string; ReferenceRoleARNUpdate?: string };
  ReferenceSchemaUpdate?: SourceSchema;
}

export interface LoggingUpdate {
  CloudWatchLoggingOptionId: string;
  LogStreamARNUpdate?: string;
  RoleARNUpdate?: string;
}

/** UpdateApplication's parts, from v1's ApplicationUpdate or v2's request. */
export interface ConfigurationUpdate {
  code?: string;
  inputs?: InputUpdate[];
  outputs?: OutputUpdate[];
  references?: ReferenceUpdate[];
  logging?: LoggingUpdate[];
  serviceExecutionRole?: string;
}

export type Change =
  | { kind: "addInput"; input: InputConfig }
  | { kind: "addInputProcessing"; inputId: string; processor: ResourceRef }
  | { kind: "deleteInputProcessing"; inputId: string }
  | { kind: "addOutput"; output: OutputConfig }
  | { kind: "deleteOutput"; outputId: string }
  | { kind: "addReference"; reference: ReferenceConfig }
  | { kind: "deleteReference"; referenceId: string }
  | { kind: "addLogging"; option: LoggingConfig }
  | { kind: "deleteLogging"; optionId: string }
  | { kind: "update"; update: ConfigurationUpdate };

function find<T>(items: readonly T[], id: string, idOf: (item: T) => string, what: string): T {
  const item = items.find((candidate) => idOf(candidate) === id);
  if (!item) throw new InvalidArgumentException(`${what} id ${id} not found.`);
  return item;
}

function without<T>(items: readonly T[], id: string, idOf: (item: T) => string, what: string): T[] {
  find(items, id, idOf, what);
  return items.filter((item) => idOf(item) !== id);
}

const inputId = (input: InputRecord) => input.InputId;
const outputId = (output: OutputRecord) => output.OutputId;

/** A resource after an update of its ARN or role. */
function updatedRef(current: ResourceRef | undefined, update: RefUpdate, member: string): ResourceRef {
  const arn = update.ResourceARNUpdate ?? current?.ResourceARN;
  if (arn === undefined) throw new InvalidArgumentException(`${member} must give ResourceARNUpdate to change the kind of resource.`);
  const role = update.RoleARNUpdate ?? current?.RoleARN;
  return role === undefined ? { ResourceARN: arn } : { ResourceARN: arn, RoleARN: role };
}

function updateInput(input: InputRecord, update: InputUpdate): InputRecord {
  const next: InputRecord = structuredClone(input);
  if (update.NamePrefixUpdate !== undefined) next.NamePrefix = update.NamePrefixUpdate;
  if (update.InputParallelismUpdate?.CountUpdate !== undefined) next.InputParallelism = { Count: update.InputParallelismUpdate.CountUpdate };
  next.InAppStreamNames = inAppStreamNames(next.NamePrefix, next.InputParallelism.Count);
  const processor = update.InputProcessingConfigurationUpdate?.InputLambdaProcessorUpdate;
  if (processor) {
    const current = input.InputProcessingConfigurationDescription?.InputLambdaProcessorDescription;
    if (!current) throw new InvalidArgumentException(`Input ${input.InputId} has no InputProcessingConfiguration to update.`);
    next.InputProcessingConfigurationDescription = { InputLambdaProcessorDescription: updatedRef(current, processor, "InputLambdaProcessorUpdate") };
    checkArn(next.InputProcessingConfigurationDescription.InputLambdaProcessorDescription.ResourceARN, "function", "InputLambdaProcessor");
  }
  if (update.KinesisStreamsInputUpdate && update.KinesisFirehoseInputUpdate) {
    throw new InvalidArgumentException("An input update must specify at most one of KinesisStreamsInputUpdate, KinesisFirehoseInputUpdate.");
  }
  if (update.KinesisStreamsInputUpdate) {
    next.KinesisStreamsInputDescription = updatedRef(input.KinesisStreamsInputDescription, update.KinesisStreamsInputUpdate, "KinesisStreamsInputUpdate");
    delete next.KinesisFirehoseInputDescription;
    checkArn(next.KinesisStreamsInputDescription.ResourceARN, "stream", "KinesisStreamsInput");
  }
  if (update.KinesisFirehoseInputUpdate) {
    next.KinesisFirehoseInputDescription = updatedRef(input.KinesisFirehoseInputDescription, update.KinesisFirehoseInputUpdate, "KinesisFirehoseInputUpdate");
    delete next.KinesisStreamsInputDescription;
    checkArn(next.KinesisFirehoseInputDescription.ResourceARN, "deliverystream", "KinesisFirehoseInput");
  }
  const schema = update.InputSchemaUpdate;
  if (schema) {
    next.InputSchema = {
      RecordFormat: schema.RecordFormatUpdate ?? input.InputSchema.RecordFormat,
      RecordColumns: schema.RecordColumnUpdates ?? input.InputSchema.RecordColumns,
      ...((schema.RecordEncodingUpdate ?? input.InputSchema.RecordEncoding) !== undefined && {
        RecordEncoding: schema.RecordEncodingUpdate ?? input.InputSchema.RecordEncoding,
      }),
    };
    checkSchema(next.InputSchema, `Input ${next.NamePrefix}`);
  }
  return next;
}

function updateOutput(output: OutputRecord, update: OutputUpdate): OutputRecord {
  const given = [update.KinesisStreamsOutputUpdate, update.KinesisFirehoseOutputUpdate, update.LambdaOutputUpdate].filter((u) => u !== undefined);
  if (given.length > 1) {
    throw new InvalidArgumentException(
      "An output update must specify at most one of KinesisStreamsOutputUpdate, KinesisFirehoseOutputUpdate, LambdaOutputUpdate.",
    );
  }
  const next: OutputRecord = { OutputId: output.OutputId, Name: update.NameUpdate ?? output.Name, DestinationSchema: update.DestinationSchemaUpdate ?? output.DestinationSchema };
  const destinations: [keyof OutputRecord & `${string}Description`, RefUpdate | undefined, ArnKind, string][] = [
    ["KinesisStreamsOutputDescription", update.KinesisStreamsOutputUpdate, "stream", "KinesisStreamsOutput"],
    ["KinesisFirehoseOutputDescription", update.KinesisFirehoseOutputUpdate, "deliverystream", "KinesisFirehoseOutput"],
    ["LambdaOutputDescription", update.LambdaOutputUpdate, "function", "LambdaOutput"],
  ];
  for (const [member, refUpdate, kind, name] of destinations) {
    const current = output[member];
    if (refUpdate) {
      next[member] = updatedRef(current, refUpdate, `${name}Update`);
      checkArn(next[member].ResourceARN, kind, name);
    } else if (current && given.length === 0) {
      next[member] = current;
    }
  }
  return next;
}

function updateReference(reference: ApplicationDefinition["references"][number], update: ReferenceUpdate): ApplicationDefinition["references"][number] {
  const s3 = update.S3ReferenceDataSourceUpdate;
  const location = reference.S3ReferenceDataSourceDescription;
  const config: ReferenceConfig = {
    TableName: update.TableNameUpdate ?? reference.TableName,
    S3ReferenceDataSource: {
      BucketARN: s3?.BucketARNUpdate ?? location.BucketARN,
      FileKey: s3?.FileKeyUpdate ?? location.FileKey,
      ...((s3?.ReferenceRoleARNUpdate ?? location.ReferenceRoleARN) !== undefined && {
        ReferenceRoleARN: s3?.ReferenceRoleARNUpdate ?? location.ReferenceRoleARN,
      }),
    },
    ReferenceSchema: update.ReferenceSchemaUpdate ?? reference.ReferenceSchema,
  };
  return { ...referenceRecord(config, 0, 0), ReferenceId: reference.ReferenceId };
}

function applyUpdate(definition: ApplicationDefinition, update: ConfigurationUpdate): void {
  if (update.code !== undefined) definition.code = update.code;
  if (update.serviceExecutionRole !== undefined) definition.serviceExecutionRole = update.serviceExecutionRole;
  for (const inputUpdate of update.inputs ?? []) {
    const current = find(definition.inputs, inputUpdate.InputId, inputId, "Input");
    definition.inputs = definition.inputs.map((input) => (input === current ? updateInput(input, inputUpdate) : input));
  }
  for (const outputUpdate of update.outputs ?? []) {
    const current = find(definition.outputs, outputUpdate.OutputId, outputId, "Output");
    definition.outputs = definition.outputs.map((output) => (output === current ? updateOutput(output, outputUpdate) : output));
  }
  for (const referenceUpdate of update.references ?? []) {
    const current = find(definition.references, referenceUpdate.ReferenceId, (r) => r.ReferenceId, "Reference data source");
    definition.references = definition.references.map((r) => (r === current ? updateReference(r, referenceUpdate) : r));
  }
  for (const loggingUpdate of update.logging ?? []) {
    const current = find(definition.logging, loggingUpdate.CloudWatchLoggingOptionId, (o) => o.CloudWatchLoggingOptionId, "CloudWatch logging option");
    definition.logging = definition.logging.map((option) => {
      if (option !== current) return option;
      const next = { ...option, LogStreamARN: loggingUpdate.LogStreamARNUpdate ?? option.LogStreamARN };
      if (loggingUpdate.RoleARNUpdate !== undefined) next.RoleARN = loggingUpdate.RoleARNUpdate;
      return next;
    });
  }
}

/** The definition's next version after `change`, made by `api` at `now`. Throws InvalidArgumentException. */
export function applyChange(current: ApplicationDefinition, change: Change, api: ApiVersion, now: number): ApplicationDefinition {
  const version = current.version + 1;
  const next: ApplicationDefinition = { ...structuredClone(current), version, updatedMs: now, managedBy: api };
  switch (change.kind) {
    case "addInput":
      next.inputs.push(inputRecord(change.input, version, 1));
      break;
    case "addInputProcessing": {
      const input = find(next.inputs, change.inputId, inputId, "Input");
      if (input.InputProcessingConfigurationDescription) {
        throw new InvalidArgumentException(`Input ${change.inputId} already has an InputProcessingConfiguration.`);
      }
      checkArn(change.processor.ResourceARN, "function", "InputLambdaProcessor");
      input.InputProcessingConfigurationDescription = { InputLambdaProcessorDescription: { ...change.processor } };
      break;
    }
    case "deleteInputProcessing": {
      const input = find(next.inputs, change.inputId, inputId, "Input");
      if (!input.InputProcessingConfigurationDescription) {
        throw new InvalidArgumentException(`Input ${change.inputId} has no InputProcessingConfiguration.`);
      }
      delete input.InputProcessingConfigurationDescription;
      break;
    }
    case "addOutput":
      next.outputs.push(outputRecord(change.output, version, 1));
      break;
    case "deleteOutput":
      next.outputs = without(next.outputs, change.outputId, outputId, "Output");
      break;
    case "addReference":
      next.references.push(referenceRecord(change.reference, version, 1));
      break;
    case "deleteReference":
      next.references = without(next.references, change.referenceId, (r) => r.ReferenceId, "Reference data source");
      break;
    case "addLogging":
      next.logging.push(loggingRecord(change.option, version, 1));
      break;
    case "deleteLogging":
      next.logging = without(next.logging, change.optionId, (o) => o.CloudWatchLoggingOptionId, "CloudWatch logging option");
      break;
    case "update":
      applyUpdate(next, change.update);
      break;
  }
  checkCounts(next);
  return next;
}

/** The streams, delivery streams and functions a change newly names, which must exist before it is made. */
export function namedResources(change: Change): { arn: string; kind: ArnKind }[] {
  const found: { arn: string; kind: ArnKind }[] = [];
  const add = (arn: string | undefined, kind: ArnKind) => {
    if (arn !== undefined) found.push({ arn, kind });
  };
  switch (change.kind) {
    case "addInput":
      add(change.input.KinesisStreamsInput?.ResourceARN, "stream");
      add(change.input.KinesisFirehoseInput?.ResourceARN, "deliverystream");
      break;
    case "addOutput":
      add(change.output.KinesisStreamsOutput?.ResourceARN, "stream");
      add(change.output.KinesisFirehoseOutput?.ResourceARN, "deliverystream");
      break;
    case "update":
      for (const input of change.update.inputs ?? []) {
        add(input.KinesisStreamsInputUpdate?.ResourceARNUpdate, "stream");
        add(input.KinesisFirehoseInputUpdate?.ResourceARNUpdate, "deliverystream");
      }
      for (const output of change.update.outputs ?? []) {
        add(output.KinesisStreamsOutputUpdate?.ResourceARNUpdate, "stream");
        add(output.KinesisFirehoseOutputUpdate?.ResourceARNUpdate, "deliverystream");
      }
      break;
    default:
      break;
  }
  return found;
}
