/**
 * From a Matroska track to what MP4 and playlists need: the sample entry (avc1 + avcC, hvc1 + hvcC, mp4a + esds)
 * and the RFC 6381 codec string ("avc1.64000c", "hvc1.1.6.L93.B0", "mp4a.40.2"). CodecPrivate is used as is:
 * Matroska's avcC and hvcC are MP4's, and A_AAC's is the AudioSpecificConfig.
 *
 * Like AWS (GetHLSStreamingSessionURL's documentation) only H.264, H.265 and AAC are packaged; other codecs are
 * UnsupportedStreamMediaType. The documentation's "V_MPEG/ISO/AVC" spelling is accepted beside Matroska's own.
 */
import { InvalidCodecPrivateDataError, MissingCodecPrivateDataError, UnsupportedStreamMediaTypeError } from "./errors";
import { box, Fields, fullBox } from "./mp4-boxes";
import type { TrackInfo } from "./types";

export type CodecKind = "avc" | "hevc" | "aac";

export function codecKind(track: TrackInfo): CodecKind {
  const id = track.codecId;
  if (id === "V_MPEG4/ISO/AVC" || id === "V_MPEG/ISO/AVC") return "avc";
  if (id === "V_MPEGH/ISO/HEVC" || id === "V_MPEG/ISO/HEVC") return "hevc";
  if (id === "A_AAC" || id.startsWith("A_AAC/")) return "aac";
  throw new UnsupportedStreamMediaTypeError(`Track ${track.number} has codec ${id}; only H.264, H.265 and AAC can be packaged as MP4.`);
}

function codecPrivate(track: TrackInfo): Uint8Array {
  if (track.codecPrivate === undefined || track.codecPrivate.length === 0) {
    throw new MissingCodecPrivateDataError(`Track ${track.number} (${track.codecId}) has no codec private data.`);
  }
  return track.codecPrivate;
}

const hex2 = (value: number) => value.toString(16).padStart(2, "0");

/** The RFC 6381 codec string of a track, for CODECS in HLS and codecs in DASH. */
export function codecString(track: TrackInfo): string {
  const kind = codecKind(track);
  const data = codecPrivate(track);
  if (kind === "avc") {
    if (data.length < 7 || data[0] !== 1) throw new InvalidCodecPrivateDataError(`Track ${track.number}: codec private data is not an avcC record.`);
    return `avc1.${hex2(data[1] ?? 0)}${hex2(data[2] ?? 0)}${hex2(data[3] ?? 0)}`;
  }
  if (kind === "hevc") return hevcCodecString(track, data);
  return `mp4a.40.${audioSpecificConfig(track).objectType}`;
}

function hevcCodecString(track: TrackInfo, data: Uint8Array): string {
  if (data.length < 23 || data[0] !== 1) throw new InvalidCodecPrivateDataError(`Track ${track.number}: codec private data is not an hvcC record.`);
  const first = data[1] ?? 0;
  const space = ["", "A", "B", "C"][first >> 6] ?? "";
  const tier = first & 0x20 ? "H" : "L";
  const profile = first & 0x1f;
  // The compatibility flags are written bit-reversed (ISO/IEC 14496-15 annex E).
  let flags = 0;
  for (let i = 0; i < 4; i++) flags = flags * 256 + (data[2 + i] ?? 0);
  let reversed = 0;
  for (let bit = 0; bit < 32; bit++) reversed = reversed * 2 + ((flags >>> bit) & 1);
  const constraints = Array.from(data.subarray(6, 12));
  while (constraints.length > 0 && constraints[constraints.length - 1] === 0) constraints.pop();
  const parts = [`hvc1`, `${space}${profile}`, reversed.toString(16), `${tier}${data[12] ?? 0}`, ...constraints.map((byte) => byte.toString(16).toUpperCase())];
  return parts.join(".");
}

export interface AudioConfig {
  objectType: number;
  sampleRate: number;
  channels: number;
}

