/**
 * A batch of records read from a shard, held column by column rather than as one object per record.
 *
 * GetRecords answers up to 10,000 records. Carried from the shard's object to the Worker as objects,
 * each record is cloned member by member, then read again into the answer's objects, then copied
 * once more on the way to JSON: for records of 100 B most of a read's time. Packed (packRecords), a
 * batch is a handful of typed arrays and strings, which the RPC copies whole; the Worker then writes
 * the JSON answer straight from them (recordsJson), or the records' objects for CBOR (unpackRecords).
 */
import { sequenceNumberWriter } from "./sequence";
import type { ReadRecord } from "./shard-log";

/** Records as a shard collects them: one array per field, in log order; decrypted in place. */
export interface RecordColumns {
  counters: number[];
  arrivals: number[];
  keys: string[];
  data: Uint8Array[];
  /** Positions of the records that were stored encrypted (answered with EncryptionType KMS). */
  encrypted: number[];
}

/** What makes the sequence numbers of a shard's records, besides each record's counter and arrival. */
export interface SequenceBase {
  /** The creation time (seconds) the shard's numbers carry. */
  createdSeconds: number;
  shardIndex: number;
}

/** A batch ready to cross the RPC: its size does not grow in objects with the number of records. */
export interface PackedRecords extends SequenceBase {
  counters: Float64Array;
  arrivals: Float64Array;
  /** The partition keys one after another; `keyLengths` (UTF-16 units, at most 256) splits them. */
  keys: string;
  keyLengths: Uint16Array;
  /** The records' data one after another; record i ends at `dataEnds[i]`. */
  data: Uint8Array;
  dataEnds: Uint32Array;
  encrypted: number[];
}

export function emptyColumns(): RecordColumns {
  return { counters: [], arrivals: [], keys: [], data: [], encrypted: [] };
}

export function packRecords(columns: RecordColumns, base: SequenceBase): PackedRecords {
  const count = columns.counters.length;
  const keyLengths = new Uint16Array(count);
  const dataEnds = new Uint32Array(count);
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    keyLengths[i] = columns.keys[i]!.length;
    bytes += columns.data[i]!.byteLength;
    dataEnds[i] = bytes;
  }
  const data = new Uint8Array(bytes);
  for (let i = 0, offset = 0; i < count; i++) {
    const chunk = columns.data[i]!;
    data.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return {
    createdSeconds: base.createdSeconds,
    shardIndex: base.shardIndex,
    counters: Float64Array.from(columns.counters),
    arrivals: Float64Array.from(columns.arrivals),
    keys: columns.keys.join(""),
    keyLengths,
    data,
    dataEnds,
    encrypted: columns.encrypted,
  };
}

/** The sequence numbers of one shard's records, in log order (see sequenceNumberWriter). */
export function sequenceNumbers(base: SequenceBase): (counter: number, arrivalMs: number) => string {
  const write = sequenceNumberWriter(base);
  return (counter, arrivalMs) => write(counter, Math.floor(arrivalMs / 1000));
}

/** The records' objects, Data as views into the batch's one buffer. */
export function unpackRecords(batch: PackedRecords): ReadRecord[] {
  const sequenceNumber = sequenceNumbers(batch);
  const encrypted = new Set(batch.encrypted);
  const records: ReadRecord[] = [];
  let keyStart = 0;
  let dataStart = 0;
  for (let i = 0; i < batch.counters.length; i++) {
    const keyEnd = keyStart + batch.keyLengths[i]!;
    const dataEnd = batch.dataEnds[i]!;
    const arrivalMs = batch.arrivals[i]!;
    const record: ReadRecord = {
      sequenceNumber: sequenceNumber(batch.counters[i]!, arrivalMs),
      arrivalMs,
      partitionKey: batch.keys.slice(keyStart, keyEnd),
      data: batch.data.subarray(dataStart, dataEnd),
    };
    if (encrypted.has(i)) record.encrypted = true;
    records.push(record);
    keyStart = keyEnd;
    dataStart = dataEnd;
  }
  return records;
}

/**
 * GetRecords' answer in AWS JSON 1.1, as UTF-8: `before`, then the records as `Records`' list, then
 * `after`. The list is the text JSON.stringify would make of the records' objects after
 * toAwsJson's conversions (same members in the same order, Data in base64, ApproximateArrivalTimestamp
 * in epoch seconds), written straight into one buffer: no string per record nor per member, and no
 * UTF-8 encoding of a whole answer's text afterwards.
 */
