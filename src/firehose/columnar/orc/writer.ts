/**
 * Rows to an ORC file (https://orc.apache.org/specification/ORCv1/). No ORC writer exists on npm
 * that runs in workerd, so this is a small one for the types Hive tables have: every primitive,
 * and arrays, maps and structs of them. The file is what a reader expects: "ORC", stripes (their
 * streams, then their footer), the file metadata and footer, the postscript and its length byte.
 *
 * OrcSerDe's options: Compression NONE, ZLIB or SNAPPY (default) in ORC's compression chunks
 * (3-byte headers, 256 KiB chunks); StripeSizeBytes (rows per stripe, estimated from the records'
 * JSON size; a flush holds at most 16 MiB, so the default 64 MiB makes one stripe); FormatVersion
 * V0_11 or V0_12 (the postscript's version; both files use version-1 encodings, which 0.12 readers
 * read too). Not applied: RowIndexStride (no row indexes are written: rowIndexStride 0, which readers
 * accept; they then read stripes whole), BloomFilterColumns, DictionaryKeyThreshold (columns are
 * DIRECT-encoded), BlockSizeBytes, EnablePadding and PaddingTolerance (HDFS layout).
 *
 * Columns are numbered depth-first from the root struct (0), as ORC's types are. A child of a
 * compound column has values only for its parent's non-null values (and an array's or map's
 * entries). Timestamps are seconds from 2015-01-01 UTC (DATA) and nanoseconds (SECONDARY, trailing
 * zeros folded), with the stripes' writer time zone UTC.
 */
import { concatBytes } from "../../../bytes";
import { snappyCompress } from "../../snappy";
import type { OrcSerDe } from "../../shapes.generated";
import type { Column, HiveType } from "../hive-types";
import type { Row, Value } from "../deserialize";
import { BooleanRle, ByteRle, ByteSink, IntegerRle, writeDecimal } from "./encodings";
import { message, text, type Field } from "./protobuf";

const DEFAULT_STRIPE_BYTES = 64 * 1024 * 1024;
const CHUNK_BYTES = 256 * 1024;
/** 2015-01-01T00:00:00Z: ORC's timestamp base, in seconds since the epoch. */
const ORC_EPOCH_SECONDS = 1_420_070_400n;

const KIND = { BOOLEAN: 0, BYTE: 1, SHORT: 2, INT: 3, LONG: 4, FLOAT: 5, DOUBLE: 6, STRING: 7, BINARY: 8, TIMESTAMP: 9, LIST: 10, MAP: 11, STRUCT: 12, DECIMAL: 14, DATE: 15, VARCHAR: 16, CHAR: 17 } as const;
const STREAM = { PRESENT: 0, DATA: 1, LENGTH: 2, SECONDARY: 5 } as const;
const COMPRESSION = { NONE: 0, ZLIB: 1, SNAPPY: 2 } as const;

type Compression = keyof typeof COMPRESSION;

interface Stream {
  column: number;
  kind: number;
  bytes: Uint8Array;
}

/** One column of a stripe: takes values, gives its streams and statistics. */
abstract class ColumnWriter {
  readonly present = new BooleanRle();
  hasNull = false;
  values = 0;
  children: ColumnWriter[] = [];

  constructor(readonly id: number) {}

  add(value: Value): void {
    this.present.add(value !== null);
    if (value === null) {
      this.hasNull = true;
      return;
    }
    this.values += 1;
    this.addValue(value);
  }

  protected abstract addValue(value: Value): void;
  protected abstract dataStreams(): Stream[];

  streams(): Stream[] {
    const own = this.hasNull ? [{ column: this.id, kind: STREAM.PRESENT, bytes: this.present.result() }, ...this.dataStreams()] : this.dataStreams();
    return [...own, ...this.children.flatMap((child) => child.streams())];
  }

  statistics(): Uint8Array[] {
    const own = message([
      { number: 1, varint: this.values },
      { number: 10, varint: this.hasNull ? 1 : 0 },
    ]);
    return [own, ...this.children.flatMap((child) => child.statistics())];
  }
}

class IntegerColumn extends ColumnWriter {
  private readonly data = new IntegerRle(true);
  protected addValue(value: Value): void {
    this.data.add(typeof value === "bigint" ? value : BigInt(value as number));
  }
  protected dataStreams(): Stream[] {
    return [{ column: this.id, kind: STREAM.DATA, bytes: this.data.result() }];
  }
}

class ByteColumn extends ColumnWriter {
  private readonly data = new ByteRle();
  protected addValue(value: Value): void {
    this.data.add(value as number);
  }
  protected dataStreams(): Stream[] {
    this.data.flush();
    return [{ column: this.id, kind: STREAM.DATA, bytes: this.data.sink.result() }];
  }
}

