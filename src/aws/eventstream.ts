/**
 * The `application/vnd.amazon.eventstream` framing: the body of a SubscribeToShard response (enhanced
 * fan-out), and of any AWS event stream a client sends. No dependencies; runs in the Workers runtime.
 *
 * A message is, big-endian throughout:
 *
 *     total length (4) | headers length (4) | prelude CRC32 (4) | headers | payload | message CRC32 (4)
 *
 * where the prelude CRC covers the first 8 bytes and the message CRC every byte before it (prelude and
 * prelude CRC included). Each header is `name length (1) | UTF-8 name | type (1) | value`. Sizes and types
 * follow Smithy's "Amazon Event Stream Specification" (smithy-lang/smithy, docs/source-2.0/aws/
 * amazon-eventstream.rst): payloads up to 24 MiB and encoded headers up to 128 KiB, which services must
 * enforce.
 *
 * What Kinesis itself sends, from a captured SubscribeToShard body (blogs.perl.org, byterock, "PAWS
 * Almost", 2020; our encoder reproduces its CRCs byte for byte, see the unit test): every event carries
 * exactly three string headers, in this order, `:event-type`, `:content-type: application/x-amz-json-1.1`,
 * `:message-type: event`; the stream opens with `:event-type: initial-response` and payload `{}`, and then
 * sends `SubscribeToShardEvent` events whose JSON payload is AWS JSON 1.1 (blobs base64, timestamps epoch
 * seconds). The AWS SDKs only read `:message-type` and `:event-type` / `:exception-type`.
 */

/** The `:content-type` Kinesis puts on its events: the payloads are AWS JSON 1.1 documents. */
const KINESIS_EVENT_CONTENT_TYPE = "application/x-amz-json-1.1";

/** Payloads are limited to 24 MiB and encoded headers to 128 KiB (services must enforce both). */
export const MAX_PAYLOAD_BYTES = 24 * 1024 * 1024;
export const MAX_HEADERS_BYTES = 128 * 1024;
const PRELUDE_BYTES = 12;
const CRC_BYTES = 4;
const OVERHEAD_BYTES = PRELUDE_BYTES + CRC_BYTES;
const MAX_MESSAGE_BYTES = OVERHEAD_BYTES + MAX_HEADERS_BYTES + MAX_PAYLOAD_BYTES;
/** A string or binary header value has a 2-byte length and is at most 2^15 - 1 bytes. */
const MAX_HEADER_VALUE_BYTES = 32_767;

/** Header values, named as `@smithy/core/event-streams` names them. */
export type HeaderValue =
  | { type: "boolean"; value: boolean }
  | { type: "byte"; value: number }
  | { type: "short"; value: number }
  | { type: "integer"; value: number }
  | { type: "long"; value: bigint }
  | { type: "binary"; value: Uint8Array }
  | { type: "string"; value: string }
  /** Milliseconds since the epoch on the wire (not seconds). */
  | { type: "timestamp"; value: Date }
  /** Lowercase, dashed: `123e4567-e89b-12d3-a456-426614174000`. */
  | { type: "uuid"; value: string };

/**
 * Headers in wire order (an object keeps its insertion order for names that are not array indexes,
 * which every event stream header name is). A name may appear only once in a message.
 */
export type MessageHeaders = Record<string, HeaderValue>;

export interface Message {
  headers: MessageHeaders;
  payload: Uint8Array;
}

/** A frame that cannot be encoded or decoded: the stream it belongs to must be ended. */
export class EventStreamError extends Error {
  override readonly name = "EventStreamError";
}

// ---------------------------------------------------------------------------------------------------
// CRC32 (IEEE 802.3, reflected, polynomial 0xEDB88320), as zlib and the AWS SDKs compute it.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC32 of `bytes`; pass a previous result as `crc` to continue over more bytes. */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return ~c >>> 0;
}

// ---------------------------------------------------------------------------------------------------
// Encoding

