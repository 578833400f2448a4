// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model
// scripts/models/kinesis-video-archived-media-2017-09-30.json (Amazon Kinesis Video Streams Archived Media, API 2017-09-30, REST-JSON).
// Regenerate: node scripts/gen-shapes.mjs
// First the input shapes that validateInput() in src/aws/validate.ts walks (members in model order;
// validate.ts derives AWS's reporting order from them), then each operation's input and output types.

import type { BlobShape, InputShape, ListShape, MapShape, NumberShape, StringShape, StructureShape, TimestampShape } from "../aws/validate";

const $StreamName: StringShape = { type: "string", min: 1, max: 256, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $ResourceARN: StringShape = { type: "string", min: 1, max: 1024, pattern: "arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+", regex: new RegExp("^(?:arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+)$", "u") };
const $ClipFragmentSelectorType: StringShape = { type: "string", enum: ["PRODUCER_TIMESTAMP","SERVER_TIMESTAMP"] };
const $Timestamp: TimestampShape = { type: "timestamp" };
const $ClipTimestampRange: StructureShape = { type: "structure", name: "ClipTimestampRange", javaClass: "com.amazonaws.kinesisvideo.v20170930.ClipTimestampRange", members: [{ name: "StartTimestamp", shape: $Timestamp, required: true }, { name: "EndTimestamp", shape: $Timestamp, required: true }] };
const $ClipFragmentSelector: StructureShape = { type: "structure", name: "ClipFragmentSelector", javaClass: "com.amazonaws.kinesisvideo.v20170930.ClipFragmentSelector", members: [{ name: "FragmentSelectorType", shape: $ClipFragmentSelectorType, required: true }, { name: "TimestampRange", shape: $ClipTimestampRange, required: true }] };
const $GetClipInput: StructureShape = { type: "structure", name: "GetClipInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetClipInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "ClipFragmentSelector", shape: $ClipFragmentSelector, required: true }] };
const $DASHPlaybackMode: StringShape = { type: "string", enum: ["LIVE","LIVE_REPLAY","ON_DEMAND"] };
const $DASHDisplayFragmentTimestamp: StringShape = { type: "string", enum: ["ALWAYS","NEVER"] };
const $DASHDisplayFragmentNumber: StringShape = { type: "string", enum: ["ALWAYS","NEVER"] };
const $DASHFragmentSelectorType: StringShape = { type: "string", enum: ["PRODUCER_TIMESTAMP","SERVER_TIMESTAMP"] };
const $DASHTimestampRange: StructureShape = { type: "structure", name: "DASHTimestampRange", javaClass: "com.amazonaws.kinesisvideo.v20170930.DASHTimestampRange", members: [{ name: "StartTimestamp", shape: $Timestamp }, { name: "EndTimestamp", shape: $Timestamp }] };
const $DASHFragmentSelector: StructureShape = { type: "structure", name: "DASHFragmentSelector", javaClass: "com.amazonaws.kinesisvideo.v20170930.DASHFragmentSelector", members: [{ name: "FragmentSelectorType", shape: $DASHFragmentSelectorType }, { name: "TimestampRange", shape: $DASHTimestampRange }] };
const $Expires: NumberShape = { type: "integer", min: 300, max: 43200 };
const $DASHMaxResults: NumberShape = { type: "long", min: 1, max: 5000 };
const $GetDASHStreamingSessionURLInput: StructureShape = { type: "structure", name: "GetDASHStreamingSessionURLInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetDASHStreamingSessionURLInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "PlaybackMode", shape: $DASHPlaybackMode }, { name: "DisplayFragmentTimestamp", shape: $DASHDisplayFragmentTimestamp }, { name: "DisplayFragmentNumber", shape: $DASHDisplayFragmentNumber }, { name: "DASHFragmentSelector", shape: $DASHFragmentSelector }, { name: "Expires", shape: $Expires }, { name: "MaxManifestFragmentResults", shape: $DASHMaxResults }] };
const $HLSPlaybackMode: StringShape = { type: "string", enum: ["LIVE","LIVE_REPLAY","ON_DEMAND"] };
const $HLSFragmentSelectorType: StringShape = { type: "string", enum: ["PRODUCER_TIMESTAMP","SERVER_TIMESTAMP"] };
const $HLSTimestampRange: StructureShape = { type: "structure", name: "HLSTimestampRange", javaClass: "com.amazonaws.kinesisvideo.v20170930.HLSTimestampRange", members: [{ name: "StartTimestamp", shape: $Timestamp }, { name: "EndTimestamp", shape: $Timestamp }] };
const $HLSFragmentSelector: StructureShape = { type: "structure", name: "HLSFragmentSelector", javaClass: "com.amazonaws.kinesisvideo.v20170930.HLSFragmentSelector", members: [{ name: "FragmentSelectorType", shape: $HLSFragmentSelectorType }, { name: "TimestampRange", shape: $HLSTimestampRange }] };
const $ContainerFormat: StringShape = { type: "string", enum: ["FRAGMENTED_MP4","MPEG_TS"] };
const $HLSDiscontinuityMode: StringShape = { type: "string", enum: ["ALWAYS","NEVER","ON_DISCONTINUITY"] };
const $HLSDisplayFragmentTimestamp: StringShape = { type: "string", enum: ["ALWAYS","NEVER"] };
const $HLSMaxResults: NumberShape = { type: "long", min: 1, max: 5000 };
const $GetHLSStreamingSessionURLInput: StructureShape = { type: "structure", name: "GetHLSStreamingSessionURLInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetHLSStreamingSessionURLInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "PlaybackMode", shape: $HLSPlaybackMode }, { name: "HLSFragmentSelector", shape: $HLSFragmentSelector }, { name: "ContainerFormat", shape: $ContainerFormat }, { name: "DiscontinuityMode", shape: $HLSDiscontinuityMode }, { name: "DisplayFragmentTimestamp", shape: $HLSDisplayFragmentTimestamp }, { name: "Expires", shape: $Expires }, { name: "MaxMediaPlaylistFragmentResults", shape: $HLSMaxResults }] };
const $ImageSelectorType: StringShape = { type: "string", enum: ["PRODUCER_TIMESTAMP","SERVER_TIMESTAMP"] };
const $SamplingInterval: NumberShape = { type: "integer" };
const $Format: StringShape = { type: "string", enum: ["JPEG","PNG"] };
const $FormatConfigKey: StringShape = { type: "string", enum: ["JPEGQuality"] };
const $FormatConfigValue: StringShape = { type: "string", min: 0, max: 256, pattern: "^[a-zA-Z_0-9]+", regex: new RegExp("^(?:^[a-zA-Z_0-9]+)$", "u") };
const $FormatConfig: MapShape = { type: "map", key: $FormatConfigKey, value: $FormatConfigValue, min: 1, max: 1 };
const $WidthPixels: NumberShape = { type: "integer", min: 1, max: 3840 };
const $HeightPixels: NumberShape = { type: "integer", min: 1, max: 2160 };
const $GetImagesMaxResults: NumberShape = { type: "long", min: 1, max: 100 };
const $NextToken: StringShape = { type: "string", min: 1, max: 4096, pattern: "[a-zA-Z0-9+/]+={0,2}", regex: new RegExp("^(?:[a-zA-Z0-9+/]+={0,2})$", "u") };
const $GetImagesInput: StructureShape = { type: "structure", name: "GetImagesInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetImagesInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "ImageSelectorType", shape: $ImageSelectorType, required: true }, { name: "StartTimestamp", shape: $Timestamp, required: true }, { name: "EndTimestamp", shape: $Timestamp, required: true }, { name: "SamplingInterval", shape: $SamplingInterval }, { name: "Format", shape: $Format, required: true }, { name: "FormatConfig", shape: $FormatConfig }, { name: "WidthPixels", shape: $WidthPixels }, { name: "HeightPixels", shape: $HeightPixels }, { name: "MaxResults", shape: $GetImagesMaxResults }, { name: "NextToken", shape: $NextToken }] };
const $FragmentNumberString: StringShape = { type: "string", min: 1, max: 128, pattern: "^[0-9]+$", regex: new RegExp("^(?:^[0-9]+$)$", "u") };
const $FragmentNumberList: ListShape = { type: "list", member: $FragmentNumberString, min: 1, max: 1000 };
const $GetMediaForFragmentListInput: StructureShape = { type: "structure", name: "GetMediaForFragmentListInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetMediaForFragmentListInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "Fragments", shape: $FragmentNumberList, required: true }] };
const $ListFragmentsMaxResults: NumberShape = { type: "long", min: 1, max: 1000 };
const $FragmentSelectorType: StringShape = { type: "string", enum: ["PRODUCER_TIMESTAMP","SERVER_TIMESTAMP"] };
const $TimestampRange: StructureShape = { type: "structure", name: "TimestampRange", javaClass: "com.amazonaws.kinesisvideo.v20170930.TimestampRange", members: [{ name: "StartTimestamp", shape: $Timestamp, required: true }, { name: "EndTimestamp", shape: $Timestamp, required: true }] };
const $FragmentSelector: StructureShape = { type: "structure", name: "FragmentSelector", javaClass: "com.amazonaws.kinesisvideo.v20170930.FragmentSelector", members: [{ name: "FragmentSelectorType", shape: $FragmentSelectorType, required: true }, { name: "TimestampRange", shape: $TimestampRange, required: true }] };
const $ListFragmentsInput: StructureShape = { type: "structure", name: "ListFragmentsInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListFragmentsInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "MaxResults", shape: $ListFragmentsMaxResults }, { name: "NextToken", shape: $NextToken }, { name: "FragmentSelector", shape: $FragmentSelector }] };
const $ContentType: StringShape = { type: "string", min: 1, max: 128, pattern: "^[a-zA-Z0-9_\\.\\-]+$", regex: new RegExp("^(?:^[a-zA-Z0-9_\\.\\-]+$)$", "u") };
const $Payload: BlobShape = { type: "blob", streaming: true };
const $GetClipOutput: StructureShape = { type: "structure", name: "GetClipOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetClipOutput", members: [{ name: "ContentType", shape: $ContentType, location: "header", locationName: "Content-Type" }, { name: "Payload", shape: $Payload }], payload: "Payload" };
const $DASHStreamingSessionURL: StringShape = { type: "string" };
const $GetDASHStreamingSessionURLOutput: StructureShape = { type: "structure", name: "GetDASHStreamingSessionURLOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetDASHStreamingSessionURLOutput", members: [{ name: "DASHStreamingSessionURL", shape: $DASHStreamingSessionURL }] };
const $HLSStreamingSessionURL: StringShape = { type: "string" };
const $GetHLSStreamingSessionURLOutput: StructureShape = { type: "structure", name: "GetHLSStreamingSessionURLOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetHLSStreamingSessionURLOutput", members: [{ name: "HLSStreamingSessionURL", shape: $HLSStreamingSessionURL }] };
const $ImageError: StringShape = { type: "string", enum: ["NO_MEDIA","MEDIA_ERROR"] };
const $ImageContent: StringShape = { type: "string", min: 1, max: 6291456 };
const $Image: StructureShape = { type: "structure", name: "Image", javaClass: "com.amazonaws.kinesisvideo.v20170930.Image", members: [{ name: "TimeStamp", shape: $Timestamp }, { name: "Error", shape: $ImageError }, { name: "ImageContent", shape: $ImageContent }] };
const $Images: ListShape = { type: "list", member: $Image };
const $GetImagesOutput: StructureShape = { type: "structure", name: "GetImagesOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetImagesOutput", members: [{ name: "Images", shape: $Images }, { name: "NextToken", shape: $NextToken }] };
const $GetMediaForFragmentListOutput: StructureShape = { type: "structure", name: "GetMediaForFragmentListOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetMediaForFragmentListOutput", members: [{ name: "ContentType", shape: $ContentType, location: "header", locationName: "Content-Type" }, { name: "Payload", shape: $Payload }], payload: "Payload" };
const $Long: NumberShape = { type: "long" };
const $Fragment: StructureShape = { type: "structure", name: "Fragment", javaClass: "com.amazonaws.kinesisvideo.v20170930.Fragment", members: [{ name: "FragmentNumber", shape: $FragmentNumberString }, { name: "FragmentSizeInBytes", shape: $Long }, { name: "ProducerTimestamp", shape: $Timestamp }, { name: "ServerTimestamp", shape: $Timestamp }, { name: "FragmentLengthInMilliseconds", shape: $Long }] };
const $FragmentList: ListShape = { type: "list", member: $Fragment };
const $ListFragmentsOutput: StructureShape = { type: "structure", name: "ListFragmentsOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.ListFragmentsOutput", members: [{ name: "Fragments", shape: $FragmentList }, { name: "NextToken", shape: $NextToken }] };

const inputs: { readonly [Op in OperationName]: InputShape<Operations[Op]["input"]> } = {
  GetClip: $GetClipInput,
  GetDASHStreamingSessionURL: $GetDASHStreamingSessionURLInput,
  GetHLSStreamingSessionURL: $GetHLSStreamingSessionURLInput,
  GetImages: $GetImagesInput,
  GetMediaForFragmentList: $GetMediaForFragmentListInput,
  ListFragments: $ListFragmentsInput,
};

export const KINESIS_VIDEO_ARCHIVED_MEDIA_SHAPES = {
  serviceId: "Kinesis Video Archived Media",
  apiVersion: "2017-09-30",
  protocol: "rest-json",
  signingName: "kinesisvideo",
  javaPackage: "com.amazonaws.kinesisvideo.v20170930",
  /** Every operation the model defines, in alphabetical order. */
  operationNames: ["GetClip", "GetDASHStreamingSessionURL", "GetHLSStreamingSessionURL", "GetImages", "GetMediaForFragmentList", "ListFragments"],
  /** The input structure of each operation. */
  operations: inputs,
  /** Each operation's HTTP request and success status (REST-JSON). */
  http: {
    GetClip: { method: "POST", requestUri: "/getClip", responseCode: 200 },
    GetDASHStreamingSessionURL: { method: "POST", requestUri: "/getDASHStreamingSessionURL", responseCode: 200 },
    GetHLSStreamingSessionURL: { method: "POST", requestUri: "/getHLSStreamingSessionURL", responseCode: 200 },
    GetImages: { method: "POST", requestUri: "/getImages", responseCode: 200 },
    GetMediaForFragmentList: { method: "POST", requestUri: "/getMediaForFragmentList", responseCode: 200 },
    ListFragments: { method: "POST", requestUri: "/listFragments", responseCode: 200 },
  },
  /** Each operation's output structure, whose members say which travel as headers or as the payload. */
  outputs: {
    GetClip: $GetClipOutput,
    GetDASHStreamingSessionURL: $GetDASHStreamingSessionURLOutput,
    GetHLSStreamingSessionURL: $GetHLSStreamingSessionURLOutput,
    GetImages: $GetImagesOutput,
    GetMediaForFragmentList: $GetMediaForFragmentListOutput,
    ListFragments: $ListFragmentsOutput,
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Types

/** Every operation of the model. */
export type OperationName = "GetClip" | "GetDASHStreamingSessionURL" | "GetHLSStreamingSessionURL" | "GetImages" | "GetMediaForFragmentList" | "ListFragments";

/** Each operation's input, as handlers receive it once validated, and the output they answer with. */
export type Operations = {
  GetClip: { input: GetClipInput; output: GetClipOutput };
  GetDASHStreamingSessionURL: { input: GetDASHStreamingSessionURLInput; output: GetDASHStreamingSessionURLOutput };
  GetHLSStreamingSessionURL: { input: GetHLSStreamingSessionURLInput; output: GetHLSStreamingSessionURLOutput };
  GetImages: { input: GetImagesInput; output: GetImagesOutput };
  GetMediaForFragmentList: { input: GetMediaForFragmentListInput; output: GetMediaForFragmentListOutput };
  ListFragments: { input: ListFragmentsInput; output: ListFragmentsOutput };
};

export type ClipFragmentSelector = {
  FragmentSelectorType: ClipFragmentSelectorType;
  TimestampRange: ClipTimestampRange;
};

export type ClipFragmentSelectorType = "PRODUCER_TIMESTAMP" | "SERVER_TIMESTAMP";

export type ClipTimestampRange = {
  StartTimestamp: Date;
  EndTimestamp: Date;
};

export type ContainerFormat = "FRAGMENTED_MP4" | "MPEG_TS";

export type DASHDisplayFragmentNumber = "ALWAYS" | "NEVER";

export type DASHDisplayFragmentTimestamp = "ALWAYS" | "NEVER";

export type DASHFragmentSelector = {
  FragmentSelectorType?: DASHFragmentSelectorType;
  TimestampRange?: DASHTimestampRange;
};

export type DASHFragmentSelectorType = "PRODUCER_TIMESTAMP" | "SERVER_TIMESTAMP";

export type DASHPlaybackMode = "LIVE" | "LIVE_REPLAY" | "ON_DEMAND";

export type DASHTimestampRange = {
  StartTimestamp?: Date;
  EndTimestamp?: Date;
};

export type Format = "JPEG" | "PNG";

export type Fragment = {
  FragmentNumber?: string;
  FragmentSizeInBytes?: number;
  ProducerTimestamp?: Date;
  ServerTimestamp?: Date;
  FragmentLengthInMilliseconds?: number;
};

export type FragmentSelector = {
  FragmentSelectorType: FragmentSelectorType;
  TimestampRange: TimestampRange;
};

export type FragmentSelectorType = "PRODUCER_TIMESTAMP" | "SERVER_TIMESTAMP";

export type GetClipInput = {
  StreamName?: string;
  StreamARN?: string;
  ClipFragmentSelector: ClipFragmentSelector;
};

export type GetClipOutput = {
  ContentType?: string;
  Payload?: ReadableStream<Uint8Array>;
};

export type GetDASHStreamingSessionURLInput = {
  StreamName?: string;
  StreamARN?: string;
  PlaybackMode?: DASHPlaybackMode;
  DisplayFragmentTimestamp?: DASHDisplayFragmentTimestamp;
  DisplayFragmentNumber?: DASHDisplayFragmentNumber;
  DASHFragmentSelector?: DASHFragmentSelector;
  Expires?: number;
  MaxManifestFragmentResults?: number;
};

export type GetDASHStreamingSessionURLOutput = {
  DASHStreamingSessionURL?: string;
};

export type GetHLSStreamingSessionURLInput = {
  StreamName?: string;
  StreamARN?: string;
  PlaybackMode?: HLSPlaybackMode;
  HLSFragmentSelector?: HLSFragmentSelector;
  ContainerFormat?: ContainerFormat;
  DiscontinuityMode?: HLSDiscontinuityMode;
  DisplayFragmentTimestamp?: HLSDisplayFragmentTimestamp;
  Expires?: number;
  MaxMediaPlaylistFragmentResults?: number;
};

export type GetHLSStreamingSessionURLOutput = {
  HLSStreamingSessionURL?: string;
};

export type GetImagesInput = {
  StreamName?: string;
  StreamARN?: string;
  ImageSelectorType: ImageSelectorType;
  StartTimestamp: Date;
  EndTimestamp: Date;
  SamplingInterval?: number;
  Format: Format;
  FormatConfig?: { [key: string]: string };
  WidthPixels?: number;
  HeightPixels?: number;
  MaxResults?: number;
  NextToken?: string;
};

export type GetImagesOutput = {
  Images?: Image[];
  NextToken?: string;
};

export type GetMediaForFragmentListInput = {
  StreamName?: string;
  StreamARN?: string;
  Fragments: string[];
};

export type GetMediaForFragmentListOutput = {
  ContentType?: string;
  Payload?: ReadableStream<Uint8Array>;
};

export type HLSDiscontinuityMode = "ALWAYS" | "NEVER" | "ON_DISCONTINUITY";

export type HLSDisplayFragmentTimestamp = "ALWAYS" | "NEVER";

export type HLSFragmentSelector = {
  FragmentSelectorType?: HLSFragmentSelectorType;
  TimestampRange?: HLSTimestampRange;
};

export type HLSFragmentSelectorType = "PRODUCER_TIMESTAMP" | "SERVER_TIMESTAMP";

export type HLSPlaybackMode = "LIVE" | "LIVE_REPLAY" | "ON_DEMAND";

export type HLSTimestampRange = {
  StartTimestamp?: Date;
  EndTimestamp?: Date;
};

export type Image = {
  TimeStamp?: Date;
  Error?: ImageError;
  ImageContent?: string;
};

export type ImageError = "NO_MEDIA" | "MEDIA_ERROR";

export type ImageSelectorType = "PRODUCER_TIMESTAMP" | "SERVER_TIMESTAMP";

export type ListFragmentsInput = {
  StreamName?: string;
  StreamARN?: string;
  MaxResults?: number;
  NextToken?: string;
  FragmentSelector?: FragmentSelector;
};

export type ListFragmentsOutput = {
  Fragments?: Fragment[];
  NextToken?: string;
};

export type TimestampRange = {
  StartTimestamp: Date;
  EndTimestamp: Date;
};
