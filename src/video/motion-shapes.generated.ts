// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model
// scripts/models/rivulet-kinesis-video-motion-2017-09-30.json (Amazon Kinesis Video Streams: movement alerts (not an AWS API; Rivulet's, in the style of UpdateNotificationConfiguration), API 2017-09-30, REST-JSON).
// Regenerate: node scripts/gen-shapes.mjs
// First the input shapes that validateInput() in src/aws/validate.ts walks (members in model order;
// validate.ts derives AWS's reporting order from them), then each operation's input and output types.

import type { InputShape, NumberShape, StringShape, StructureShape } from "../aws/validate";

const $StreamName: StringShape = { type: "string", min: 1, max: 256, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $ResourceARN: StringShape = { type: "string", min: 1, max: 1024, pattern: "arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+", regex: new RegExp("^(?:arn:[a-z\\d-]+:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+)$", "u") };
const $DescribeMotionDetectionConfigurationInput: StructureShape = { type: "structure", name: "DescribeMotionDetectionConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeMotionDetectionConfigurationInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }] };
const $ConfigurationStatus: StringShape = { type: "string", enum: ["ENABLED","DISABLED"] };
const $ImageSelectorType: StringShape = { type: "string", enum: ["SERVER_TIMESTAMP","PRODUCER_TIMESTAMP"] };
const $MotionSamplingInterval: NumberShape = { type: "integer", min: 200, max: 60000 };
const $Sensitivity: NumberShape = { type: "integer", min: 1, max: 100 };
const $MinAreaPercent: NumberShape = { type: "double", min: 0, max: 100 };
const $DestinationUri: StringShape = { type: "string", min: 1, max: 255, pattern: "^[a-zA-Z_0-9]+:(//)?([^/]+)/?([^*]*)$", regex: new RegExp("^(?:^[a-zA-Z_0-9]+:(//)?([^/]+)/?([^*]*)$)$", "u") };
const $NotificationDestinationConfig: StructureShape = { type: "structure", name: "NotificationDestinationConfig", javaClass: "com.amazonaws.kinesisvideo.v20170930.NotificationDestinationConfig", members: [{ name: "Uri", shape: $DestinationUri, required: true }] };
const $MotionDetectionConfiguration: StructureShape = { type: "structure", name: "MotionDetectionConfiguration", javaClass: "com.amazonaws.kinesisvideo.v20170930.MotionDetectionConfiguration", members: [{ name: "Status", shape: $ConfigurationStatus, required: true }, { name: "ImageSelectorType", shape: $ImageSelectorType }, { name: "SamplingInterval", shape: $MotionSamplingInterval }, { name: "Sensitivity", shape: $Sensitivity }, { name: "MinAreaPercent", shape: $MinAreaPercent }, { name: "DestinationConfig", shape: $NotificationDestinationConfig, required: true }] };
const $UpdateMotionDetectionConfigurationInput: StructureShape = { type: "structure", name: "UpdateMotionDetectionConfigurationInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateMotionDetectionConfigurationInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "MotionDetectionConfiguration", shape: $MotionDetectionConfiguration }] };
const $DescribeMotionDetectionConfigurationOutput: StructureShape = { type: "structure", name: "DescribeMotionDetectionConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DescribeMotionDetectionConfigurationOutput", members: [{ name: "MotionDetectionConfiguration", shape: $MotionDetectionConfiguration }] };
const $UpdateMotionDetectionConfigurationOutput: StructureShape = { type: "structure", name: "UpdateMotionDetectionConfigurationOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.UpdateMotionDetectionConfigurationOutput", members: [] };

const inputs: { readonly [Op in OperationName]: InputShape<Operations[Op]["input"]> } = {
  DescribeMotionDetectionConfiguration: $DescribeMotionDetectionConfigurationInput,
  UpdateMotionDetectionConfiguration: $UpdateMotionDetectionConfigurationInput,
};

export const KINESIS_VIDEO_MOTION_SHAPES = {
  serviceId: "Kinesis Video Motion",
  apiVersion: "2017-09-30",
  protocol: "rest-json",
  signingName: "kinesisvideo",
  javaPackage: "com.amazonaws.kinesisvideo.v20170930",
  /** Every operation the model defines, in alphabetical order. */
  operationNames: ["DescribeMotionDetectionConfiguration", "UpdateMotionDetectionConfiguration"],
  /** The input structure of each operation. */
  operations: inputs,
  /** Each operation's HTTP request and success status (REST-JSON). */
  http: {
    DescribeMotionDetectionConfiguration: { method: "POST", requestUri: "/describeMotionDetectionConfiguration", responseCode: 200 },
    UpdateMotionDetectionConfiguration: { method: "POST", requestUri: "/updateMotionDetectionConfiguration", responseCode: 200 },
  },
  /** Each operation's output structure, whose members say which travel as headers or as the payload. */
  outputs: {
    DescribeMotionDetectionConfiguration: $DescribeMotionDetectionConfigurationOutput,
    UpdateMotionDetectionConfiguration: $UpdateMotionDetectionConfigurationOutput,
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Types

/** Every operation of the model. */
export type OperationName = "DescribeMotionDetectionConfiguration" | "UpdateMotionDetectionConfiguration";

/** Each operation's input, as handlers receive it once validated, and the output they answer with. */
export type Operations = {
  DescribeMotionDetectionConfiguration: { input: DescribeMotionDetectionConfigurationInput; output: DescribeMotionDetectionConfigurationOutput };
  UpdateMotionDetectionConfiguration: { input: UpdateMotionDetectionConfigurationInput; output: UpdateMotionDetectionConfigurationOutput };
};

export type ConfigurationStatus = "ENABLED" | "DISABLED";

export type DescribeMotionDetectionConfigurationInput = {
  StreamName?: string;
  StreamARN?: string;
};

export type DescribeMotionDetectionConfigurationOutput = {
  MotionDetectionConfiguration?: MotionDetectionConfiguration;
};

export type ImageSelectorType = "SERVER_TIMESTAMP" | "PRODUCER_TIMESTAMP";

export type MotionDetectionConfiguration = {
  Status: ConfigurationStatus;
  ImageSelectorType?: ImageSelectorType;
  SamplingInterval?: number;
  Sensitivity?: number;
  MinAreaPercent?: number;
  DestinationConfig: NotificationDestinationConfig;
};

export type NotificationDestinationConfig = {
  Uri: string;
};

export type UpdateMotionDetectionConfigurationInput = {
  StreamName?: string;
  StreamARN?: string;
  MotionDetectionConfiguration?: MotionDetectionConfiguration;
};

export type UpdateMotionDetectionConfigurationOutput = { [key: string]: never };
