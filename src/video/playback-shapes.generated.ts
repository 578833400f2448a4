// GENERATED FILE - do not edit. Produced by scripts/gen-shapes.mjs from AWS's service model
// scripts/models/rivulet-kinesis-video-playback-2017-09-30.json (Amazon Kinesis Video Streams Archived Media: the HLS and DASH session URLs (no AWS SDK model has them; written by Rivulet from AWS's GetHLSStreamingSessionURL and GetDASHStreamingSessionURL documentation), API 2017-09-30, REST-JSON).
// Regenerate: node scripts/gen-shapes.mjs
// First the input shapes that validateInput() in src/aws/validate.ts walks (members in model order;
// validate.ts derives AWS's reporting order from them), then each operation's input and output types.

import type { BlobShape, InputShape, NumberShape, StringShape, StructureShape } from "../aws/validate";

const $SessionToken: StringShape = { type: "string", min: 1, max: 4096 };
const $TrackNumber: NumberShape = { type: "long", min: 1, max: 3 };
const $TrackInput: StructureShape = { type: "structure", name: "TrackInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.TrackInput", members: [{ name: "SessionToken", shape: $SessionToken, required: true, location: "querystring", locationName: "SessionToken" }, { name: "TrackNumber", shape: $TrackNumber, location: "querystring", locationName: "TrackNumber" }] };
const $SequenceNumber: NumberShape = { type: "long", min: 1 };
const $DASHFragmentInput: StructureShape = { type: "structure", name: "DASHFragmentInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.DASHFragmentInput", members: [{ name: "SessionToken", shape: $SessionToken, required: true, location: "querystring", locationName: "SessionToken" }, { name: "TrackNumber", shape: $TrackNumber, location: "querystring", locationName: "TrackNumber" }, { name: "SequenceNumber", shape: $SequenceNumber, required: true, location: "querystring", locationName: "SequenceNumber" }] };
const $SessionInput: StructureShape = { type: "structure", name: "SessionInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.SessionInput", members: [{ name: "SessionToken", shape: $SessionToken, required: true, location: "querystring", locationName: "SessionToken" }] };
const $FragmentNumberString: StringShape = { type: "string", min: 1, max: 128, pattern: "^[0-9]+$", regex: new RegExp("^(?:^[0-9]+$)$", "u") };
const $HLSFragmentInput: StructureShape = { type: "structure", name: "HLSFragmentInput", javaClass: "com.amazonaws.kinesisvideo.v20170930.HLSFragmentInput", members: [{ name: "SessionToken", shape: $SessionToken, required: true, location: "querystring", locationName: "SessionToken" }, { name: "TrackNumber", shape: $TrackNumber, location: "querystring", locationName: "TrackNumber" }, { name: "FragmentNumber", shape: $FragmentNumberString, required: true, location: "querystring", locationName: "FragmentNumber" }] };
const $ContentType: StringShape = { type: "string", min: 1, max: 128 };
const $Payload: BlobShape = { type: "blob", streaming: true };
const $MediaOutput: StructureShape = { type: "structure", name: "MediaOutput", javaClass: "com.amazonaws.kinesisvideo.v20170930.MediaOutput", members: [{ name: "ContentType", shape: $ContentType, location: "header", locationName: "Content-Type" }, { name: "Payload", shape: $Payload }], payload: "Payload" };

const inputs: { readonly [Op in OperationName]: InputShape<Operations[Op]["input"]> } = {
  GetDASHMP4InitFragment: $TrackInput,
  GetDASHMP4MediaFragment: $DASHFragmentInput,
  GetDASHManifest: $SessionInput,
  GetHLSMP4InitFragment: $TrackInput,
  GetHLSMP4MediaFragment: $HLSFragmentInput,
  GetHLSMasterPlaylist: $SessionInput,
  GetHLSMediaPlaylist: $TrackInput,
};

