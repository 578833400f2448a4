// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model
// scripts/models/kinesis-2013-12-02.json (Amazon Kinesis, API 2013-12-02, AWS JSON).
// Regenerate: node scripts/gen-shapes.mjs
// First the input shapes that validateInput() in src/aws/validate.ts walks (members in model order;
// validate.ts derives AWS's reporting order from them), then each operation's input and output types.

import type { EventStreamOutput } from "../aws/protocol";
import type { BlobShape, BooleanShape, InputShape, ListShape, MapShape, NumberShape, StringShape, StructureShape, TimestampShape } from "../aws/validate";

const $StreamName: StringShape = { type: "string", min: 1, max: 128, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $TagKey: StringShape = { type: "string", min: 1, max: 128 };
const $TagValue: StringShape = { type: "string", min: 0, max: 256 };
const $TagMap: MapShape = { type: "map", key: $TagKey, value: $TagValue, min: 1, max: 200 };
const $StreamARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+", regex: new RegExp("^(?:arn:aws(?=([^\\n\\r\\u0085\\u2028\\u2029]*?:kinesis:))\\1(?=([^\\n\\r\\u0085\\u2028\\u2029]*:\\d{12}:stream/(?=[^ \\t\\n\\x0B\\f\\r])))\\2[^ \\t\\n\\x0B\\f\\r]*)$", "u") };
const $StreamId: StringShape = { type: "string", min: 1, max: 24, pattern: "[a-z0-9]{20}-[a-z0-9]{3}", regex: new RegExp("^(?:[a-z0-9]{20}-[a-z0-9]{3})$", "u") };
const $AddTagsToStreamInput: StructureShape = { type: "structure", name: "AddTagsToStreamInput", javaClass: "com.amazonaws.kinesis.v20131202.AddTagsToStreamInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "Tags", shape: $TagMap, required: true }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $PositiveIntegerObject: NumberShape = { type: "integer", min: 1 };
const $StreamMode: StringShape = { type: "string", enum: ["PROVISIONED","ON_DEMAND"] };
const $StreamModeDetails: StructureShape = { type: "structure", name: "StreamModeDetails", javaClass: "com.amazonaws.kinesis.v20131202.StreamModeDetails", members: [{ name: "StreamMode", shape: $StreamMode, required: true }] };
const $NaturalIntegerObject: NumberShape = { type: "integer", min: 0 };
const $MaxRecordSizeInKiB: NumberShape = { type: "integer", min: 1024, max: 10240 };
const $CreateStreamInput: StructureShape = { type: "structure", name: "CreateStreamInput", javaClass: "com.amazonaws.kinesis.v20131202.CreateStreamInput", members: [{ name: "StreamName", shape: $StreamName, required: true }, { name: "ShardCount", shape: $PositiveIntegerObject }, { name: "StreamModeDetails", shape: $StreamModeDetails }, { name: "Tags", shape: $TagMap }, { name: "WarmThroughputMiBps", shape: $NaturalIntegerObject }, { name: "MaxRecordSizeInKiB", shape: $MaxRecordSizeInKiB }] };
const $RetentionPeriodHours: NumberShape = { type: "integer" };
const $DecreaseStreamRetentionPeriodInput: StructureShape = { type: "structure", name: "DecreaseStreamRetentionPeriodInput", javaClass: "com.amazonaws.kinesis.v20131202.DecreaseStreamRetentionPeriodInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "RetentionPeriodHours", shape: $RetentionPeriodHours, required: true }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $ResourceARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+", regex: new RegExp("^(?:arn:aws(?=([^\\n\\r\\u0085\\u2028\\u2029]*?:kinesis:))\\1(?=([^\\n\\r\\u0085\\u2028\\u2029]*?:\\d{12}:))\\2(?=([^\\n\\r\\u0085\\u2028\\u2029]*stream/(?=[^ \\t\\n\\x0B\\f\\r])))\\3[^ \\t\\n\\x0B\\f\\r]*)$", "u") };
const $DeleteResourcePolicyInput: StructureShape = { type: "structure", name: "DeleteResourcePolicyInput", javaClass: "com.amazonaws.kinesis.v20131202.DeleteResourcePolicyInput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "StreamId", shape: $StreamId }] };
const $BooleanObject: BooleanShape = { type: "boolean" };
const $DeleteStreamInput: StructureShape = { type: "structure", name: "DeleteStreamInput", javaClass: "com.amazonaws.kinesis.v20131202.DeleteStreamInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "EnforceConsumerDeletion", shape: $BooleanObject }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $ConsumerName: StringShape = { type: "string", min: 1, max: 128, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $ConsumerARN: StringShape = { type: "string", min: 1, max: 2048, pattern: "^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+", regex: new RegExp("^(?:^arn:aws(?=([^\\n\\r\\u0085\\u2028\\u2029]*?:kinesis:))\\1(?=([^\\n\\r\\u0085\\u2028\\u2029]*?:\\d{12}:))\\2(?=([^\\n\\r\\u0085\\u2028\\u2029]*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/))\\3[a-zA-Z0-9_.-]+:[0-9]+)$", "u") };
const $DeregisterStreamConsumerInput: StructureShape = { type: "structure", name: "DeregisterStreamConsumerInput", javaClass: "com.amazonaws.kinesis.v20131202.DeregisterStreamConsumerInput", members: [{ name: "StreamARN", shape: $StreamARN }, { name: "ConsumerName", shape: $ConsumerName }, { name: "ConsumerARN", shape: $ConsumerARN }, { name: "StreamId", shape: $StreamId }] };
const $DescribeAccountSettingsInput: StructureShape = { type: "structure", name: "DescribeAccountSettingsInput", javaClass: "com.amazonaws.kinesis.v20131202.DescribeAccountSettingsInput", members: [] };
const $DescribeLimitsInput: StructureShape = { type: "structure", name: "DescribeLimitsInput", javaClass: "com.amazonaws.kinesis.v20131202.DescribeLimitsInput", members: [] };
const $DescribeStreamInputLimit: NumberShape = { type: "integer", min: 1, max: 10000 };
const $ShardId: StringShape = { type: "string", min: 1, max: 128, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $DescribeStreamInput: StructureShape = { type: "structure", name: "DescribeStreamInput", javaClass: "com.amazonaws.kinesis.v20131202.DescribeStreamInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "Limit", shape: $DescribeStreamInputLimit }, { name: "ExclusiveStartShardId", shape: $ShardId }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $DescribeStreamConsumerInput: StructureShape = { type: "structure", name: "DescribeStreamConsumerInput", javaClass: "com.amazonaws.kinesis.v20131202.DescribeStreamConsumerInput", members: [{ name: "StreamARN", shape: $StreamARN }, { name: "ConsumerName", shape: $ConsumerName }, { name: "ConsumerARN", shape: $ConsumerARN }, { name: "StreamId", shape: $StreamId }] };
const $DescribeStreamSummaryInput: StructureShape = { type: "structure", name: "DescribeStreamSummaryInput", javaClass: "com.amazonaws.kinesis.v20131202.DescribeStreamSummaryInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $MetricsName: StringShape = { type: "string", enum: ["IncomingBytes","IncomingRecords","OutgoingBytes","OutgoingRecords","WriteProvisionedThroughputExceeded","ReadProvisionedThroughputExceeded","IteratorAgeMilliseconds","ALL"] };
const $MetricsNameList: ListShape = { type: "list", member: $MetricsName, min: 1, max: 7 };
const $DisableEnhancedMonitoringInput: StructureShape = { type: "structure", name: "DisableEnhancedMonitoringInput", javaClass: "com.amazonaws.kinesis.v20131202.DisableEnhancedMonitoringInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "ShardLevelMetrics", shape: $MetricsNameList, required: true }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $EnableEnhancedMonitoringInput: StructureShape = { type: "structure", name: "EnableEnhancedMonitoringInput", javaClass: "com.amazonaws.kinesis.v20131202.EnableEnhancedMonitoringInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "ShardLevelMetrics", shape: $MetricsNameList, required: true }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $ShardIterator: StringShape = { type: "string", min: 1, max: 512 };
const $GetRecordsInputLimit: NumberShape = { type: "integer", min: 1, max: 10000 };
const $GetRecordsInput: StructureShape = { type: "structure", name: "GetRecordsInput", javaClass: "com.amazonaws.kinesis.v20131202.GetRecordsInput", members: [{ name: "ShardIterator", shape: $ShardIterator, required: true }, { name: "Limit", shape: $GetRecordsInputLimit }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $GetResourcePolicyInput: StructureShape = { type: "structure", name: "GetResourcePolicyInput", javaClass: "com.amazonaws.kinesis.v20131202.GetResourcePolicyInput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "StreamId", shape: $StreamId }] };
const $ShardIteratorType: StringShape = { type: "string", enum: ["AT_SEQUENCE_NUMBER","AFTER_SEQUENCE_NUMBER","TRIM_HORIZON","LATEST","AT_TIMESTAMP"] };
const $SequenceNumber: StringShape = { type: "string", pattern: "0|([1-9]\\d{0,128})", regex: new RegExp("^(?:0|([1-9]\\d{0,128}))$", "u") };
const $Timestamp: TimestampShape = { type: "timestamp" };
const $GetShardIteratorInput: StructureShape = { type: "structure", name: "GetShardIteratorInput", javaClass: "com.amazonaws.kinesis.v20131202.GetShardIteratorInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "ShardId", shape: $ShardId, required: true }, { name: "ShardIteratorType", shape: $ShardIteratorType, required: true }, { name: "StartingSequenceNumber", shape: $SequenceNumber }, { name: "Timestamp", shape: $Timestamp }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $IncreaseStreamRetentionPeriodInput: StructureShape = { type: "structure", name: "IncreaseStreamRetentionPeriodInput", javaClass: "com.amazonaws.kinesis.v20131202.IncreaseStreamRetentionPeriodInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "RetentionPeriodHours", shape: $RetentionPeriodHours, required: true }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $NextToken: StringShape = { type: "string", min: 1, max: 1048576 };
const $ListShardsInputLimit: NumberShape = { type: "integer", min: 1, max: 10000 };
const $ShardFilterType: StringShape = { type: "string", enum: ["AFTER_SHARD_ID","AT_TRIM_HORIZON","FROM_TRIM_HORIZON","AT_LATEST","AT_TIMESTAMP","FROM_TIMESTAMP"] };
const $ShardFilter: StructureShape = { type: "structure", name: "ShardFilter", javaClass: "com.amazonaws.kinesis.v20131202.ShardFilter", members: [{ name: "Type", shape: $ShardFilterType, required: true }, { name: "ShardId", shape: $ShardId }, { name: "Timestamp", shape: $Timestamp }] };
const $ListShardsInput: StructureShape = { type: "structure", name: "ListShardsInput", javaClass: "com.amazonaws.kinesis.v20131202.ListShardsInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "NextToken", shape: $NextToken }, { name: "ExclusiveStartShardId", shape: $ShardId }, { name: "MaxResults", shape: $ListShardsInputLimit }, { name: "StreamCreationTimestamp", shape: $Timestamp }, { name: "ShardFilter", shape: $ShardFilter }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $ListStreamConsumersInputLimit: NumberShape = { type: "integer", min: 1, max: 10000 };
const $ListStreamConsumersInput: StructureShape = { type: "structure", name: "ListStreamConsumersInput", javaClass: "com.amazonaws.kinesis.v20131202.ListStreamConsumersInput", members: [{ name: "StreamARN", shape: $StreamARN, required: true }, { name: "NextToken", shape: $NextToken }, { name: "MaxResults", shape: $ListStreamConsumersInputLimit }, { name: "StreamCreationTimestamp", shape: $Timestamp }, { name: "StreamId", shape: $StreamId }] };
const $ListStreamsInputLimit: NumberShape = { type: "integer", min: 1, max: 10000 };
const $ListStreamsInput: StructureShape = { type: "structure", name: "ListStreamsInput", javaClass: "com.amazonaws.kinesis.v20131202.ListStreamsInput", members: [{ name: "Limit", shape: $ListStreamsInputLimit }, { name: "ExclusiveStartStreamName", shape: $StreamName }, { name: "NextToken", shape: $NextToken }] };
const $ListTagsForResourceInput: StructureShape = { type: "structure", name: "ListTagsForResourceInput", javaClass: "com.amazonaws.kinesis.v20131202.ListTagsForResourceInput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "StreamId", shape: $StreamId }] };
const $ListTagsForStreamInputLimit: NumberShape = { type: "integer", min: 1, max: 50 };
const $ListTagsForStreamInput: StructureShape = { type: "structure", name: "ListTagsForStreamInput", javaClass: "com.amazonaws.kinesis.v20131202.ListTagsForStreamInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "ExclusiveStartTagKey", shape: $TagKey }, { name: "Limit", shape: $ListTagsForStreamInputLimit }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $MergeShardsInput: StructureShape = { type: "structure", name: "MergeShardsInput", javaClass: "com.amazonaws.kinesis.v20131202.MergeShardsInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "ShardToMerge", shape: $ShardId, required: true }, { name: "AdjacentShardToMerge", shape: $ShardId, required: true }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $Data: BlobShape = { type: "blob", min: 0, max: 10485760 };
const $PartitionKey: StringShape = { type: "string", min: 1, max: 256 };
const $HashKey: StringShape = { type: "string", pattern: "0|([1-9]\\d{0,38})", regex: new RegExp("^(?:0|([1-9]\\d{0,38}))$", "u") };
const $PutRecordInput: StructureShape = { type: "structure", name: "PutRecordInput", javaClass: "com.amazonaws.kinesis.v20131202.PutRecordInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "Data", shape: $Data, required: true }, { name: "PartitionKey", shape: $PartitionKey, required: true }, { name: "ExplicitHashKey", shape: $HashKey }, { name: "SequenceNumberForOrdering", shape: $SequenceNumber }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $PutRecordsRequestEntry: StructureShape = { type: "structure", name: "PutRecordsRequestEntry", javaClass: "com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry", members: [{ name: "Data", shape: $Data, required: true }, { name: "ExplicitHashKey", shape: $HashKey }, { name: "PartitionKey", shape: $PartitionKey, required: true }] };
const $PutRecordsRequestEntryList: ListShape = { type: "list", member: $PutRecordsRequestEntry, min: 1, max: 500 };
const $PutRecordsInput: StructureShape = { type: "structure", name: "PutRecordsInput", javaClass: "com.amazonaws.kinesis.v20131202.PutRecordsInput", members: [{ name: "Records", shape: $PutRecordsRequestEntryList, required: true }, { name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $Policy: StringShape = { type: "string" };
const $PutResourcePolicyInput: StructureShape = { type: "structure", name: "PutResourcePolicyInput", javaClass: "com.amazonaws.kinesis.v20131202.PutResourcePolicyInput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "StreamId", shape: $StreamId }, { name: "Policy", shape: $Policy, required: true }] };
const $RegisterStreamConsumerInput: StructureShape = { type: "structure", name: "RegisterStreamConsumerInput", javaClass: "com.amazonaws.kinesis.v20131202.RegisterStreamConsumerInput", members: [{ name: "StreamARN", shape: $StreamARN, required: true }, { name: "ConsumerName", shape: $ConsumerName, required: true }, { name: "StreamId", shape: $StreamId }, { name: "Tags", shape: $TagMap }] };
const $TagKeyList: ListShape = { type: "list", member: $TagKey, min: 1, max: 50 };
const $RemoveTagsFromStreamInput: StructureShape = { type: "structure", name: "RemoveTagsFromStreamInput", javaClass: "com.amazonaws.kinesis.v20131202.RemoveTagsFromStreamInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "TagKeys", shape: $TagKeyList, required: true }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $SplitShardInput: StructureShape = { type: "structure", name: "SplitShardInput", javaClass: "com.amazonaws.kinesis.v20131202.SplitShardInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "ShardToSplit", shape: $ShardId, required: true }, { name: "NewStartingHashKey", shape: $HashKey, required: true }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $EncryptionType: StringShape = { type: "string", enum: ["NONE","KMS"] };
const $KeyId: StringShape = { type: "string", min: 1, max: 2048 };
const $StartStreamEncryptionInput: StructureShape = { type: "structure", name: "StartStreamEncryptionInput", javaClass: "com.amazonaws.kinesis.v20131202.StartStreamEncryptionInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "EncryptionType", shape: $EncryptionType, required: true }, { name: "KeyId", shape: $KeyId, required: true }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $StopStreamEncryptionInput: StructureShape = { type: "structure", name: "StopStreamEncryptionInput", javaClass: "com.amazonaws.kinesis.v20131202.StopStreamEncryptionInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "EncryptionType", shape: $EncryptionType, required: true }, { name: "KeyId", shape: $KeyId, required: true }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $StartingPosition: StructureShape = { type: "structure", name: "StartingPosition", javaClass: "com.amazonaws.kinesis.v20131202.StartingPosition", members: [{ name: "Type", shape: $ShardIteratorType, required: true }, { name: "SequenceNumber", shape: $SequenceNumber }, { name: "Timestamp", shape: $Timestamp }] };
const $SubscribeToShardInput: StructureShape = { type: "structure", name: "SubscribeToShardInput", javaClass: "com.amazonaws.kinesis.v20131202.SubscribeToShardInput", members: [{ name: "ConsumerARN", shape: $ConsumerARN, required: true }, { name: "StreamId", shape: $StreamId }, { name: "ShardId", shape: $ShardId, required: true }, { name: "StartingPosition", shape: $StartingPosition, required: true }] };
const $TagResourceInput: StructureShape = { type: "structure", name: "TagResourceInput", javaClass: "com.amazonaws.kinesis.v20131202.TagResourceInput", members: [{ name: "Tags", shape: $TagMap, required: true }, { name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "StreamId", shape: $StreamId }] };
const $UntagResourceInput: StructureShape = { type: "structure", name: "UntagResourceInput", javaClass: "com.amazonaws.kinesis.v20131202.UntagResourceInput", members: [{ name: "TagKeys", shape: $TagKeyList, required: true }, { name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "StreamId", shape: $StreamId }] };
const $MinimumThroughputBillingCommitmentInputStatus: StringShape = { type: "string", enum: ["ENABLED","DISABLED"] };
const $MinimumThroughputBillingCommitmentInput: StructureShape = { type: "structure", name: "MinimumThroughputBillingCommitmentInput", javaClass: "com.amazonaws.kinesis.v20131202.MinimumThroughputBillingCommitmentInput", members: [{ name: "Status", shape: $MinimumThroughputBillingCommitmentInputStatus, required: true }] };
const $UpdateAccountSettingsInput: StructureShape = { type: "structure", name: "UpdateAccountSettingsInput", javaClass: "com.amazonaws.kinesis.v20131202.UpdateAccountSettingsInput", members: [{ name: "MinimumThroughputBillingCommitment", shape: $MinimumThroughputBillingCommitmentInput, required: true }] };
const $UpdateMaxRecordSizeInput: StructureShape = { type: "structure", name: "UpdateMaxRecordSizeInput", javaClass: "com.amazonaws.kinesis.v20131202.UpdateMaxRecordSizeInput", members: [{ name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }, { name: "MaxRecordSizeInKiB", shape: $MaxRecordSizeInKiB, required: true }] };
const $ScalingType: StringShape = { type: "string", enum: ["UNIFORM_SCALING"] };
const $UpdateShardCountInput: StructureShape = { type: "structure", name: "UpdateShardCountInput", javaClass: "com.amazonaws.kinesis.v20131202.UpdateShardCountInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "TargetShardCount", shape: $PositiveIntegerObject, required: true }, { name: "ScalingType", shape: $ScalingType, required: true }, { name: "StreamARN", shape: $StreamARN }, { name: "StreamId", shape: $StreamId }] };
const $UpdateStreamModeInput: StructureShape = { type: "structure", name: "UpdateStreamModeInput", javaClass: "com.amazonaws.kinesis.v20131202.UpdateStreamModeInput", members: [{ name: "StreamARN", shape: $StreamARN, required: true }, { name: "StreamId", shape: $StreamId }, { name: "StreamModeDetails", shape: $StreamModeDetails, required: true }, { name: "WarmThroughputMiBps", shape: $NaturalIntegerObject }] };
const $UpdateStreamWarmThroughputInput: StructureShape = { type: "structure", name: "UpdateStreamWarmThroughputInput", javaClass: "com.amazonaws.kinesis.v20131202.UpdateStreamWarmThroughputInput", members: [{ name: "StreamARN", shape: $StreamARN }, { name: "StreamName", shape: $StreamName }, { name: "StreamId", shape: $StreamId }, { name: "WarmThroughputMiBps", shape: $NaturalIntegerObject, required: true }] };

const inputs: { readonly [Op in OperationName]: InputShape<Operations[Op]["input"]> } = {
  AddTagsToStream: $AddTagsToStreamInput,
  CreateStream: $CreateStreamInput,
  DecreaseStreamRetentionPeriod: $DecreaseStreamRetentionPeriodInput,
  DeleteResourcePolicy: $DeleteResourcePolicyInput,
  DeleteStream: $DeleteStreamInput,
  DeregisterStreamConsumer: $DeregisterStreamConsumerInput,
  DescribeAccountSettings: $DescribeAccountSettingsInput,
  DescribeLimits: $DescribeLimitsInput,
  DescribeStream: $DescribeStreamInput,
  DescribeStreamConsumer: $DescribeStreamConsumerInput,
  DescribeStreamSummary: $DescribeStreamSummaryInput,
  DisableEnhancedMonitoring: $DisableEnhancedMonitoringInput,
  EnableEnhancedMonitoring: $EnableEnhancedMonitoringInput,
  GetRecords: $GetRecordsInput,
  GetResourcePolicy: $GetResourcePolicyInput,
  GetShardIterator: $GetShardIteratorInput,
  IncreaseStreamRetentionPeriod: $IncreaseStreamRetentionPeriodInput,
  ListShards: $ListShardsInput,
  ListStreamConsumers: $ListStreamConsumersInput,
  ListStreams: $ListStreamsInput,
  ListTagsForResource: $ListTagsForResourceInput,
  ListTagsForStream: $ListTagsForStreamInput,
  MergeShards: $MergeShardsInput,
  PutRecord: $PutRecordInput,
  PutRecords: $PutRecordsInput,
  PutResourcePolicy: $PutResourcePolicyInput,
  RegisterStreamConsumer: $RegisterStreamConsumerInput,
  RemoveTagsFromStream: $RemoveTagsFromStreamInput,
  SplitShard: $SplitShardInput,
  StartStreamEncryption: $StartStreamEncryptionInput,
  StopStreamEncryption: $StopStreamEncryptionInput,
  SubscribeToShard: $SubscribeToShardInput,
  TagResource: $TagResourceInput,
  UntagResource: $UntagResourceInput,
  UpdateAccountSettings: $UpdateAccountSettingsInput,
  UpdateMaxRecordSize: $UpdateMaxRecordSizeInput,
  UpdateShardCount: $UpdateShardCountInput,
  UpdateStreamMode: $UpdateStreamModeInput,
  UpdateStreamWarmThroughput: $UpdateStreamWarmThroughputInput,
};

export const KINESIS_SHAPES = {
  serviceId: "Kinesis",
  apiVersion: "2013-12-02",
  protocol: "json",
  signingName: "kinesis",
  targetPrefix: "Kinesis_20131202",
  jsonVersion: "1.1",
  javaPackage: "com.amazonaws.kinesis.v20131202",
  /** Every operation the model defines, in alphabetical order. */
  operationNames: ["AddTagsToStream", "CreateStream", "DecreaseStreamRetentionPeriod", "DeleteResourcePolicy", "DeleteStream", "DeregisterStreamConsumer", "DescribeAccountSettings", "DescribeLimits", "DescribeStream", "DescribeStreamConsumer", "DescribeStreamSummary", "DisableEnhancedMonitoring", "EnableEnhancedMonitoring", "GetRecords", "GetResourcePolicy", "GetShardIterator", "IncreaseStreamRetentionPeriod", "ListShards", "ListStreamConsumers", "ListStreams", "ListTagsForResource", "ListTagsForStream", "MergeShards", "PutRecord", "PutRecords", "PutResourcePolicy", "RegisterStreamConsumer", "RemoveTagsFromStream", "SplitShard", "StartStreamEncryption", "StopStreamEncryption", "SubscribeToShard", "TagResource", "UntagResource", "UpdateAccountSettings", "UpdateMaxRecordSize", "UpdateShardCount", "UpdateStreamMode", "UpdateStreamWarmThroughput"],
  /** The input structure of each operation. */
  operations: inputs,
} as const;

// ---------------------------------------------------------------------------------------------
// Types

/** Every operation of the model. */
export type OperationName = "AddTagsToStream" | "CreateStream" | "DecreaseStreamRetentionPeriod" | "DeleteResourcePolicy" | "DeleteStream" | "DeregisterStreamConsumer" | "DescribeAccountSettings" | "DescribeLimits" | "DescribeStream" | "DescribeStreamConsumer" | "DescribeStreamSummary" | "DisableEnhancedMonitoring" | "EnableEnhancedMonitoring" | "GetRecords" | "GetResourcePolicy" | "GetShardIterator" | "IncreaseStreamRetentionPeriod" | "ListShards" | "ListStreamConsumers" | "ListStreams" | "ListTagsForResource" | "ListTagsForStream" | "MergeShards" | "PutRecord" | "PutRecords" | "PutResourcePolicy" | "RegisterStreamConsumer" | "RemoveTagsFromStream" | "SplitShard" | "StartStreamEncryption" | "StopStreamEncryption" | "SubscribeToShard" | "TagResource" | "UntagResource" | "UpdateAccountSettings" | "UpdateMaxRecordSize" | "UpdateShardCount" | "UpdateStreamMode" | "UpdateStreamWarmThroughput";

/** Each operation's input, as handlers receive it once validated, and the output they answer with. */
export type Operations = {
  AddTagsToStream: { input: AddTagsToStreamInput; output: AddTagsToStreamOutput };
  CreateStream: { input: CreateStreamInput; output: CreateStreamOutput };
  DecreaseStreamRetentionPeriod: { input: DecreaseStreamRetentionPeriodInput; output: DecreaseStreamRetentionPeriodOutput };
  DeleteResourcePolicy: { input: DeleteResourcePolicyInput; output: DeleteResourcePolicyOutput };
  DeleteStream: { input: DeleteStreamInput; output: DeleteStreamOutput };
  DeregisterStreamConsumer: { input: DeregisterStreamConsumerInput; output: DeregisterStreamConsumerOutput };
  DescribeAccountSettings: { input: DescribeAccountSettingsInput; output: DescribeAccountSettingsOutput };
  DescribeLimits: { input: DescribeLimitsInput; output: DescribeLimitsOutput };
  DescribeStream: { input: DescribeStreamInput; output: DescribeStreamOutput };
  DescribeStreamConsumer: { input: DescribeStreamConsumerInput; output: DescribeStreamConsumerOutput };
  DescribeStreamSummary: { input: DescribeStreamSummaryInput; output: DescribeStreamSummaryOutput };
  DisableEnhancedMonitoring: { input: DisableEnhancedMonitoringInput; output: DisableEnhancedMonitoringOutput };
  EnableEnhancedMonitoring: { input: EnableEnhancedMonitoringInput; output: EnableEnhancedMonitoringOutput };
  GetRecords: { input: GetRecordsInput; output: GetRecordsOutput };
  GetResourcePolicy: { input: GetResourcePolicyInput; output: GetResourcePolicyOutput };
  GetShardIterator: { input: GetShardIteratorInput; output: GetShardIteratorOutput };
  IncreaseStreamRetentionPeriod: { input: IncreaseStreamRetentionPeriodInput; output: IncreaseStreamRetentionPeriodOutput };
  ListShards: { input: ListShardsInput; output: ListShardsOutput };
  ListStreamConsumers: { input: ListStreamConsumersInput; output: ListStreamConsumersOutput };
  ListStreams: { input: ListStreamsInput; output: ListStreamsOutput };
  ListTagsForResource: { input: ListTagsForResourceInput; output: ListTagsForResourceOutput };
  ListTagsForStream: { input: ListTagsForStreamInput; output: ListTagsForStreamOutput };
  MergeShards: { input: MergeShardsInput; output: MergeShardsOutput };
  PutRecord: { input: PutRecordInput; output: PutRecordOutput };
  PutRecords: { input: PutRecordsInput; output: PutRecordsOutput };
  PutResourcePolicy: { input: PutResourcePolicyInput; output: PutResourcePolicyOutput };
  RegisterStreamConsumer: { input: RegisterStreamConsumerInput; output: RegisterStreamConsumerOutput };
  RemoveTagsFromStream: { input: RemoveTagsFromStreamInput; output: RemoveTagsFromStreamOutput };
  SplitShard: { input: SplitShardInput; output: SplitShardOutput };
  StartStreamEncryption: { input: StartStreamEncryptionInput; output: StartStreamEncryptionOutput };
  StopStreamEncryption: { input: StopStreamEncryptionInput; output: StopStreamEncryptionOutput };
  SubscribeToShard: { input: SubscribeToShardInput; output: EventStreamOutput<SubscribeToShardEventStream> };
  TagResource: { input: TagResourceInput; output: TagResourceOutput };
  UntagResource: { input: UntagResourceInput; output: UntagResourceOutput };
  UpdateAccountSettings: { input: UpdateAccountSettingsInput; output: UpdateAccountSettingsOutput };
  UpdateMaxRecordSize: { input: UpdateMaxRecordSizeInput; output: UpdateMaxRecordSizeOutput };
  UpdateShardCount: { input: UpdateShardCountInput; output: UpdateShardCountOutput };
  UpdateStreamMode: { input: UpdateStreamModeInput; output: UpdateStreamModeOutput };
  UpdateStreamWarmThroughput: { input: UpdateStreamWarmThroughputInput; output: UpdateStreamWarmThroughputOutput };
};

/** AddTagsToStream answers nothing (over AWS JSON, `{}`). */
export type AddTagsToStreamOutput = void;
/** CreateStream answers nothing (over AWS JSON, `{}`). */
export type CreateStreamOutput = void;
/** DecreaseStreamRetentionPeriod answers nothing (over AWS JSON, `{}`). */
export type DecreaseStreamRetentionPeriodOutput = void;
/** DeleteResourcePolicy answers nothing (over AWS JSON, `{}`). */
export type DeleteResourcePolicyOutput = void;
/** DeleteStream answers nothing (over AWS JSON, `{}`). */
export type DeleteStreamOutput = void;
/** DeregisterStreamConsumer answers nothing (over AWS JSON, `{}`). */
export type DeregisterStreamConsumerOutput = void;
export type DisableEnhancedMonitoringOutput = EnhancedMonitoringOutput;
export type EnableEnhancedMonitoringOutput = EnhancedMonitoringOutput;
/** IncreaseStreamRetentionPeriod answers nothing (over AWS JSON, `{}`). */
export type IncreaseStreamRetentionPeriodOutput = void;
/** MergeShards answers nothing (over AWS JSON, `{}`). */
export type MergeShardsOutput = void;
/** PutResourcePolicy answers nothing (over AWS JSON, `{}`). */
export type PutResourcePolicyOutput = void;
/** RemoveTagsFromStream answers nothing (over AWS JSON, `{}`). */
export type RemoveTagsFromStreamOutput = void;
/** SplitShard answers nothing (over AWS JSON, `{}`). */
export type SplitShardOutput = void;
/** StartStreamEncryption answers nothing (over AWS JSON, `{}`). */
export type StartStreamEncryptionOutput = void;
/** StopStreamEncryption answers nothing (over AWS JSON, `{}`). */
export type StopStreamEncryptionOutput = void;
/** TagResource answers nothing (over AWS JSON, `{}`). */
export type TagResourceOutput = void;
/** UntagResource answers nothing (over AWS JSON, `{}`). */
export type UntagResourceOutput = void;
/** UpdateMaxRecordSize answers nothing (over AWS JSON, `{}`). */
export type UpdateMaxRecordSizeOutput = void;
/** UpdateStreamMode answers nothing (over AWS JSON, `{}`). */
export type UpdateStreamModeOutput = void;

export type AddTagsToStreamInput = {
  StreamName?: string;
  Tags: { [key: string]: string };
  StreamARN?: string;
  StreamId?: string;
};

export type ChildShard = {
  ShardId: string;
  ParentShards: string[];
  HashKeyRange: HashKeyRange;
};

export type Consumer = {
  ConsumerName: string;
  ConsumerARN: string;
  ConsumerStatus: ConsumerStatus;
  ConsumerCreationTimestamp: Date;
};

export type ConsumerDescription = {
  ConsumerName: string;
  ConsumerARN: string;
  ConsumerStatus: ConsumerStatus;
  ConsumerCreationTimestamp: Date;
  StreamARN: string;
};

export type ConsumerStatus = "CREATING" | "DELETING" | "ACTIVE";

export type CreateStreamInput = {
  StreamName: string;
  ShardCount?: number;
  StreamModeDetails?: StreamModeDetails;
  Tags?: { [key: string]: string };
  WarmThroughputMiBps?: number;
  MaxRecordSizeInKiB?: number;
};

export type DecreaseStreamRetentionPeriodInput = {
  StreamName?: string;
  RetentionPeriodHours: number;
  StreamARN?: string;
  StreamId?: string;
};

export type DeleteResourcePolicyInput = {
  ResourceARN: string;
  StreamId?: string;
};

export type DeleteStreamInput = {
  StreamName?: string;
  EnforceConsumerDeletion?: boolean;
  StreamARN?: string;
  StreamId?: string;
};

export type DeregisterStreamConsumerInput = {
  StreamARN?: string;
  ConsumerName?: string;
  ConsumerARN?: string;
  StreamId?: string;
};

export type DescribeAccountSettingsInput = { [key: string]: never };

export type DescribeAccountSettingsOutput = {
  MinimumThroughputBillingCommitment?: MinimumThroughputBillingCommitmentOutput;
};

export type DescribeLimitsInput = { [key: string]: never };

export type DescribeLimitsOutput = {
  ShardLimit: number;
  OpenShardCount: number;
  OnDemandStreamCount: number;
  OnDemandStreamCountLimit: number;
};

export type DescribeStreamConsumerInput = {
  StreamARN?: string;
  ConsumerName?: string;
  ConsumerARN?: string;
  StreamId?: string;
};

export type DescribeStreamConsumerOutput = {
  ConsumerDescription: ConsumerDescription;
};

export type DescribeStreamInput = {
  StreamName?: string;
  Limit?: number;
  ExclusiveStartShardId?: string;
  StreamARN?: string;
  StreamId?: string;
};

export type DescribeStreamOutput = {
  StreamDescription: StreamDescription;
};

export type DescribeStreamSummaryInput = {
  StreamName?: string;
  StreamARN?: string;
  StreamId?: string;
};

export type DescribeStreamSummaryOutput = {
  StreamDescriptionSummary: StreamDescriptionSummary;
};

export type DisableEnhancedMonitoringInput = {
  StreamName?: string;
  ShardLevelMetrics: MetricsName[];
  StreamARN?: string;
  StreamId?: string;
};

export type EnableEnhancedMonitoringInput = {
  StreamName?: string;
  ShardLevelMetrics: MetricsName[];
  StreamARN?: string;
  StreamId?: string;
};

export type EncryptionType = "NONE" | "KMS";

export type EnhancedMetrics = {
  ShardLevelMetrics?: MetricsName[];
};

export type EnhancedMonitoringOutput = {
  StreamName?: string;
  CurrentShardLevelMetrics?: MetricsName[];
  DesiredShardLevelMetrics?: MetricsName[];
  StreamARN?: string;
};

export type GetRecordsInput = {
  ShardIterator: string;
  Limit?: number;
  StreamARN?: string;
  StreamId?: string;
};

export type GetRecordsOutput = {
  Records: Record[];
  NextShardIterator?: string;
  MillisBehindLatest?: number;
  ChildShards?: ChildShard[];
};

export type GetResourcePolicyInput = {
  ResourceARN: string;
  StreamId?: string;
};

export type GetResourcePolicyOutput = {
  Policy: string;
};

export type GetShardIteratorInput = {
  StreamName?: string;
  ShardId: string;
  ShardIteratorType: ShardIteratorType;
  StartingSequenceNumber?: string;
  Timestamp?: Date;
  StreamARN?: string;
  StreamId?: string;
};

export type GetShardIteratorOutput = {
  ShardIterator?: string;
};

export type HashKeyRange = {
  StartingHashKey: string;
  EndingHashKey: string;
};

export type IncreaseStreamRetentionPeriodInput = {
  StreamName?: string;
  RetentionPeriodHours: number;
  StreamARN?: string;
  StreamId?: string;
};

export type InternalFailureException = {
  message?: string;
};

export type KMSAccessDeniedException = {
  message?: string;
};

export type KMSDisabledException = {
  message?: string;
};

export type KMSInvalidStateException = {
  message?: string;
};

export type KMSNotFoundException = {
  message?: string;
};

export type KMSOptInRequired = {
  message?: string;
};

export type KMSThrottlingException = {
  message?: string;
};

export type ListShardsInput = {
  StreamName?: string;
  NextToken?: string;
  ExclusiveStartShardId?: string;
  MaxResults?: number;
  StreamCreationTimestamp?: Date;
  ShardFilter?: ShardFilter;
  StreamARN?: string;
  StreamId?: string;
};

export type ListShardsOutput = {
  Shards?: Shard[];
  NextToken?: string;
};

export type ListStreamConsumersInput = {
  StreamARN: string;
  NextToken?: string;
  MaxResults?: number;
  StreamCreationTimestamp?: Date;
  StreamId?: string;
};

export type ListStreamConsumersOutput = {
  Consumers?: Consumer[];
  NextToken?: string;
};

export type ListStreamsInput = {
  Limit?: number;
  ExclusiveStartStreamName?: string;
  NextToken?: string;
};

export type ListStreamsOutput = {
  StreamNames: string[];
  HasMoreStreams: boolean;
  NextToken?: string;
  StreamSummaries?: StreamSummary[];
};

export type ListTagsForResourceInput = {
  ResourceARN: string;
  StreamId?: string;
};

export type ListTagsForResourceOutput = {
  Tags?: Tag[];
};

export type ListTagsForStreamInput = {
  StreamName?: string;
  ExclusiveStartTagKey?: string;
  Limit?: number;
  StreamARN?: string;
  StreamId?: string;
};

export type ListTagsForStreamOutput = {
  Tags: Tag[];
  HasMoreTags: boolean;
};

export type MergeShardsInput = {
  StreamName?: string;
  ShardToMerge: string;
  AdjacentShardToMerge: string;
  StreamARN?: string;
  StreamId?: string;
};

export type MetricsName = "IncomingBytes" | "IncomingRecords" | "OutgoingBytes" | "OutgoingRecords" | "WriteProvisionedThroughputExceeded" | "ReadProvisionedThroughputExceeded" | "IteratorAgeMilliseconds" | "ALL";

export type MinimumThroughputBillingCommitmentInput = {
  Status: MinimumThroughputBillingCommitmentInputStatus;
};

export type MinimumThroughputBillingCommitmentInputStatus = "ENABLED" | "DISABLED";

export type MinimumThroughputBillingCommitmentOutput = {
  Status: MinimumThroughputBillingCommitmentOutputStatus;
  StartedAt?: Date;
  EndedAt?: Date;
  EarliestAllowedEndAt?: Date;
};

export type MinimumThroughputBillingCommitmentOutputStatus = "ENABLED" | "DISABLED" | "ENABLED_UNTIL_EARLIEST_ALLOWED_END";

export type PutRecordInput = {
  StreamName?: string;
  Data: Uint8Array;
  PartitionKey: string;
  ExplicitHashKey?: string;
  SequenceNumberForOrdering?: string;
  StreamARN?: string;
  StreamId?: string;
};

export type PutRecordOutput = {
  ShardId: string;
  SequenceNumber: string;
  EncryptionType?: EncryptionType;
};

export type PutRecordsInput = {
  Records: PutRecordsRequestEntry[];
  StreamName?: string;
  StreamARN?: string;
  StreamId?: string;
};

export type PutRecordsOutput = {
  FailedRecordCount?: number;
  Records: PutRecordsResultEntry[];
  EncryptionType?: EncryptionType;
};

export type PutRecordsRequestEntry = {
  Data: Uint8Array;
  ExplicitHashKey?: string;
  PartitionKey: string;
};

export type PutRecordsResultEntry = {
  SequenceNumber?: string;
  ShardId?: string;
  ErrorCode?: string;
  ErrorMessage?: string;
};

export type PutResourcePolicyInput = {
  ResourceARN: string;
  StreamId?: string;
  Policy: string;
};

export type Record = {
  SequenceNumber: string;
  ApproximateArrivalTimestamp?: Date;
  Data: Uint8Array;
  PartitionKey: string;
  EncryptionType?: EncryptionType;
};

export type RegisterStreamConsumerInput = {
  StreamARN: string;
  ConsumerName: string;
  StreamId?: string;
  Tags?: { [key: string]: string };
};

export type RegisterStreamConsumerOutput = {
  Consumer: Consumer;
};

export type RemoveTagsFromStreamInput = {
  StreamName?: string;
  TagKeys: string[];
  StreamARN?: string;
  StreamId?: string;
};

export type ResourceInUseException = {
  message?: string;
};

export type ResourceNotFoundException = {
  message?: string;
};

export type ScalingType = "UNIFORM_SCALING";

export type SequenceNumberRange = {
  StartingSequenceNumber: string;
  EndingSequenceNumber?: string;
};

export type Shard = {
  ShardId: string;
  ParentShardId?: string;
  AdjacentParentShardId?: string;
  HashKeyRange: HashKeyRange;
  SequenceNumberRange: SequenceNumberRange;
};

export type ShardFilter = {
  Type: ShardFilterType;
  ShardId?: string;
  Timestamp?: Date;
};

export type ShardFilterType = "AFTER_SHARD_ID" | "AT_TRIM_HORIZON" | "FROM_TRIM_HORIZON" | "AT_LATEST" | "AT_TIMESTAMP" | "FROM_TIMESTAMP";

export type ShardIteratorType = "AT_SEQUENCE_NUMBER" | "AFTER_SEQUENCE_NUMBER" | "TRIM_HORIZON" | "LATEST" | "AT_TIMESTAMP";

export type SplitShardInput = {
  StreamName?: string;
  ShardToSplit: string;
  NewStartingHashKey: string;
  StreamARN?: string;
  StreamId?: string;
};

export type StartStreamEncryptionInput = {
  StreamName?: string;
  EncryptionType: EncryptionType;
  KeyId: string;
  StreamARN?: string;
  StreamId?: string;
};

export type StartingPosition = {
  Type: ShardIteratorType;
  SequenceNumber?: string;
  Timestamp?: Date;
};

export type StopStreamEncryptionInput = {
  StreamName?: string;
  EncryptionType: EncryptionType;
  KeyId: string;
  StreamARN?: string;
  StreamId?: string;
};

export type StreamDescription = {
  StreamName: string;
  StreamARN: string;
  StreamStatus: StreamStatus;
  StreamModeDetails?: StreamModeDetails;
  Shards: Shard[];
  HasMoreShards: boolean;
  RetentionPeriodHours: number;
  StreamCreationTimestamp: Date;
  EnhancedMonitoring: EnhancedMetrics[];
  EncryptionType?: EncryptionType;
  KeyId?: string;
};

export type StreamDescriptionSummary = {
  StreamName: string;
  StreamARN: string;
  StreamId?: string;
  StreamStatus: StreamStatus;
  StreamModeDetails?: StreamModeDetails;
  RetentionPeriodHours: number;
  StreamCreationTimestamp: Date;
  EnhancedMonitoring: EnhancedMetrics[];
  EncryptionType?: EncryptionType;
  KeyId?: string;
  OpenShardCount: number;
  ConsumerCount?: number;
  WarmThroughput?: WarmThroughputObject;
  MaxRecordSizeInKiB?: number;
};

export type StreamMode = "PROVISIONED" | "ON_DEMAND";

export type StreamModeDetails = {
  StreamMode: StreamMode;
};

export type StreamStatus = "CREATING" | "DELETING" | "ACTIVE" | "UPDATING";

export type StreamSummary = {
  StreamName: string;
  StreamARN: string;
  StreamStatus: StreamStatus;
  StreamModeDetails?: StreamModeDetails;
  StreamCreationTimestamp?: Date;
};

export type SubscribeToShardEvent = {
  Records: Record[];
  ContinuationSequenceNumber: string;
  MillisBehindLatest: number;
  ChildShards?: ChildShard[];
};

export type SubscribeToShardEventStream = {
  SubscribeToShardEvent: SubscribeToShardEvent;
  ResourceNotFoundException?: ResourceNotFoundException;
  ResourceInUseException?: ResourceInUseException;
  KMSDisabledException?: KMSDisabledException;
  KMSInvalidStateException?: KMSInvalidStateException;
  KMSAccessDeniedException?: KMSAccessDeniedException;
  KMSNotFoundException?: KMSNotFoundException;
  KMSOptInRequired?: KMSOptInRequired;
  KMSThrottlingException?: KMSThrottlingException;
  InternalFailureException?: InternalFailureException;
};

export type SubscribeToShardInput = {
  ConsumerARN: string;
  StreamId?: string;
  ShardId: string;
  StartingPosition: StartingPosition;
};

export type SubscribeToShardOutput = {
  EventStream: SubscribeToShardEventStream;
};

export type Tag = {
  Key: string;
  Value?: string;
};

export type TagResourceInput = {
  Tags: { [key: string]: string };
  ResourceARN: string;
  StreamId?: string;
};

export type UntagResourceInput = {
  TagKeys: string[];
  ResourceARN: string;
  StreamId?: string;
};

export type UpdateAccountSettingsInput = {
  MinimumThroughputBillingCommitment: MinimumThroughputBillingCommitmentInput;
};

export type UpdateAccountSettingsOutput = {
  MinimumThroughputBillingCommitment?: MinimumThroughputBillingCommitmentOutput;
};

export type UpdateMaxRecordSizeInput = {
  StreamARN?: string;
  StreamId?: string;
  MaxRecordSizeInKiB: number;
};

export type UpdateShardCountInput = {
  StreamName?: string;
  TargetShardCount: number;
  ScalingType: ScalingType;
  StreamARN?: string;
  StreamId?: string;
};

export type UpdateShardCountOutput = {
  StreamName?: string;
  CurrentShardCount?: number;
  TargetShardCount?: number;
  StreamARN?: string;
};

export type UpdateStreamModeInput = {
  StreamARN: string;
  StreamId?: string;
  StreamModeDetails: StreamModeDetails;
  WarmThroughputMiBps?: number;
};

export type UpdateStreamWarmThroughputInput = {
  StreamARN?: string;
  StreamName?: string;
  StreamId?: string;
  WarmThroughputMiBps: number;
};

export type UpdateStreamWarmThroughputOutput = {
  StreamARN?: string;
  StreamName?: string;
  WarmThroughput?: WarmThroughputObject;
};

export type WarmThroughputObject = {
  TargetMiBps?: number;
  CurrentMiBps?: number;
};