class BooleanColumn extends ColumnWriter {
  private readonly data = new BooleanRle();
  protected addValue(value: Value): void {
    this.data.add(value === true);
  }
  protected dataStreams(): Stream[] {
    return [{ column: this.id, kind: STREAM.DATA, bytes: this.data.result() }];
  }
}

class FloatingColumn extends ColumnWriter {
  private readonly data = new ByteSink();
  private readonly scratch = new DataView(new ArrayBuffer(8));
  constructor(
    id: number,
    private readonly width: 4 | 8,
  ) {
    super(id);
  }
  protected addValue(value: Value): void {
    if (this.width === 4) this.scratch.setFloat32(0, value as number, true);
    else this.scratch.setFloat64(0, value as number, true);
    this.data.bytes(new Uint8Array(this.scratch.buffer, 0, this.width));
  }
  protected dataStreams(): Stream[] {
    return [{ column: this.id, kind: STREAM.DATA, bytes: this.data.result() }];
  }
}

/** Strings and binary, DIRECT: the bytes one after another (DATA) and their lengths (LENGTH). */
class BytesColumn extends ColumnWriter {
  private readonly data = new ByteSink();
  private readonly lengths = new IntegerRle(false);
  private readonly encoder = new TextEncoder();
  protected addValue(value: Value): void {
    const bytes = typeof value === "string" ? this.encoder.encode(value) : (value as Uint8Array);
    this.data.bytes(bytes);
    this.lengths.add(bytes.length);
  }
  protected dataStreams(): Stream[] {
    return [
      { column: this.id, kind: STREAM.DATA, bytes: this.data.result() },
      { column: this.id, kind: STREAM.LENGTH, bytes: this.lengths.result() },
    ];
  }
}

class TimestampColumn extends ColumnWriter {
  private readonly seconds = new IntegerRle(true);
  private readonly nanos = new IntegerRle(false);
  protected addValue(value: Value): void {
    const micros = value as bigint;
    // Seconds truncated toward zero, nanoseconds of the second positive: ORC readers take a second
    // off negative times with nanoseconds, as Java's writer leaves them.
    this.seconds.add(micros / 1_000_000n - ORC_EPOCH_SECONDS);
    this.nanos.add(foldNanos(Number(((micros % 1_000_000n) + 1_000_000n) % 1_000_000n) * 1000));
  }
  protected dataStreams(): Stream[] {
    return [
      { column: this.id, kind: STREAM.DATA, bytes: this.seconds.result() },
      { column: this.id, kind: STREAM.SECONDARY, bytes: this.nanos.result() },
    ];
  }
}

/** ORC's nanosecond encoding: with two or more trailing zeros, they are dropped and counted (minus one) in the low 3 bits. */
function foldNanos(nanos: number): number {
  if (nanos === 0) return 0;
  if (nanos % 100 !== 0) return nanos * 8;
  let value = nanos / 100;
  let zeros = 1;
  while (value % 10 === 0 && zeros < 7) {
    value /= 10;
    zeros += 1;
  }
  return value * 8 + zeros;
}

class DecimalColumn extends ColumnWriter {
  private readonly data = new ByteSink();
  private readonly scales = new IntegerRle(true);
  constructor(
    id: number,
    private readonly scale: number,
  ) {
    super(id);
  }
  protected addValue(value: Value): void {
    writeDecimal(this.data, value as bigint);
    this.scales.add(this.scale);
  }
  protected dataStreams(): Stream[] {
    return [
      { column: this.id, kind: STREAM.DATA, bytes: this.data.result() },
      { column: this.id, kind: STREAM.SECONDARY, bytes: this.scales.result() },
    ];
  }
}

class StructColumn extends ColumnWriter {
  constructor(
    id: number,
    children: ColumnWriter[],
    private readonly names: readonly string[],
  ) {
    super(id);
    this.children = children;
  }
  protected addValue(value: Value): void {
    const struct = value as { [field: string]: Value };
    this.names.forEach((name, index) => this.children[index]?.add(struct[name] ?? null));
  }
  /** The root: every row is a struct, and it has no PRESENT stream. */
  addRow(row: Row): void {
    this.values += 1;
    this.children.forEach((child, index) => child.add(row[index] ?? null));
  }
  protected dataStreams(): Stream[] {
    return [];
  }
}

/** Arrays and maps: each value's entry count (LENGTH), then the entries in the children. */
class RepeatedColumn extends ColumnWriter {
  private readonly lengths = new IntegerRle(false);
  constructor(id: number, children: ColumnWriter[]) {
    super(id);
    this.children = children;
  }
  protected addValue(value: Value): void {
    const entries = value as Value[];
    this.lengths.add(entries.length);
    for (const entry of entries) {
      if (this.children.length === 2) {
        const [key, item] = entry as [Value, Value];
        this.children[0]?.add(key);
        this.children[1]?.add(item);
      } else this.children[0]?.add(entry);
    }
  }
  protected dataStreams(): Stream[] {
    return [{ column: this.id, kind: STREAM.LENGTH, bytes: this.lengths.result() }];
  }
}

