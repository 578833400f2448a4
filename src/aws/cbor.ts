/**
 * CBOR (RFC 8949), as AWS's `application/x-amz-cbor-1.1` protocol uses it: the AWS SDKs for Java (v1
 * and v2, hence the KCL and KPL) send Kinesis requests this way by default. Dependency-free, and
 * only what that protocol needs.
 *
 * Decoding (requests, from untrusted clients):
 * - maps with text keys become plain objects (last duplicate wins, as with JSON.parse); arrays,
 *   text strings, booleans, null and undefined map to their JavaScript counterparts;
 * - byte strings become fresh `Uint8Array`s (copied, so a blob never pins the whole request body);
 * - integers become numbers, and anything outside the safe integer range is refused rather than
 *   rounded (no Kinesis member needs one); half, single and double floats become numbers;
 * - tags are transparent, as in the Jackson CBOR parser the SDKs and AWS's servers use: tag 1
 *   (epoch date/time) yields its number, which AWS's convention makes epoch MILLISECONDS (not the
 *   RFC's seconds), left to the caller to interpret; tags 2 and 3 (bignums) yield a number when safe;
 * - indefinite-length strings, byte strings, arrays and maps are accepted (Jackson's generator may
 *   write them).
 *
 * Every length is checked against the bytes left before anything is allocated or read, nesting is
 * limited (`maxDepth`), and anything malformed, truncated, trailing or unsupported throws CborError;
 * the protocol answers that as SerializationException. Work and memory are linear in the input.
 *
 * Encoding (responses): objects become maps with text keys (members whose value is undefined are
 * left out, as JSON.stringify does), arrays, strings, booleans, null; numbers are written as
 * integers when they are safe integers and as doubles otherwise; `Uint8Array` (any ArrayBufferView,
 * or ArrayBuffer) as a byte string; `Date` as tag 1 around an integer count of epoch MILLISECONDS,
 * which is exactly what the Java SDKs write and what they read back (v2 parses the number with
 * `Long.parseLong`, so a fractional or floating-point value would break it).
 */

/** Malformed, truncated or unsupported CBOR (decoding), or a value CBOR cannot carry (encoding). */
export class CborError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CborError";
  }
}

export interface CborDecodeOptions {
  /** How deeply arrays, maps and tags may nest (the top-level item is depth 0). */
  maxDepth?: number;
}

export const DEFAULT_MAX_DEPTH = 64;

const MAJOR_UNSIGNED = 0;
const MAJOR_NEGATIVE = 1;
const MAJOR_BYTES = 2;
const MAJOR_TEXT = 3;
const MAJOR_ARRAY = 4;
const MAJOR_MAP = 5;
const MAJOR_TAG = 6;
const MAJOR_SIMPLE = 7;

const INDEFINITE = 31;
const BREAK = 0xff;

const TAG_EPOCH = 1;
const TAG_POSITIVE_BIGNUM = 2;
const TAG_NEGATIVE_BIGNUM = 3;