export function recordsJson(batch: PackedRecords, before: string, after: string): Uint8Array {
  const count = batch.counters.length;
  const out = new Uint8Array(
    3 * (before.length + after.length) + count * RECORD_OVERHEAD + Math.ceil(batch.data.byteLength / 3) * 4 + count * 4 + batch.keys.length * 6 + 2,
  );
  let at = encoder.encodeInto(before, out).written;
  const sequenceNumber = sequenceNumbers(batch);
  const encrypted = new Set(batch.encrypted);
  // The records of one write share their arrival time: its text (a fraction, slow to write) is kept.
  let arrivalMs = Number.NaN;
  let arrivalText = "";
  let keyStart = 0;
  let dataStart = 0;
  out[at++] = 0x5b; // [
  for (let i = 0; i < count; i++) {
    if (batch.arrivals[i] !== arrivalMs) {
      arrivalMs = batch.arrivals[i]!;
      // A number's JSON text is its String().
      arrivalText = String(arrivalMs / 1000);
    }
    const keyEnd = keyStart + batch.keyLengths[i]!;
    const dataEnd = batch.dataEnds[i]!;
    if (i > 0) out[at++] = 0x2c; // ,
    at = writeBytes(SEQUENCE_NUMBER, out, at);
    at = writeAscii(sequenceNumber(batch.counters[i]!, arrivalMs), out, at);
    at = writeBytes(ARRIVAL, out, at);
    at = writeAscii(arrivalText, out, at);
    at = writeBytes(DATA, out, at);
    at = writeBase64(batch.data, dataStart, dataEnd, out, at);
    at = writeBytes(PARTITION_KEY, out, at);
    const key = JSON.stringify(batch.keys.slice(keyStart, keyEnd));
    if (isAscii(key)) at = writeAscii(key, out, at);
    else at += encoder.encodeInto(key, out.subarray(at)).written;
    at = writeBytes(encrypted.has(i) ? ENCRYPTED_END : END, out, at);
    keyStart = keyEnd;
    dataStart = dataEnd;
  }
  out[at++] = 0x5d; // ]
  at += encoder.encodeInto(after, out.subarray(at)).written;
  return out.subarray(0, at);
}

const encoder = new TextEncoder();
const SEQUENCE_NUMBER = encoder.encode('{"SequenceNumber":"');
const ARRIVAL = encoder.encode('","ApproximateArrivalTimestamp":');
const DATA = encoder.encode(',"Data":"');
const PARTITION_KEY = encoder.encode('","PartitionKey":');
const END = encoder.encode("}");
const ENCRYPTED_END = encoder.encode(',"EncryptionType":"KMS"}');

/** Writes `bytes` into `out` at `at`; answers where they end. A loop: these are a few dozen bytes. */
function writeBytes(bytes: Uint8Array, out: Uint8Array, at: number): number {
  for (let i = 0; i < bytes.length; i++) out[at++] = bytes[i]!;
  return at;
}

/** Writes `text`, all of whose characters are ASCII, into `out` at `at`; answers where it ends. */
function writeAscii(text: string, out: Uint8Array, at: number): number {
  for (let i = 0; i < text.length; i++) out[at++] = text.charCodeAt(i);
  return at;
}

/**
 * A record's bytes besides its data and its key's characters, with room to spare: members' names and
 * punctuation (about 105), sequence number (56 digits), arrival time (about 15) and the key's quotes.
 */
const RECORD_OVERHEAD = 256;
const BASE64 = Uint8Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", (c) => c.charCodeAt(0));
const PAD = 0x3d; // =

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** `bytes[start, end)` in base64 (standard alphabet, padded), as Uint8Array's toBase64 writes it, into `out` at `at`. */
function writeBase64(bytes: Uint8Array, start: number, end: number, out: Uint8Array, at: number): number {
  let i = start;
  for (; i + 2 < end; i += 3) {
    const group = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out[at] = BASE64[group >>> 18]!;
    out[at + 1] = BASE64[(group >>> 12) & 63]!;
    out[at + 2] = BASE64[(group >>> 6) & 63]!;
    out[at + 3] = BASE64[group & 63]!;
    at += 4;
  }
  if (i + 1 === end) {
    const group = bytes[i]! << 16;
    out[at] = BASE64[group >>> 18]!;
    out[at + 1] = BASE64[(group >>> 12) & 63]!;
    out[at + 2] = PAD;
    out[at + 3] = PAD;
    at += 4;
  } else if (i + 2 === end) {
    const group = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out[at] = BASE64[group >>> 18]!;
    out[at + 1] = BASE64[(group >>> 12) & 63]!;
    out[at + 2] = BASE64[(group >>> 6) & 63]!;
    out[at + 3] = PAD;
    at += 4;
  }
  return at;
}