/** The ORC types of the schema, depth-first from the root struct, and a way to make a stripe's column writers. */
class Schema {
  readonly types: Uint8Array[] = [];
  private readonly makers: (() => ColumnWriter)[] = [];

  constructor(columns: readonly Column[]) {
    this.struct(columns.map((column) => ({ name: column.name, type: column.type })));
  }

  root(): StructColumn {
    const root = this.make(0);
    if (!(root instanceof StructColumn)) throw new Error("ORC column 0 is not the root struct");
    return root;
  }

  /** Reserves the next column id (its type and writer are set once its children have theirs). */
  private reserve(): number {
    this.types.push(new Uint8Array());
    return this.types.length - 1;
  }

  private struct(fields: { name: string; type: HiveType }[]): number {
    const id = this.reserve();
    const children = fields.map((field) => this.type(field.type));
    this.types[id] = message([
      { number: 1, varint: KIND.STRUCT },
      { number: 2, packed: children },
      ...fields.map((field): Field => ({ number: 3, bytes: text(field.name) })),
    ]);
    const names = fields.map((field) => field.name);
    this.makers[id] = () => new StructColumn(id, children.map((child) => this.make(child)), names);
    return id;
  }

  private make(id: number): ColumnWriter {
    const maker = this.makers[id];
    if (!maker) throw new Error(`ORC column ${id} has no writer`);
    return maker();
  }

  private type(type: HiveType): number {
    if (type.kind === "struct") return this.struct(type.fields);
    const id = this.reserve();
    if (type.kind === "array" || type.kind === "map") {
      const children = type.kind === "array" ? [this.type(type.element)] : [this.type(type.key), this.type(type.value)];
      this.types[id] = message([
        { number: 1, varint: type.kind === "array" ? KIND.LIST : KIND.MAP },
        { number: 2, packed: children },
      ]);
      this.makers[id] = () => new RepeatedColumn(id, children.map((child) => this.make(child)));
      return id;
    }
    const { kind, maker, extra } = primitive(type, id);
    this.types[id] = message([{ number: 1, varint: kind }, ...extra]);
    this.makers[id] = maker;
    return id;
  }
}

function primitive(type: HiveType & { kind: "primitive" }, id: number): { kind: number; maker: () => ColumnWriter; extra: Field[] } {
  switch (type.name) {
    case "boolean":
      return { kind: KIND.BOOLEAN, maker: () => new BooleanColumn(id), extra: [] };
    case "tinyint":
      return { kind: KIND.BYTE, maker: () => new ByteColumn(id), extra: [] };
    case "smallint":
      return { kind: KIND.SHORT, maker: () => new IntegerColumn(id), extra: [] };
    case "int":
      return { kind: KIND.INT, maker: () => new IntegerColumn(id), extra: [] };
    case "bigint":
      return { kind: KIND.LONG, maker: () => new IntegerColumn(id), extra: [] };
    case "date":
      return { kind: KIND.DATE, maker: () => new IntegerColumn(id), extra: [] };
    case "float":
      return { kind: KIND.FLOAT, maker: () => new FloatingColumn(id, 4), extra: [] };
    case "double":
      return { kind: KIND.DOUBLE, maker: () => new FloatingColumn(id, 8), extra: [] };
    case "string":
      return { kind: KIND.STRING, maker: () => new BytesColumn(id), extra: [] };
    case "varchar":
      return { kind: KIND.VARCHAR, maker: () => new BytesColumn(id), extra: [{ number: 4, varint: type.length }] };
    case "char":
      return { kind: KIND.CHAR, maker: () => new BytesColumn(id), extra: [{ number: 4, varint: type.length }] };
    case "binary":
      return { kind: KIND.BINARY, maker: () => new BytesColumn(id), extra: [] };
    case "timestamp":
      return { kind: KIND.TIMESTAMP, maker: () => new TimestampColumn(id), extra: [] };
    case "decimal":
      return {
        kind: KIND.DECIMAL,
        maker: () => new DecimalColumn(id, type.scale),
        extra: [
          { number: 5, varint: type.precision },
          { number: 6, varint: type.scale },
        ],
      };
  }
}