/** Decodes exactly one CBOR item that spans all of `bytes`. */
export function decodeCbor(bytes: Uint8Array, options: CborDecodeOptions = {}): unknown {
  const decoder = new Decoder(bytes, options.maxDepth ?? DEFAULT_MAX_DEPTH);
  const value = decoder.item(0);
  if (decoder.offset !== bytes.byteLength) {
    throw new CborError(`unexpected data after the top-level item at offset ${decoder.offset}`);
  }
  return value;
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

class Decoder {
  offset = 0;
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly maxDepth: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  item(depth: number): unknown {
    if (depth > this.maxDepth) throw new CborError(`nesting deeper than ${this.maxDepth}`);
    const initial = this.byte();
    const major = initial >> 5;
    const minor = initial & 0x1f;
    switch (major) {
      case MAJOR_UNSIGNED:
        return safeInteger(this.argument(minor));
      case MAJOR_NEGATIVE:
        return safeInteger(-1 - this.argument(minor));
      case MAJOR_BYTES:
        return minor === INDEFINITE ? this.indefiniteBytes() : new Uint8Array(this.take(this.argument(minor)));
      case MAJOR_TEXT:
        return minor === INDEFINITE ? this.indefiniteText() : text(this.take(this.argument(minor)));
      case MAJOR_ARRAY:
        return this.array(minor, depth);
      case MAJOR_MAP:
        return this.map(minor, depth);
      case MAJOR_TAG:
        return this.tag(this.argument(minor), depth);
      default:
        return this.simple(minor);
    }
  }

  private byte(): number {
    const value = this.bytes[this.offset];
    if (value === undefined) throw new CborError("unexpected end of input");
    this.offset += 1;
    return value;
  }

  private peek(): number {
    const value = this.bytes[this.offset];
    if (value === undefined) throw new CborError("unexpected end of input");
    return value;
  }

  private need(length: number): void {
    if (length > this.bytes.byteLength - this.offset) throw new CborError("unexpected end of input");
  }

  private take(length: number): Uint8Array {
    this.need(length);
    const start = this.offset;
    this.offset += length;
    return this.bytes.subarray(start, this.offset);
  }

  /**
   * The argument of a head whose additional information is `minor`. Values above 2^53 - 1 come back
   * as Infinity: too large for an integer, a length or a count, so every caller refuses them.
   */
  private argument(minor: number): number {
    if (minor < 24) return minor;
    switch (minor) {
      case 24:
        return this.byte();
      case 25: {
        this.need(2);
        const value = this.view.getUint16(this.offset);
        this.offset += 2;
        return value;
      }
      case 26: {
        this.need(4);
        const value = this.view.getUint32(this.offset);
        this.offset += 4;
        return value;
      }
      case 27: {
        this.need(8);
        const high = this.view.getUint32(this.offset);
        const low = this.view.getUint32(this.offset + 4);
        this.offset += 8;
        return high < 0x200000 ? high * 0x100000000 + low : Number.POSITIVE_INFINITY;
      }
      case INDEFINITE:
        throw new CborError("indefinite length not allowed here");
      default:
        throw new CborError(`reserved additional information ${minor}`);
    }
  }

  /** A count of items each at least `width` bytes long, refused at once if the input cannot hold them. */
  private count(minor: number, width: number): number {
    const count = this.argument(minor);
    if (count * width > this.bytes.byteLength - this.offset) throw new CborError("unexpected end of input");
    return count;
  }

  /** True (and the break consumed) when the next byte ends an indefinite-length item. */
  private atBreak(): boolean {
    if (this.peek() !== BREAK) return false;
    this.offset += 1;
    return true;
  }

  /** A chunk of an indefinite-length string: a definite-length string of the same major type. */
  private chunk(major: number): Uint8Array {
    const initial = this.byte();
    const minor = initial & 0x1f;
    if (initial >> 5 !== major || minor === INDEFINITE) {
      throw new CborError("indefinite-length string chunk of the wrong type");
    }
    return this.take(this.argument(minor));
  }

  private indefiniteBytes(): Uint8Array {
    const chunks: Uint8Array[] = [];
    let length = 0;
    while (!this.atBreak()) {
      const chunk = this.chunk(MAJOR_BYTES);
      chunks.push(chunk);
      length += chunk.byteLength;
    }
    const out = new Uint8Array(length);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  }

  private indefiniteText(): string {
    let out = "";
    while (!this.atBreak()) out += text(this.chunk(MAJOR_TEXT)); // each chunk must be valid UTF-8 by itself
    return out;
  }

  private array(minor: number, depth: number): unknown[] {
    const out: unknown[] = [];
    if (minor === INDEFINITE) {
      while (!this.atBreak()) out.push(this.item(depth + 1));
      return out;
    }
    const length = this.count(minor, 1);
    for (let i = 0; i < length; i++) out.push(this.item(depth + 1));
    return out;
  }

  private map(minor: number, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (minor === INDEFINITE) {
      while (!this.atBreak()) this.entry(out, depth);
      return out;
    }
    const length = this.count(minor, 2);
    for (let i = 0; i < length; i++) this.entry(out, depth);
    return out;
  }

  private entry(out: Record<string, unknown>, depth: number): void {
    const key = this.item(depth + 1);
    if (typeof key !== "string") throw new CborError("map key is not a text string");
    const value = this.item(depth + 1);
    // An own data property even for "__proto__", never the prototype's setter.
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }

  private tag(tag: number, depth: number): unknown {
    const content = this.item(depth + 1);
    switch (tag) {
      case TAG_EPOCH:
        if (typeof content !== "number") throw new CborError("tag 1 (epoch date/time) must hold a number");
        return content;
      case TAG_POSITIVE_BIGNUM:
      case TAG_NEGATIVE_BIGNUM: {
        if (!(content instanceof Uint8Array)) throw new CborError(`tag ${tag} (bignum) must hold a byte string`);
        let magnitude = 0;
        for (const byte of content) {
          magnitude = magnitude * 256 + byte;
          if (magnitude > Number.MAX_SAFE_INTEGER) throw new CborError("integer outside the safe range");
        }
        return safeInteger(tag === TAG_POSITIVE_BIGNUM ? magnitude : -1 - magnitude);
      }
      default:
        return content;
    }
  }

  private simple(minor: number): unknown {
    switch (minor) {
      case 20:
        return false;
      case 21:
        return true;
      case 22:
        return null;
      case 23:
        return undefined;
      case 24: {
        const value = this.byte();
        throw new CborError(value < 32 ? "malformed simple value" : `unsupported simple value ${value}`);
      }
      case 25: {
        this.need(2);
        const value = halfFloat(this.view.getUint16(this.offset));
        this.offset += 2;
        return value;
      }
      case 26: {
        this.need(4);
        const value = this.view.getFloat32(this.offset);
        this.offset += 4;
        return value;
      }
      case 27: {
        this.need(8);
        const value = this.view.getFloat64(this.offset);
        this.offset += 8;
        return value;
      }
      case INDEFINITE:
        throw new CborError("unexpected break");
      default:
        throw new CborError(minor < 24 ? `unsupported simple value ${minor}` : `reserved additional information ${minor}`);
    }
  }
}

function safeInteger(value: number): number {
  if (!Number.isSafeInteger(value)) throw new CborError("integer outside the safe range");
  return value;
}

function text(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new CborError("text string is not valid UTF-8");
  }
}

