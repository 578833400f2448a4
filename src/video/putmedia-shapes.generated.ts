// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model
// scripts/models/rivulet-kinesis-video-putmedia-2017-09-30.json (Amazon Kinesis Video Streams Media: PutMedia (no AWS SDK model has it; written by Rivulet from AWS's API reference, API_dataplane_PutMedia), API 2017-09-30, REST-JSON).
// Regenerate: node scripts/gen-shapes.mjs
// First the input shapes that validateInput() in src/aws/validate.ts walks (members in model order;
// validate.ts derives AWS's reporting order from them), then each operation's input and output types.

import type { BlobShape, InputShape, StringShape, StructureShape } from "../aws/validate";

const $StreamName: StringShape = { type: "string", min: 1, max: 256, pattern: "[a-zA-Z0-9_.-]+", regex: new RegExp("^(?:[a-zA-Z0-9_.-]+)$", "u") };
const $ResourceARN: StringShape = { type: "string", min: 1, max: 1024, pattern: "arn:aws:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+", regex: new RegExp("^(?:arn:aws:kinesisvideo:[a-z0-9-]+:[0-9]+:[a-z]+/[a-zA-Z0-9_.-]+/[0-9]+)$", "u") };
const $FragmentTimecodeType: StringShape = { type: "string", enum: ["ABSOLUTE","RELATIVE"] };
const $ProducerStartTimestamp: StringShape = { type: "string" };
const $Payload: BlobShape = { type: "blob", streaming: true };
const $PutMediaInput: StructureShape = { type: "structure", name: "PutMediaInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.PutMediaInput", members: [{ name: "StreamName", shape: $StreamName, location: "header", locationName: "x-amzn-stream-name" }, { name: "StreamARN", shape: $ResourceARN, location: "header", locationName: "x-amzn-stream-arn" }, { name: "FragmentTimecodeType", shape: $FragmentTimecodeType, required: true, location: "header", locationName: "x-amzn-fragment-timecode-type" }, { name: "ProducerStartTimestamp", shape: $ProducerStartTimestamp, location: "header", locationName: "x-amzn-producer-start-timestamp" }, { name: "Payload", shape: $Payload }], payload: "Payload" };
const $PutMediaOutput: StructureShape = { type: "structure", name: "PutMediaOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.PutMediaOutput", members: [{ name: "Payload", shape: $Payload }], payload: "Payload" };

const inputs: { readonly [Op in OperationName]: InputShape<Operations[Op]["input"]> } = {
  PutMedia: $PutMediaInput,
};

export const KINESIS_VIDEO_PUTMEDIA_SHAPES = {
  serviceId: "Kinesis Video PutMedia",
  apiVersion: "2017-09-30",
  protocol: "rest-json",
  signingName: "kinesisvideo",
  javaPackage: "com.amazonaws.kinesisvideo.v20170930",
  /** Every operation the model defines, in alphabetical order. */
  operationNames: ["PutMedia"],
  /** The input structure of each operation. */
  operations: inputs,
  /** Each operation's HTTP request and success status (REST-JSON). */
  http: {
    PutMedia: { method: "POST", requestUri: "/putMedia", responseCode: 200 },
  },
  /** Each operation's output structure, whose members say which travel as headers or as the payload. */
  outputs: {
    PutMedia: $PutMediaOutput,
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Types

/** Every operation of the model. */
export type OperationName = "PutMedia";

/** Each operation's input, as handlers receive it once validated, and the output they answer with. */
export type Operations = {
  PutMedia: { input: PutMediaInput; output: PutMediaOutput };
};

export type FragmentTimecodeType = "ABSOLUTE" | "RELATIVE";

export type PutMediaInput = {
  StreamName?: string;
  StreamARN?: string;
  FragmentTimecodeType: FragmentTimecodeType;
  ProducerStartTimestamp?: string;
  Payload?: ReadableStream<Uint8Array>;
};

export type PutMediaOutput = {
  Payload?: ReadableStream<Uint8Array>;
};
