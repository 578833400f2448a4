/**
 * Kinesis Video Streams' control plane: the operation table that the REST-JSON layer serves
 * (`POST /createStream`, ..., SigV4 service `kinesisvideo`), every operation of the model. Streams
 * and their image generation and notification configurations are served in full; signaling channels, edge
 * configuration and mapped resources are answered as AWS answers where the feature does not apply (README).
 * Beside it, movement alerts' configuration: Rivulet's own operations, in the same style (README).
 */
import { restJsonService, type RestJsonTable } from "../aws/rest-json";
import {
  createSignalingChannel,
  describeMediaStorageConfiguration,
  describeSignalingChannel,
  listSignalingChannels,
  noSuchChannel,
} from "./operations/channels";
import { listEdgeAgentConfigurations, noEdgeConfiguration, startEdgeConfigurationUpdate } from "./operations/edge";
import { getDataEndpoint } from "./operations/endpoint";
import {
  describeImageGenerationConfiguration,
  describeMappedResourceConfiguration,
  describeMotionDetectionConfiguration,
  describeNotificationConfiguration,
  updateImageGenerationConfiguration,
  updateMotionDetectionConfiguration,
  updateNotificationConfiguration,
} from "./operations/features";
import { createStream, deleteStream, describeStream, listStreams } from "./operations/streams";
import { listTagsForResource, listTagsForStream, tagResource, tagStream, untagResource, untagStream } from "./operations/tags";
import {
  describeStreamStorageConfiguration,
  updateDataRetention,
  updateStream,
  updateStreamStorageConfiguration,
} from "./operations/update";
import { KINESIS_VIDEO_MOTION_SHAPES, type Operations as MotionOperations } from "./motion-shapes.generated";
import { KINESIS_VIDEO_SHAPES, type Operations } from "./shapes.generated";

export const kinesisVideo = restJsonService<Operations>(KINESIS_VIDEO_SHAPES, {
  // Streams.
  CreateStream: createStream,
  DescribeStream: describeStream,
  ListStreams: listStreams,
  UpdateStream: updateStream,
  DeleteStream: deleteStream,
  UpdateDataRetention: updateDataRetention,
  GetDataEndpoint: getDataEndpoint,
  DescribeStreamStorageConfiguration: describeStreamStorageConfiguration,
  UpdateStreamStorageConfiguration: updateStreamStorageConfiguration,
  // Tags.
  TagStream: tagStream,
  UntagStream: untagStream,
  ListTagsForStream: listTagsForStream,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  // What a stream does with its stored fragments: images to R2, notifications.
  DescribeImageGenerationConfiguration: describeImageGenerationConfiguration,
  UpdateImageGenerationConfiguration: updateImageGenerationConfiguration,
  DescribeNotificationConfiguration: describeNotificationConfiguration,
  UpdateNotificationConfiguration: updateNotificationConfiguration,
  DescribeMappedResourceConfiguration: describeMappedResourceConfiguration,
  // Edge configuration: not part of Rivulet.
  StartEdgeConfigurationUpdate: startEdgeConfigurationUpdate,
  DescribeEdgeConfiguration: noEdgeConfiguration,
  DeleteEdgeConfiguration: noEdgeConfiguration,
  ListEdgeAgentConfigurations: listEdgeAgentConfigurations,
  // Signaling channels (WebRTC): not part of Rivulet; no channel exists.
  CreateSignalingChannel: createSignalingChannel,
  DescribeSignalingChannel: describeSignalingChannel,
  ListSignalingChannels: listSignalingChannels,
  UpdateSignalingChannel: noSuchChannel,
  DeleteSignalingChannel: noSuchChannel,
  GetSignalingChannelEndpoint: noSuchChannel,
  DescribeMediaStorageConfiguration: describeMediaStorageConfiguration,
  UpdateMediaStorageConfiguration: noSuchChannel,
} satisfies RestJsonTable<Operations>);

/** Movement alerts (not an AWS API): UpdateMotionDetectionConfiguration, DescribeMotionDetectionConfiguration. */
export const kinesisVideoMotion = restJsonService<MotionOperations>(KINESIS_VIDEO_MOTION_SHAPES, {
  UpdateMotionDetectionConfiguration: updateMotionDetectionConfiguration,
  DescribeMotionDetectionConfiguration: describeMotionDetectionConfiguration,
} satisfies RestJsonTable<MotionOperations>);
