/**
 * A reader of ORC files for the tests, written from the specification
 * (https://orc.apache.org/specification/ORCv1/) and sharing no ORC code with src/: no ORC reader runs
 * here offline (npm has none, PyPI and Maven are out of reach), so the delivered files are checked
 * against the specification by this one. It reads what version-1 encodings can hold: integer RLE v1
 * (runs and literals), byte and boolean RLE, DIRECT strings, every primitive, lists, maps and
 * structs, NONE/ZLIB/SNAPPY compression. Snappy blocks are decoded by hyparquet's decoder.
 */
import { snappyUncompress } from "hyparquet";
import { concatBytes } from "../../../src/bytes";

type Proto = Map<number, (bigint | Uint8Array)[]>;

function readVarint(bytes: Uint8Array, position: { at: number }): bigint {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    const byte = bytes[position.at++];
    if (byte === undefined) throw new Error("ORC: truncated varint");
    result |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return result;
    shift += 7n;
  }
}

function decodeProto(bytes: Uint8Array): Proto {
  const fields: Proto = new Map();
  const position = { at: 0 };
  while (position.at < bytes.length) {
    const key = Number(readVarint(bytes, position));
    const number = key >> 3;
    const wire = key & 7;
    let value: bigint | Uint8Array;
    if (wire === 0) value = readVarint(bytes, position);
    else if (wire === 2) {
      const length = Number(readVarint(bytes, position));
      value = bytes.subarray(position.at, position.at + length);
      position.at += length;
    } else throw new Error(`ORC: unexpected protobuf wire type ${wire}`);
    fields.set(number, [...(fields.get(number) ?? []), value]);
  }
  return fields;
}

const num = (proto: Proto, field: number, fallback = 0): number => {
  const value = proto.get(field)?.[0];
  return typeof value === "bigint" ? Number(value) : fallback;
};
const msgs = (proto: Proto, field: number): Proto[] => (proto.get(field) ?? []).filter((v): v is Uint8Array => v instanceof Uint8Array).map(decodeProto);
const str = (value: bigint | Uint8Array | undefined) => (value instanceof Uint8Array ? new TextDecoder().decode(value) : "");
/** A repeated uint32, packed or not. */
function uints(proto: Proto, field: number): number[] {
  const out: number[] = [];
  for (const value of proto.get(field) ?? []) {
    if (typeof value === "bigint") out.push(Number(value));
    else {
      const position = { at: 0 };
      while (position.at < value.length) out.push(Number(readVarint(value, position)));
    }
  }
  return out;
}

async function inflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function decompress(data: Uint8Array, kind: number): Promise<Uint8Array> {
  if (kind === 0) return data;
  const parts: Uint8Array[] = [];
  let at = 0;
  while (at < data.length) {
    const header = (data[at] ?? 0) | ((data[at + 1] ?? 0) << 8) | ((data[at + 2] ?? 0) << 16);
    at += 3;
    const length = header >> 1;
    const chunk = data.subarray(at, at + length);
    at += length;
    if (header & 1) parts.push(chunk);
    else if (kind === 1) parts.push(await inflateRaw(chunk));
    else if (kind === 2) {
      const position = { at: 0 };
      const size = Number(readVarint(chunk, position));
      const out = new Uint8Array(size);
      snappyUncompress(chunk, out);
      parts.push(out);
    } else throw new Error(`ORC: compression ${kind} not read here`);
  }
  return concatBytes(parts);
}

const unzigzag = (value: bigint): bigint => (value & 1n ? -((value + 1n) >> 1n) : value >> 1n);

function integerRleV1(bytes: Uint8Array, signed: boolean): bigint[] {
  const out: bigint[] = [];
  const position = { at: 0 };
  while (position.at < bytes.length) {
    const control = (bytes[position.at++] ?? 0) << 24 >> 24;
    if (control >= 0) {
      const delta = BigInt((bytes[position.at++] ?? 0) << 24 >> 24);
      let value = readVarint(bytes, position);
      if (signed) value = unzigzag(value);
      for (let i = 0; i < control + 3; i++) out.push(value + BigInt(i) * delta);
    } else {
      for (let i = 0; i < -control; i++) {
        const value = readVarint(bytes, position);
        out.push(signed ? unzigzag(value) : value);
      }
    }
  }
  return out;
}