/** IEEE 754 binary16. */
function halfFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

// ---------------------------------------------------------------------------------------------
// Encoding

/** How deeply an encoded value may nest; deeper means a cycle or a bug, never an AWS output. */
const MAX_ENCODE_DEPTH = 256;

/** Encodes `value` (see the module comment for the mapping). */
export function encodeCbor(value: unknown): Uint8Array {
  const encoder = new Encoder();
  encoder.value(value, 0);
  return encoder.finish();
}

const utf8Encoder = new TextEncoder();

class Encoder {
  private bytes = new Uint8Array(256);
  private view = new DataView(this.bytes.buffer);
  private length = 0;

  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  value(value: unknown, depth: number): void {
    if (depth > MAX_ENCODE_DEPTH) throw new CborError(`value nests deeper than ${MAX_ENCODE_DEPTH}`);
    switch (typeof value) {
      case "string":
        return this.text(value);
      case "number":
        return this.number(value);
      case "bigint":
        return this.bigint(value);
      case "boolean":
        return this.push(value ? 0xf5 : 0xf4);
      case "undefined":
        return this.push(0xf7);
      case "object":
        if (value === null) return this.push(0xf6);
        if (value instanceof Date) return this.date(value);
        if (value instanceof ArrayBuffer) return this.blob(new Uint8Array(value));
        if (ArrayBuffer.isView(value)) return this.blob(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
        if (Array.isArray(value)) {
          this.head(MAJOR_ARRAY, value.length);
          // Holes and undefined go out as null, as JSON.stringify writes them.
          for (const item of value as unknown[]) this.value(item === undefined ? null : item, depth + 1);
          return;
        }
        return this.map(value, depth);
      default:
        throw new CborError(`cannot encode a ${typeof value}`);
    }
  }

  private map(value: object, depth: number): void {
    const entries = Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== "function" && typeof item !== "symbol");
    this.head(MAJOR_MAP, entries.length);
    for (const [key, item] of entries) {
      this.text(key);
      this.value(item, depth + 1);
    }
  }

