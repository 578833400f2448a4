/**
 * Kinesis Data Streams: the operation table that the protocol layer serves. Each entry pairs the
 * input shape from AWS's model (validated before the handler runs) with its handler. Every operation
 * of the model is here; each first passes the resource policy of the stream or consumer it names
 * (./access.ts), except those that check it themselves on the data plane.
 */
import type { AwsJsonService, Handler, OperationDefinition, OperationTable } from "../aws/protocol";
import { enforceResourcePolicy } from "./access";
import { describeAccountSettings, updateAccountSettings } from "./operations/accountSettings";
import { startStreamEncryption, stopStreamEncryption } from "./operations/encryption";
import { disableEnhancedMonitoring, enableEnhancedMonitoring } from "./operations/monitoring";
import { deleteResourcePolicy, getResourcePolicy, putResourcePolicy } from "./operations/resourcePolicy";
import { updateStreamWarmThroughput } from "./operations/warmThroughput";
import {
  deregisterStreamConsumer,
  describeStreamConsumer,
  listStreamConsumers,
  registerStreamConsumer,
} from "./operations/consumers";
import { createStream } from "./operations/createStream";
import { deleteStream } from "./operations/deleteStream";
import { describeLimits } from "./operations/describeLimits";
import { describeStream } from "./operations/describeStream";
import { describeStreamSummary } from "./operations/describeStreamSummary";
import { getRecords } from "./operations/getRecords";
import { getShardIterator } from "./operations/getShardIterator";
import { listShards } from "./operations/listShards";
import { listStreams } from "./operations/listStreams";
import { putRecord } from "./operations/putRecord";
import { putRecords } from "./operations/putRecords";
import { updateMaxRecordSize, updateStreamMode } from "./operations/streamSettings";
import { subscribeToShard } from "./operations/subscribeToShard";
import { mergeShards, splitShard, updateShardCount } from "./operations/resharding";
import { decreaseStreamRetentionPeriod, increaseStreamRetentionPeriod } from "./operations/retention";
import {
  addTagsToStream,
  listTagsForResource,
  listTagsForStream,
  removeTagsFromStream,
  tagResource,
  untagResource,
} from "./operations/tags";
import { KINESIS_SHAPES, type OperationName, type Operations } from "./shapes.generated";

/** Pairs a handler with its model input shape, behind the resource policy check. */
function operation<Op extends OperationName>(name: Op, handle: Handler<Operations[Op]>): OperationDefinition<Operations[Op]> {
  return {
    input: KINESIS_SHAPES.operations[name],
    handle: (input, context) => {
      const check = enforceResourcePolicy(name, input, context);
      return check ? check.then(() => handle(input, context)) : handle(input, context);
    },
  };
}

export const kinesis: AwsJsonService = {
  targetPrefix: "Kinesis_20131202",
  signingName: "kinesis",
  operations: {
    AddTagsToStream: operation("AddTagsToStream", addTagsToStream),
    CreateStream: operation("CreateStream", createStream),
    DecreaseStreamRetentionPeriod: operation("DecreaseStreamRetentionPeriod", decreaseStreamRetentionPeriod),
    DeleteResourcePolicy: operation("DeleteResourcePolicy", deleteResourcePolicy),
    DeleteStream: operation("DeleteStream", deleteStream),
    DeregisterStreamConsumer: operation("DeregisterStreamConsumer", deregisterStreamConsumer),
    DescribeAccountSettings: operation("DescribeAccountSettings", describeAccountSettings),
    DescribeLimits: operation("DescribeLimits", describeLimits),
    DescribeStream: operation("DescribeStream", describeStream),
    DescribeStreamConsumer: operation("DescribeStreamConsumer", describeStreamConsumer),
    DescribeStreamSummary: operation("DescribeStreamSummary", describeStreamSummary),
    DisableEnhancedMonitoring: operation("DisableEnhancedMonitoring", disableEnhancedMonitoring),
    EnableEnhancedMonitoring: operation("EnableEnhancedMonitoring", enableEnhancedMonitoring),
    GetRecords: operation("GetRecords", getRecords),
    GetResourcePolicy: operation("GetResourcePolicy", getResourcePolicy),
    GetShardIterator: operation("GetShardIterator", getShardIterator),
    IncreaseStreamRetentionPeriod: operation("IncreaseStreamRetentionPeriod", increaseStreamRetentionPeriod),
    ListShards: operation("ListShards", listShards),
    ListStreamConsumers: operation("ListStreamConsumers", listStreamConsumers),
    ListStreams: operation("ListStreams", listStreams),
    ListTagsForResource: operation("ListTagsForResource", listTagsForResource),
    ListTagsForStream: operation("ListTagsForStream", listTagsForStream),
    MergeShards: operation("MergeShards", mergeShards),
    PutRecord: operation("PutRecord", putRecord),
    PutRecords: operation("PutRecords", putRecords),
    PutResourcePolicy: operation("PutResourcePolicy", putResourcePolicy),
    RegisterStreamConsumer: operation("RegisterStreamConsumer", registerStreamConsumer),
    RemoveTagsFromStream: operation("RemoveTagsFromStream", removeTagsFromStream),
    SplitShard: operation("SplitShard", splitShard),
    StartStreamEncryption: operation("StartStreamEncryption", startStreamEncryption),
    StopStreamEncryption: operation("StopStreamEncryption", stopStreamEncryption),
    SubscribeToShard: operation("SubscribeToShard", subscribeToShard),
    TagResource: operation("TagResource", tagResource),
    UntagResource: operation("UntagResource", untagResource),
    UpdateAccountSettings: operation("UpdateAccountSettings", updateAccountSettings),
    UpdateMaxRecordSize: operation("UpdateMaxRecordSize", updateMaxRecordSize),
    UpdateShardCount: operation("UpdateShardCount", updateShardCount),
    UpdateStreamMode: operation("UpdateStreamMode", updateStreamMode),
    UpdateStreamWarmThroughput: operation("UpdateStreamWarmThroughput", updateStreamWarmThroughput),
  } satisfies OperationTable<Operations>,
};