export const KINESIS_VIDEO_PLAYBACK_SHAPES = {
  serviceId: "Kinesis Video Playback",
  apiVersion: "2017-09-30",
  protocol: "rest-json",
  signingName: "kinesisvideo",
  javaPackage: "com.amazonaws.kinesisvideo.v20170930",
  /** Every operation the model defines, in alphabetical order. */
  operationNames: ["GetDASHMP4InitFragment", "GetDASHMP4MediaFragment", "GetDASHManifest", "GetHLSMP4InitFragment", "GetHLSMP4MediaFragment", "GetHLSMasterPlaylist", "GetHLSMediaPlaylist"],
  /** The input structure of each operation. */
  operations: inputs,
  /** Each operation's HTTP request and success status (REST-JSON). */
  http: {
    GetDASHMP4InitFragment: { method: "GET", requestUri: "/dash/v1/getMP4InitFragment.mp4", responseCode: 200 },
    GetDASHMP4MediaFragment: { method: "GET", requestUri: "/dash/v1/getMP4MediaFragment.mp4", responseCode: 200 },
    GetDASHManifest: { method: "GET", requestUri: "/dash/v1/getDASHManifest.mpd", responseCode: 200 },
    GetHLSMP4InitFragment: { method: "GET", requestUri: "/hls/v1/getMP4InitFragment.mp4", responseCode: 200 },
    GetHLSMP4MediaFragment: { method: "GET", requestUri: "/hls/v1/getMP4MediaFragment.mp4", responseCode: 200 },
    GetHLSMasterPlaylist: { method: "GET", requestUri: "/hls/v1/getHLSMasterPlaylist.m3u8", responseCode: 200 },
    GetHLSMediaPlaylist: { method: "GET", requestUri: "/hls/v1/getHLSMediaPlaylist.m3u8", responseCode: 200 },
  },
  /** Each operation's output structure, whose members say which travel as headers or as the payload. */
  outputs: {
    GetDASHMP4InitFragment: $MediaOutput,
    GetDASHMP4MediaFragment: $MediaOutput,
    GetDASHManifest: $MediaOutput,
    GetHLSMP4InitFragment: $MediaOutput,
    GetHLSMP4MediaFragment: $MediaOutput,
    GetHLSMasterPlaylist: $MediaOutput,
    GetHLSMediaPlaylist: $MediaOutput,
  },
} as const;

// ---------------------------------------------------------------------------------------------
// Types

/** Every operation of the model. */
export type OperationName = "GetDASHMP4InitFragment" | "GetDASHMP4MediaFragment" | "GetDASHManifest" | "GetHLSMP4InitFragment" | "GetHLSMP4MediaFragment" | "GetHLSMasterPlaylist" | "GetHLSMediaPlaylist";

/** Each operation's input, as handlers receive it once validated, and the output they answer with. */
export type Operations = {
  GetDASHMP4InitFragment: { input: GetDASHMP4InitFragmentInput; output: GetDASHMP4InitFragmentOutput };
  GetDASHMP4MediaFragment: { input: GetDASHMP4MediaFragmentInput; output: GetDASHMP4MediaFragmentOutput };
  GetDASHManifest: { input: GetDASHManifestInput; output: GetDASHManifestOutput };
  GetHLSMP4InitFragment: { input: GetHLSMP4InitFragmentInput; output: GetHLSMP4InitFragmentOutput };
  GetHLSMP4MediaFragment: { input: GetHLSMP4MediaFragmentInput; output: GetHLSMP4MediaFragmentOutput };
  GetHLSMasterPlaylist: { input: GetHLSMasterPlaylistInput; output: GetHLSMasterPlaylistOutput };
  GetHLSMediaPlaylist: { input: GetHLSMediaPlaylistInput; output: GetHLSMediaPlaylistOutput };
};

export type GetDASHMP4InitFragmentInput = TrackInput;
export type GetDASHMP4InitFragmentOutput = MediaOutput;
export type GetDASHMP4MediaFragmentInput = DASHFragmentInput;
export type GetDASHMP4MediaFragmentOutput = MediaOutput;
export type GetDASHManifestInput = SessionInput;
export type GetDASHManifestOutput = MediaOutput;
export type GetHLSMP4InitFragmentInput = TrackInput;
export type GetHLSMP4InitFragmentOutput = MediaOutput;
export type GetHLSMP4MediaFragmentInput = HLSFragmentInput;
export type GetHLSMP4MediaFragmentOutput = MediaOutput;
export type GetHLSMasterPlaylistInput = SessionInput;
export type GetHLSMasterPlaylistOutput = MediaOutput;
export type GetHLSMediaPlaylistInput = TrackInput;
export type GetHLSMediaPlaylistOutput = MediaOutput;

export type DASHFragmentInput = {
  SessionToken: string;
  TrackNumber?: number;
  SequenceNumber: number;
};

export type HLSFragmentInput = {
  SessionToken: string;
  TrackNumber?: number;
  FragmentNumber: string;
};

export type MediaOutput = {
  ContentType?: string;
  Payload?: ReadableStream<Uint8Array>;
};

export type SessionInput = {
  SessionToken: string;
};

export type TrackInput = {
  SessionToken: string;
  TrackNumber?: number;
};