  private number(value: number): void {
    if (Number.isSafeInteger(value)) {
      if (value >= 0) this.head(MAJOR_UNSIGNED, value);
      else this.head(MAJOR_NEGATIVE, -1 - value);
      return;
    }
    this.reserve(9);
    this.bytes[this.length] = (MAJOR_SIMPLE << 5) | 27;
    this.view.setFloat64(this.length + 1, value);
    this.length += 9;
  }

  private bigint(value: bigint): void {
    const negative = value < 0n;
    const magnitude = negative ? -1n - value : value;
    if (magnitude >= 1n << 64n) throw new CborError("integer does not fit in 64 bits");
    this.head(negative ? MAJOR_NEGATIVE : MAJOR_UNSIGNED, magnitude);
  }

  /** AWS's convention: tag 1 around an integer count of epoch milliseconds. */
  private date(value: Date): void {
    const ms = value.getTime();
    if (!Number.isSafeInteger(ms)) throw new CborError("invalid date");
    this.head(MAJOR_TAG, TAG_EPOCH);
    this.number(ms);
  }

  private blob(bytes: Uint8Array): void {
    this.head(MAJOR_BYTES, bytes.byteLength);
    this.reserve(bytes.byteLength);
    this.bytes.set(bytes, this.length);
    this.length += bytes.byteLength;
  }

  private text(value: string): void {
    // A UTF-16 code unit never takes more than 3 bytes of UTF-8.
    const most = value.length * 3;
    const header = most < 24 ? 1 : most < 0x100 ? 2 : most < 0x10000 ? 3 : most < 0x100000000 ? 5 : 9;
    this.reserve(9 + most); // room for the longest head too, so head() never regrows (and drops) the text
    const start = this.length;
    const { written } = utf8Encoder.encodeInto(value, this.bytes.subarray(start + header));
    this.head(MAJOR_TEXT, written);
    if (this.length !== start + header) this.bytes.copyWithin(this.length, start + header, start + header + written);
    this.length += written;
  }

  /** A head with the shortest argument encoding; `argument` is a safe integer or a bigint below 2^64. */
  private head(major: number, argument: number | bigint): void {
    this.reserve(9);
    const type = major << 5;
    if (typeof argument === "bigint") {
      if (argument > BigInt(Number.MAX_SAFE_INTEGER)) {
        this.bytes[this.length++] = type | 27;
        this.view.setBigUint64(this.length, argument);
        this.length += 8;
        return;
      }
      argument = Number(argument);
    }
    if (argument < 24) {
      this.bytes[this.length++] = type | argument;
    } else if (argument < 0x100) {
      this.bytes[this.length++] = type | 24;
      this.bytes[this.length++] = argument;
    } else if (argument < 0x10000) {
      this.bytes[this.length++] = type | 25;
      this.view.setUint16(this.length, argument);
      this.length += 2;
    } else if (argument < 0x100000000) {
      this.bytes[this.length++] = type | 26;
      this.view.setUint32(this.length, argument);
      this.length += 4;
    } else {
      this.bytes[this.length++] = type | 27;
      this.view.setUint32(this.length, Math.floor(argument / 0x100000000));
      this.view.setUint32(this.length + 4, argument % 0x100000000);
      this.length += 8;
    }
  }

  private push(byte: number): void {
    this.reserve(1);
    this.bytes[this.length++] = byte;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.bytes.byteLength) return;
    let size = this.bytes.byteLength * 2;
    while (size < this.length + extra) size *= 2;
    const grown = new Uint8Array(size);
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }
}
