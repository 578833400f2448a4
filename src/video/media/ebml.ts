/**
 * EBML, the binary format under Matroska: element ids and sizes as variable-length integers, and the few
 * value types Matroska uses. Only the ids this project reads or writes are named; anything else is skipped by
 * its size. Unsigned integers above 2^53 are read as bigint where they can be (TrackUID) and refused elsewhere.
 */
import { concatBytes } from "../../bytes";

/** Matroska element ids (matroska.org's specification), with their marker bits, as read from the wire. */
export const ID = {
  EBML: 0x1a45dfa3,
  EBMLVersion: 0x4286,
  EBMLReadVersion: 0x42f7,
  EBMLMaxIDLength: 0x42f2,
  EBMLMaxSizeLength: 0x42f3,
  DocType: 0x4282,
  DocTypeVersion: 0x4287,
  DocTypeReadVersion: 0x4285,
  Void: 0xec,
  CRC32: 0xbf,

  Segment: 0x18538067,
  SeekHead: 0x114d9b74,
  Info: 0x1549a966,
  SegmentUID: 0x73a4,
  TimecodeScale: 0x2ad7b1,
  Duration: 0x4489,
  Title: 0x7ba9,
  MuxingApp: 0x4d80,
  WritingApp: 0x5741,

  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackUID: 0x73c5,
  TrackType: 0x83,
  Name: 0x536e,
  Language: 0x22b59c,
  CodecID: 0x86,
  CodecPrivate: 0x63a2,
  DefaultDuration: 0x23e383,
  CodecDelay: 0x56aa,
  SeekPreRoll: 0x56bb,
  Video: 0xe0,
  PixelWidth: 0xb0,
  PixelHeight: 0xba,
  DisplayWidth: 0x54b0,
  DisplayHeight: 0x54ba,
  Audio: 0xe1,
  SamplingFrequency: 0xb5,
  Channels: 0x9f,
  BitDepth: 0x6264,

  Cluster: 0x1f43b675,
  Timecode: 0xe7,
  Position: 0xa7,
  PrevSize: 0xab,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  BlockDuration: 0x9b,
  ReferenceBlock: 0xfb,

  Cues: 0x1c53bb6b,
  Chapters: 0x1043a770,
  Attachments: 0x1941a469,

  Tags: 0x1254c367,
  Tag: 0x7373,
  Targets: 0x63c0,
  SimpleTag: 0x67c8,
  TagName: 0x45a3,
  TagLanguage: 0x447a,
  TagDefault: 0x4484,
  TagString: 0x4487,
  TagBinary: 0x4485,
} as const;

/** The children a Segment may hold: any of them (or an EBML header, or a Segment) ends an unknown-size Cluster. */
export const SEGMENT_CHILDREN: ReadonlySet<number> = new Set([
  ID.SeekHead,
  ID.Info,
  ID.Tracks,
  ID.Cluster,
  ID.Cues,
  ID.Chapters,
  ID.Attachments,
  ID.Tags,
]);

/** A size field of all ones: "unknown size", as live producers send Segment and Cluster. */
export const UNKNOWN_SIZE = -1;

/** The length in bytes of the variable-length integer that starts with `first`, or 0 if it is not one. */
export function vintLength(first: number): number {
  for (let length = 1; length <= 8; length++) {
    if (first & (0x100 >> length)) return length;
  }
  return 0;
}

/** An element id (marker bits kept) from `length` bytes. */
export function readId(bytes: Uint8Array, offset: number, length: number): number {
  let id = 0;
  for (let i = 0; i < length; i++) id = id * 256 + (bytes[offset + i] ?? 0);
  return id;
}

/**
 * An element size (marker bit removed) from `length` bytes; UNKNOWN_SIZE when every value bit is set.
 * Sizes above 2^53 cannot be real here, so they are refused by the caller's limits before they matter.
 */
export function readSize(bytes: Uint8Array, offset: number, length: number): number {
  let value = (bytes[offset] ?? 0) & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = bytes[offset + i] ?? 0;
    if (byte !== 0xff) allOnes = false;
    value = value * 256 + byte;
  }
  return allOnes ? UNKNOWN_SIZE : value;
}

export function readUint(bytes: Uint8Array): number {
  let value = 0;
  for (const byte of bytes) value = value * 256 + byte;
  return value;
}

