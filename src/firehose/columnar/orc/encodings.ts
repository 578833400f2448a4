/**
 * ORC's stream encodings that the writer uses (https://orc.apache.org/specification/ORCv1/,
 * "Run Length Encoding"): byte RLE, boolean RLE (bits packed into byte RLE), and integer RLE
 * version 1, all written as literal runs only. Literal runs are valid wherever runs are and keep
 * the writer small; compression (ZLIB, SNAPPY) takes care of repetition. Also the base-128
 * varints of decimals.
 */

/** A growable byte buffer. */
export class ByteSink {
  private buffer = new Uint8Array(1024);
  length = 0;

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  byte(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value & 0xff;
  }

  bytes(values: Uint8Array): void {
    this.reserve(values.length);
    this.buffer.set(values, this.length);
    this.length += values.length;
  }

  /** Unsigned base-128 varint of a non-negative bigint. */
  varint(value: bigint): void {
    let remaining = value;
    do {
      const byte = Number(remaining & 0x7fn);
      remaining >>= 7n;
      this.byte(remaining === 0n ? byte : byte | 0x80);
    } while (remaining !== 0n);
  }

  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

const zigzag = (value: bigint): bigint => (value >= 0n ? value << 1n : (-value << 1n) - 1n);

/** Byte RLE: literal runs of at most 128 bytes, each after a control byte of -count. */
export class ByteRle {
  readonly sink = new ByteSink();
  private pending: number[] = [];

  add(value: number): void {
    this.pending.push(value & 0xff);
    if (this.pending.length === 128) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    this.sink.byte(-this.pending.length);
    for (const value of this.pending) this.sink.byte(value);
    this.pending = [];
  }
}

/** Boolean RLE: eight values to a byte, most significant bit first, then byte RLE. */
export class BooleanRle {
  private readonly bytes = new ByteRle();
  private current = 0;
  private bits = 0;
  count = 0;

  add(value: boolean): void {
    if (value) this.current |= 0x80 >> this.bits;
    this.bits += 1;
    this.count += 1;
    if (this.bits === 8) {
      this.bytes.add(this.current);
      this.current = 0;
      this.bits = 0;
    }
  }

  result(): Uint8Array {
    if (this.bits > 0) this.bytes.add(this.current);
    this.current = 0;
    this.bits = 0;
    this.bytes.flush();
    return this.bytes.sink.result();
  }
}

/** Integer RLE version 1: literal runs of at most 128 varints (zigzag when signed). */
export class IntegerRle {
  readonly sink = new ByteSink();
  private pending: bigint[] = [];

  constructor(private readonly signed: boolean) {}

  add(value: bigint | number): void {
    this.pending.push(BigInt(value));
    if (this.pending.length === 128) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    this.sink.byte(-this.pending.length);
    for (const value of this.pending) this.sink.varint(this.signed ? zigzag(value) : value);
    this.pending = [];
  }

  result(): Uint8Array {
    this.flush();
    return this.sink.result();
  }
}

/** A decimal's unscaled value: an unbounded zigzag base-128 varint. */
export function writeDecimal(sink: ByteSink, unscaled: bigint): void {
  sink.varint(zigzag(unscaled));
}
