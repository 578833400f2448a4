/**
 * A mapping's settings: what CreateEventSourceMapping and UpdateEventSourceMapping may set, with
 * Lambda's defaults for Kinesis and the rules Lambda applies to a Kinesis source beyond its model's
 * constraints (which shapes.ts and the validation engine check first).
 *
 * Differences from Lambda: FilterCriteria, TumblingWindowInSeconds above 0, OnSuccess destinations,
 * and the parameters of other sources (Kafka, MQ, SQS, DocumentDB) are refused as invalid
 * parameters; ParallelizationFactor is accepted and shown but each shard is read one batch at a
 * time (as with a factor of 1); Tags, MetricsConfig and LoggingConfig are accepted and ignored.
 */
import { LAMBDA } from "../limits";
import { InvalidParameterValueException } from "../aws/errors";

export type StartingPosition = "TRIM_HORIZON" | "LATEST" | "AT_TIMESTAMP";

export interface MappingSettings {
  /** As the caller gave it: a binding name, a function ARN or a URL (see functions/targets.ts). */
  functionName: string;
  enabled: boolean;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  parallelizationFactor: number;
  /** -1: records are never too old (they still expire with the stream's retention). */
  maximumRecordAgeInSeconds: number;
  /** -1: a failing batch is retried until its records expire. */
  maximumRetryAttempts: number;
  bisectBatchOnFunctionError: boolean;
  tumblingWindowInSeconds: number;
  reportBatchItemFailures: boolean;
  /** As the caller gave it; undefined when there is none. */
  onFailure: string | undefined;
}

/** The members of a Create or Update request this module reads (validated against shapes.ts first). */
export interface SettingsInput {
  FunctionName?: string;
  Enabled?: boolean;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  ParallelizationFactor?: number;
  MaximumRecordAgeInSeconds?: number;
  MaximumRetryAttempts?: number;
  BisectBatchOnFunctionError?: boolean;
  TumblingWindowInSeconds?: number;
  FunctionResponseTypes?: string[];
  DestinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
}

/** Members that belong to other event sources, or to features not built yet. */
const UNSUPPORTED = [
  "FilterCriteria",
  "Topics",
  "Queues",
  "SourceAccessConfigurations",
  "SelfManagedEventSource",
  "AmazonManagedKafkaEventSourceConfig",
  "SelfManagedKafkaEventSourceConfig",
  "ScalingConfig",
  "DocumentDBEventSourceConfig",
  "KMSKeyArn",
  "ProvisionedPollerConfig",
];

/** Refuses members that a Kinesis mapping here cannot honour, from the raw request body. */
export function refuseUnsupported(body: Record<string, unknown>): void {
  const present = UNSUPPORTED.find((name) => body[name] !== undefined && body[name] !== null);
  if (present) {
    throw new InvalidParameterValueException(`${present} is not supported for Kinesis event sources in Rivulet.`);
  }
}

export function defaultSettings(functionName: string): MappingSettings {
  return {
    functionName,
    enabled: true,
    batchSize: LAMBDA.defaultBatchSize,
    maximumBatchingWindowInSeconds: 0,
    parallelizationFactor: 1,
    maximumRecordAgeInSeconds: -1,
    maximumRetryAttempts: -1,
    bisectBatchOnFunctionError: false,
    tumblingWindowInSeconds: 0,
    reportBatchItemFailures: false,
    onFailure: undefined,
  };
}

/** `base` with the members of `input` applied, checked against Lambda's rules for Kinesis. */
export function applySettings(base: MappingSettings, input: SettingsInput): MappingSettings {
  const next: MappingSettings = { ...base };
  if (input.FunctionName !== undefined) next.functionName = input.FunctionName;
  if (input.Enabled !== undefined) next.enabled = input.Enabled;
  if (input.BatchSize !== undefined) next.batchSize = input.BatchSize;
  if (input.MaximumBatchingWindowInSeconds !== undefined) next.maximumBatchingWindowInSeconds = input.MaximumBatchingWindowInSeconds;
  if (input.ParallelizationFactor !== undefined) next.parallelizationFactor = input.ParallelizationFactor;
  if (input.MaximumRecordAgeInSeconds !== undefined) next.maximumRecordAgeInSeconds = input.MaximumRecordAgeInSeconds;
  if (input.MaximumRetryAttempts !== undefined) next.maximumRetryAttempts = input.MaximumRetryAttempts;
  if (input.BisectBatchOnFunctionError !== undefined) next.bisectBatchOnFunctionError = input.BisectBatchOnFunctionError;
  if (input.TumblingWindowInSeconds !== undefined) next.tumblingWindowInSeconds = input.TumblingWindowInSeconds;
  if (input.FunctionResponseTypes !== undefined) next.reportBatchItemFailures = input.FunctionResponseTypes.includes("ReportBatchItemFailures");
  if (input.DestinationConfig !== undefined) {
    if (input.DestinationConfig.OnSuccess?.Destination) {
      throw new InvalidParameterValueException("Unsupported DestinationConfig parameter for given event source mapping type.");
    }
    const destination = input.DestinationConfig.OnFailure?.Destination;
    next.onFailure = destination === undefined || destination === "" ? undefined : destination;
  }
  if (next.maximumRecordAgeInSeconds !== -1 && next.maximumRecordAgeInSeconds < 60) {
    throw new InvalidParameterValueException(
      "MaximumRecordAgeInSeconds must be -1 (infinite) or between 60 and 604800 seconds.",
    );
  }
  if (next.tumblingWindowInSeconds > 0) {
    throw new InvalidParameterValueException("TumblingWindowInSeconds is not supported in Rivulet yet.");
  }
  return next;
}

/** The DestinationConfig shown for a mapping: AWS shows an empty OnFailure when there is no destination. */
export function destinationConfig(settings: MappingSettings) {
  return { OnFailure: settings.onFailure === undefined ? {} : { Destination: settings.onFailure } };
}
