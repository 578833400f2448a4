/**
 * Just enough of the protobuf wire format to read KPL aggregated records: varints, and
 * length-delimited fields, with the other wire types skipped. Every read is bounds-checked and
 * throws ProtobufError on a truncated or malformed message.
 */
export class ProtobufError extends Error {}

export interface Field {
  number: number;
  /** 0 varint, 1 fixed64, 2 length-delimited, 5 fixed32. */
  wireType: number;
  /** For varints. */
  value: bigint;
  /** For length-delimited fields. */
  bytes: Uint8Array;
}

const EMPTY = new Uint8Array(0);

export class ProtobufReader {
  private offset = 0;

  constructor(private readonly buffer: Uint8Array) {}

  get done(): boolean {
    return this.offset >= this.buffer.length;
  }

  private varint(): bigint {
    let result = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const byte = this.buffer[this.offset++];
      if (byte === undefined) throw new ProtobufError("truncated varint");
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
    }
    throw new ProtobufError("varint longer than 10 bytes");
  }

  private take(length: number): Uint8Array {
    if (length < 0 || this.offset + length > this.buffer.length) throw new ProtobufError("field runs past the end of the message");
    const bytes = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return bytes;
  }

  /** The next field. */
  next(): Field {
    const key = this.varint();
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (number === 0) throw new ProtobufError("field number 0");
    switch (wireType) {
      case 0:
        return { number, wireType, value: this.varint(), bytes: EMPTY };
      case 1:
        return { number, wireType, value: 0n, bytes: this.take(8) };
      case 2: {
        const length = this.varint();
        if (length > BigInt(this.buffer.length)) throw new ProtobufError("field runs past the end of the message");
        return { number, wireType, value: 0n, bytes: this.take(Number(length)) };
      }
      case 5:
        return { number, wireType, value: 0n, bytes: this.take(4) };
      default:
        throw new ProtobufError(`unsupported wire type ${wireType}`);
    }
  }
}
