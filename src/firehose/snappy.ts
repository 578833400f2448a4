/**
 * Snappy, written here because nothing in the Workers runtime speaks it: a block compressor
 * (greedy matching on a hash of 4-byte sequences, as the reference implementation's fast path
 * does; any mix of literals and copies is valid Snappy) and the two containers Firehose writes:
 *
 * - `Snappy`: the framing format (framing_format.txt of google/snappy): a stream identifier chunk,
 *   then chunks of at most 64 KiB of input, each with the masked CRC-32C of its uncompressed data;
 * - `HADOOP_SNAPPY`: Hadoop's block stream (BlockCompressorStream): per block, the uncompressed
 *   length and then the compressed length, both 4-byte big-endian, and the compressed block.
 */
import { crc32c } from "./checksums";

const BLOCK = 65536;
const HASH_BITS = 14;

class Output {
  private buffer = new Uint8Array(1024);
  length = 0;
  private ensure(extra: number) {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }
  byte(value: number) {
    this.ensure(1);
    this.buffer[this.length++] = value;
  }
  bytes(values: Uint8Array) {
    this.ensure(values.length);
    this.buffer.set(values, this.length);
    this.length += values.length;
  }
  uint32le(value: number) {
    for (let i = 0; i < 4; i++) this.byte((value >>> (8 * i)) & 0xff);
  }
  uint32be(value: number) {
    for (let i = 3; i >= 0; i--) this.byte((value >>> (8 * i)) & 0xff);
  }
  varint(value: number) {
    let rest = value;
    while (rest >= 0x80) {
      this.byte((rest & 0x7f) | 0x80);
      rest = Math.floor(rest / 128);
    }
    this.byte(rest);
  }
  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

function literal(out: Output, data: Uint8Array, start: number, end: number) {
  const n = end - start - 1;
  if (n < 60) out.byte(n << 2);
  else if (n < 0x100) (out.byte(60 << 2), out.byte(n));
  else if (n < 0x10000) (out.byte(61 << 2), out.byte(n & 0xff), out.byte(n >>> 8));
  else (out.byte(62 << 2), out.byte(n & 0xff), out.byte((n >>> 8) & 0xff), out.byte(n >>> 16));
  out.bytes(data.subarray(start, end));
}

function copy(out: Output, offset: number, length: number) {
  let rest = length;
  // Copies with a 2-byte offset carry 1..64 bytes each.
  while (rest > 0) {
    const n = Math.min(rest, 64);
    out.byte(((n - 1) << 2) | 2);
    out.byte(offset & 0xff);
    out.byte(offset >>> 8);
    rest -= n;
  }
}

const read32 = (data: Uint8Array, i: number) =>
  ((data[i] as number) | ((data[i + 1] as number) << 8) | ((data[i + 2] as number) << 16) | ((data[i + 3] as number) << 24)) >>> 0;

/** Compresses one fragment of at most 64 KiB into `out` (without the length preamble). */
function compressFragment(out: Output, data: Uint8Array) {
  const table = new Int32Array(1 << HASH_BITS).fill(-1);
  const hash = (value: number) => Math.imul(value, 0x1e35a7bd) >>> (32 - HASH_BITS);
  let pending = 0;
  let i = 0;
  while (i + 4 <= data.length) {
    const value = read32(data, i);
    const h = hash(value);
    const candidate = table[h] as number;
    table[h] = i;
    if (candidate >= 0 && read32(data, candidate) === value) {
      if (pending < i) literal(out, data, pending, i);
      let length = 4;
      while (i + length < data.length && data[candidate + length] === data[i + length]) length++;
      copy(out, i - candidate, length);
      i += length;
      pending = i;
    } else {
      i++;
    }
  }
  if (pending < data.length) literal(out, data, pending, data.length);
}

/** A raw Snappy block: the uncompressed length as a varint, then literals and copies. */
export function snappyCompress(data: Uint8Array): Uint8Array {
  const out = new Output();
  out.varint(data.length);
  for (let start = 0; start < data.length; start += BLOCK) compressFragment(out, data.subarray(start, start + BLOCK));
  return out.result();
}

function maskedCrc(data: Uint8Array): number {
  const c = crc32c(data);
  return ((((c >>> 15) | (c << 17)) >>> 0) + 0xa282ead8) >>> 0;
}

/** The Snappy framing format. */
export function snappyFramed(data: Uint8Array): Uint8Array {
  const out = new Output();
  out.bytes(new Uint8Array([0xff, 0x06, 0x00, 0x00, 0x73, 0x4e, 0x61, 0x50, 0x70, 0x59]));
  for (let start = 0; start < data.length; start += BLOCK) {
    const chunk = data.subarray(start, start + BLOCK);
    const compressed = snappyCompress(chunk);
    // A chunk that does not shrink goes uncompressed (type 0x01), as the format allows.
    const stored = compressed.length < chunk.length;
    const body = stored ? compressed : chunk;
    const length = body.length + 4;
    out.byte(stored ? 0x00 : 0x01);
    out.byte(length & 0xff);
    out.byte((length >>> 8) & 0xff);
    out.byte(length >>> 16);
    out.uint32le(maskedCrc(chunk));
    out.bytes(body);
  }
  return out.result();
}

/** Hadoop's SnappyCodec stream. */
export function hadoopSnappy(data: Uint8Array): Uint8Array {
  const out = new Output();
  for (let start = 0; start < data.length; start += BLOCK) {
    const chunk = data.subarray(start, start + BLOCK);
    const compressed = snappyCompress(chunk);
    out.uint32be(chunk.length);
    out.uint32be(compressed.length);
    out.bytes(compressed);
  }
  return out.result();
}