function byteRle(bytes: Uint8Array): number[] {
  const out: number[] = [];
  let at = 0;
  while (at < bytes.length) {
    const control = (bytes[at++] ?? 0) << 24 >> 24;
    if (control >= 0) {
      const value = bytes[at++] ?? 0;
      for (let i = 0; i < control + 3; i++) out.push(value);
    } else for (let i = 0; i < -control; i++) out.push(bytes[at++] ?? 0);
  }
  return out;
}

function booleans(bytes: Uint8Array, count: number): boolean[] {
  const out: boolean[] = [];
  for (const byte of byteRle(bytes)) for (let bit = 7; bit >= 0 && out.length < count; bit--) out.push(((byte >> bit) & 1) === 1);
  return out;
}

export interface OrcType {
  kind: number;
  subtypes: number[];
  fieldNames: string[];
  precision: number;
  scale: number;
}

export interface OrcFile {
  compression: number;
  version: number[];
  rows: number;
  types: OrcType[];
  stripes: number;
  /** Rows as objects of the root struct's fields: timestamps as Date plus nanos, decimals as strings, binary as bytes. */
  records: Record<string, unknown>[];
}

const TYPE_NAMES = ["boolean", "byte", "short", "int", "long", "float", "double", "string", "binary", "timestamp", "list", "map", "struct", "union", "decimal", "date", "varchar", "char"];
export const orcTypeName = (kind: number) => TYPE_NAMES[kind] ?? `kind ${kind}`;

export async function readOrc(file: Uint8Array): Promise<OrcFile> {
  if (new TextDecoder().decode(file.subarray(0, 3)) !== "ORC") throw new Error("ORC: no magic");
  const psLength = file[file.length - 1] ?? 0;
  const postscript = decodeProto(file.subarray(file.length - 1 - psLength, file.length - 1));
  if (str(postscript.get(8000)?.[0]) !== "ORC") throw new Error("ORC: postscript magic missing");
  const compression = num(postscript, 2);
  const footerLength = num(postscript, 1);
  const footerEnd = file.length - 1 - psLength;
  const footer = decodeProto(await decompress(file.subarray(footerEnd - footerLength, footerEnd), compression));
  const types: OrcType[] = msgs(footer, 4).map((type) => ({
    kind: num(type, 1),
    subtypes: uints(type, 2),
    fieldNames: (type.get(3) ?? []).map(str),
    precision: num(type, 5),
    scale: num(type, 6),
  }));
  const records: Record<string, unknown>[] = [];
  const stripes = msgs(footer, 3);
  for (const stripe of stripes) {
    const offset = num(stripe, 1);
    const indexLength = num(stripe, 2);
    const dataLength = num(stripe, 3);
    const stripeFooterLength = num(stripe, 4);
    const stripeRows = num(stripe, 5);
    const footerStart = offset + indexLength + dataLength;
    const stripeFooter = decodeProto(await decompress(file.subarray(footerStart, footerStart + stripeFooterLength), compression));
    const streams = new Map<string, Uint8Array>();
    let at = offset;
    for (const stream of msgs(stripeFooter, 1)) {
      const length = num(stream, 3);
      streams.set(`${num(stream, 2)}:${num(stream, 1)}`, await decompress(file.subarray(at, at + length), compression));
      at += length;
    }
    const read = (column: number, count: number): unknown[] => readColumn(types, streams, column, count);
    const root = types[0];
    if (!root) throw new Error("ORC: no types");
    const columns = root.subtypes.map((child) => read(child, stripeRows));
    for (let row = 0; row < stripeRows; row++) {
      records.push(Object.fromEntries(root.fieldNames.map((name, index) => [name, columns[index]?.[row]])));
    }
  }
  return { compression, version: uints(postscript, 4), rows: num(footer, 6), types, stripes: stripes.length, records };
}

