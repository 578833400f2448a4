// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model
// scripts/models/kinesisvideo-2017-09-30.json (Amazon Kinesis Video Streams, API 2017-09-30, REST-JSON).
// Regenerate: node scripts/gen-shapes.mjs
// First the input shapes that validateInput() in src/aws/validate.ts walks (members in model order;
// validate.ts derives AWS's reporting order from them), then each operation's input and output types.

import type { BooleanShape, InputShape, ListShape, MapShape, NumberShape, StringShape, StructureShape, TimestampShape } from "../aws/validate";

const $ChannelName: StringShape = { type: "string", min: 1, max: 256, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $ChannelType: StringShape = { type: "string", enum: ["SINGLE_MASTER","FULL_MESH"] };
const $MessageTtlSeconds: NumberShape = { type: "integer", min: 5, max: 120 };
const $SingleMasterConfiguration: StructureShape = { type: "structure", name: "SingleMasterConfiguration", javaClass: "com.amazonaws.kinesisvideo.v20170930.SingleMasterConfiguration", members: [{ name: "MessageTtlSeconds", shape: $MessageTtlSeconds }] };
const $TagKey: StringShape = { type: "string", min: 1, max: 128, pattern: "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$", regex: new RegExp("^(?:^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$)$", "u") };
const $TagValue: StringShape = { type: "string", min: 0, max: 256, pattern: "[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*", regex: new RegExp("^(?:[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$", "u") };
const $Tag: StructureShape = { type: "structure", name: "Tag", javaClass: "com.amazonaws.kinesisvideo.v20170930.Tag", members: [{ name: "Key", shape: $TagKey, required: true }, { name: "Value", shape: $TagValue, required: true }] };
const $TagOnCreateList: ListShape = { type: "list", member: $Tag, min: 0, max: 50 };
const $CreateSignalingChannelInput: StructureShape = { type: "structure", name: "CreateSignalingChannelInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.CreateSignalingChannelInput", members: [{ name: "ChannelName", shape: $ChannelName, required: true }, { name: "ChannelType", shape: $ChannelType }, { name: "SingleMasterConfiguration", shape: $SingleMasterConfiguration }, { name: "Tags", shape: $TagOnCreateList }] };
const $DeviceName: StringShape = { type: "string", min: 1, max: 128, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $StreamName: StringShape = { type: "string", min: 1, max: 256, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $MediaType: StringShape = { type: "string", min: 1, max: 128, pattern: "[\\w\\-\\.\\+]+/[\\w\\-\\.\\+]+(,[\\w\\-\\.\\+]+/[\\w\\-\\.\\+]+)*", regex: new RegExp("^(?:[\\w\\-\\.\\+]+/[\\w\\-\\.\\+]+(,[\\w\\-\\.\\+]+/[\\w\\-\\.\\+]+)*)$", "u") };
const $KmsKeyId: StringShape = { type: "string", min: 1, max: 2048, pattern: ".+", regex: new RegExp("^(?:[^\\n\\r\\u0085\\u2028\\u2029]+)$", "u") };
const $DataRetentionInHours: NumberShape = { type: "integer", min: 0 };
const $ResourceTags: MapShape = { type: "map", key: $TagKey, value: $TagValue, min: 1, max: 50 };
const $DefaultStorageTier: StringShape = { type: "string", enum: ["HOT","WARM"] };
const $StreamStorageConfiguration: StructureShape = { type: "structure", name: "StreamStorageConfiguration", javaClass: "com.amazonaws.kinesisvideo.v20170930.StreamStorageConfiguration", members: [{ name: "DefaultStorageTier", shape: $DefaultStorageTier, required: true }] };
const $CreateStreamInput: StructureShape = { type: "structure", name: "CreateStreamInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.CreateStreamInput", members: [{ name: "DeviceName", shape: $DeviceName }, { name: "StreamName", shape: $StreamName, required: true }, { name: "MediaType", shape: $MediaType }, { name: "KmsKeyId", shape: $KmsKeyId }, { name: "DataRetentionInHours", shape: $DataRetentionInHours }, { name: "Tags", shape: $ResourceTags }, { name: "StreamStorageConfiguration", shape: $StreamStorageConfiguration }] };
const $ResourceARN: StringShape = { type: "string", min: 1, max: 1024, pattern: "arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+", regex: new RegExp("^(?:arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+)$", "u") };
const $DeleteEdgeConfigurationInput: StructureShape = { type: "structure", name: "DeleteEdgeConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DeleteEdgeConfigurationInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }] };
const $Version: StringShape = { type: "string", min: 1, max: 64, pattern: "[a-zA-Z0-9]+", regex: new RegExp("^(?:[a-zA-Z0-9]+)$", "u") };
const $DeleteSignalingChannelInput: StructureShape = { type: "structure", name: "DeleteSignalingChannelInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DeleteSignalingChannelInput", members: [{ name: "ChannelARN", shape: $ResourceARN, required: true }, { name: "CurrentVersion", shape: $Version }] };
const $DeleteStreamInput: StructureShape = { type: "structure", name: "DeleteStreamInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DeleteStreamInput", members: [{ name: "StreamARN", shape: $ResourceARN, required: true }, { name: "CurrentVersion", shape: $Version }] };
const $DescribeEdgeConfigurationInput: StructureShape = { type: "structure", name: "DescribeEdgeConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeEdgeConfigurationInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }] };
const $DescribeImageGenerationConfigurationInput: StructureShape = { type: "structure", name: "DescribeImageGenerationConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeImageGenerationConfigurationInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }] };
const $MappedResourceConfigurationListLimit: NumberShape = { type: "integer", min: 1, max: 1 };
const $NextToken: StringShape = { type: "string", min: 0, max: 1024, pattern: "[a-zA-Z0-9+/=]*", regex: new RegExp("^(?:[a-zA-Z0-9+/=]*)$", "u") };
const $DescribeMappedResourceConfigurationInput: StructureShape = { type: "structure", name: "DescribeMappedResourceConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeMappedResourceConfigurationInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "MaxResults", shape: $MappedResourceConfigurationListLimit }, { name: "NextToken", shape: $NextToken }] };
const $DescribeMediaStorageConfigurationInput: StructureShape = { type: "structure", name: "DescribeMediaStorageConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeMediaStorageConfigurationInput", members: [{ name: "ChannelName", shape: $ChannelName }, { name: "ChannelARN", shape: $ResourceARN }] };
const $DescribeNotificationConfigurationInput: StructureShape = { type: "structure", name: "DescribeNotificationConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeNotificationConfigurationInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }] };
const $DescribeSignalingChannelInput: StructureShape = { type: "structure", name: "DescribeSignalingChannelInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeSignalingChannelInput", members: [{ name: "ChannelName", shape: $ChannelName }, { name: "ChannelARN", shape: $ResourceARN }] };
const $DescribeStreamInput: StructureShape = { type: "structure", name: "DescribeStreamInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeStreamInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }] };
const $DescribeStreamStorageConfigurationInput: StructureShape = { type: "structure", name: "DescribeStreamStorageConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeStreamStorageConfigurationInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }] };
const $APIName: StringShape = { type: "string", enum: ["PUT_MEDIA","GET_MEDIA","LIST_FRAGMENTS","GET_MEDIA_FOR_FRAGMENT_LIST","GET_HLS_STREAMING_SESSION_URL","GET_DASH_STREAMING_SESSION_URL","GET_CLIP","GET_IMAGES"] };
const $GetDataEndpointInput: StructureShape = { type: "structure", name: "GetDataEndpointInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetDataEndpointInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "APIName", shape: $APIName, required: true }] };
const $ChannelProtocol: StringShape = { type: "string", enum: ["WSS","HTTPS","WEBRTC"] };
const $ListOfProtocols: ListShape = { type: "list", member: $ChannelProtocol, min: 1, max: 5 };
const $ChannelRole: StringShape = { type: "string", enum: ["MASTER","VIEWER"] };
const $SingleMasterChannelEndpointConfiguration: StructureShape = { type: "structure", name: "SingleMasterChannelEndpointConfiguration", javaClass: "com.amazonaws.kinesisvideo.v20170930.SingleMasterChannelEndpointConfiguration", members: [{ name: "Protocols", shape: $ListOfProtocols }, { name: "Role", shape: $ChannelRole }] };
const $GetSignalingChannelEndpointInput: StructureShape = { type: "structure", name: "GetSignalingChannelEndpointInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetSignalingChannelEndpointInput", members: [{ name: "ChannelARN", shape: $ResourceARN, required: true }, { name: "SingleMasterChannelEndpointConfiguration", shape: $SingleMasterChannelEndpointConfiguration }] };
const $HubDeviceArn: StringShape = { type: "string", min: 1, max: 1024, pattern: "arn:[a-z\\d-]+:iot:[a-z0-9-]+:[0-9]+:thing/[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:arn:[a-z\\d-]+:iot:[a-z0-9-]+:[0-9]+:thing/[a-zA-Z0-9_.-]+)$", "u") };
const $ListEdgeAgentConfigurationsInputLimit: NumberShape = { type: "integer", min: 1, max: 10 };
const $ListEdgeAgentConfigurationsInput: StructureShape = { type: "structure", name: "ListEdgeAgentConfigurationsInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListEdgeAgentConfigurationsInput", members: [{ name: "HubDeviceArn", shape: $HubDeviceArn, required: true }, { name: "MaxResults", shape: $ListEdgeAgentConfigurationsInputLimit }, { name: "NextToken", shape: $NextToken }] };
const $ListStreamsInputLimit: NumberShape = { type: "integer", min: 1, max: 10000 };
const $ComparisonOperator: StringShape = { type: "string", enum: ["BEGINS_WITH"] };
const $ChannelNameCondition: StructureShape = { type: "structure", name: "ChannelNameCondition", javaClass: "com.amazonaws.kinesisvideo.v20170930.ChannelNameCondition", members: [{ name: "ComparisonOperator", shape: $ComparisonOperator }, { name: "ComparisonValue", shape: $ChannelName }] };
const $ListSignalingChannelsInput: StructureShape = { type: "structure", name: "ListSignalingChannelsInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListSignalingChannelsInput", members: [{ name: "MaxResults", shape: $ListStreamsInputLimit }, { name: "NextToken", shape: $NextToken }, { name: "ChannelNameCondition", shape: $ChannelNameCondition }] };
const $StreamNameCondition: StructureShape = { type: "structure", name: "StreamNameCondition", javaClass: "com.amazonaws.kinesisvideo.v20170930.StreamNameCondition", members: [{ name: "ComparisonOperator", shape: $ComparisonOperator }, { name: "ComparisonValue", shape: $StreamName }] };
const $ListStreamsInput: StructureShape = { type: "structure", name: "ListStreamsInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListStreamsInput", members: [{ name: "MaxResults", shape: $ListStreamsInputLimit }, { name: "NextToken", shape: $NextToken }, { name: "StreamNameCondition", shape: $StreamNameCondition }] };
const $ListTagsForResourceInput: StructureShape = { type: "structure", name: "ListTagsForResourceInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListTagsForResourceInput", members: [{ name: "NextToken", shape: $NextToken }, { name: "ResourceARN", shape: $ResourceARN, required: true }] };
const $ListTagsForStreamInput: StructureShape = { type: "structure", name: "ListTagsForStreamInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListTagsForStreamInput", members: [{ name: "NextToken", shape: $NextToken }, { name: "StreamARN", shape: $ResourceARN }, { name: "StreamName", shape: $StreamName }] };
const $MediaUriSecretArn: StringShape = { type: "string", min: 20, max: 2048, pattern: "arn:[a-z\\d-]+:secretsmanager:[a-z0-9-]+:[0-9]+:secret:[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:arn:[a-z\\d-]+:secretsmanager:[a-z0-9-]+:[0-9]+:secret:[a-zA-Z0-9_.-]+)$", "u") };
const $MediaUriType: StringShape = { type: "string", enum: ["RTSP_URI","FILE_URI"] };
const $MediaSourceConfig: StructureShape = { type: "structure", name: "MediaSourceConfig", javaClass: "com.amazonaws.kinesisvideo.v20170930.MediaSourceConfig", members: [{ name: "MediaUriSecretArn", shape: $MediaUriSecretArn, required: true }, { name: "MediaUriType", shape: $MediaUriType, required: true }] };
const $ScheduleExpression: StringShape = { type: "string", min: 11, max: 100, pattern: "[^\\n]{11,100}", regex: new RegExp("^(?:[^\\n]{11,100})$", "u") };
const $DurationInSeconds: NumberShape = { type: "integer", min: 60, max: 3600 };
const $ScheduleConfig: StructureShape = { type: "structure", name: "ScheduleConfig", javaClass: "com.amazonaws.kinesisvideo.v20170930.ScheduleConfig", members: [{ name: "ScheduleExpression", shape: $ScheduleExpression, required: true }, { name: "DurationInSeconds", shape: $DurationInSeconds, required: true }] };
const $RecorderConfig: StructureShape = { type: "structure", name: "RecorderConfig", javaClass: "com.amazonaws.kinesisvideo.v20170930.RecorderConfig", members: [{ name: "MediaSourceConfig", shape: $MediaSourceConfig, required: true }, { name: "ScheduleConfig", shape: $ScheduleConfig }] };
const $UploaderConfig: StructureShape = { type: "structure", name: "UploaderConfig", javaClass: "com.amazonaws.kinesisvideo.v20170930.UploaderConfig", members: [{ name: "ScheduleConfig", shape: $ScheduleConfig, required: true }] };
const $EdgeRetentionInHours: NumberShape = { type: "integer", min: 1, max: 720 };
const $MaxLocalMediaSizeInMB: NumberShape = { type: "integer", min: 64, max: 2000000 };
const $StrategyOnFullSize: StringShape = { type: "string", enum: ["DELETE_OLDEST_MEDIA","DENY_NEW_MEDIA"] };
const $LocalSizeConfig: StructureShape = { type: "structure", name: "LocalSizeConfig", javaClass: "com.amazonaws.kinesisvideo.v20170930.LocalSizeConfig", members: [{ name: "MaxLocalMediaSizeInMB", shape: $MaxLocalMediaSizeInMB }, { name: "StrategyOnFullSize", shape: $StrategyOnFullSize }] };
const $DeleteAfterUpload: BooleanShape = { type: "boolean" };
const $DeletionConfig: StructureShape = { type: "structure", name: "DeletionConfig", javaClass: "com.amazonaws.kinesisvideo.v20170930.DeletionConfig", members: [{ name: "EdgeRetentionInHours", shape: $EdgeRetentionInHours }, { name: "LocalSizeConfig", shape: $LocalSizeConfig }, { name: "DeleteAfterUpload", shape: $DeleteAfterUpload }] };
const $EdgeConfig: StructureShape = { type: "structure", name: "EdgeConfig", javaClass: "com.amazonaws.kinesisvideo.v20170930.EdgeConfig", members: [{ name: "HubDeviceArn", shape: $HubDeviceArn, required: true }, { name: "RecorderConfig", shape: $RecorderConfig, required: true }, { name: "UploaderConfig", shape: $UploaderConfig }, { name: "DeletionConfig", shape: $DeletionConfig }] };
const $StartEdgeConfigurationUpdateInput: StructureShape = { type: "structure", name: "StartEdgeConfigurationUpdateInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.StartEdgeConfigurationUpdateInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "EdgeConfig", shape: $EdgeConfig, required: true }] };
const $TagList: ListShape = { type: "list", member: $Tag, min: 1, max: 50 };
const $TagResourceInput: StructureShape = { type: "structure", name: "TagResourceInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.TagResourceInput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "Tags", shape: $TagList, required: true }] };
const $TagStreamInput: StructureShape = { type: "structure", name: "TagStreamInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.TagStreamInput", members: [{ name: "StreamARN", shape: $ResourceARN }, { name: "StreamName", shape: $StreamName }, { name: "Tags", shape: $ResourceTags, required: true }] };
const $TagKeyList: ListShape = { type: "list", member: $TagKey, min: 1, max: 50 };
const $UntagResourceInput: StructureShape = { type: "structure", name: "UntagResourceInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UntagResourceInput", members: [{ name: "ResourceARN", shape: $ResourceARN, required: true }, { name: "TagKeyList", shape: $TagKeyList, required: true }] };
const $UntagStreamInput: StructureShape = { type: "structure", name: "UntagStreamInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UntagStreamInput", members: [{ name: "StreamARN", shape: $ResourceARN }, { name: "StreamName", shape: $StreamName }, { name: "TagKeyList", shape: $TagKeyList, required: true }] };
const $UpdateDataRetentionOperation: StringShape = { type: "string", enum: ["INCREASE_DATA_RETENTION","DECREASE_DATA_RETENTION"] };
const $DataRetentionChangeInHours: NumberShape = { type: "integer", min: 1 };
const $UpdateDataRetentionInput: StructureShape = { type: "structure", name: "UpdateDataRetentionInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateDataRetentionInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "CurrentVersion", shape: $Version, required: true }, { name: "Operation", shape: $UpdateDataRetentionOperation, required: true }, { name: "DataRetentionChangeInHours", shape: $DataRetentionChangeInHours, required: true }] };
const $ConfigurationStatus: StringShape = { type: "string", enum: ["ENABLED","DISABLED"] };
const $ImageSelectorType: StringShape = { type: "string", enum: ["SERVER_TIMESTAMP","PRODUCER_TIMESTAMP"] };
const $DestinationUri: StringShape = { type: "string", min: 1, max: 255, pattern: "^[a-zA-Z_0-9]+:(//)?([^/]+)/?([^*]*)$", regex: new RegExp("^(?:^[a-zA-Z_0-9]+:(//)?([^/]+)/?([^*]*)$)$", "u") };
const $DestinationRegion: StringShape = { type: "string", min: 9, max: 14, pattern: "^[a-z]+(-[a-z]+)?-[a-z]+-[0-9]$", regex: new RegExp("^(?:^[a-z]+(-[a-z]+)?-[a-z]+-[0-9]$)$", "u") };
const $ImageGenerationDestinationConfig: StructureShape = { type: "structure", name: "ImageGenerationDestinationConfig", javaClass: "com.amazonaws.kinesisvideo.v20170930.ImageGenerationDestinationConfig", members: [{ name: "Uri", shape: $DestinationUri, required: true }, { name: "DestinationRegion", shape: $DestinationRegion, required: true }] };
const $SamplingInterval: NumberShape = { type: "integer" };
const $Format: StringShape = { type: "string", enum: ["JPEG","PNG"] };
const $FormatConfigKey: StringShape = { type: "string", enum: ["JPEGQuality"] };
const $FormatConfigValue: StringShape = { type: "string", min: 0, max: 256, pattern: "^[a-zA-Z_0-9]+", regex: new RegExp("^(?:^[a-zA-Z_0-9]+)$", "u") };
const $FormatConfig: MapShape = { type: "map", key: $FormatConfigKey, value: $FormatConfigValue, min: 1, max: 1 };
const $WidthPixels: NumberShape = { type: "integer", min: 1, max: 3840 };
const $HeightPixels: NumberShape = { type: "integer", min: 1, max: 2160 };
const $ImageGenerationConfiguration: StructureShape = { type: "structure", name: "ImageGenerationConfiguration", javaClass: "com.amazonaws.kinesisvideo.v20170930.ImageGenerationConfiguration", members: [{ name: "Status", shape: $ConfigurationStatus, required: true }, { name: "ImageSelectorType", shape: $ImageSelectorType, required: true }, { name: "DestinationConfig", shape: $ImageGenerationDestinationConfig, required: true }, { name: "SamplingInterval", shape: $SamplingInterval, required: true }, { name: "Format", shape: $Format, required: true }, { name: "FormatConfig", shape: $FormatConfig }, { name: "WidthPixels", shape: $WidthPixels }, { name: "HeightPixels", shape: $HeightPixels }] };
const $UpdateImageGenerationConfigurationInput: StructureShape = { type: "structure", name: "UpdateImageGenerationConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateImageGenerationConfigurationInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "ImageGenerationConfiguration", shape: $ImageGenerationConfiguration }] };
const $MediaStorageConfigurationStatus: StringShape = { type: "string", enum: ["ENABLED","DISABLED"] };
const $MediaStorageConfiguration: StructureShape = { type: "structure", name: "MediaStorageConfiguration", javaClass: "com.amazonaws.kinesisvideo.v20170930.MediaStorageConfiguration", members: [{ name: "StreamARN", shape: $ResourceARN }, { name: "Status", shape: $MediaStorageConfigurationStatus, required: true }] };
const $UpdateMediaStorageConfigurationInput: StructureShape = { type: "structure", name: "UpdateMediaStorageConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateMediaStorageConfigurationInput", members: [{ name: "ChannelARN", shape: $ResourceARN, required: true }, { name: "MediaStorageConfiguration", shape: $MediaStorageConfiguration, required: true }] };
const $NotificationDestinationConfig: StructureShape = { type: "structure", name: "NotificationDestinationConfig", javaClass: "com.amazonaws.kinesisvideo.v20170930.NotificationDestinationConfig", members: [{ name: "Uri", shape: $DestinationUri, required: true }] };
const $NotificationConfiguration: StructureShape = { type: "structure", name: "NotificationConfiguration", javaClass: "com.amazonaws.kinesisvideo.v20170930.NotificationConfiguration", members: [{ name: "Status", shape: $ConfigurationStatus, required: true }, { name: "DestinationConfig", shape: $NotificationDestinationConfig, required: true }] };
const $UpdateNotificationConfigurationInput: StructureShape = { type: "structure", name: "UpdateNotificationConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateNotificationConfigurationInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "NotificationConfiguration", shape: $NotificationConfiguration }] };
const $UpdateSignalingChannelInput: StructureShape = { type: "structure", name: "UpdateSignalingChannelInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateSignalingChannelInput", members: [{ name: "ChannelARN", shape: $ResourceARN, required: true }, { name: "CurrentVersion", shape: $Version, required: true }, { name: "SingleMasterConfiguration", shape: $SingleMasterConfiguration }] };
const $UpdateStreamInput: StructureShape = { type: "structure", name: "UpdateStreamInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateStreamInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "CurrentVersion", shape: $Version, required: true }, { name: "DeviceName", shape: $DeviceName }, { name: "MediaType", shape: $MediaType }] };
const $UpdateStreamStorageConfigurationInput: StructureShape = { type: "structure", name: "UpdateStreamStorageConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateStreamStorageConfigurationInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "CurrentVersion", shape: $Version, required: true }, { name: "StreamStorageConfiguration", shape: $StreamStorageConfiguration, required: true }] };
const $CreateSignalingChannelOutput: StructureShape = { type: "structure", name: "CreateSignalingChannelOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.CreateSignalingChannelOutput", members: [{ name: "ChannelARN", shape: $ResourceARN }] };
const $CreateStreamOutput: StructureShape = { type: "structure", name: "CreateStreamOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.CreateStreamOutput", members: [{ name: "StreamARN", shape: $ResourceARN }] };
const $DeleteEdgeConfigurationOutput: StructureShape = { type: "structure", name: "DeleteEdgeConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DeleteEdgeConfigurationOutput", members: [] };
const $DeleteSignalingChannelOutput: StructureShape = { type: "structure", name: "DeleteSignalingChannelOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DeleteSignalingChannelOutput", members: [] };
const $DeleteStreamOutput: StructureShape = { type: "structure", name: "DeleteStreamOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DeleteStreamOutput", members: [] };
const $Timestamp: TimestampShape = { type: "timestamp" };
const $SyncStatus: StringShape = { type: "string", enum: ["SYNCING","ACKNOWLEDGED","IN_SYNC","SYNC_FAILED","DELETING","DELETE_FAILED","DELETING_ACKNOWLEDGED"] };
const $FailedStatusDetails: StringShape = { type: "string" };
const $JobStatusDetails: StringShape = { type: "string" };
const $RecorderStatus: StringShape = { type: "string", enum: ["SUCCESS","USER_ERROR","SYSTEM_ERROR"] };
const $LastRecorderStatus: StructureShape = { type: "structure", name: "LastRecorderStatus", javaClass: "com.amazonaws.kinesisvideo.v20170930.LastRecorderStatus", members: [{ name: "JobStatusDetails", shape: $JobStatusDetails }, { name: "LastCollectedTime", shape: $Timestamp }, { name: "LastUpdatedTime", shape: $Timestamp }, { name: "RecorderStatus", shape: $RecorderStatus }] };
const $UploaderStatus: StringShape = { type: "string", enum: ["SUCCESS","USER_ERROR","SYSTEM_ERROR"] };
const $LastUploaderStatus: StructureShape = { type: "structure", name: "LastUploaderStatus", javaClass: "com.amazonaws.kinesisvideo.v20170930.LastUploaderStatus", members: [{ name: "JobStatusDetails", shape: $JobStatusDetails }, { name: "LastCollectedTime", shape: $Timestamp }, { name: "LastUpdatedTime", shape: $Timestamp }, { name: "UploaderStatus", shape: $UploaderStatus }] };
const $EdgeAgentStatus: StructureShape = { type: "structure", name: "EdgeAgentStatus", javaClass: "com.amazonaws.kinesisvideo.v20170930.EdgeAgentStatus", members: [{ name: "LastRecorderStatus", shape: $LastRecorderStatus }, { name: "LastUploaderStatus", shape: $LastUploaderStatus }] };
const $DescribeEdgeConfigurationOutput: StructureShape = { type: "structure", name: "DescribeEdgeConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeEdgeConfigurationOutput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "CreationTime", shape: $Timestamp }, { name: "LastUpdatedTime", shape: $Timestamp }, { name: "SyncStatus", shape: $SyncStatus }, { name: "FailedStatusDetails", shape: $FailedStatusDetails }, { name: "EdgeConfig", shape: $EdgeConfig }, { name: "EdgeAgentStatus", shape: $EdgeAgentStatus }] };
const $DescribeImageGenerationConfigurationOutput: StructureShape = { type: "structure", name: "DescribeImageGenerationConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeImageGenerationConfigurationOutput", members: [{ name: "ImageGenerationConfiguration", shape: $ImageGenerationConfiguration }] };
const $Type: StringShape = { type: "string" };
const $MappedResourceConfigurationListItem: StructureShape = { type: "structure", name: "MappedResourceConfigurationListItem", javaClass: "com.amazonaws.kinesisvideo.v20170930.MappedResourceConfigurationListItem", members: [{ name: "Type", shape: $Type }, { name: "ARN", shape: $ResourceARN }] };
const $MappedResourceConfigurationList: ListShape = { type: "list", member: $MappedResourceConfigurationListItem, min: 0, max: 1 };
const $DescribeMappedResourceConfigurationOutput: StructureShape = { type: "structure", name: "DescribeMappedResourceConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeMappedResourceConfigurationOutput", members: [{ name: "MappedResourceConfigurationList", shape: $MappedResourceConfigurationList }, { name: "NextToken", shape: $NextToken }] };
const $DescribeMediaStorageConfigurationOutput: StructureShape = { type: "structure", name: "DescribeMediaStorageConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeMediaStorageConfigurationOutput", members: [{ name: "MediaStorageConfiguration", shape: $MediaStorageConfiguration }] };
const $DescribeNotificationConfigurationOutput: StructureShape = { type: "structure", name: "DescribeNotificationConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeNotificationConfigurationOutput", members: [{ name: "NotificationConfiguration", shape: $NotificationConfiguration }] };
const $Status: StringShape = { type: "string", enum: ["CREATING","ACTIVE","UPDATING","DELETING"] };
const $ChannelInfo: StructureShape = { type: "structure", name: "ChannelInfo", javaClass: "com.amazonaws.kinesisvideo.v20170930.ChannelInfo", members: [{ name: "ChannelName", shape: $ChannelName }, { name: "ChannelARN", shape: $ResourceARN }, { name: "ChannelType", shape: $ChannelType }, { name: "ChannelStatus", shape: $Status }, { name: "CreationTime", shape: $Timestamp }, { name: "SingleMasterConfiguration", shape: $SingleMasterConfiguration }, { name: "Version", shape: $Version }] };
const $DescribeSignalingChannelOutput: StructureShape = { type: "structure", name: "DescribeSignalingChannelOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeSignalingChannelOutput", members: [{ name: "ChannelInfo", shape: $ChannelInfo }] };
const $StreamInfo: StructureShape = { type: "structure", name: "StreamInfo", javaClass: "com.amazonaws.kinesisvideo.v20170930.StreamInfo", members: [{ name: "DeviceName", shape: $DeviceName }, { name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "MediaType", shape: $MediaType }, { name: "KmsKeyId", shape: $KmsKeyId }, { name: "Version", shape: $Version }, { name: "Status", shape: $Status }, { name: "CreationTime", shape: $Timestamp }, { name: "DataRetentionInHours", shape: $DataRetentionInHours }] };
const $DescribeStreamOutput: StructureShape = { type: "structure", name: "DescribeStreamOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeStreamOutput", members: [{ name: "StreamInfo", shape: $StreamInfo }] };
const $DescribeStreamStorageConfigurationOutput: StructureShape = { type: "structure", name: "DescribeStreamStorageConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeStreamStorageConfigurationOutput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "StreamStorageConfiguration", shape: $StreamStorageConfiguration }] };
const $DataEndpoint: StringShape = { type: "string" };
const $GetDataEndpointOutput: StructureShape = { type: "structure", name: "GetDataEndpointOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetDataEndpointOutput", members: [{ name: "DataEndpoint", shape: $DataEndpoint }] };
const $ResourceEndpoint: StringShape = { type: "string" };
const $ResourceEndpointListItem: StructureShape = { type: "structure", name: "ResourceEndpointListItem", javaClass: "com.amazonaws.kinesisvideo.v20170930.ResourceEndpointListItem", members: [{ name: "Protocol", shape: $ChannelProtocol }, { name: "ResourceEndpoint", shape: $ResourceEndpoint }] };
const $ResourceEndpointList: ListShape = { type: "list", member: $ResourceEndpointListItem };
const $GetSignalingChannelEndpointOutput: StructureShape = { type: "structure", name: "GetSignalingChannelEndpointOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetSignalingChannelEndpointOutput", members: [{ name: "ResourceEndpointList", shape: $ResourceEndpointList }] };
const $ListEdgeAgentConfigurationsEdgeConfig: StructureShape = { type: "structure", name: "ListEdgeAgentConfigurationsEdgeConfig", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListEdgeAgentConfigurationsEdgeConfig", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "CreationTime", shape: $Timestamp }, { name: "LastUpdatedTime", shape: $Timestamp }, { name: "SyncStatus", shape: $SyncStatus }, { name: "FailedStatusDetails", shape: $FailedStatusDetails }, { name: "EdgeConfig", shape: $EdgeConfig }] };
const $ListEdgeAgentConfigurationsEdgeConfigList: ListShape = { type: "list", member: $ListEdgeAgentConfigurationsEdgeConfig };
const $ListEdgeAgentConfigurationsOutput: StructureShape = { type: "structure", name: "ListEdgeAgentConfigurationsOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListEdgeAgentConfigurationsOutput", members: [{ name: "EdgeConfigs", shape: $ListEdgeAgentConfigurationsEdgeConfigList }, { name: "NextToken", shape: $NextToken }] };
const $ChannelInfoList: ListShape = { type: "list", member: $ChannelInfo };
const $ListSignalingChannelsOutput: StructureShape = { type: "structure", name: "ListSignalingChannelsOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListSignalingChannelsOutput", members: [{ name: "ChannelInfoList", shape: $ChannelInfoList }, { name: "NextToken", shape: $NextToken }] };
const $StreamInfoList: ListShape = { type: "list", member: $StreamInfo };
const $ListStreamsOutput: StructureShape = { type: "structure", name: "ListStreamsOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListStreamsOutput", members: [{ name: "StreamInfoList", shape: $StreamInfoList }, { name: "NextToken", shape: $NextToken }] };
const $ListTagsForResourceOutput: StructureShape = { type: "structure", name: "ListTagsForResourceOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListTagsForResourceOutput", members: [{ name: "NextToken", shape: $NextToken }, { name: "Tags", shape: $ResourceTags }] };
const $ListTagsForStreamOutput: StructureShape = { type: "structure", name: "ListTagsForStreamOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListTagsForStreamOutput", members: [{ name: "NextToken", shape: $NextToken }, { name: "Tags", shape: $ResourceTags }] };
const $StartEdgeConfigurationUpdateOutput: StructureShape = { type: "structure", name: "StartEdgeConfigurationUpdateOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.StartEdgeConfigurationUpdateOutput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "CreationTime", shape: $Timestamp }, { name: "LastUpdatedTime", shape: $Timestamp }, { name: "SyncStatus", shape: $SyncStatus }, { name: "FailedStatusDetails", shape: $FailedStatusDetails }, { name: "EdgeConfig", shape: $EdgeConfig }] };
const $TagResourceOutput: StructureShape = { type: "structure", name: "TagResourceOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.TagResourceOutput", members: [] };
const $TagStreamOutput: StructureShape = { type: "structure", name: "TagStreamOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.TagStreamOutput", members: [] };
const $UntagResourceOutput: StructureShape = { type: "structure", name: "UntagResourceOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UntagResourceOutput", members: [] };
const $UntagStreamOutput: StructureShape = { type: "structure", name: "UntagStreamOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UntagStreamOutput", members: [] };
const $UpdateDataRetentionOutput: StructureShape = { type: "structure", name: "UpdateDataRetentionOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateDataRetentionOutput", members: [] };
const $UpdateImageGenerationConfigurationOutput: StructureShape = { type: "structure", name: "UpdateImageGenerationConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateImageGenerationConfigurationOutput", members: [] };
const $UpdateMediaStorageConfigurationOutput: StructureShape = { type: "structure", name: "UpdateMediaStorageConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateMediaStorageConfigurationOutput", members: [] };
const $UpdateNotificationConfigurationOutput: StructureShape = { type: "structure", name: "UpdateNotificationConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateNotificationConfigurationOutput", members: [] };
const $UpdateSignalingChannelOutput: StructureShape = { type: "structure", name: "UpdateSignalingChannelOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateSignalingChannelOutput", members: [] };
const $UpdateStreamOutput: StructureShape = { type: "structure", name: "UpdateStreamOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateStreamOutput", members: [] };
const $UpdateStreamStorageConfigurationOutput: StructureShape = { type: "structure", name: "UpdateStreamStorageConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateStreamStorageConfigurationOutput", members: [] };

const inputs: { readonly [Op in OperationName]: InputShape<Operations[Op]["input"]> } = {
  CreateSignalingChannel: $CreateSignalingChannelInput,
  CreateStream: $CreateStreamInput,
  DeleteEdgeConfiguration: $DeleteEdgeConfigurationInput,
  DeleteSignalingChannel: $DeleteSignalingChannelInput,
  DeleteStream: $DeleteStreamInput,
  DescribeEdgeConfiguration: $DescribeEdgeConfigurationInput,
  DescribeImageGenerationConfiguration: $DescribeImageGenerationConfigurationInput,
  DescribeMappedResourceConfiguration: $DescribeMappedResourceConfigurationInput,
  DescribeMediaStorageConfiguration: $DescribeMediaStorageConfigurationInput,
  DescribeNotificationConfiguration: $DescribeNotificationConfigurationInput,
  DescribeSignalingChannel: $DescribeSignalingChannelInput,
  DescribeStream: $DescribeStreamInput,
  DescribeStreamStorageConfiguration: $DescribeStreamStorageConfigurationInput,
  GetDataEndpoint: $GetDataEndpointInput,
  GetSignalingChannelEndpoint: $GetSignalingChannelEndpointInput,
  ListEdgeAgentConfigurations: $ListEdgeAgentConfigurationsInput,
  ListSignalingChannels: $ListSignalingChannelsInput,
  ListStreams: $ListStreamsInput,
  ListTagsForResource: $ListTagsForResourceInput,
  ListTagsForStream: $ListTagsForStreamInput,
  StartEdgeConfigurationUpdate: $StartEdgeConfigurationUpdateInput,
  TagResource: $TagResourceInput,
  TagStream: $TagStreamInput,
  UntagResource: $UntagResourceInput,
  UntagStream: $UntagStreamInput,
  UpdateDataRetention: $UpdateDataRetentionInput,
  UpdateImageGenerationConfiguration: $UpdateImageGenerationConfigurationInput,
  UpdateMediaStorageConfiguration: $UpdateMediaStorageConfigurationInput,
  UpdateNotificationConfiguration: $UpdateNotificationConfigurationInput,
  UpdateSignalingChannel: $UpdateSignalingChannelInput,
  UpdateStream: $UpdateStreamInput,
  UpdateStreamStorageConfiguration: $UpdateStreamStorageConfigurationInput,
};

export const KINESIS_VIDEO_SHAPES = {
  serviceId: "Kinesis Video",
  apiVersion: "2017-09-30",
  protocol: "rest-json",
  signingName: "kinesisvideo",
  javaPackage: "com.amazonaws.kinesisvideo.v20170930",
  /** Every operation the model defines, in alphabetical order. */
  operationNames: ["CreateSignalingChannel", "CreateStream", "DeleteEdgeConfiguration", "DeleteSignalingChannel", "DeleteStream", "DescribeEdgeConfiguration", "DescribeImageGenerationConfiguration", "DescribeMappedResourceConfiguration", "DescribeMediaStorageConfiguration", "DescribeNotificationConfiguration", "DescribeSignalingChannel", "DescribeStream", "DescribeStreamStorageConfiguration", "GetDataEndpoint", "GetSignalingChannelEndpoint", "ListEdgeAgentConfigurations", "ListSignalingChannels", "ListStreams", "ListTagsForResource", "ListTagsForStream", "StartEdgeConfigurationUpdate", "TagResource", "TagStream", "UntagResource", "UntagStream", "UpdateDataRetention", "UpdateImageGenerationConfiguration", "UpdateMediaStorageConfiguration", "UpdateNotificationConfiguration", "UpdateSignalingChannel", "UpdateStream", "UpdateStreamStorageConfiguration"],
  /** The input structure of each operation. */
  operations: inputs,
  /** Each operation's HTTP request and success status (REST-JSON). */
  http: {
    CreateSignalingChannel: { method: "POST", requestUri: "/createSignalingChannel", responseCode: 200 },
    CreateStream: { method: "POST", requestUri: "/createStream", responseCode: 200 },
    DeleteEdgeConfiguration: { method: "POST", requestUri: "/deleteEdgeConfiguration", responseCode: 200 },
    DeleteSignalingChannel: { method: "POST", requestUri: "/deleteSignalingChannel", responseCode: 200 },
    DeleteStream: { method: "POST", requestUri: "/deleteStream", responseCode: 200 },
    DescribeEdgeConfiguration: { method: "POST", requestUri: "/describeEdgeConfiguration", responseCode: 200 },
    DescribeImageGenerationConfiguration: { method: "POST", requestUri: "/describeImageGenerationConfiguration", responseCode: 200 },
    DescribeMappedResourceConfiguration: { method: "POST", requestUri: "/describeMappedResourceConfiguration", responseCode: 200 },
    DescribeMediaStorageConfiguration: { method: "POST", requestUri: "/describeMediaStorageConfiguration", responseCode: 200 },
    DescribeNotificationConfiguration: { method: "POST", requestUri: "/describeNotificationConfiguration", responseCode: 200 },
    DescribeSignalingChannel: { method: "POST", requestUri: "/describeSignalingChannel", responseCode: 200 },
    DescribeStream: { method: "POST", requestUri: "/describeStream", responseCode: 200 },
    DescribeStreamStorageConfiguration: { method: "POST", requestUri: "/describeStreamStorageConfiguration", responseCode: 200 },
    GetDataEndpoint: { method: "POST", requestUri: "/getDataEndpoint", responseCode: 200 },
    GetSignalingChannelEndpoint: { method: "POST", requestUri: "/getSignalingChannelEndpoint", responseCode: 200 },
    ListEdgeAgentConfigurations: { method: "POST", requestUri: "/listEdgeAgentConfigurations", responseCode: 200 },
    ListSignalingChannels: { method: "POST", requestUri: "/listSignalingChannels", responseCode: 200 },
    ListStreams: { method: "POST", requestUri: "/listStreams", responseCode: 200 },
    ListTagsForResource: { method: "POST", requestUri: "/ListTagsForResource", responseCode: 200 },
    ListTagsForStream: { method: "POST", requestUri: "/listTagsForStream", responseCode: 200 },
    StartEdgeConfigurationUpdate: { method: "POST", requestUri: "/startEdgeConfigurationUpdate", responseCode: 200 },
    TagResource: { method: "POST", requestUri: "/TagResource", responseCode: 200 },
    TagStream: { method: "POST", requestUri: "/tagStream", responseCode: 200 },
    UntagResource: { method: "POST", requestUri: "/UntagResource", responseCode: 200 },
    UntagStream: { method: "POST", requestUri: "/untagStream", responseCode: 200 },
    UpdateDataRetention: { method: "POST", requestUri: "/updateDataRetention", responseCode: 200 },
    UpdateImageGenerationConfiguration: { method: "POST", requestUri: "/updateImageGenerationConfiguration", responseCode: 200 },
    UpdateMediaStorageConfiguration: { method: "POST", requestUri: "/updateMediaStorageConfiguration", responseCode: 200 },
    UpdateNotificationConfiguration: { method: "POST", requestUri: "/updateNotificationConfiguration", responseCode: 200 },
    UpdateSignalingChannel: { method: "POST", requestUri: "/updateSignalingChannel", responseCode: 200 },
    UpdateStream: { method: "POST", requestUri: "/updateStream", responseCode: 200 },
    UpdateStreamStorageConfiguration: { method: "POST", requestUri: "/updateStreamStorageConfiguration", responseCode: 200 },
  },
  /** Each operation's output structure, whose members say which travel as headers or as the payload. */
  outputs: {
    CreateSignalingChannel: $CreateSignalingChannelOutput,
    CreateStream: $CreateStreamOutput,
    DeleteEdgeConfiguration: $DeleteEdgeConfigurationOutput,
    DeleteSignalingChannel: $DeleteSignalingChannelOutput,
    DeleteStream: $DeleteStreamOutput,
    DescribeEdgeConfiguration: $DescribeEdgeConfigurationOutput,
    DescribeImageGenerationConfiguration: $DescribeImageGenerationConfigurationOutput,
    DescribeMappedResourceConfiguration: $DescribeMappedResourceConfigurationOutput,
    DescribeMediaStorageConfiguration: $DescribeMediaStorageConfigurationOutput,
    DescribeNotificationConfiguration: $DescribeNotificationConfigurationOutput,
    DescribeSignalingChannel: $DescribeSignalingChannelOutput,
    DescribeStream: $DescribeStreamOutput,
    DescribeStreamStorageConfiguration: $DescribeStreamStorageConfigurationOutput,
    GetDataEndpoint: $GetDataEndpointOutput,
    GetSignalingChannelEndpoint: $GetSignalingChannelEndpointOutput,
    ListEdgeAgentConfigurations: $ListEdgeAgentConfigurationsOutput,
    ListSignalingChannels: $ListSignalingChannelsOutput,
    ListStreams: $ListStreamsOutput,
    ListTagsForResource: $ListTagsForResourceOutput,
    ListTagsForStream: $ListTagsForStreamOutput,
    StartEdgeConfigurationUpdate: $StartEdgeConfigurationUpdateOutput,
    TagResource: $TagResourceOutput,
    TagStream: $TagStreamOutput,
    UntagResource: $UntagResourceOutput,
    UntagStream: $UntagStreamOutput,
    UpdateDataRetention: $UpdateDataRetentionOutput,
    UpdateImageGenerationConfiguration: $UpdateImageGenerationConfigurationOutput,
    UpdateMediaStorageConfiguration: $UpdateMediaStorageConfigurationOutput,
    UpdateNotificationConfiguration: $UpdateNotificationConfigurationOutput,
    UpdateSignalingChannel: $UpdateSignalingChannelOutput,
    UpdateStream: $UpdateStreamOutput,
    UpdateStreamStorageConfiguration: $UpdateStreamStorageConfigurationOutput,
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Types

/** Every operation of the model. */
export type OperationName = "CreateSignalingChannel" | "CreateStream" | "DeleteEdgeConfiguration" | "DeleteSignalingChannel" | "DeleteStream" | "DescribeEdgeConfiguration" | "DescribeImageGenerationConfiguration" | "DescribeMappedResourceConfiguration" | "DescribeMediaStorageConfiguration" | "DescribeNotificationConfiguration" | "DescribeSignalingChannel" | "DescribeStream" | "DescribeStreamStorageConfiguration" | "GetDataEndpoint" | "GetSignalingChannelEndpoint" | "ListEdgeAgentConfigurations" | "ListSignalingChannels" | "ListStreams" | "ListTagsForResource" | "ListTagsForStream" | "StartEdgeConfigurationUpdate" | "TagResource" | "TagStream" | "UntagResource" | "UntagStream" | "UpdateDataRetention" | "UpdateImageGenerationConfiguration" | "UpdateMediaStorageConfiguration" | "UpdateNotificationConfiguration" | "UpdateSignalingChannel" | "UpdateStream" | "UpdateStreamStorageConfiguration";

/** Each operation's input, as handlers receive it once validated, and the output they answer with. */
export type Operations = {
  CreateSignalingChannel: { input: CreateSignalingChannelInput; output: CreateSignalingChannelOutput };
  CreateStream: { input: CreateStreamInput; output: CreateStreamOutput };
  DeleteEdgeConfiguration: { input: DeleteEdgeConfigurationInput; output: DeleteEdgeConfigurationOutput };
  DeleteSignalingChannel: { input: DeleteSignalingChannelInput; output: DeleteSignalingChannelOutput };
  DeleteStream: { input: DeleteStreamInput; output: DeleteStreamOutput };
  DescribeEdgeConfiguration: { input: DescribeEdgeConfigurationInput; output: DescribeEdgeConfigurationOutput };
  DescribeImageGenerationConfiguration: { input: DescribeImageGenerationConfigurationInput; output: DescribeImageGenerationConfigurationOutput };
  DescribeMappedResourceConfiguration: { input: DescribeMappedResourceConfigurationInput; output: DescribeMappedResourceConfigurationOutput };
  DescribeMediaStorageConfiguration: { input: DescribeMediaStorageConfigurationInput; output: DescribeMediaStorageConfigurationOutput };
  DescribeNotificationConfiguration: { input: DescribeNotificationConfigurationInput; output: DescribeNotificationConfigurationOutput };
  DescribeSignalingChannel: { input: DescribeSignalingChannelInput; output: DescribeSignalingChannelOutput };
  DescribeStream: { input: DescribeStreamInput; output: DescribeStreamOutput };
  DescribeStreamStorageConfiguration: { input: DescribeStreamStorageConfigurationInput; output: DescribeStreamStorageConfigurationOutput };
  GetDataEndpoint: { input: GetDataEndpointInput; output: GetDataEndpointOutput };
  GetSignalingChannelEndpoint: { input: GetSignalingChannelEndpointInput; output: GetSignalingChannelEndpointOutput };
  ListEdgeAgentConfigurations: { input: ListEdgeAgentConfigurationsInput; output: ListEdgeAgentConfigurationsOutput };
  ListSignalingChannels: { input: ListSignalingChannelsInput; output: ListSignalingChannelsOutput };
  ListStreams: { input: ListStreamsInput; output: ListStreamsOutput };
  ListTagsForResource: { input: ListTagsForResourceInput; output: ListTagsForResourceOutput };
  ListTagsForStream: { input: ListTagsForStreamInput; output: ListTagsForStreamOutput };
  StartEdgeConfigurationUpdate: { input: StartEdgeConfigurationUpdateInput; output: StartEdgeConfigurationUpdateOutput };
  TagResource: { input: TagResourceInput; output: TagResourceOutput };
  TagStream: { input: TagStreamInput; output: TagStreamOutput };
  UntagResource: { input: UntagResourceInput; output: UntagResourceOutput };
  UntagStream: { input: UntagStreamInput; output: UntagStreamOutput };
  UpdateDataRetention: { input: UpdateDataRetentionInput; output: UpdateDataRetentionOutput };
  UpdateImageGenerationConfiguration: { input: UpdateImageGenerationConfigurationInput; output: UpdateImageGenerationConfigurationOutput };
  UpdateMediaStorageConfiguration: { input: UpdateMediaStorageConfigurationInput; output: UpdateMediaStorageConfigurationOutput };
  UpdateNotificationConfiguration: { input: UpdateNotificationConfigurationInput; output: UpdateNotificationConfigurationOutput };
  UpdateSignalingChannel: { input: UpdateSignalingChannelInput; output: UpdateSignalingChannelOutput };
  UpdateStream: { input: UpdateStreamInput; output: UpdateStreamOutput };
  UpdateStreamStorageConfiguration: { input: UpdateStreamStorageConfigurationInput; output: UpdateStreamStorageConfigurationOutput };
};

export type APIName = "PUT_MEDIA" | "GET_MEDIA" | "LIST_FRAGMENTS" | "GET_MEDIA_FOR_FRAGMENT_LIST" | "GET_HLS_STREAMING_SESSION_URL" | "GET_DASH_STREAMING_SESSION_URL" | "GET_CLIP" | "GET_IMAGES";

export type ChannelInfo = {
  ChannelName?: string;
  ChannelARN?: string;
  ChannelType?: ChannelType;
  ChannelStatus?: Status;
  CreationTime?: Date;
  SingleMasterConfiguration?: SingleMasterConfiguration;
  Version?: string;
};

export type ChannelNameCondition = {
  ComparisonOperator?: ComparisonOperator;
  ComparisonValue?: string;
};

export type ChannelProtocol = "WSS" | "HTTPS" | "WEBRTC";

export type ChannelRole = "MASTER" | "VIEWER";

export type ChannelType = "SINGLE_MASTER" | "FULL_MESH";

export type ComparisonOperator = "BEGINS_WITH";

export type ConfigurationStatus = "ENABLED" | "DISABLED";

export type CreateSignalingChannelInput = {
  ChannelName: string;
  ChannelType?: ChannelType;
  SingleMasterConfiguration?: SingleMasterConfiguration;
  Tags?: Tag[];
};

export type CreateSignalingChannelOutput = {
  ChannelARN?: string;
};

export type CreateStreamInput = {
  DeviceName?: string;
  StreamName: string;
  MediaType?: string;
  KmsKeyId?: string;
  DataRetentionInHours?: number;
  Tags?: { [key: string]: string };
  StreamStorageConfiguration?: StreamStorageConfiguration;
};

export type CreateStreamOutput = {
  StreamARN?: string;
};

export type DefaultStorageTier = "HOT" | "WARM";

export type DeleteEdgeConfigurationInput = {
  StreamName?: string;
  StreamARN?: string;
};

export type DeleteEdgeConfigurationOutput = { [key: string]: never };

export type DeleteSignalingChannelInput = {
  ChannelARN: string;
  CurrentVersion?: string;
};

export type DeleteSignalingChannelOutput = { [key: string]: never };

export type DeleteStreamInput = {
  StreamARN: string;
  CurrentVersion?: string;
};

export type DeleteStreamOutput = { [key: string]: never };

export type DeletionConfig = {
  EdgeRetentionInHours?: number;
  LocalSizeConfig?: LocalSizeConfig;
  DeleteAfterUpload?: boolean;
};

export type DescribeEdgeConfigurationInput = {
  StreamName?: string;
  StreamARN?: string;
};

export type DescribeEdgeConfigurationOutput = {
  StreamName?: string;
  StreamARN?: string;
  CreationTime?: Date;
  LastUpdatedTime?: Date;
  SyncStatus?: SyncStatus;
  FailedStatusDetails?: string;
  EdgeConfig?: EdgeConfig;
  EdgeAgentStatus?: EdgeAgentStatus;
};

export type DescribeImageGenerationConfigurationInput = {
  StreamName?: string;
  StreamARN?: string;
};

export type DescribeImageGenerationConfigurationOutput = {
  ImageGenerationConfiguration?: ImageGenerationConfiguration;
};

export type DescribeMappedResourceConfigurationInput = {
  StreamName?: string;
  StreamARN?: string;
  MaxResults?: number;
  NextToken?: string;
};

export type DescribeMappedResourceConfigurationOutput = {
  MappedResourceConfigurationList?: MappedResourceConfigurationListItem[];
  NextToken?: string;
};

export type DescribeMediaStorageConfigurationInput = {
  ChannelName?: string;
  ChannelARN?: string;
};

export type DescribeMediaStorageConfigurationOutput = {
  MediaStorageConfiguration?: MediaStorageConfiguration;
};

export type DescribeNotificationConfigurationInput = {
  StreamName?: string;
  StreamARN?: string;
};

export type DescribeNotificationConfigurationOutput = {
  NotificationConfiguration?: NotificationConfiguration;
};

export type DescribeSignalingChannelInput = {
  ChannelName?: string;
  ChannelARN?: string;
};

export type DescribeSignalingChannelOutput = {
  ChannelInfo?: ChannelInfo;
};

export type DescribeStreamInput = {
  StreamName?: string;
  StreamARN?: string;
};

export type DescribeStreamOutput = {
  StreamInfo?: StreamInfo;
};

export type DescribeStreamStorageConfigurationInput = {
  StreamName?: string;
  StreamARN?: string;
};

export type DescribeStreamStorageConfigurationOutput = {
  StreamName?: string;
  StreamARN?: string;
  StreamStorageConfiguration?: StreamStorageConfiguration;
};

export type EdgeAgentStatus = {
  LastRecorderStatus?: LastRecorderStatus;
  LastUploaderStatus?: LastUploaderStatus;
};

export type EdgeConfig = {
  HubDeviceArn: string;
  RecorderConfig: RecorderConfig;
  UploaderConfig?: UploaderConfig;
  DeletionConfig?: DeletionConfig;
};

export type Format = "JPEG" | "PNG";

export type GetDataEndpointInput = {
  StreamName?: string;
  StreamARN?: string;
  APIName: APIName;
};

export type GetDataEndpointOutput = {
  DataEndpoint?: string;
};

export type GetSignalingChannelEndpointInput = {
  ChannelARN: string;
  SingleMasterChannelEndpointConfiguration?: SingleMasterChannelEndpointConfiguration;
};

export type GetSignalingChannelEndpointOutput = {
  ResourceEndpointList?: ResourceEndpointListItem[];
};

export type ImageGenerationConfiguration = {
  Status: ConfigurationStatus;
  ImageSelectorType: ImageSelectorType;
  DestinationConfig: ImageGenerationDestinationConfig;
  SamplingInterval: number;
  Format: Format;
  FormatConfig?: { [key: string]: string };
  WidthPixels?: number;
  HeightPixels?: number;
};

export type ImageGenerationDestinationConfig = {
  Uri: string;
  DestinationRegion: string;
};

export type ImageSelectorType = "SERVER_TIMESTAMP" | "PRODUCER_TIMESTAMP";

export type LastRecorderStatus = {
  JobStatusDetails?: string;
  LastCollectedTime?: Date;
  LastUpdatedTime?: Date;
  RecorderStatus?: RecorderStatus;
};

export type LastUploaderStatus = {
  JobStatusDetails?: string;
  LastCollectedTime?: Date;
  LastUpdatedTime?: Date;
  UploaderStatus?: UploaderStatus;
};

export type ListEdgeAgentConfigurationsEdgeConfig = {
  StreamName?: string;
  StreamARN?: string;
  CreationTime?: Date;
  LastUpdatedTime?: Date;
  SyncStatus?: SyncStatus;
  FailedStatusDetails?: string;
  EdgeConfig?: EdgeConfig;
};

export type ListEdgeAgentConfigurationsInput = {
  HubDeviceArn: string;
  MaxResults?: number;
  NextToken?: string;
};

export type ListEdgeAgentConfigurationsOutput = {
  EdgeConfigs?: ListEdgeAgentConfigurationsEdgeConfig[];
  NextToken?: string;
};

export type ListSignalingChannelsInput = {
  MaxResults?: number;
  NextToken?: string;
  ChannelNameCondition?: ChannelNameCondition;
};

export type ListSignalingChannelsOutput = {
  ChannelInfoList?: ChannelInfo[];
  NextToken?: string;
};

export type ListStreamsInput = {
  MaxResults?: number;
  NextToken?: string;
  StreamNameCondition?: StreamNameCondition;
};

export type ListStreamsOutput = {
  StreamInfoList?: StreamInfo[];
  NextToken?: string;
};

export type ListTagsForResourceInput = {
  NextToken?: string;
  ResourceARN: string;
};

export type ListTagsForResourceOutput = {
  NextToken?: string;
  Tags?: { [key: string]: string };
};

export type ListTagsForStreamInput = {
  NextToken?: string;
  StreamARN?: string;
  StreamName?: string;
};

export type ListTagsForStreamOutput = {
  NextToken?: string;
  Tags?: { [key: string]: string };
};

export type LocalSizeConfig = {
  MaxLocalMediaSizeInMB?: number;
  StrategyOnFullSize?: StrategyOnFullSize;
};

export type MappedResourceConfigurationListItem = {
  Type?: string;
  ARN?: string;
};

export type MediaSourceConfig = {
  MediaUriSecretArn: string;
  MediaUriType: MediaUriType;
};

export type MediaStorageConfiguration = {
  StreamARN?: string;
  Status: MediaStorageConfigurationStatus;
};

export type MediaStorageConfigurationStatus = "ENABLED" | "DISABLED";

export type MediaUriType = "RTSP_URI" | "FILE_URI";

export type NotificationConfiguration = {
  Status: ConfigurationStatus;
  DestinationConfig: NotificationDestinationConfig;
};

export type NotificationDestinationConfig = {
  Uri: string;
};

export type RecorderConfig = {
  MediaSourceConfig: MediaSourceConfig;
  ScheduleConfig?: ScheduleConfig;
};

export type RecorderStatus = "SUCCESS" | "USER_ERROR" | "SYSTEM_ERROR";

export type ResourceEndpointListItem = {
  Protocol?: ChannelProtocol;
  ResourceEndpoint?: string;
};

export type ScheduleConfig = {
  ScheduleExpression: string;
  DurationInSeconds: number;
};

export type SingleMasterChannelEndpointConfiguration = {
  Protocols?: ChannelProtocol[];
  Role?: ChannelRole;
};

export type SingleMasterConfiguration = {
  MessageTtlSeconds?: number;
};

export type StartEdgeConfigurationUpdateInput = {
  StreamName?: string;
  StreamARN?: string;
  EdgeConfig: EdgeConfig;
};

export type StartEdgeConfigurationUpdateOutput = {
  StreamName?: string;
  StreamARN?: string;
  CreationTime?: Date;
  LastUpdatedTime?: Date;
  SyncStatus?: SyncStatus;
  FailedStatusDetails?: string;
  EdgeConfig?: EdgeConfig;
};

export type Status = "CREATING" | "ACTIVE" | "UPDATING" | "DELETING";

export type StrategyOnFullSize = "DELETE_OLDEST_MEDIA" | "DENY_NEW_MEDIA";

export type StreamInfo = {
  DeviceName?: string;
  StreamName?: string;
  StreamARN?: string;
  MediaType?: string;
  KmsKeyId?: string;
  Version?: string;
  Status?: Status;
  CreationTime?: Date;
  DataRetentionInHours?: number;
};

export type StreamNameCondition = {
  ComparisonOperator?: ComparisonOperator;
  ComparisonValue?: string;
};

export type StreamStorageConfiguration = {
  DefaultStorageTier: DefaultStorageTier;
};

export type SyncStatus = "SYNCING" | "ACKNOWLEDGED" | "IN_SYNC" | "SYNC_FAILED" | "DELETING" | "DELETE_FAILED" | "DELETING_ACKNOWLEDGED";

export type Tag = {
  Key: string;
  Value: string;
};

export type TagResourceInput = {
  ResourceARN: string;
  Tags: Tag[];
};

export type TagResourceOutput = { [key: string]: never };

export type TagStreamInput = {
  StreamARN?: string;
  StreamName?: string;
  Tags: { [key: string]: string };
};

export type TagStreamOutput = { [key: string]: never };

export type UntagResourceInput = {
  ResourceARN: string;
  TagKeyList: string[];
};

export type UntagResourceOutput = { [key: string]: never };

export type UntagStreamInput = {
  StreamARN?: string;
  StreamName?: string;
  TagKeyList: string[];
};

export type UntagStreamOutput = { [key: string]: never };

export type UpdateDataRetentionInput = {
  StreamName?: string;
  StreamARN?: string;
  CurrentVersion: string;
  Operation: UpdateDataRetentionOperation;
  DataRetentionChangeInHours: number;
};

export type UpdateDataRetentionOperation = "INCREASE_DATA_RETENTION" | "DECREASE_DATA_RETENTION";

export type UpdateDataRetentionOutput = { [key: string]: never };

export type UpdateImageGenerationConfigurationInput = {
  StreamName?: string;
  StreamARN?: string;
  ImageGenerationConfiguration?: ImageGenerationConfiguration;
};

export type UpdateImageGenerationConfigurationOutput = { [key: string]: never };

export type UpdateMediaStorageConfigurationInput = {
  ChannelARN: string;
  MediaStorageConfiguration: MediaStorageConfiguration;
};

export type UpdateMediaStorageConfigurationOutput = { [key: string]: never };

export type UpdateNotificationConfigurationInput = {
  StreamName?: string;
  StreamARN?: string;
  NotificationConfiguration?: NotificationConfiguration;
};

export type UpdateNotificationConfigurationOutput = { [key: string]: never };

export type UpdateSignalingChannelInput = {
  ChannelARN: string;
  CurrentVersion: string;
  SingleMasterConfiguration?: SingleMasterConfiguration;
};

export type UpdateSignalingChannelOutput = { [key: string]: never };

export type UpdateStreamInput = {
  StreamName?: string;
  StreamARN?: string;
  CurrentVersion: string;
  DeviceName?: string;
  MediaType?: string;
};

export type UpdateStreamOutput = { [key: string]: never };

export type UpdateStreamStorageConfigurationInput = {
  StreamName?: string;
  StreamARN?: string;
  CurrentVersion: string;
  StreamStorageConfiguration: StreamStorageConfiguration;
};

export type UpdateStreamStorageConfigurationOutput = { [key: string]: never };

export type UploaderConfig = {
  ScheduleConfig: ScheduleConfig;
};

export type UploaderStatus = "SUCCESS" | "USER_ERROR" | "SYSTEM_ERROR";