const AAC_SAMPLE_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/** The AudioSpecificConfig's object type, sample rate and channel configuration (ISO/IEC 14496-3 1.6.2.1). */
export function audioSpecificConfig(track: TrackInfo): AudioConfig {
  const data = codecPrivate(track);
  let bit = 0;
  const read = (count: number): number => {
    let value = 0;
    for (let i = 0; i < count; i++, bit++) {
      if (bit >= data.length * 8) throw new InvalidCodecPrivateDataError(`Track ${track.number}: AudioSpecificConfig is truncated.`);
      value = value * 2 + (((data[bit >> 3] ?? 0) >> (7 - (bit & 7))) & 1);
    }
    return value;
  };
  let objectType = read(5);
  if (objectType === 31) objectType = 32 + read(6);
  const rateIndex = read(4);
  const sampleRate = rateIndex === 15 ? read(24) : AAC_SAMPLE_RATES[rateIndex];
  if (sampleRate === undefined) throw new InvalidCodecPrivateDataError(`Track ${track.number}: AudioSpecificConfig has sampling index ${rateIndex}.`);
  const channels = read(4);
  return { objectType, sampleRate, channels: channels === 7 ? 8 : channels };
}

/** The stsd entry of a track. */
export function sampleEntry(track: TrackInfo): Uint8Array {
  const kind = codecKind(track);
  const data = codecPrivate(track);
  if (kind === "aac") return mp4aEntry(track, data);
  // Validates the record before it goes into a file.
  codecString(track);
  const width = track.video?.pixelWidth ?? 0;
  const height = track.video?.pixelHeight ?? 0;
  const visual = new Fields()
    .zeros(6)
    .u16(1) // data_reference_index
    .zeros(16) // pre_defined, reserved
    .u16(width)
    .u16(height)
    .u32(0x00480000) // 72 dpi
    .u32(0x00480000)
    .u32(0)
    .u16(1) // frame_count
    .zeros(32) // compressorname
    .u16(0x0018) // depth
    .u16(0xffff) // pre_defined = -1
    .done();
  const entry = kind === "avc" ? "avc1" : "hvc1";
  const config = kind === "avc" ? "avcC" : "hvcC";
  return box(entry, visual, box(config, data));
}

function mp4aEntry(track: TrackInfo, config: Uint8Array): Uint8Array {
  const parsed = audioSpecificConfig(track);
  const channels = track.audio?.channels ?? parsed.channels;
  const rate = track.audio?.samplingFrequency ?? parsed.sampleRate;
  const audio = new Fields()
    .zeros(6)
    .u16(1)
    .zeros(8)
    .u16(channels)
    .u16(16) // samplesize
    .zeros(4)
    .u32(rate < 65536 ? Math.round(rate) * 65536 : 0)
    .done();
  return box("mp4a", audio, esds(track.number, config));
}

/** An ES descriptor (ISO/IEC 14496-1 7.2.6.5) wrapping the AudioSpecificConfig. */
function esds(esId: number, config: Uint8Array): Uint8Array {
  const specific = descriptor(0x05, config);
  const decoderConfig = descriptor(
    0x04,
    new Fields()
      .u8(0x40) // objectTypeIndication: MPEG-4 audio
      .u8(0x15) // streamType audio (5) << 2 | reserved 1
      .u24(0) // bufferSizeDB
      .u32(0) // maxBitrate
      .u32(0) // avgBitrate
      .bytes(specific)
      .done(),
  );
  const slConfig = descriptor(0x06, Uint8Array.of(0x02));
  return fullBox("esds", 0, 0, descriptor(0x03, new Fields().u16(esId).u8(0).bytes(decoderConfig).bytes(slConfig).done()));
}

function descriptor(tag: number, body: Uint8Array): Uint8Array {
  const length: number[] = [];
  let rest = body.length;
  do {
    length.unshift(rest & 0x7f);
    rest >>= 7;
  } while (rest > 0);
  for (let i = 0; i < length.length - 1; i++) length[i] = (length[i] ?? 0) | 0x80;
  return new Fields().u8(tag).bytes(Uint8Array.from(length)).bytes(body).done();
}

export function handlerType(track: TrackInfo): "vide" | "soun" {
  return codecKind(track) === "aac" ? "soun" : "vide";
}
