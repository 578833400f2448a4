// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model
// scripts/models/lambda-2015-03-31.json (AWS Lambda, API 2015-03-31, REST-JSON).
// Regenerate: node scripts/gen-shapes.mjs
// First the input shapes that validateInput() in src/aws/validate.ts walks (members in model order;
// validate.ts derives AWS's reporting order from them), then each operation's input and output types.

import type { BooleanShape, InputShape, ListShape, MapShape, NumberShape, StringShape, StructureShape, TimestampShape } from "../aws/validate";

const $Arn: StringShape = { type: "string", pattern: "arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)", regex: new RegExp("^(?:arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:([^\\n\\r\\u0085\\u2028\\u2029]*))$", "u") };
const $NamespacedFunctionName: StringShape = { type: "string", min: 1, max: 256, pattern: "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?", regex: new RegExp("^(?:(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?)$", "u") };
const $Enabled: BooleanShape = { type: "boolean" };
const $BatchSize: NumberShape = { type: "integer", min: 1, max: 10000 };
const $Pattern: StringShape = { type: "string", min: 0, max: 4096, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $Filter: StructureShape = { type: "structure", name: "Filter", javaClass: "com.amazonaws.lambda.v20150331.Filter", members: [{ name: "Pattern", shape: $Pattern }] };
const $FilterList: ListShape = { type: "list", member: $Filter };
const $FilterCriteria: StructureShape = { type: "structure", name: "FilterCriteria", javaClass: "com.amazonaws.lambda.v20150331.FilterCriteria", members: [{ name: "Filters", shape: $FilterList }] };
const $MaximumBatchingWindowInSeconds: NumberShape = { type: "integer", min: 0, max: 300 };
const $ParallelizationFactor: NumberShape = { type: "integer", min: 1, max: 10 };
const $EventSourcePosition: StringShape = { type: "string", enum: ["TRIM_HORIZON","LATEST","AT_TIMESTAMP"] };
const $Date: TimestampShape = { type: "timestamp" };
const $DestinationArn: StringShape = { type: "string", min: 0, max: 350, pattern: "$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)", regex: new RegExp("^(?:$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:([^\\n\\r\\u0085\\u2028\\u2029]*))$", "u") };
const $OnSuccess: StructureShape = { type: "structure", name: "OnSuccess", javaClass: "com.amazonaws.lambda.v20150331.OnSuccess", members: [{ name: "Destination", shape: $DestinationArn }] };
const $OnFailure: StructureShape = { type: "structure", name: "OnFailure", javaClass: "com.amazonaws.lambda.v20150331.OnFailure", members: [{ name: "Destination", shape: $DestinationArn }] };
const $DestinationConfig: StructureShape = { type: "structure", name: "DestinationConfig", javaClass: "com.amazonaws.lambda.v20150331.DestinationConfig", members: [{ name: "OnSuccess", shape: $OnSuccess }, { name: "OnFailure", shape: $OnFailure }] };
const $MaximumRecordAgeInSeconds: NumberShape = { type: "integer", min: -1, max: 604800 };
const $BisectBatchOnFunctionError: BooleanShape = { type: "boolean" };
const $MaximumRetryAttemptsEventSourceMapping: NumberShape = { type: "integer", min: -1, max: 10000 };
const $TagKey: StringShape = { type: "string" };
const $TagValue: StringShape = { type: "string" };
const $Tags: MapShape = { type: "map", key: $TagKey, value: $TagValue };
const $TumblingWindowInSeconds: NumberShape = { type: "integer", min: 0, max: 900 };
const $Topic: StringShape = { type: "string", min: 1, max: 249, pattern: "[^.]([a-zA-Z0-9\\-_.]+)", regex: new RegExp("^(?:[^.]([a-zA-Z0-9\\-_.]+))$", "u") };
const $Topics: ListShape = { type: "list", member: $Topic, min: 1, max: 1 };
const $Queue: StringShape = { type: "string", min: 1, max: 1000, pattern: "[\\s\\S]*", regex: new RegExp("^(?:[\\s\\S]*)$", "u") };
const $Queues: ListShape = { type: "list", member: $Queue, min: 1, max: 1 };
const $SourceAccessType: StringShape = { type: "string", enum: ["BASIC_AUTH","VPC_SUBNET","VPC_SECURITY_GROUP","SASL_SCRAM_512_AUTH","SASL_SCRAM_256_AUTH","VIRTUAL_HOST","CLIENT_CERTIFICATE_TLS_AUTH","SERVER_ROOT_CA_CERTIFICATE"] };
const $URI: StringShape = { type: "string", min: 1, max: 200, pattern: "[a-zA-Z0-9-\\/*:_+=.@-]*", regex: new RegExp("^(?:[a-zA-Z0-9-\\/*:_+=.@-]*)$", "u") };
const $SourceAccessConfiguration: StructureShape = { type: "structure", name: "SourceAccessConfiguration", javaClass: "com.amazonaws.lambda.v20150331.SourceAccessConfiguration", members: [{ name: "Type", shape: $SourceAccessType }, { name: "URI", shape: $URI }] };
const $SourceAccessConfigurations: ListShape = { type: "list", member: $SourceAccessConfiguration, min: 0, max: 22 };
const $EndPointType: StringShape = { type: "string", enum: ["KAFKA_BOOTSTRAP_SERVERS"] };
const $Endpoint: StringShape = { type: "string", min: 1, max: 300, pattern: "(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])\\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\\-]*[A-Za-z0-9]):[0-9]{1,5}", regex: new RegExp("^(?:(([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9\\-]*[a-zA-Z0-9])\\.)*([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9\\-]*[A-Za-z0-9]):[0-9]{1,5})$", "u") };
const $EndpointLists: ListShape = { type: "list", member: $Endpoint, min: 1, max: 10 };
const $Endpoints: MapShape = { type: "map", key: $EndPointType, value: $EndpointLists, min: 1, max: 2 };
const $SelfManagedEventSource: StructureShape = { type: "structure", name: "SelfManagedEventSource", javaClass: "com.amazonaws.lambda.v20150331.SelfManagedEventSource", members: [{ name: "Endpoints", shape: $Endpoints }] };
const $FunctionResponseType: StringShape = { type: "string", enum: ["ReportBatchItemFailures"] };
const $FunctionResponseTypeList: ListShape = { type: "list", member: $FunctionResponseType, min: 0, max: 1 };
const $SchemaRegistryUri: StringShape = { type: "string", min: 1, max: 10000, pattern: "[a-zA-Z0-9-\\/*:_+=.@-]*", regex: new RegExp("^(?:[a-zA-Z0-9-\\/*:_+=.@-]*)$", "u") };
const $SchemaRegistryEventRecordFormat: StringShape = { type: "string", enum: ["JSON","SOURCE"] };
const $KafkaSchemaRegistryAuthType: StringShape = { type: "string", enum: ["BASIC_AUTH","CLIENT_CERTIFICATE_TLS_AUTH","SERVER_ROOT_CA_CERTIFICATE"] };
const $KafkaSchemaRegistryAccessConfig: StructureShape = { type: "structure", name: "KafkaSchemaRegistryAccessConfig", javaClass: "com.amazonaws.lambda.v20150331.KafkaSchemaRegistryAccessConfig", members: [{ name: "Type", shape: $KafkaSchemaRegistryAuthType }, { name: "URI", shape: $Arn }] };
const $KafkaSchemaRegistryAccessConfigList: ListShape = { type: "list", member: $KafkaSchemaRegistryAccessConfig };
const $KafkaSchemaValidationAttribute: StringShape = { type: "string", enum: ["KEY","VALUE"] };
const $KafkaSchemaValidationConfig: StructureShape = { type: "structure", name: "KafkaSchemaValidationConfig", javaClass: "com.amazonaws.lambda.v20150331.KafkaSchemaValidationConfig", members: [{ name: "Attribute", shape: $KafkaSchemaValidationAttribute }] };
const $KafkaSchemaValidationConfigList: ListShape = { type: "list", member: $KafkaSchemaValidationConfig };
const $KafkaSchemaRegistryConfig: StructureShape = { type: "structure", name: "KafkaSchemaRegistryConfig", javaClass: "com.amazonaws.lambda.v20150331.KafkaSchemaRegistryConfig", members: [{ name: "SchemaRegistryURI", shape: $SchemaRegistryUri }, { name: "EventRecordFormat", shape: $SchemaRegistryEventRecordFormat }, { name: "AccessConfigs", shape: $KafkaSchemaRegistryAccessConfigList }, { name: "SchemaValidationConfigs", shape: $KafkaSchemaValidationConfigList }] };
const $AmazonManagedKafkaEventSourceConfig: StructureShape = { type: "structure", name: "AmazonManagedKafkaEventSourceConfig", javaClass: "com.amazonaws.lambda.v20150331.AmazonManagedKafkaEventSourceConfig", members: [{ name: "ConsumerGroupId", shape: $URI }, { name: "SchemaRegistryConfig", shape: $KafkaSchemaRegistryConfig }] };
const $SelfManagedKafkaEventSourceConfig: StructureShape = { type: "structure", name: "SelfManagedKafkaEventSourceConfig", javaClass: "com.amazonaws.lambda.v20150331.SelfManagedKafkaEventSourceConfig", members: [{ name: "ConsumerGroupId", shape: $URI }, { name: "SchemaRegistryConfig", shape: $KafkaSchemaRegistryConfig }] };
const $MaximumConcurrency: NumberShape = { type: "integer", min: 2, max: 1000 };
const $ScalingConfig: StructureShape = { type: "structure", name: "ScalingConfig", javaClass: "com.amazonaws.lambda.v20150331.ScalingConfig", members: [{ name: "MaximumConcurrency", shape: $MaximumConcurrency }] };
const $DatabaseName: StringShape = { type: "string", min: 1, max: 63, pattern: "[^ /\\.$\\x22]*", regex: new RegExp("^(?:[^ /\\.$\\x22]*)$", "u") };
const $CollectionName: StringShape = { type: "string", min: 1, max: 57, pattern: "(^(?!(system\\x2e)))(^[_a-zA-Z0-9])([^$]*)", regex: new RegExp("^(?:(^(?!(system\\x2e)))(^[_a-zA-Z0-9])([^$]*))$", "u") };
const $FullDocument: StringShape = { type: "string", enum: ["UpdateLookup","Default"] };
const $DocumentDBEventSourceConfig: StructureShape = { type: "structure", name: "DocumentDBEventSourceConfig", javaClass: "com.amazonaws.lambda.v20150331.DocumentDBEventSourceConfig", members: [{ name: "DatabaseName", shape: $DatabaseName }, { name: "CollectionName", shape: $CollectionName }, { name: "FullDocument", shape: $FullDocument }] };
const $KMSKeyArn: StringShape = { type: "string", pattern: "(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()", regex: new RegExp("^(?:(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:[^\\n\\r\\u0085\\u2028\\u2029]*)|())$", "u") };
const $EventSourceMappingMetric: StringShape = { type: "string", enum: ["EventCount","ErrorCount","KafkaMetrics"] };
const $EventSourceMappingMetricList: ListShape = { type: "list", member: $EventSourceMappingMetric, min: 0, max: 3 };
const $EventSourceMappingMetricsConfig: StructureShape = { type: "structure", name: "EventSourceMappingMetricsConfig", javaClass: "com.amazonaws.lambda.v20150331.EventSourceMappingMetricsConfig", members: [{ name: "Metrics", shape: $EventSourceMappingMetricList }] };
const $EventSourceMappingSystemLogLevel: StringShape = { type: "string", enum: ["DEBUG","INFO","WARN"] };
const $EventSourceMappingLoggingConfig: StructureShape = { type: "structure", name: "EventSourceMappingLoggingConfig", javaClass: "com.amazonaws.lambda.v20150331.EventSourceMappingLoggingConfig", members: [{ name: "SystemLogLevel", shape: $EventSourceMappingSystemLogLevel }] };
const $MinimumNumberOfPollers: NumberShape = { type: "integer", min: 1, max: 200 };
const $MaximumNumberOfPollers: NumberShape = { type: "integer", min: 1, max: 2000 };
const $ProvisionedPollerGroupName: StringShape = { type: "string", min: 0, max: 128, pattern: "[a-zA-Z0-9-_]*", regex: new RegExp("^(?:[a-zA-Z0-9-_]*)$", "u") };
const $ProvisionedPollerConfig: StructureShape = { type: "structure", name: "ProvisionedPollerConfig", javaClass: "com.amazonaws.lambda.v20150331.ProvisionedPollerConfig", members: [{ name: "MinimumPollers", shape: $MinimumNumberOfPollers }, { name: "MaximumPollers", shape: $MaximumNumberOfPollers }, { name: "PollerGroupName", shape: $ProvisionedPollerGroupName }] };
const $CreateEventSourceMappingRequest: StructureShape = { type: "structure", name: "CreateEventSourceMappingRequest", javaClass: "com.amazonaws.lambda.v20150331.CreateEventSourceMappingRequest", members: [{ name: "EventSourceArn", shape: $Arn }, { name: "FunctionName", shape: $NamespacedFunctionName, required: true }, { name: "Enabled", shape: $Enabled }, { name: "BatchSize", shape: $BatchSize }, { name: "FilterCriteria", shape: $FilterCriteria }, { name: "MaximumBatchingWindowInSeconds", shape: $MaximumBatchingWindowInSeconds }, { name: "ParallelizationFactor", shape: $ParallelizationFactor }, { name: "StartingPosition", shape: $EventSourcePosition }, { name: "StartingPositionTimestamp", shape: $Date }, { name: "DestinationConfig", shape: $DestinationConfig }, { name: "MaximumRecordAgeInSeconds", shape: $MaximumRecordAgeInSeconds }, { name: "BisectBatchOnFunctionError", shape: $BisectBatchOnFunctionError }, { name: "MaximumRetryAttempts", shape: $MaximumRetryAttemptsEventSourceMapping }, { name: "Tags", shape: $Tags }, { name: "TumblingWindowInSeconds", shape: $TumblingWindowInSeconds }, { name: "Topics", shape: $Topics }, { name: "Queues", shape: $Queues }, { name: "SourceAccessConfigurations", shape: $SourceAccessConfigurations }, { name: "SelfManagedEventSource", shape: $SelfManagedEventSource }, { name: "FunctionResponseTypes", shape: $FunctionResponseTypeList }, { name: "AmazonManagedKafkaEventSourceConfig", shape: $AmazonManagedKafkaEventSourceConfig }, { name: "SelfManagedKafkaEventSourceConfig", shape: $SelfManagedKafkaEventSourceConfig }, { name: "ScalingConfig", shape: $ScalingConfig }, { name: "DocumentDBEventSourceConfig", shape: $DocumentDBEventSourceConfig }, { name: "KMSKeyArn", shape: $KMSKeyArn }, { name: "MetricsConfig", shape: $EventSourceMappingMetricsConfig }, { name: "LoggingConfig", shape: $EventSourceMappingLoggingConfig }, { name: "ProvisionedPollerConfig", shape: $ProvisionedPollerConfig }] };
const $String: StringShape = { type: "string" };
const $DeleteEventSourceMappingRequest: StructureShape = { type: "structure", name: "DeleteEventSourceMappingRequest", javaClass: "com.amazonaws.lambda.v20150331.DeleteEventSourceMappingRequest", members: [{ name: "UUID", shape: $String, required: true, location: "uri", locationName: "UUID" }] };
const $GetEventSourceMappingRequest: StructureShape = { type: "structure", name: "GetEventSourceMappingRequest", javaClass: "com.amazonaws.lambda.v20150331.GetEventSourceMappingRequest", members: [{ name: "UUID", shape: $String, required: true, location: "uri", locationName: "UUID" }] };
const $MaxListItems: NumberShape = { type: "integer", min: 1, max: 10000 };
const $ListEventSourceMappingsRequest: StructureShape = { type: "structure", name: "ListEventSourceMappingsRequest", javaClass: "com.amazonaws.lambda.v20150331.ListEventSourceMappingsRequest", members: [{ name: "EventSourceArn", shape: $Arn, location: "querystring", locationName: "EventSourceArn" }, { name: "FunctionName", shape: $NamespacedFunctionName, location: "querystring", locationName: "FunctionName" }, { name: "Marker", shape: $String, location: "querystring", locationName: "Marker" }, { name: "MaxItems", shape: $MaxListItems, location: "querystring", locationName: "MaxItems" }] };
const $UpdateEventSourceMappingRequest: StructureShape = { type: "structure", name: "UpdateEventSourceMappingRequest", javaClass: "com.amazonaws.lambda.v20150331.UpdateEventSourceMappingRequest", members: [{ name: "UUID", shape: $String, required: true, location: "uri", locationName: "UUID" }, { name: "FunctionName", shape: $NamespacedFunctionName }, { name: "Enabled", shape: $Enabled }, { name: "BatchSize", shape: $BatchSize }, { name: "FilterCriteria", shape: $FilterCriteria }, { name: "MaximumBatchingWindowInSeconds", shape: $MaximumBatchingWindowInSeconds }, { name: "DestinationConfig", shape: $DestinationConfig }, { name: "MaximumRecordAgeInSeconds", shape: $MaximumRecordAgeInSeconds }, { name: "BisectBatchOnFunctionError", shape: $BisectBatchOnFunctionError }, { name: "MaximumRetryAttempts", shape: $MaximumRetryAttemptsEventSourceMapping }, { name: "ParallelizationFactor", shape: $ParallelizationFactor }, { name: "SourceAccessConfigurations", shape: $SourceAccessConfigurations }, { name: "TumblingWindowInSeconds", shape: $TumblingWindowInSeconds }, { name: "FunctionResponseTypes", shape: $FunctionResponseTypeList }, { name: "ScalingConfig", shape: $ScalingConfig }, { name: "AmazonManagedKafkaEventSourceConfig", shape: $AmazonManagedKafkaEventSourceConfig }, { name: "SelfManagedKafkaEventSourceConfig", shape: $SelfManagedKafkaEventSourceConfig }, { name: "DocumentDBEventSourceConfig", shape: $DocumentDBEventSourceConfig }, { name: "KMSKeyArn", shape: $KMSKeyArn }, { name: "MetricsConfig", shape: $EventSourceMappingMetricsConfig }, { name: "LoggingConfig", shape: $EventSourceMappingLoggingConfig }, { name: "ProvisionedPollerConfig", shape: $ProvisionedPollerConfig }] };
const $FunctionArn: StringShape = { type: "string", min: 0, max: 10000, pattern: "arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?", regex: new RegExp("^(?:arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?)$", "u") };
const $FilterCriteriaErrorCode: StringShape = { type: "string", min: 10, max: 50, pattern: "[A-Za-z]+Exception", regex: new RegExp("^(?:[A-Za-z]+Exception)$", "u") };
const $FilterCriteriaErrorMessage: StringShape = { type: "string", min: 10, max: 2048, pattern: ".*", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]*)$", "u") };
const $FilterCriteriaError: StructureShape = { type: "structure", name: "FilterCriteriaError", javaClass: "com.amazonaws.lambda.v20150331.FilterCriteriaError", members: [{ name: "ErrorCode", shape: $FilterCriteriaErrorCode }, { name: "Message", shape: $FilterCriteriaErrorMessage }] };
const $EventSourceMappingArn: StringShape = { type: "string", min: 85, max: 120, pattern: "arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", regex: new RegExp("^(?:arn:(aws[a-zA-Z-]*)?:lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$", "u") };
const $EventSourceMappingConfiguration: StructureShape = { type: "structure", name: "EventSourceMappingConfiguration", javaClass: "com.amazonaws.lambda.v20150331.EventSourceMappingConfiguration", members: [{ name: "UUID", shape: $String }, { name: "StartingPosition", shape: $EventSourcePosition }, { name: "StartingPositionTimestamp", shape: $Date }, { name: "BatchSize", shape: $BatchSize }, { name: "MaximumBatchingWindowInSeconds", shape: $MaximumBatchingWindowInSeconds }, { name: "ParallelizationFactor", shape: $ParallelizationFactor }, { name: "EventSourceArn", shape: $Arn }, { name: "FilterCriteria", shape: $FilterCriteria }, { name: "FunctionArn", shape: $FunctionArn }, { name: "LastModified", shape: $Date }, { name: "LastProcessingResult", shape: $String }, { name: "State", shape: $String }, { name: "StateTransitionReason", shape: $String }, { name: "DestinationConfig", shape: $DestinationConfig }, { name: "Topics", shape: $Topics }, { name: "Queues", shape: $Queues }, { name: "SourceAccessConfigurations", shape: $SourceAccessConfigurations }, { name: "SelfManagedEventSource", shape: $SelfManagedEventSource }, { name: "MaximumRecordAgeInSeconds", shape: $MaximumRecordAgeInSeconds }, { name: "BisectBatchOnFunctionError", shape: $BisectBatchOnFunctionError }, { name: "MaximumRetryAttempts", shape: $MaximumRetryAttemptsEventSourceMapping }, { name: "TumblingWindowInSeconds", shape: $TumblingWindowInSeconds }, { name: "FunctionResponseTypes", shape: $FunctionResponseTypeList }, { name: "AmazonManagedKafkaEventSourceConfig", shape: $AmazonManagedKafkaEventSourceConfig }, { name: "SelfManagedKafkaEventSourceConfig", shape: $SelfManagedKafkaEventSourceConfig }, { name: "ScalingConfig", shape: $ScalingConfig }, { name: "DocumentDBEventSourceConfig", shape: $DocumentDBEventSourceConfig }, { name: "KMSKeyArn", shape: $KMSKeyArn }, { name: "FilterCriteriaError", shape: $FilterCriteriaError }, { name: "EventSourceMappingArn", shape: $EventSourceMappingArn }, { name: "MetricsConfig", shape: $EventSourceMappingMetricsConfig }, { name: "LoggingConfig", shape: $EventSourceMappingLoggingConfig }, { name: "ProvisionedPollerConfig", shape: $ProvisionedPollerConfig }] };
const $EventSourceMappingsList: ListShape = { type: "list", member: $EventSourceMappingConfiguration };
const $ListEventSourceMappingsResponse: StructureShape = { type: "structure", name: "ListEventSourceMappingsResponse", javaClass: "com.amazonaws.lambda.v20150331.ListEventSourceMappingsResponse", members: [{ name: "NextMarker", shape: $String }, { name: "EventSourceMappings", shape: $EventSourceMappingsList }] };

