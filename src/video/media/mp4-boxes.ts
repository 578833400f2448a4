/**
 * ISO BMFF (MP4) box writing: a box is a 32-bit size, a four-character type and its fields. Only what the init
 * segments, media segments and clips need; every box is built from its parts and sized once at the end.
 * Fields are written into one growing buffer, since a trun holds four numbers per frame.
 */
import { concatBytes } from "../../bytes";

const ascii = new TextEncoder();

/** Fields of a box, big-endian, appended in order. */
export class Fields {
  private buffer = new Uint8Array(64);
  private view = new DataView(this.buffer.buffer);
  private length = 0;

  /** Makes room for `count` bytes and returns where they go (the buffer may be replaced: read it after). */
  private reserve(count: number): number {
    const at = this.length;
    if (at + count > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, at + count));
      grown.set(this.buffer.subarray(0, at));
      this.buffer = grown;
      this.view = new DataView(grown.buffer);
    }
    this.length += count;
    return at;
  }

  u8(value: number): this {
    const at = this.reserve(1);
    this.view.setUint8(at, value & 0xff);
    return this;
  }

  u16(value: number): this {
    const at = this.reserve(2);
    this.view.setUint16(at, value & 0xffff);
    return this;
  }

  u24(value: number): this {
    const at = this.reserve(3);
    this.view.setUint8(at, (value >>> 16) & 0xff);
    this.view.setUint16(at + 1, value & 0xffff);
    return this;
  }

  u32(value: number): this {
    const at = this.reserve(4);
    this.view.setUint32(at, value >>> 0);
    return this;
  }

  i32(value: number): this {
    const at = this.reserve(4);
    this.view.setInt32(at, value);
    return this;
  }

  /** A 64-bit unsigned integer from a safe-integer number (times in milliseconds fit easily). */
  u64(value: number): this {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${value} is not a 64-bit unsigned time`);
    return this.u32(Math.floor(value / 2 ** 32)).u32(value % 2 ** 32);
  }

  fourcc(value: string): this {
    return this.bytes(ascii.encode(value.padEnd(4, " ").slice(0, 4)));
  }

  bytes(value: Uint8Array): this {
    const at = this.reserve(value.length);
    this.buffer.set(value, at);
    return this;
  }

  zeros(count: number): this {
    const at = this.reserve(count);
    this.buffer.fill(0, at, this.length);
    return this;
  }

  done(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

export function box(type: string, ...children: Uint8Array[]): Uint8Array {
  const size = 8 + children.reduce((sum, child) => sum + child.length, 0);
  return concatBytes([new Fields().u32(size).fourcc(type).done(), ...children]);
}

export function fullBox(type: string, version: number, flags: number, ...children: Uint8Array[]): Uint8Array {
  return box(type, new Fields().u8(version).u24(flags).done(), ...children);
}

/** The identity transformation matrix of mvhd and tkhd. */
export const UNITY_MATRIX = new Fields().u32(0x00010000).u32(0).u32(0).u32(0).u32(0x00010000).u32(0).u32(0).u32(0).u32(0x40000000).done();

/** ISO-639-2 "und", packed into mdhd's 15 bits. */
export const LANGUAGE_UND = (("u".charCodeAt(0) - 0x60) << 10) | (("n".charCodeAt(0) - 0x60) << 5) | ("d".charCodeAt(0) - 0x60);