/** `count` values of `column` (nulls included), reading its streams from the start. */
function readColumn(types: OrcType[], streams: Map<string, Uint8Array>, column: number, count: number): unknown[] {
  const type = types[column];
  if (!type) throw new Error(`ORC: no type ${column}`);
  const stream = (kind: number) => streams.get(`${column}:${kind}`) ?? new Uint8Array();
  const present = streams.has(`${column}:0`) ? booleans(stream(0), count) : Array.from({ length: count }, () => true);
  const values = present.filter(Boolean).length;
  let decoded: unknown[];
  switch (type.kind) {
    case 0:
      decoded = booleans(stream(1), values);
      break;
    case 1:
      decoded = byteRle(stream(1)).map((byte) => (byte << 24) >> 24);
      break;
    case 2:
    case 3:
    case 15:
      decoded = integerRleV1(stream(1), true).map(Number);
      break;
    case 4:
      decoded = integerRleV1(stream(1), true);
      break;
    case 5:
    case 6: {
      const data = stream(1);
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      const width = type.kind === 5 ? 4 : 8;
      decoded = Array.from({ length: values }, (_, i) => (width === 4 ? view.getFloat32(i * 4, true) : view.getFloat64(i * 8, true)));
      break;
    }
    case 7:
    case 8:
    case 16:
    case 17: {
      const data = stream(1);
      let at = 0;
      decoded = integerRleV1(stream(2), false).map((length) => {
        const bytes = data.subarray(at, at + Number(length));
        at += Number(length);
        return type.kind === 8 ? bytes : new TextDecoder().decode(bytes);
      });
      break;
    }
    case 9: {
      const seconds = integerRleV1(stream(1), true);
      const nanos = integerRleV1(stream(5), false).map((value) => {
        const zeros = Number(value & 7n);
        const base = Number(value >> 3n);
        return zeros === 0 ? base : base * 10 ** (zeros + 1);
      });
      decoded = seconds.map((second, i) => {
        const nano = nanos[i] ?? 0;
        let millis = (Number(second) + 1_420_070_400) * 1000;
        if (millis < 0 && nano > 999_999) millis -= 1000;
        return { date: new Date(millis + Math.floor(nano / 1_000_000)), nanos: nano };
      });
      break;
    }
    case 14: {
      const data = stream(1);
      const position = { at: 0 };
      const scales = integerRleV1(stream(5), true);
      decoded = Array.from({ length: values }, (_, i) => {
        const unscaled = unzigzag(readVarint(data, position));
        const scale = Number(scales[i] ?? 0);
        const negative = unscaled < 0n;
        const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, "0");
        const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        return negative ? `-${text}` : text;
      });
      break;
    }
    case 10:
    case 11: {
      const lengths = integerRleV1(stream(2), false).map(Number);
      const total = lengths.reduce((sum, length) => sum + length, 0);
      const children = type.subtypes.map((child) => readColumn(types, streams, child, total));
      let at = 0;
      decoded = lengths.map((length) => {
        const entries = Array.from({ length }, (_, i) => (type.kind === 10 ? children[0]?.[at + i] : [children[0]?.[at + i], children[1]?.[at + i]]));
        at += length;
        return type.kind === 10 ? entries : Object.fromEntries(entries as [string, unknown][]);
      });
      break;
    }
    case 12: {
      const children = type.subtypes.map((child) => readColumn(types, streams, child, values));
      decoded = Array.from({ length: values }, (_, i) => Object.fromEntries(type.fieldNames.map((name, index) => [name, children[index]?.[i]])));
      break;
    }
    default:
      throw new Error(`ORC: type ${type.kind} not read here`);
  }
  let next = 0;
  return present.map((isPresent) => (isPresent ? decoded[next++] : null));
}
