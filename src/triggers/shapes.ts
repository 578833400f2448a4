/**
 * The body shapes of CreateEventSourceMapping and UpdateEventSourceMapping that a Kinesis mapping
 * uses, written from Lambda's model (botocore's lambda/2015-03-31/service-2.json) in its member
 * order, for the validation engine (src/aws/validate.ts), which reports constraint violations as
 * Lambda's Coral front end does. The members for other sources are left out (settings.ts refuses
 * them), and two patterns are deliberately not applied: FunctionName and OnFailure.Destination may
 * name a binding or a URL here (targets.ts checks them).
 */
import type { BooleanShape, ListShape, NumberShape, StringShape, StructureShape, TimestampShape } from "../aws/validate";

const javaClass = (name: string) => `com.amazonaws.lambda.v20150331.${name}`;

const $Arn: StringShape = {
  type: "string",
  pattern: "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)",
  regex: /^(?:arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9-])+:([a-z]{2}(-gov)?-[a-z]+-\d{1})?:(\d{12})?:([^\n\r\u0085\u2028\u2029]*))$/u,
};
const $NamespacedFunctionName: StringShape = { type: "string", min: 1, max: 256 };
const $Enabled: BooleanShape = { type: "boolean" };
const $BatchSize: NumberShape = { type: "integer", min: 1, max: 10000 };
const $MaximumBatchingWindowInSeconds: NumberShape = { type: "integer", min: 0, max: 300 };
const $ParallelizationFactor: NumberShape = { type: "integer", min: 1, max: 10 };
const $EventSourcePosition: StringShape = { type: "string", enum: ["TRIM_HORIZON", "LATEST", "AT_TIMESTAMP"] };
const $Date: TimestampShape = { type: "timestamp" };
const $DestinationArn: StringShape = { type: "string", min: 0, max: 350 };
const $OnSuccess: StructureShape = { type: "structure", name: "OnSuccess", javaClass: javaClass("OnSuccess"), members: [{ name: "Destination", shape: $DestinationArn }] };
const $OnFailure: StructureShape = { type: "structure", name: "OnFailure", javaClass: javaClass("OnFailure"), members: [{ name: "Destination", shape: $DestinationArn }] };
const $DestinationConfig: StructureShape = {
  type: "structure",
  name: "DestinationConfig",
  javaClass: javaClass("DestinationConfig"),
  members: [
    { name: "OnSuccess", shape: $OnSuccess },
    { name: "OnFailure", shape: $OnFailure },
  ],
};
const $MaximumRecordAgeInSeconds: NumberShape = { type: "integer", min: -1, max: 604800 };
const $BisectBatchOnFunctionError: BooleanShape = { type: "boolean" };
const $MaximumRetryAttempts: NumberShape = { type: "integer", min: -1, max: 10000 };
const $TumblingWindowInSeconds: NumberShape = { type: "integer", min: 0, max: 900 };
const $FunctionResponseType: StringShape = { type: "string", enum: ["ReportBatchItemFailures"] };
const $FunctionResponseTypeList: ListShape = { type: "list", member: $FunctionResponseType, min: 0, max: 1 };

export const CREATE_EVENT_SOURCE_MAPPING: StructureShape = {
  type: "structure",
  name: "CreateEventSourceMappingRequest",
  javaClass: javaClass("CreateEventSourceMappingRequest"),
  members: [
    { name: "EventSourceArn", shape: $Arn },
    { name: "FunctionName", shape: $NamespacedFunctionName, required: true },
    { name: "Enabled", shape: $Enabled },
    { name: "BatchSize", shape: $BatchSize },
    { name: "MaximumBatchingWindowInSeconds", shape: $MaximumBatchingWindowInSeconds },
    { name: "ParallelizationFactor", shape: $ParallelizationFactor },
    { name: "StartingPosition", shape: $EventSourcePosition },
    { name: "StartingPositionTimestamp", shape: $Date },
    { name: "DestinationConfig", shape: $DestinationConfig },
    { name: "MaximumRecordAgeInSeconds", shape: $MaximumRecordAgeInSeconds },
    { name: "BisectBatchOnFunctionError", shape: $BisectBatchOnFunctionError },
    { name: "MaximumRetryAttempts", shape: $MaximumRetryAttempts },
    { name: "TumblingWindowInSeconds", shape: $TumblingWindowInSeconds },
    { name: "FunctionResponseTypes", shape: $FunctionResponseTypeList },
  ],
};

/** The body of UpdateEventSourceMapping (its UUID travels in the path). */
export const UPDATE_EVENT_SOURCE_MAPPING: StructureShape = {
  type: "structure",
  name: "UpdateEventSourceMappingRequest",
  javaClass: javaClass("UpdateEventSourceMappingRequest"),
  members: [
    { name: "FunctionName", shape: $NamespacedFunctionName },
    { name: "Enabled", shape: $Enabled },
    { name: "BatchSize", shape: $BatchSize },
    { name: "MaximumBatchingWindowInSeconds", shape: $MaximumBatchingWindowInSeconds },
    { name: "DestinationConfig", shape: $DestinationConfig },
    { name: "MaximumRecordAgeInSeconds", shape: $MaximumRecordAgeInSeconds },
    { name: "BisectBatchOnFunctionError", shape: $BisectBatchOnFunctionError },
    { name: "MaximumRetryAttempts", shape: $MaximumRetryAttempts },
    { name: "ParallelizationFactor", shape: $ParallelizationFactor },
    { name: "TumblingWindowInSeconds", shape: $TumblingWindowInSeconds },
    { name: "FunctionResponseTypes", shape: $FunctionResponseTypeList },
  ],
};

/** ListEventSourceMappings' query string, once its MaxItems is read as a number. */
export const LIST_EVENT_SOURCE_MAPPINGS: StructureShape = {
  type: "structure",
  name: "ListEventSourceMappingsRequest",
  javaClass: javaClass("ListEventSourceMappingsRequest"),
  members: [
    { name: "EventSourceArn", shape: $Arn },
    { name: "FunctionName", shape: $NamespacedFunctionName },
    { name: "Marker", shape: { type: "string" } },
    { name: "MaxItems", shape: { type: "integer", min: 1, max: 10000 } },
  ],
};
