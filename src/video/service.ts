/**
 * Kinesis Video Streams' control plane: the operation table that the REST-JSON layer serves
 * (`POST /createStream`, ..., SigV4 service `kinesisvideo`), every operation of the model. Streams
 * are served in full; signaling channels, edge configuration, mapped resources, image generation
 * and notifications are answered as AWS answers where the feature does not apply (README).
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
  describeMappedResourceConfiguration,
  noConfiguration,
  updateImageGenerationConfiguration,
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
  // A stream's other features: none configured, none configurable yet.
  DescribeImageGenerationConfiguration: noConfiguration,
  UpdateImageGenerationConfiguration: updateImageGenerationConfiguration,
  DescribeNotificationConfiguration: noConfiguration,
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