const inputs: { readonly [Op in OperationName]: InputShape<Operations[Op]["input"]> } = {
  CreateEventSourceMapping: $CreateEventSourceMappingRequest,
  DeleteEventSourceMapping: $DeleteEventSourceMappingRequest,
  GetEventSourceMapping: $GetEventSourceMappingRequest,
  ListEventSourceMappings: $ListEventSourceMappingsRequest,
  UpdateEventSourceMapping: $UpdateEventSourceMappingRequest,
};

export const LAMBDA_SHAPES = {
  serviceId: "Lambda",
  apiVersion: "2015-03-31",
  protocol: "rest-json",
  signingName: "lambda",
  javaPackage: "com.amazonaws.lambda.v20150331",
  /** Every operation the model defines, in alphabetical order. */
  operationNames: ["CreateEventSourceMapping", "DeleteEventSourceMapping", "GetEventSourceMapping", "ListEventSourceMappings", "UpdateEventSourceMapping"],
  /** The input structure of each operation. */
  operations: inputs,
  /** Each operation's HTTP request and success status (REST-JSON). */
  http: {
    CreateEventSourceMapping: { method: "POST", requestUri: "/2015-03-31/event-source-mappings", responseCode: 202 },
    DeleteEventSourceMapping: { method: "DELETE", requestUri: "/2015-03-31/event-source-mappings/{UUID}", responseCode: 202 },
    GetEventSourceMapping: { method: "GET", requestUri: "/2015-03-31/event-source-mappings/{UUID}", responseCode: 200 },
    ListEventSourceMappings: { method: "GET", requestUri: "/2015-03-31/event-source-mappings", responseCode: 200 },
    UpdateEventSourceMapping: { method: "PUT", requestUri: "/2015-03-31/event-source-mappings/{UUID}", responseCode: 202 },
  },
  /** Each operation's output structure, whose members say which travel as headers or as the payload. */
  outputs: {
    CreateEventSourceMapping: $EventSourceMappingConfiguration,
    DeleteEventSourceMapping: $EventSourceMappingConfiguration,
    GetEventSourceMapping: $EventSourceMappingConfiguration,
    ListEventSourceMappings: $ListEventSourceMappingsResponse,
    UpdateEventSourceMapping: $EventSourceMappingConfiguration,
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Types

/** Every operation of the model. */
export type OperationName = "CreateEventSourceMapping" | "DeleteEventSourceMapping" | "GetEventSourceMapping" | "ListEventSourceMappings" | "UpdateEventSourceMapping";

/** Each operation's input, as handlers receive it once validated, and the output they answer with. */
export type Operations = {
  CreateEventSourceMapping: { input: CreateEventSourceMappingInput; output: CreateEventSourceMappingOutput };
  DeleteEventSourceMapping: { input: DeleteEventSourceMappingInput; output: DeleteEventSourceMappingOutput };
  GetEventSourceMapping: { input: GetEventSourceMappingInput; output: GetEventSourceMappingOutput };
  ListEventSourceMappings: { input: ListEventSourceMappingsInput; output: ListEventSourceMappingsOutput };
  UpdateEventSourceMapping: { input: UpdateEventSourceMappingInput; output: UpdateEventSourceMappingOutput };
};

export type CreateEventSourceMappingInput = CreateEventSourceMappingRequest;
export type CreateEventSourceMappingOutput = EventSourceMappingConfiguration;
export type DeleteEventSourceMappingInput = DeleteEventSourceMappingRequest;
export type DeleteEventSourceMappingOutput = EventSourceMappingConfiguration;
export type GetEventSourceMappingInput = GetEventSourceMappingRequest;
export type GetEventSourceMappingOutput = EventSourceMappingConfiguration;
export type ListEventSourceMappingsInput = ListEventSourceMappingsRequest;
export type ListEventSourceMappingsOutput = ListEventSourceMappingsResponse;
export type UpdateEventSourceMappingInput = UpdateEventSourceMappingRequest;
export type UpdateEventSourceMappingOutput = EventSourceMappingConfiguration;

export type AmazonManagedKafkaEventSourceConfig = {
  ConsumerGroupId?: string;
  SchemaRegistryConfig?: KafkaSchemaRegistryConfig;
};

export type CreateEventSourceMappingRequest = {
  EventSourceArn?: string;
  FunctionName: string;
  Enabled?: boolean;
  BatchSize?: number;
  FilterCriteria?: FilterCriteria;
  MaximumBatchingWindowInSeconds?: number;
  ParallelizationFactor?: number;
  StartingPosition?: EventSourcePosition;
  StartingPositionTimestamp?: Date;
  DestinationConfig?: DestinationConfig;
  MaximumRecordAgeInSeconds?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  Tags?: { [key: string]: string };
  TumblingWindowInSeconds?: number;
  Topics?: string[];
  Queues?: string[];
  SourceAccessConfigurations?: SourceAccessConfiguration[];
  SelfManagedEventSource?: SelfManagedEventSource;
  FunctionResponseTypes?: FunctionResponseType[];
  AmazonManagedKafkaEventSourceConfig?: AmazonManagedKafkaEventSourceConfig;
  SelfManagedKafkaEventSourceConfig?: SelfManagedKafkaEventSourceConfig;
  ScalingConfig?: ScalingConfig;
  DocumentDBEventSourceConfig?: DocumentDBEventSourceConfig;
  KMSKeyArn?: string;
  MetricsConfig?: EventSourceMappingMetricsConfig;
  LoggingConfig?: EventSourceMappingLoggingConfig;
  ProvisionedPollerConfig?: ProvisionedPollerConfig;
};

export type DeleteEventSourceMappingRequest = {
  UUID: string;
};

export type DestinationConfig = {
  OnSuccess?: OnSuccess;
  OnFailure?: OnFailure;
};

export type DocumentDBEventSourceConfig = {
  DatabaseName?: string;
  CollectionName?: string;
  FullDocument?: FullDocument;
};

export type EventSourceMappingConfiguration = {
  UUID?: string;
  StartingPosition?: EventSourcePosition;
  StartingPositionTimestamp?: Date;
  BatchSize?: number;
  MaximumBatchingWindowInSeconds?: number;
  ParallelizationFactor?: number;
  EventSourceArn?: string;
  FilterCriteria?: FilterCriteria;
  FunctionArn?: string;
  LastModified?: Date;
  LastProcessingResult?: string;
  State?: string;
  StateTransitionReason?: string;
  DestinationConfig?: DestinationConfig;
  Topics?: string[];
  Queues?: string[];
  SourceAccessConfigurations?: SourceAccessConfiguration[];
  SelfManagedEventSource?: SelfManagedEventSource;
  MaximumRecordAgeInSeconds?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  TumblingWindowInSeconds?: number;
  FunctionResponseTypes?: FunctionResponseType[];
  AmazonManagedKafkaEventSourceConfig?: AmazonManagedKafkaEventSourceConfig;
  SelfManagedKafkaEventSourceConfig?: SelfManagedKafkaEventSourceConfig;
  ScalingConfig?: ScalingConfig;
  DocumentDBEventSourceConfig?: DocumentDBEventSourceConfig;
  KMSKeyArn?: string;
  FilterCriteriaError?: FilterCriteriaError;
  EventSourceMappingArn?: string;
  MetricsConfig?: EventSourceMappingMetricsConfig;
  LoggingConfig?: EventSourceMappingLoggingConfig;
  ProvisionedPollerConfig?: ProvisionedPollerConfig;
};

export type EventSourceMappingLoggingConfig = {
  SystemLogLevel?: EventSourceMappingSystemLogLevel;
};

export type EventSourceMappingMetric = "EventCount" | "ErrorCount" | "KafkaMetrics";

export type EventSourceMappingMetricsConfig = {
  Metrics?: EventSourceMappingMetric[];
};

export type EventSourceMappingSystemLogLevel = "DEBUG" | "INFO" | "WARN";

export type EventSourcePosition = "TRIM_HORIZON" | "LATEST" | "AT_TIMESTAMP";

export type Filter = {
  Pattern?: string;
};

export type FilterCriteria = {
  Filters?: Filter[];
};

export type FilterCriteriaError = {
  ErrorCode?: string;
  Message?: string;
};

export type FullDocument = "UpdateLookup" | "Default";

export type FunctionResponseType = "ReportBatchItemFailures";

export type GetEventSourceMappingRequest = {
  UUID: string;
};

export type KafkaSchemaRegistryAccessConfig = {
  Type?: KafkaSchemaRegistryAuthType;
  URI?: string;
};

export type KafkaSchemaRegistryAuthType = "BASIC_AUTH" | "CLIENT_CERTIFICATE_TLS_AUTH" | "SERVER_ROOT_CA_CERTIFICATE";

export type KafkaSchemaRegistryConfig = {
  SchemaRegistryURI?: string;
  EventRecordFormat?: SchemaRegistryEventRecordFormat;
  AccessConfigs?: KafkaSchemaRegistryAccessConfig[];
  SchemaValidationConfigs?: KafkaSchemaValidationConfig[];
};

export type KafkaSchemaValidationAttribute = "KEY" | "VALUE";

export type KafkaSchemaValidationConfig = {
  Attribute?: KafkaSchemaValidationAttribute;
};

export type ListEventSourceMappingsRequest = {
  EventSourceArn?: string;
  FunctionName?: string;
  Marker?: string;
  MaxItems?: number;
};

export type ListEventSourceMappingsResponse = {
  NextMarker?: string;
  EventSourceMappings?: EventSourceMappingConfiguration[];
};

export type OnFailure = {
  Destination?: string;
};

export type OnSuccess = {
  Destination?: string;
};

export type ProvisionedPollerConfig = {
  MinimumPollers?: number;
  MaximumPollers?: number;
  PollerGroupName?: string;
};

export type ScalingConfig = {
  MaximumConcurrency?: number;
};

export type SchemaRegistryEventRecordFormat = "JSON" | "SOURCE";

export type SelfManagedEventSource = {
  Endpoints?: { [key: string]: string[] };
};

export type SelfManagedKafkaEventSourceConfig = {
  ConsumerGroupId?: string;
  SchemaRegistryConfig?: KafkaSchemaRegistryConfig;
};

export type SourceAccessConfiguration = {
  Type?: SourceAccessType;
  URI?: string;
};

export type SourceAccessType = "BASIC_AUTH" | "VPC_SUBNET" | "VPC_SECURITY_GROUP" | "SASL_SCRAM_512_AUTH" | "SASL_SCRAM_256_AUTH" | "VIRTUAL_HOST" | "CLIENT_CERTIFICATE_TLS_AUTH" | "SERVER_ROOT_CA_CERTIFICATE";

export type UpdateEventSourceMappingRequest = {
  UUID: string;
  FunctionName?: string;
  Enabled?: boolean;
  BatchSize?: number;
  FilterCriteria?: FilterCriteria;
  MaximumBatchingWindowInSeconds?: number;
  DestinationConfig?: DestinationConfig;
  MaximumRecordAgeInSeconds?: number;
  BisectBatchOnFunctionError?: boolean;
  MaximumRetryAttempts?: number;
  ParallelizationFactor?: number;
  SourceAccessConfigurations?: SourceAccessConfiguration[];
  TumblingWindowInSeconds?: number;
  FunctionResponseTypes?: FunctionResponseType[];
  ScalingConfig?: ScalingConfig;
  AmazonManagedKafkaEventSourceConfig?: AmazonManagedKafkaEventSourceConfig;
  SelfManagedKafkaEventSourceConfig?: SelfManagedKafkaEventSourceConfig;
  DocumentDBEventSourceConfig?: DocumentDBEventSourceConfig;
  KMSKeyArn?: string;
  MetricsConfig?: EventSourceMappingMetricsConfig;
  LoggingConfig?: EventSourceMappingLoggingConfig;
  ProvisionedPollerConfig?: ProvisionedPollerConfig;
};
