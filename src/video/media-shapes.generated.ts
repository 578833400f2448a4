// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model
// scripts/models/kinesis-video-media-2017-09-30.json (Amazon Kinesis Video Streams Media, API 2017-09-30, REST-JSON).
// Regenerate: node scripts/gen-shapes.mjs
// First the input shapes that validateInput() in src/aws/validate.ts walks (members in model order;
// validate.ts derives AWS's reporting order from them), then each operation's input and output types.

import type { BlobShape, InputShape, StringShape, StructureShape, TimestampShape } from "../aws/validate";

const $StreamName: StringShape = { type: "string", min: 1, max: 256, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $ResourceARN: StringShape = { type: "string", min: 1, max: 1024, pattern: "arn:aws:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+", regex: new RegExp("^(?:arn:aws:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+)$", "u") };
const $StartSelectorType: StringShape = { type: "string", enum: ["FRAGMENT_NUMBER","SERVER_TIMESTAMP","PRODUCER_TIMESTAMP","NOW","EARLIEST","CONTINUATION_TOKEN"] };
const $FragmentNumberString: StringShape = { type: "string", min: 1, max: 128, pattern: "^[0-9]+$", regex: new RegExp("^(?:^[0-9]+$)$", "u") };
const $Timestamp: TimestampShape = { type: "timestamp" };
const $ContinuationToken: StringShape = { type: "string", min: 1, max: 128, pattern: "^[a-zA-Z0-9_\\.\\-]+$", regex: new RegExp("^(?:^[a-zA-Z0-9_\\.\\-]+$)$", "u") };
const $StartSelector: StructureShape = { type: "structure", name: "StartSelector", javaClass: "com.amazonaws.kinesisvideo.v20170930.StartSelector", members: [{ name: "StartSelectorType", shape: $StartSelectorType, required: true }, { name: "AfterFragmentNumber", shape: $FragmentNumberString }, { name: "StartTimestamp", shape: $Timestamp }, { name: "ContinuationToken", shape: $ContinuationToken }] };
const $GetMediaInput: StructureShape = { type: "structure", name: "GetMediaInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetMediaInput", members: [{ name: "StreamName", shape: $StreamName }, { name: "StreamARN", shape: $ResourceARN }, { name: "StartSelector", shape: $StartSelector, required: true }] };
const $ContentType: StringShape = { type: "string", min: 1, max: 128, pattern: "^[a-zA-Z0-9_\\.\\-]+$", regex: new RegExp("^(?:^[a-zA-Z0-9_\\.\\-]+$)$", "u") };
const $Payload: BlobShape = { type: "blob", streaming: true };
const $GetMediaOutput: StructureShape = { type: "structure", name: "GetMediaOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.GetMediaOutput", members: [{ name: "ContentType", shape: $ContentType, location: "header", locationName: "Content-Type" }, { name: "Payload", shape: $Payload }], payload: "Payload" };

const inputs: { readonly [Op in OperationName]: InputShape<Operations[Op]["input"]> } = {
  GetMedia: $GetMediaInput,
};

export const KINESIS_VIDEO_MEDIA_SHAPES = {
  serviceId: "Kinesis Video Media",
  apiVersion: "2017-09-30",
  protocol: "rest-json",
  signingName: "kinesisvideo",
  javaPackage: "com.amazonaws.kinesisvideo.v20170930",
  /** Every operation the model defines, in alphabetical order. */
  operationNames: ["GetMedia"],
  /** The input structure of each operation. */
  operations: inputs,
  /** Each operation's HTTP request and success status (REST-JSON). */
  http: {
    GetMedia: { method: "POST", requestUri: "/getMedia", responseCode: 200 },
  },
  /** Each operation's output structure, whose members say which travel as headers or as the payload. */
  outputs: {
    GetMedia: $GetMediaOutput,
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Types

/** Every operation of the model. */
export type OperationName = "GetMedia";

/** Each operation's input, as handlers receive it once validated, and the output they answer with. */
export type Operations = {
  GetMedia: { input: GetMediaInput; output: GetMediaOutput };
};

export type GetMediaInput = {
  StreamName?: string;
  StreamARN?: string;
  StartSelector: StartSelector;
};

export type GetMediaOutput = {
  ContentType?: string;
  Payload?: ReadableStream<Uint8Array>;
};

export type StartSelector = {
  StartSelectorType: StartSelectorType;
  AfterFragmentNumber?: string;
  StartTimestamp?: Date;
  ContinuationToken?: string;
};

export type StartSelectorType = "FRAGMENT_NUMBER" | "SERVER_TIMESTAMP" | "PRODUCER_TIMESTAMP" | "NOW" | "EARLIEST" | "CONTINUATION_TOKEN";