export function readBigUint(bytes: Uint8Array): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}

export function readFloat(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length === 4) return view.getFloat32(0);
  if (bytes.length === 8) return view.getFloat64(0);
  return 0;
}

const utf8 = new TextDecoder();
const utf8Encoder = new TextEncoder();

/** Matroska strings may be padded with NULs. */
export function readString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return utf8.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

/** A child element found by walkChildren: its id and its body. */
export interface Child {
  id: number;
  body: Uint8Array;
}

/**
 * The children of a fully buffered master element's body. Throws (with `fail`) on a child that runs past the
 * body or has an unknown size, which only Segment and Cluster may have.
 */
export function walkChildren(body: Uint8Array, fail: (message: string) => Error): Child[] {
  const children: Child[] = [];
  let offset = 0;
  while (offset < body.length) {
    const idLength = vintLength(body[offset] ?? 0);
    if (idLength === 0 || idLength > 4) throw fail(`invalid element id at byte ${offset}`);
    const sizeLength = vintLength(body[offset + idLength] ?? 0);
    if (sizeLength === 0 || offset + idLength + sizeLength > body.length) throw fail(`invalid element size at byte ${offset}`);
    const id = readId(body, offset, idLength);
    const size = readSize(body, offset + idLength, sizeLength);
    const start = offset + idLength + sizeLength;
    if (size === UNKNOWN_SIZE || start + size > body.length) throw fail(`element 0x${id.toString(16)} runs past its parent`);
    children.push({ id, body: body.subarray(start, start + size) });
    offset = start + size;
  }
  return children;
}

// Writing.

/** An id's bytes (ids keep their marker bits, so the value's own byte length is the encoded length). */
export function encodeId(id: number): Uint8Array {
  const bytes: number[] = [];
  for (let value = id; value > 0; value = Math.floor(value / 256)) bytes.unshift(value % 256);
  return Uint8Array.from(bytes);
}

/** A size as a variable-length integer: the shortest form, or exactly `width` bytes (PIC writes 8). */
export function encodeSize(size: number, width?: number): Uint8Array {
  let length = width ?? 1;
  // The all-ones value of each length is reserved for "unknown".
  while (width === undefined && size >= 2 ** (7 * length) - 1) length++;
  if (size >= 2 ** (7 * length) - 1) throw new RangeError(`size ${size} does not fit ${length} bytes`);
  const out = new Uint8Array(length);
  let value = size;
  for (let i = length - 1; i >= 0; i--) {
    out[i] = value % 256;
    value = Math.floor(value / 256);
  }
  out[0] = (out[0] ?? 0) | (0x100 >> length);
  return out;
}

/** The unknown-size marker: 0x01FFFFFFFFFFFFFF in 8 bytes or 0xFF in 1. */
export function encodeUnknownSize(width = 1): Uint8Array {
  const out = new Uint8Array(width).fill(0xff);
  out[0] = 0xff >> (width - 1);
  return out;
}

/** Element options: a fixed size-field width, as AWS's producer SDK writes. */
export interface ElementOptions {
  sizeWidth?: number;
}

export function element(id: number, body: Uint8Array | readonly Uint8Array[], options: ElementOptions = {}): Uint8Array {
  const parts = body instanceof Uint8Array ? [body] : body;
  const size = parts.reduce((sum, part) => sum + part.length, 0);
  return concatBytes([encodeId(id), encodeSize(size, options.sizeWidth), ...parts]);
}

export function uintElement(id: number, value: number | bigint, options?: ElementOptions): Uint8Array {
  const bytes: number[] = [];
  for (let rest = BigInt(value); rest > 0n; rest >>= 8n) bytes.unshift(Number(rest & 0xffn));
  if (bytes.length === 0) bytes.push(0);
  return element(id, Uint8Array.from(bytes), options);
}

/** A uint in exactly `width` bytes (PIC's 8-byte cluster Timecode). */
export function fixedUintElement(id: number, value: number, width: number, options?: ElementOptions): Uint8Array {
  const bytes = new Uint8Array(width);
  let rest = value;
  for (let i = width - 1; i >= 0; i--) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  return element(id, bytes, options);
}

export function floatElement(id: number, value: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value);
  return element(id, bytes);
}

export function stringElement(id: number, value: string, options?: ElementOptions): Uint8Array {
  return element(id, utf8Encoder.encode(value), options);
}