const utf8 = new TextEncoder();
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One message, ready to write to the stream. Throws EventStreamError on an unencodable message. */
export function encodeMessage(message: Message): Uint8Array {
  const headers = encodeHeaders(message.headers);
  const { payload } = message;
  if (headers.length > MAX_HEADERS_BYTES) {
    throw new EventStreamError(`Headers of ${headers.length} bytes exceed ${MAX_HEADERS_BYTES}`);
  }
  if (payload.length > MAX_PAYLOAD_BYTES) {
    throw new EventStreamError(`Payload of ${payload.length} bytes exceeds ${MAX_PAYLOAD_BYTES}`);
  }
  const total = OVERHEAD_BYTES + headers.length + payload.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, total);
  view.setUint32(4, headers.length);
  view.setUint32(8, crc32(out.subarray(0, 8)));
  out.set(headers, PRELUDE_BYTES);
  out.set(payload, PRELUDE_BYTES + headers.length);
  view.setUint32(total - CRC_BYTES, crc32(out.subarray(0, total - CRC_BYTES)));
  return out;
}

function encodeHeaders(headers: MessageHeaders): Uint8Array {
  const parts: Uint8Array[] = [];
  let length = 0;
  for (const [name, header] of Object.entries(headers)) {
    const nameBytes = utf8.encode(name);
    if (nameBytes.length < 1 || nameBytes.length > 255) {
      throw new EventStreamError(`Header name must be 1 to 255 bytes: ${JSON.stringify(name)}`);
    }
    const value = encodeHeaderValue(name, header);
    const part = new Uint8Array(1 + nameBytes.length + value.length);
    part[0] = nameBytes.length;
    part.set(nameBytes, 1);
    part.set(value, 1 + nameBytes.length);
    parts.push(part);
    length += part.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function encodeHeaderValue(name: string, header: HeaderValue): Uint8Array {
  switch (header.type) {
    case "boolean":
      return Uint8Array.of(header.value ? 0 : 1);
    case "byte":
      return fixed(2, 1, (view) => view.setInt8(1, integerIn(name, header.value, 8)));
    case "short":
      return fixed(3, 2, (view) => view.setInt16(1, integerIn(name, header.value, 16)));
    case "integer":
      return fixed(4, 4, (view) => view.setInt32(1, integerIn(name, header.value, 32)));
    case "long":
      if (header.value < -(1n << 63n) || header.value >= 1n << 63n) {
        throw new EventStreamError(`Header ${name} is out of range for a long`);
      }
      return fixed(5, 8, (view) => view.setBigInt64(1, header.value));
    case "binary":
      return variable(name, 6, header.value);
    case "string":
      return variable(name, 7, utf8.encode(header.value));
    case "timestamp": {
      const millis = header.value.getTime();
      if (!Number.isSafeInteger(millis)) throw new EventStreamError(`Header ${name} is not a valid timestamp`);
      return fixed(8, 8, (view) => view.setBigInt64(1, BigInt(millis)));
    }
    case "uuid": {
      if (!UUID_PATTERN.test(header.value)) throw new EventStreamError(`Header ${name} is not a UUID`);
      const out = new Uint8Array(17);
      out[0] = 9;
      out.set(Uint8Array.fromHex(header.value.replaceAll("-", "")), 1);
      return out;
    }
  }
}

function fixed(tag: number, size: number, write: (view: DataView) => void): Uint8Array {
  const out = new Uint8Array(1 + size);
  out[0] = tag;
  write(new DataView(out.buffer));
  return out;
}

function variable(name: string, tag: number, bytes: Uint8Array): Uint8Array {
  if (bytes.length > MAX_HEADER_VALUE_BYTES) {
    throw new EventStreamError(`Header ${name} value of ${bytes.length} bytes exceeds ${MAX_HEADER_VALUE_BYTES}`);
  }
  const out = new Uint8Array(3 + bytes.length);
  out[0] = tag;
  new DataView(out.buffer).setUint16(1, bytes.length);
  out.set(bytes, 3);
  return out;
}

function integerIn(name: string, value: number, bits: number): number {
  const limit = 2 ** (bits - 1);
  if (!Number.isInteger(value) || value < -limit || value >= limit) {
    throw new EventStreamError(`Header ${name} is out of range for a ${bits}-bit integer`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------------------
// What Kinesis sends

function bytesOf(payload: Uint8Array | string): Uint8Array {
  return typeof payload === "string" ? utf8.encode(payload) : payload;
}

/**
 * An event (`:message-type: event`), with Kinesis's headers in Kinesis's order: `:event-type`,
 * `:content-type`, `:message-type`. The stream opens with `eventMessage("initial-response", "{}")`,
 * then `eventMessage("SubscribeToShardEvent", json)`.
 */
export function eventMessage(
  eventType: string,
  payload: Uint8Array | string,
  contentType = KINESIS_EVENT_CONTENT_TYPE,
): Uint8Array {
  return encodeMessage({
    headers: {
      ":event-type": { type: "string", value: eventType },
      ":content-type": { type: "string", value: contentType },
      ":message-type": { type: "string", value: "event" },
    },
    payload: bytesOf(payload),
  });
}

/** The first message of a SubscribeToShard response: SubscribeToShardOutput without its event stream. */
export function initialResponseMessage(): Uint8Array {
  return eventMessage("initial-response", "{}");
}

/**
 * A modeled error (`:message-type: exception`) that ends the stream, e.g. `ResourceInUseException`
 * with payload `{"message": "..."}`; headers in the order Kinesis uses for events.
 */
export function exceptionMessage(
  exceptionType: string,
  payload: Uint8Array | string,
  contentType = KINESIS_EVENT_CONTENT_TYPE,
): Uint8Array {
  return encodeMessage({
    headers: {
      ":exception-type": { type: "string", value: exceptionType },
      ":content-type": { type: "string", value: contentType },
      ":message-type": { type: "string", value: "exception" },
    },
    payload: bytesOf(payload),
  });
}

/** An unmodeled error (`:message-type: error`), carried in headers with an empty payload. */
export function errorMessage(code: string, message: string): Uint8Array {
  return encodeMessage({
    headers: {
      ":error-code": { type: "string", value: code },
      ":error-message": { type: "string", value: message },
      ":message-type": { type: "string", value: "error" },
    },
    payload: new Uint8Array(0),
  });
}

// ---------------------------------------------------------------------------------------------------
// Decoding

const utf8Strict = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

export interface DecoderOptions {
  /** Frames whose prelude announces more than this many bytes are refused before they are buffered. */
  maxMessageBytes?: number;
}

/**
 * Incremental decoder: `push` chunks as they arrive and receive the messages they complete; `end` when
 * the input ends. Both CRCs are verified, and an oversized, corrupt or truncated frame throws an
 * EventStreamError, after which the decoder refuses further input (the stream must be abandoned).
 */
export class MessageDecoder {
  private readonly maxMessageBytes: number;
  private chunks: Uint8Array[] = [];
  private buffered = 0;
  /** Total length of the frame being received, once its prelude has been read and verified. */
  private frameLength: number | undefined;
  private failed = false;
  private ended = false;

  constructor(options: DecoderOptions = {}) {
    this.maxMessageBytes = Math.min(options.maxMessageBytes ?? MAX_MESSAGE_BYTES, MAX_MESSAGE_BYTES);
  }

  /** Bytes received but not yet part of a complete message. */
  get pendingBytes(): number {
    return this.buffered;
  }

  push(chunk: Uint8Array): Message[] {
    if (this.failed) throw new EventStreamError("The event stream already failed");
    if (this.ended) throw new EventStreamError("The event stream already ended");
    if (chunk.length > 0) {
      this.chunks.push(chunk);
      this.buffered += chunk.length;
    }
    const messages: Message[] = [];
    try {
      for (;;) {
        if (this.frameLength === undefined) {
          if (this.buffered < PRELUDE_BYTES) break;
          this.frameLength = checkPrelude(this.peek(PRELUDE_BYTES), this.maxMessageBytes);
        }
        if (this.buffered < this.frameLength) break;
        const frame = this.take(this.frameLength);
        this.frameLength = undefined;
        messages.push(decodeMessage(frame));
      }
    } catch (error) {
      this.failed = true;
      this.chunks = [];
      this.buffered = 0;
      throw error;
    }
    return messages;
  }

  /** The input is over: throws if it stopped partway through a frame. */
  end(): void {
    if (this.failed) throw new EventStreamError("The event stream already failed");
    this.ended = true;
    if (this.buffered > 0) {
      this.failed = true;
      throw new EventStreamError(`The event stream ended inside a message (${this.buffered} bytes left over)`);
    }
  }

  /** A copy of the first `length` buffered bytes. */
  private peek(length: number): Uint8Array {
    const out = new Uint8Array(length);
    let offset = 0;
    for (const chunk of this.chunks) {
      if (offset === length) break;
      const part = chunk.subarray(0, length - offset);
      out.set(part, offset);
      offset += part.length;
    }
    return out;
  }

  /** Removes the first `length` buffered bytes and returns a copy of them. */
  private take(length: number): Uint8Array {
    const out = this.peek(length);
    let remaining = length;
    while (remaining > 0) {
      const chunk = this.chunks[0];
      if (!chunk) break;
      if (chunk.length <= remaining) {
        this.chunks.shift();
        remaining -= chunk.length;
      } else {
        this.chunks[0] = chunk.subarray(remaining);
        remaining = 0;
      }
    }
    this.buffered -= length;
    return out;
  }
}

/** Verifies a 12-byte prelude and answers the frame's total length. */
function checkPrelude(prelude: Uint8Array, maxMessageBytes: number): number {
  const view = new DataView(prelude.buffer, prelude.byteOffset, prelude.byteLength);
  const total = view.getUint32(0);
  const headersLength = view.getUint32(4);
  const expected = view.getUint32(8);
  const actual = crc32(prelude.subarray(0, 8));
  if (expected !== actual) {
    throw new EventStreamError(`Prelude checksum mismatch: frame says ${hex(expected)}, bytes give ${hex(actual)}`);
  }
  if (total < OVERHEAD_BYTES) throw new EventStreamError(`Message length ${total} is below the minimum of 16`);
  if (headersLength > total - OVERHEAD_BYTES) {
    throw new EventStreamError(`Headers length ${headersLength} does not fit in a message of ${total} bytes`);
  }
  if (headersLength > MAX_HEADERS_BYTES) {
    throw new EventStreamError(`Headers of ${headersLength} bytes exceed ${MAX_HEADERS_BYTES}`);
  }
  if (total - OVERHEAD_BYTES - headersLength > MAX_PAYLOAD_BYTES) {
    throw new EventStreamError(`Payload of ${total - OVERHEAD_BYTES - headersLength} bytes exceeds ${MAX_PAYLOAD_BYTES}`);
  }
  if (total > maxMessageBytes) throw new EventStreamError(`Message of ${total} bytes exceeds ${maxMessageBytes}`);
  return total;
}

/** Decodes exactly one complete frame, verifying both checksums. */
export function decodeMessage(frame: Uint8Array, options: DecoderOptions = {}): Message {
  if (frame.length < PRELUDE_BYTES) throw new EventStreamError("Message shorter than its prelude");
  const total = checkPrelude(frame.subarray(0, PRELUDE_BYTES), options.maxMessageBytes ?? MAX_MESSAGE_BYTES);
  if (frame.length !== total) {
    throw new EventStreamError(`Message says ${total} bytes but ${frame.length} were given`);
  }
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const expected = view.getUint32(total - CRC_BYTES);
  const actual = crc32(frame.subarray(0, total - CRC_BYTES));
  if (expected !== actual) {
    throw new EventStreamError(`Message checksum mismatch: frame says ${hex(expected)}, bytes give ${hex(actual)}`);
  }
  const headersLength = view.getUint32(4);
  const headersEnd = PRELUDE_BYTES + headersLength;
  return {
    headers: decodeHeaders(frame.subarray(PRELUDE_BYTES, headersEnd)),
    payload: frame.slice(headersEnd, total - CRC_BYTES),
  };
}

function decodeHeaders(bytes: Uint8Array): MessageHeaders {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headers: MessageHeaders = {};
  let offset = 0;
  const need = (count: number): void => {
    if (offset + count > bytes.length) throw new EventStreamError("Header runs past the end of the headers");
  };
  while (offset < bytes.length) {
    const nameLength = view.getUint8(offset++);
    if (nameLength === 0) throw new EventStreamError("Header with an empty name");
    need(nameLength + 1);
    const name = text(bytes.subarray(offset, offset + nameLength));
    offset += nameLength;
    if (Object.hasOwn(headers, name)) throw new EventStreamError(`Header ${name} appears twice`);
    const tag = view.getUint8(offset++);
    let value: HeaderValue;
    switch (tag) {
      case 0:
      case 1:
        value = { type: "boolean", value: tag === 0 };
        break;
      case 2:
        need(1);
        value = { type: "byte", value: view.getInt8(offset) };
        offset += 1;
        break;
      case 3:
        need(2);
        value = { type: "short", value: view.getInt16(offset) };
        offset += 2;
        break;
      case 4:
        need(4);
        value = { type: "integer", value: view.getInt32(offset) };
        offset += 4;
        break;
      case 5:
        need(8);
        value = { type: "long", value: view.getBigInt64(offset) };
        offset += 8;
        break;
      case 6:
      case 7: {
        need(2);
        const length = view.getUint16(offset);
        offset += 2;
        need(length);
        const data = bytes.slice(offset, offset + length);
        offset += length;
        value = tag === 6 ? { type: "binary", value: data } : { type: "string", value: text(data) };
        break;
      }
      case 8:
        need(8);
        value = { type: "timestamp", value: new Date(Number(view.getBigInt64(offset))) };
        offset += 8;
        break;
      case 9: {
        need(16);
        const h = bytes.subarray(offset, offset + 16).toHex();
        value = { type: "uuid", value: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` };
        offset += 16;
        break;
      }
      default:
        throw new EventStreamError(`Header ${name} has unknown type ${tag}`);
    }
    headers[name] = value;
  }
  return headers;
}

function text(bytes: Uint8Array): string {
  try {
    return utf8Strict.decode(bytes);
  } catch {
    throw new EventStreamError("Header is not valid UTF-8");
  }
}

function hex(value: number): string {
  return `0x${value.toString(16).padStart(8, "0")}`;
}

/**
 * Every message in `input`: one buffer, or chunks in order. Throws EventStreamError on a corrupt,
 * oversized or truncated frame.
 */
export function decodeMessages(input: Uint8Array | Iterable<Uint8Array>, options?: DecoderOptions): Message[] {
  const decoder = new MessageDecoder(options);
  const messages: Message[] = [];
  for (const chunk of input instanceof Uint8Array ? [input] : input) messages.push(...decoder.push(chunk));
  decoder.end();
  return messages;
}

/** The messages of a streamed body (e.g. a request's), as they complete. */
export async function* readMessages(
  body: ReadableStream<Uint8Array> | AsyncIterable<Uint8Array>,
  options?: DecoderOptions,
): AsyncGenerator<Message, void, undefined> {
  const decoder = new MessageDecoder(options);
  if (body instanceof ReadableStream) {
    const reader = body.getReader();
    let finished = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        yield* decoder.push(value);
      }
      finished = true;
    } finally {
      // Stopped early (by the consumer or a bad frame): the rest of the body is not wanted.
      if (!finished) await reader.cancel().catch(() => undefined);
      reader.releaseLock();
    }
  } else {
    for await (const chunk of body) yield* decoder.push(chunk);
  }
  decoder.end();
}
