/**
 * Avro object container files (https://avro.apache.org/docs/1.11.1/specification/, "Object
 * Container Files"), as Iceberg's manifests and manifest lists are: a header (magic, metadata with
 * the schema, a sync marker), then blocks of records. Written uncompressed (codec "null"), one
 * block. Read back too, so a commit can carry the manifests of the snapshot before it. Covers the
 * types Iceberg's manifest schemas use: null, boolean, int, long, bytes, string, records, arrays,
 * maps and unions.
 */
import { concatBytes } from "../../bytes";

export type AvroType =
  | "null"
  | "boolean"
  | "int"
  | "long"
  | "bytes"
  | "string"
  | AvroType[]
  | { type: "record"; name: string; fields: AvroField[] }
  | { type: "array"; items: AvroType; "element-id"?: number }
  | { type: "map"; values: AvroType };

export interface AvroField {
  name: string;
  type: AvroType;
  "field-id"?: number;
  default?: null;
}

export type AvroValue = null | boolean | number | bigint | string | Uint8Array | AvroValue[] | { [key: string]: AvroValue };

class Writer {
  private parts: Uint8Array[] = [];
  private readonly encoder = new TextEncoder();

  long(value: number | bigint): void {
    let n = BigInt(value);
    n = n >= 0n ? n << 1n : (-n << 1n) - 1n;
    const out: number[] = [];
    do {
      const byte = Number(n & 0x7fn);
      n >>= 7n;
      out.push(n === 0n ? byte : byte | 0x80);
    } while (n !== 0n);
    this.parts.push(Uint8Array.from(out));
  }

  bytes(value: Uint8Array): void {
    this.long(value.length);
    this.parts.push(value);
  }

  raw(value: Uint8Array): void {
    this.parts.push(value);
  }

  string(value: string): void {
    this.bytes(this.encoder.encode(value));
  }

  value(type: AvroType, value: AvroValue): void {
    if (Array.isArray(type)) {
      // A union: the first branch the value fits (null for null).
      const index = type.findIndex((branch) => (value === null ? branch === "null" : branch !== "null"));
      if (index === -1) throw new Error(`Avro: no branch of ${JSON.stringify(type)} takes ${String(value)}`);
      this.long(index);
      this.value(type[index] as AvroType, value);
      return;
    }
    if (typeof type === "string") {
      switch (type) {
        case "null":
          return;
        case "boolean":
          this.raw(Uint8Array.of(value === true ? 1 : 0));
          return;
        case "int":
        case "long":
          this.long(value as number | bigint);
          return;
        case "bytes":
          this.bytes(value as Uint8Array);
          return;
        case "string":
          this.string(value as string);
          return;
      }
    }
    switch (type.type) {
      case "record": {
        const record = value as { [key: string]: AvroValue };
        for (const field of type.fields) this.value(field.type, record[field.name] ?? null);
        return;
      }
      case "array": {
        const items = value as AvroValue[];
        if (items.length > 0) {
          this.long(items.length);
          for (const item of items) this.value(type.items, item);
        }
        this.long(0);
        return;
      }
      case "map": {
        const entries = Object.entries(value as { [key: string]: AvroValue });
        if (entries.length > 0) {
          this.long(entries.length);
          for (const [key, item] of entries) {
            this.string(key);
            this.value(type.values, item);
          }
        }
        this.long(0);
        return;
      }
    }
  }

  result(): Uint8Array {
    return concatBytes(this.parts);
  }
}

const MAGIC = Uint8Array.of(0x4f, 0x62, 0x6a, 0x01);

/** An object container file of `records`, with `metadata` beside the schema in its header. */
export function writeAvroFile(schema: AvroType, records: readonly AvroValue[], metadata: Record<string, string>, sync: Uint8Array): Uint8Array {
  const header = new Writer();
  header.raw(MAGIC);
  const entries = Object.entries({ ...metadata, "avro.schema": JSON.stringify(schema), "avro.codec": "null" });
  header.long(entries.length);
  for (const [key, value] of entries) {
    header.string(key);
    header.string(value);
  }
  header.long(0);
  header.raw(sync);
  const body = new Writer();
  for (const record of records) body.value(schema, record);
  const block = body.result();
  const file = new Writer();
  file.raw(header.result());
  if (records.length > 0) {
    file.long(records.length);
    file.bytes(block);
    file.raw(sync);
  }
  return file.result();
}

class Reader {
  at = 0;
  private readonly decoder = new TextDecoder();
  constructor(private readonly data: Uint8Array) {}

  long(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.data[this.at++];
      if (byte === undefined) throw new Error("Avro: truncated");
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) break;
      shift += 7n;
    }
    return result & 1n ? -((result + 1n) >> 1n) : result >> 1n;
  }

  bytes(): Uint8Array {
    const length = Number(this.long());
    const out = this.data.subarray(this.at, this.at + length);
    this.at += length;
    return out;
  }

  string(): string {
    return this.decoder.decode(this.bytes());
  }

  value(type: AvroType): AvroValue {
    if (Array.isArray(type)) return this.value(type[Number(this.long())] ?? "null");
    if (typeof type === "string") {
      switch (type) {
        case "null":
          return null;
        case "boolean":
          return this.data[this.at++] === 1;
        case "int":
          return Number(this.long());
        case "long":
          return this.long();
        case "bytes":
          return this.bytes().slice();
        case "string":
          return this.string();
      }
    }
    switch (type.type) {
      case "record":
        return Object.fromEntries(type.fields.map((field) => [field.name, this.value(field.type)]));
      case "array": {
        const items: AvroValue[] = [];
        for (let count = this.blockCount(); count !== 0n; count = this.blockCount()) for (let i = 0n; i < count; i++) items.push(this.value(type.items));
        return items;
      }
      case "map": {
        const map: { [key: string]: AvroValue } = {};
        for (let count = this.blockCount(); count !== 0n; count = this.blockCount()) {
          for (let i = 0n; i < count; i++) map[this.string()] = this.value(type.values);
        }
        return map;
      }
    }
  }

  /** A block's item count; a negative count is followed by the block's size in bytes. */
  private blockCount(): bigint {
    const count = this.long();
    if (count >= 0n) return count;
    this.long();
    return -count;
  }
}

/** The records of an object container file (uncompressed), read with the schema in its header. */
export function readAvroFile(data: Uint8Array): { metadata: Record<string, string>; records: AvroValue[] } {
  if (!MAGIC.every((byte, i) => data[i] === byte)) throw new Error("Avro: not an object container file");
  const reader = new Reader(data);
  reader.at = MAGIC.length;
  const metadata: Record<string, string> = {};
  for (let count = reader.long(); count !== 0n; count = reader.long()) {
    if (count < 0n) reader.long();
    for (let i = 0n; i < (count < 0n ? -count : count); i++) metadata[reader.string()] = reader.string();
  }
  const codec = metadata["avro.codec"] ?? "null";
  if (codec !== "null") throw new Error(`Avro: codec ${codec} is not read here`);
  const schema = JSON.parse(metadata["avro.schema"] ?? '"null"') as AvroType;
  reader.at += 16;
  const records: AvroValue[] = [];
  while (reader.at < data.length) {
    const count = reader.long();
    reader.long();
    for (let i = 0n; i < count; i++) records.push(reader.value(schema));
    reader.at += 16;
  }
  return { metadata, records };
}