async function deflateRaw(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** ORC's compression framing: chunks of CHUNK_BYTES, each after a 3-byte header (length << 1, or | 1 when kept as it was). */
async function compressed(data: Uint8Array, compression: Compression): Promise<Uint8Array> {
  if (compression === "NONE") return data;
  const parts: Uint8Array[] = [];
  for (let start = 0; start < data.length; start += CHUNK_BYTES) {
    const chunk = data.subarray(start, start + CHUNK_BYTES);
    const packed = compression === "ZLIB" ? await deflateRaw(chunk) : snappyCompress(chunk);
    const original = packed.length >= chunk.length;
    const body = original ? chunk : packed;
    const header = (body.length << 1) | (original ? 1 : 0);
    parts.push(Uint8Array.of(header & 0xff, (header >> 8) & 0xff, (header >> 16) & 0xff), body);
  }
  return concatBytes(parts);
}

export async function writeOrc(columns: readonly Column[], rows: readonly Row[], sourceBytes: number, options: OrcSerDe): Promise<Uint8Array> {
  const compression: Compression = options.Compression ?? "SNAPPY";
  const schema = new Schema(columns);
  const averageRowBytes = Math.max(1, sourceBytes / Math.max(1, rows.length));
  const rowsPerStripe = Math.max(1, Math.floor((options.StripeSizeBytes ?? DEFAULT_STRIPE_BYTES) / averageRowBytes));
  const parts: Uint8Array[] = [text("ORC")];
  let offset = 3;
  const stripes: Uint8Array[] = [];
  const stripeStatistics: Uint8Array[] = [];
  const fileStatistics: { values: number; hasNull: boolean }[] = [];
  for (let start = 0; start < rows.length; start += rowsPerStripe) {
    const root = schema.root();
    for (const row of rows.slice(start, start + rowsPerStripe)) root.addRow(row);
    const streams = root.streams();
    const data = await Promise.all(streams.map((stream) => compressed(stream.bytes, compression)));
    const footer = await compressed(
      message([
        ...streams.map((stream, index): Field => ({
          number: 1,
          bytes: message([
            { number: 1, varint: stream.kind },
            { number: 2, varint: stream.column },
            { number: 3, varint: data[index]?.length ?? 0 },
          ]),
        })),
        ...schema.types.map((): Field => ({ number: 2, bytes: message([{ number: 1, varint: 0 }]) })),
        { number: 3, bytes: text("UTC") },
      ]),
      compression,
    );
    const dataLength = data.reduce((sum, part) => sum + part.length, 0);
    const stripeRows = Math.min(rowsPerStripe, rows.length - start);
    stripes.push(
      message([
        { number: 1, varint: offset },
        { number: 2, varint: 0 },
        { number: 3, varint: dataLength },
        { number: 4, varint: footer.length },
        { number: 5, varint: stripeRows },
      ]),
    );
    parts.push(...data, footer);
    offset += dataLength + footer.length;
    const statistics = root.statistics();
    stripeStatistics.push(message(statistics.map((bytes): Field => ({ number: 1, bytes }))));
    collectFileStatistics(root, fileStatistics);
  }
  const metadata = await compressed(message(stripeStatistics.map((bytes): Field => ({ number: 1, bytes }))), compression);
  const footer = await compressed(
    message([
      { number: 1, varint: 3 },
      { number: 2, varint: offset - 3 },
      ...stripes.map((bytes): Field => ({ number: 3, bytes })),
      ...schema.types.map((bytes): Field => ({ number: 4, bytes })),
      { number: 6, varint: rows.length },
      ...schema.types.map(
        (_type, id): Field => ({
          number: 7,
          bytes: message([
            { number: 1, varint: fileStatistics[id]?.values ?? 0 },
            { number: 10, varint: fileStatistics[id]?.hasNull ? 1 : 0 },
          ]),
        }),
      ),
      { number: 8, varint: 0 },
    ]),
    compression,
  );
  const version = options.FormatVersion === "V0_11" ? [0, 11] : [0, 12];
  const postscript = message([
    { number: 1, varint: footer.length },
    { number: 2, varint: COMPRESSION[compression] },
    { number: 3, varint: CHUNK_BYTES },
    { number: 4, packed: version },
    { number: 5, varint: metadata.length },
    // writerVersion 1: HIVE-8732 fixed (the statistics of strings and decimals can be trusted).
    { number: 6, varint: 1 },
    { number: 8000, bytes: text("ORC") },
  ]);
  if (postscript.length > 255) throw new Error("ORC postscript longer than 255 bytes");
  parts.push(metadata, footer, postscript, Uint8Array.of(postscript.length));
  return concatBytes(parts);
}

function collectFileStatistics(column: ColumnWriter, into: { values: number; hasNull: boolean }[]): void {
  const entry = (into[column.id] ??= { values: 0, hasNull: false });
  entry.values += column.values;
  entry.hasNull ||= column.hasNull;
  for (const child of column.children) collectFileStatistics(child, into);
}

