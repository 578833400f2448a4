/**
 * Runtime values. One JavaScript representation per SQL type, chosen for speed:
 *   NULL -> null; BOOLEAN -> boolean; every numeric type -> number; CHAR/VARCHAR -> string;
 *   BINARY/VARBINARY -> Uint8Array; TIMESTAMP -> milliseconds since the epoch (UTC); DATE -> the
 *   milliseconds of its midnight (UTC); TIME -> milliseconds since midnight; INTERVAL -> milliseconds;
 *   ROW -> an array of its fields' values.
 *
 * Gaps: BIGINT is exact only up to 2^53 and DECIMAL is binary floating point rounded to its scale when
 * stored (AWS keeps 19 exact digits); REAL has DOUBLE's precision. Times have millisecond precision, as
 * AWS's do.
 */

export type SqlValue = null | boolean | number | string | Uint8Array | SqlValue[];

/** A row inside the engine: index 0 is its ROWTIME, then its columns. */
export type Row = SqlValue[];

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** Orders two non-null values of comparable types (the compiler guarantees the types match). */
export function compareValues(a: SqlValue, b: SqlValue): number {
  if (typeof a === "number" && typeof b === "number") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === "boolean" && typeof b === "boolean") return a === b ? 0 : a ? 1 : -1;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const d = (a[i] ?? 0) - (b[i] ?? 0);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return a.length - b.length;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a[i] ?? null;
      const y = b[i] ?? null;
      if (x === null || y === null) {
        if (x !== y) return x === null ? 1 : -1;
        continue;
      }
      const d = compareValues(x, y);
      if (d !== 0) return d;
    }
    return a.length - b.length;
  }
  // Mixed representations only reach here through a compiler bug; order them stably anyway.
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** Equality as GROUP BY and PARTITION BY see it: NULL equals NULL (IS NOT DISTINCT FROM). */
export function valuesEqual(a: SqlValue, b: SqlValue): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  return compareValues(a, b) === 0;
}

/**
 * A string that is equal for equal key tuples and different otherwise, for Map lookups. Each value is
 * tagged with its representation and strings are length-prefixed, so no two tuples collide.
 */
export function encodeKey(values: readonly SqlValue[]): string {
  let out = "";
  for (const v of values) out += encodeKeyPart(v);
  return out;
}

export function encodeKeyPart(v: SqlValue): string {
  if (v === null) return "n;";
  switch (typeof v) {
    case "number":
      return `d${v};`;
    case "string":
      return `s${v.length}:${v}`;
    case "boolean":
      return v ? "t;" : "f;";
    default:
      if (v instanceof Uint8Array) return `b${toHex(v)};`;
      return `r${v.length}[${encodeKey(v)}]`;
  }
}

/**
 * A Map key for one value: the value itself when it is a primitive (Maps already tell 1, "1" and null
 * apart), an encoding otherwise. Saves building strings for the common single-key GROUP BY.
 */
export function singleKey(v: SqlValue): string | number | boolean | null {
  if (v === null || typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return encodeKeyPart(v);
}

const HEX = "0123456789abcdef";

export function toHex(bytes: Uint8Array): string {
  let out = "";
  for (const b of bytes) out += (HEX[b >> 4] ?? "0") + (HEX[b & 15] ?? "0");
  return out;
}

/** The text of a string as UTF-8 bytes in hex, as error_stream's DATA_ROW holds rows. */
export function utf8Hex(text: string): string {
  return toHex(new TextEncoder().encode(text));
}

/** Values in a snapshot: JSON cannot hold bytes or non-finite numbers, so those are wrapped. */
export function encodeValue(v: SqlValue): JsonValue {
  if (typeof v === "number") {
    return Number.isFinite(v) ? v : { $num: String(v) };
  }
  if (v instanceof Uint8Array) return { $bin: toHex(v) };
  if (Array.isArray(v)) return v.map(encodeValue);
  return v;
}

export function decodeValue(j: JsonValue): SqlValue {
  if (j === null || typeof j === "boolean" || typeof j === "number" || typeof j === "string") return j;
  if (Array.isArray(j)) return j.map(decodeValue);
  const num = j["$num"];
  if (typeof num === "string") return Number(num);
  const bin = j["$bin"];
  if (typeof bin === "string") return fromHex(bin);
  throw new Error("Not an encoded SQL value");
}

export function encodeRow(row: readonly SqlValue[]): JsonValue[] {
  return row.map(encodeValue);
}

export function decodeRow(j: JsonValue): SqlValue[] {
  if (!Array.isArray(j)) throw new Error("Not an encoded row");
  return j.map(decodeValue);
}

export function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Reads a field of a snapshot object, refusing anything that is not one. */
export function field(state: JsonValue, name: string): JsonValue {
  if (state === null || typeof state !== "object" || Array.isArray(state)) throw new Error("Snapshot state is not an object");
  const v = state[name];
  if (v === undefined) throw new Error(`Snapshot state has no ${name}`);
  return v;
}

export function asArray(state: JsonValue): JsonValue[] {
  if (!Array.isArray(state)) throw new Error("Snapshot state is not an array");
  return state;
}

export function asNumber(state: JsonValue): number {
  if (typeof state !== "number") throw new Error("Snapshot state is not a number");
  return state;
}
