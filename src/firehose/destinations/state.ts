/**
 * What an OpenSearch or Splunk destination remembers between the delivery attempts of one batch,
 * kept by the stream's buffer object next to the batch (buffer.ts destinationState) and forgotten
 * when the batch completes. With it a retry sends only what is still undelivered: documents the
 * cluster already took are not indexed again (with NO_DOCUMENT_ID that would duplicate them), an
 * event Splunk acknowledged is not sent twice, and an acknowledgement awaited when an attempt ended
 * is polled by the next.
 *
 * A batch may hold hundreds of thousands of records, so the state is compact: one byte per record
 * (Outcomes: not delivered yet, delivered, or failed with one of a few distinct errors), packed with a
 * small JSON header into one byte array that the buffer stores in parts.
 */

/** A failure as the error output records it: AWS's errorCode and errorMessage. */
export interface RememberedError {
  code: string;
  message: string;
}

/** Reads and writes one batch's packed state (the buffer object behind it). */
export interface StateStore {
  load(): Promise<Uint8Array | null>;
  save(state: Uint8Array): Promise<void>;
}

const NOT_YET = 0;
const DELIVERED = 1;
const FIRST_ERROR = 2;
/** Ours: distinct errors kept per batch (a byte per record names one); later ones share the last. */
const MAX_ERRORS = 256 - FIRST_ERROR;
/** Ours: how much of an error message is kept. */
const MAX_MESSAGE_CHARS = 2000;

/** Per record of a batch, in order: not delivered yet, delivered, or failed (with which error). */
export class Outcomes {
  constructor(
    readonly bytes: Uint8Array,
    readonly errors: RememberedError[] = [],
  ) {}

  static empty(count: number): Outcomes {
    return new Outcomes(new Uint8Array(count));
  }

  delivered(index: number): boolean {
    return this.bytes[index] === DELIVERED;
  }

  /** The latest failure of a record not delivered, if it failed. */
  error(index: number): RememberedError | undefined {
    const value = this.bytes[index] ?? NOT_YET;
    return value >= FIRST_ERROR ? this.errors[value - FIRST_ERROR] : undefined;
  }

  markDelivered(index: number): void {
    this.bytes[index] = DELIVERED;
  }

  markFailed(index: number, error: RememberedError): void {
    this.bytes[index] = FIRST_ERROR + this.intern(error);
  }

  private intern(error: RememberedError): number {
    const message = error.message.length > MAX_MESSAGE_CHARS ? `${error.message.slice(0, MAX_MESSAGE_CHARS)}...` : error.message;
    const known = this.errors.findIndex((kept) => kept.code === error.code && kept.message === message);
    if (known >= 0) return known;
    if (this.errors.length < MAX_ERRORS) return this.errors.push({ code: error.code, message }) - 1;
    return MAX_ERRORS - 1;
  }
}

/**
 * Which records a state is about: their count and a hash of their ids, in order. A retry whose
 * processing made other records of the batch (a transformation that answers differently) starts
 * afresh rather than reading another batch's positions.
 */
export function fingerprint(keys: readonly string[]): string {
  // FNV-1a, 32 bits, over every id and a separator.
  let hash = 0x811c9dc5;
  for (const key of keys) {
    for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
    hash = Math.imul(hash ^ 0x0a, 0x01000193);
  }
  return `${keys.length}:${(hash >>> 0).toString(16)}`;
}

/** Packs a JSON header and byte arrays into one value: [header length][header][array count]([length][bytes])*. */
export function packState(header: object, arrays: readonly Uint8Array[]): Uint8Array {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const size = 8 + json.byteLength + arrays.reduce((sum, array) => sum + 4 + array.byteLength, 0);
  const packed = new Uint8Array(size);
  const view = new DataView(packed.buffer);
  let offset = 0;
  view.setUint32(offset, json.byteLength);
  packed.set(json, 4);
  offset = 4 + json.byteLength;
  view.setUint32(offset, arrays.length);
  offset += 4;
  for (const array of arrays) {
    view.setUint32(offset, array.byteLength);
    packed.set(array, offset + 4);
    offset += 4 + array.byteLength;
  }
  return packed;
}

/** The header and arrays of a packed state, or undefined when the bytes are not one. */
export function unpackState(packed: Uint8Array): { header: unknown; arrays: Uint8Array[] } | undefined {
  try {
    const view = new DataView(packed.buffer, packed.byteOffset, packed.byteLength);
    const headerLength = view.getUint32(0);
    const header: unknown = JSON.parse(new TextDecoder().decode(packed.subarray(4, 4 + headerLength)));
    let offset = 4 + headerLength;
    const count = view.getUint32(offset);
    offset += 4;
    const arrays: Uint8Array[] = [];
    for (let i = 0; i < count; i++) {
      const length = view.getUint32(offset);
      if (offset + 4 + length > packed.byteLength) return undefined;
      arrays.push(packed.slice(offset + 4, offset + 4 + length));
      offset += 4 + length;
    }
    return { header, arrays };
  } catch {
    return undefined;
  }
}
