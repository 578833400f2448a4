/**
 * Inputs for the fuzz suite, derived from the generated input shapes (src/* /shapes.generated.ts):
 * a valid value of any shape (enums, patterns, lengths and ranges kept; named members steered to
 * the suite's fixtures by hints), and that value broken in one place, in one of the ways clients
 * break requests: a wrong JSON type, a required member left out, a length or number out of range,
 * an enum or pattern broken, odd unicode, a huge string, deep nesting, nulls and unknown members,
 * or a body that is not the object at all (bad JSON, CBOR, a scalar, past the size limit).
 */
import fc from "fast-check";
import { encodeCbor } from "../../../src/aws/cbor";
import type { Shape, StringShape, StructureShape } from "../../../src/aws/validate";
import { MAX_REQUEST_BYTES } from "../../../src/limits";

export const AMZ_JSON = "application/x-amz-json-1.1";
export const AMZ_CBOR = "application/x-amz-cbor-1.1";

/** Values for members by name (StreamName, ShardIterator, ...): what the fixtures answer to. */
export type Hints = Readonly<Record<string, fc.Arbitrary<unknown>>>;

/** One request body, and what was done to it (shown with a failing input). */
export interface FuzzBody {
  mutation: string;
  contentType: string;
  body: string | Uint8Array;
}

/** Strings no client means, each a different way of being odd. */
export const ODD_UNICODE = [
  "\ud800",
  "a\udfffb",
  "\ud83d",
  "\u0000",
  "nul\u0000inside",
  "\u202eevil",
  "line\u2028separator",
  "\uffff\ufffe",
  "\ufeffbom",
  "e\u0301\u0301\u0301",
  "🏳️‍🌈👩‍👩‍👧‍👦",
  "\u{10ffff}",
  "İıßſ",
  "日本語のストリーム",
  "tab\there",
  "new\nline",
  "'quote\"",
  "%00%2F..%2F",
  "<script>alert(1)</script>",
  "${jndi:ldap://x}",
  "!{firehose:random-string}",
];

/** The odd strings a URL can carry (lone surrogates cannot be percent-encoded). */
export const ODD_UNICODE_FOR_URLS = ODD_UNICODE.filter((text) => text.isWellFormed());

const ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const MAX_DEPTH = 6;

// ---------------------------------------------------------------------------------------------
// Valid values

function lengthBounds(shape: { min?: number; max?: number }, cap: number): { minLength: number; maxLength: number } {
  const minLength = shape.min ?? 0;
  return { minLength, maxLength: Math.max(minLength, Math.min(shape.max ?? cap, minLength + cap)) };
}

function validString(shape: StringShape): fc.Arbitrary<string> {
  if (shape.enum) return fc.constantFrom(...shape.enum);
  const { minLength, maxLength } = lengthBounds(shape, 40);
  if (shape.regex) {
    // Not filtered to the length bounds: some patterns (a 256-character key of base64 quadruples)
    // would take a filter forever. A string of the wrong length is just one more invalid input.
    const size = minLength <= 8 ? "small" : minLength <= 80 ? "medium" : "large";
    try {
      return fc.stringMatching(shape.regex, { size });
    } catch {
      // A pattern fast-check cannot read: plain strings, of which some match.
    }
  }
  return fc.string({ minLength, maxLength, unit: fc.constantFrom(...ALNUM) });
}

function integerRange(shape: { type: string; min?: number; max?: number }): { min: number; max: number } {
  const wide = shape.type === "long" ? Number.MAX_SAFE_INTEGER : 2 ** 31 - 1;
  return { min: shape.min ?? -wide, max: shape.max ?? wide };
}

/** A value `shape` accepts; members named in `hints` take the hint's values half the time. */
export function validValue(shape: Shape, hints: Hints, name = "", depth = 0): fc.Arbitrary<unknown> {
  const hint = hints[name];
  const own = ownValidValue(shape, hints, depth);
  return hint ? fc.oneof({ arbitrary: hint, weight: 3 }, { arbitrary: own, weight: 1 }) : own;
}

function ownValidValue(shape: Shape, hints: Hints, depth: number): fc.Arbitrary<unknown> {
  switch (shape.type) {
    case "string":
      return validString(shape);
    case "integer":
    case "long": {
      const { min, max } = integerRange(shape);
      // Mostly small values near the lower bound, where the meaningful ones are.
      return fc.oneof({ arbitrary: fc.integer({ min, max: Math.min(max, min + 100) }), weight: 3 }, fc.integer({ min, max }));
    }
    case "float":
    case "double":
      return fc.double({ min: shape.min ?? -1e6, max: shape.max ?? 1e6, noNaN: true, noDefaultInfinity: true });
    case "boolean":
      return fc.boolean();
    case "blob": {
      const { minLength, maxLength } = lengthBounds(shape, 64);
      return fc.uint8Array({ minLength, maxLength }).map((bytes) => bytes.toBase64());
    }
    case "timestamp":
      // Epoch seconds (AWS JSON), around now.
      return fc.integer({ min: -86_400 * 30, max: 3600 }).map((offset) => Math.floor(Date.now() / 1000) + offset);
    case "list": {
      const { minLength, maxLength } = lengthBounds(shape, 3);
      return depth > MAX_DEPTH ? fc.constant([]) : fc.array(validValue(shape.member, hints, "", depth + 1), { minLength, maxLength });
    }
    case "map": {
      const { minLength, maxLength } = lengthBounds(shape, 3);
      return fc
        .uniqueArray(fc.tuple(validString(shape.key), validValue(shape.value, hints, "", depth + 1)), {
          minLength,
          maxLength,
          selector: ([key]) => key,
        })
        .map((entries) => Object.fromEntries(entries));
    }
    case "structure":
      return validStructure(shape, hints, depth);
  }
}

/** Required members always; each optional member present or not. Deep optional structures are left out. */
export function validStructure(shape: StructureShape, hints: Hints, depth = 0): fc.Arbitrary<Record<string, unknown>> {
  const members = shape.members.filter((member) => member.required || depth <= MAX_DEPTH);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const member of members) model[member.name] = validValue(member.shape, hints, member.name, depth + 1);
  return fc.record(model, { requiredKeys: members.filter((member) => member.required).map((member) => member.name) });
}

// ---------------------------------------------------------------------------------------------
// Where a value can be broken

type Path = readonly (string | number)[];

interface Position {
  path: Path;
  shape: Shape;
  /** The structure member at this position is required (so leaving it out is a mutation). */
  required: boolean;
}

/** Every place in `value` (of `shape`) a mutation can go, members not present included. */
function positions(shape: Shape, value: unknown, path: Path = [], required = true): Position[] {
  const here: Position[] = path.length === 0 ? [] : [{ path, shape, required }];
  if (shape.type === "structure") {
    const record = isRecord(value) ? value : {};
    return [...here, ...shape.members.flatMap((member) => positions(member.shape, record[member.name], [...path, member.name], member.required === true))];
  }
  if (shape.type === "list" && Array.isArray(value)) {
    return [...here, ...value.flatMap((item, index) => positions(shape.member, item, [...path, index], false))];
  }
  if (shape.type === "map" && isRecord(value)) {
    return [...here, ...Object.entries(value).flatMap(([key, item]) => positions(shape.value, item, [...path, key], false))];
  }
  return here;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A copy of `root` with the value at `path` replaced (or removed, for REMOVE). */
const REMOVE = Symbol("remove");
function replaced(root: unknown, path: Path, replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  if (typeof head === "number") {
    const list = Array.isArray(root) ? [...(root as unknown[])] : [];
    list[head] = replaced(list[head], rest, replacement);
    return list;
  }
  const record: Record<string, unknown> = isRecord(root) ? { ...root } : {};
  const next = replaced(record[head], rest, replacement);
  if (next === REMOVE) delete record[head];
  else Object.defineProperty(record, head, { value: next, enumerable: true, writable: true, configurable: true });
  return record;
}

// ---------------------------------------------------------------------------------------------
// Mutations of one place

const WRONG_TYPES: Record<Shape["type"], unknown[]> = {
  string: [true, 23, -1.5, [], {}, ["a"], { a: "b" }],
  integer: ["23", true, [], {}, "NaN", "1e3"],
  long: ["23", true, [], {}],
  float: ["1.5", true, [], {}],
  double: ["1.5", true, [], {}],
  boolean: ["maybe", 23, 0, 1.5, [], {}],
  blob: [true, 23, [], {}, "not base64!", "abc", "====", "+/+=", "QQ"],
  timestamp: ["2020-01-01T00:00:00Z", true, [], {}, "now"],
  list: ["x", 1, true, {}, { 0: "a" }],
  map: ["x", 1, true, [], [["k", "v"]]],
  structure: ["x", 1, true, [], [{}]],
};

/** Marks where deep nesting goes in the serialized text (JSON.stringify would recurse through it). */
const DEEP = "fuzz:deep-nesting:";
/** Marks JSON text that no JavaScript value serializes to (1e400 parses as Infinity). */
const RAW = "fuzz:raw:";

/** Numbers past what any number or date holds: epoch seconds beyond the last Date, and beyond a double. */
const EXTREME_NUMBERS = [1e20, -1e20, 8.64e12 + 1, -8.64e12 - 1, `${RAW}1e400`, `${RAW}-1e400`, `${RAW}123456789012345678901234567890`, `${RAW}-0.0e-400`];

function outOfRange(shape: Shape, hints: Hints): fc.Arbitrary<unknown> {
  switch (shape.type) {
    case "string": {
      const options: fc.Arbitrary<unknown>[] = [fc.constant("")];
      if (shape.max !== undefined) options.push(fc.integer({ min: shape.max + 1, max: shape.max + 50 }).map((n) => "a".repeat(n)));
      if (shape.min !== undefined && shape.min > 1) options.push(fc.constant("a".repeat(shape.min - 1)));
      return fc.oneof(...options);
    }
    case "integer":
    case "long":
    case "float":
    case "double": {
      const limits: unknown[] = [2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 1, -(2 ** 63), 1e300, -1e300, 0.5, -0, 4.9e-324, ...EXTREME_NUMBERS];
      if (shape.min !== undefined) limits.push(shape.min - 1);
      if (shape.max !== undefined) limits.push(shape.max + 1);
      return fc.constantFrom(...limits);
    }
    case "blob":
      return shape.max !== undefined && shape.max < 2_000_000
        ? fc.constant(new Uint8Array(shape.max + 1).toBase64())
        : fc.constant("");
    case "list": {
      const length = (shape.max ?? 100) + 1;
      return validValue(shape.member, hints).map((item) => Array.from({ length }, () => item));
    }
    case "map":
      return fc.constant(Object.fromEntries(Array.from({ length: (shape.max ?? 100) + 1 }, (_, i) => [`k${i}`, "v"])));
    case "timestamp":
      return fc.constantFrom(...EXTREME_NUMBERS);
    default:
      return fc.constant(null);
  }
}

function badEnumOrPattern(shape: Shape): fc.Arbitrary<unknown> {
  if (shape.type !== "string") return fc.constantFrom(...ODD_UNICODE);
  const values: fc.Arbitrary<string>[] = [fc.constantFrom(...ODD_UNICODE), fc.string({ maxLength: 20 })];
  if (shape.enum) values.push(fc.constantFrom(...shape.enum).map((value) => value.toLowerCase()), fc.constantFrom(...shape.enum).map((value) => `${value} `));
  if (shape.regex) values.push(validString(shape).map((value) => `${value} `), validString(shape).map((value) => `\u00e9${value}`));
  return fc.oneof(...values);
}

/** A huge string, within the body limit: kept to a few sizes so that a run stays quick. */
const HUGE = fc.constantFrom(70_000, 1_100_000, 4_000_000).map((n) => "x".repeat(n));

function mutationOf(position: Position, hints: Hints): fc.Arbitrary<{ mutation: string; value: unknown }> {
  const at = position.path.join(".");
  const kinds: fc.Arbitrary<{ mutation: string; value: unknown }>[] = [
    fc.constantFrom(...WRONG_TYPES[position.shape.type]).map((value) => ({ mutation: `wrong type at ${at}`, value })),
    outOfRange(position.shape, hints).map((value) => ({ mutation: `out of range at ${at}`, value })),
    badEnumOrPattern(position.shape).map((value) => ({ mutation: `bad enum, pattern or unicode at ${at}`, value })),
    fc.constant({ mutation: `null at ${at}`, value: null }),
    fc.constantFrom(100, 10_001, 200_000, 150_001).map((depth) => ({ mutation: `nesting ${depth} deep at ${at}`, value: `${DEEP}${depth}` })),
  ];
  if (position.required) kinds.push(fc.constant({ mutation: `required ${at} left out`, value: REMOVE }));
  return fc.oneof(...kinds);
}

// ---------------------------------------------------------------------------------------------
// Bodies

/** JSON text, with the deep-nesting markers written out as `depth` nested arrays or objects. */
function serialize(value: unknown): string {
  const text = JSON.stringify(value);
  return text
    .replace(/"fuzz:deep-nesting:(\d+)"/g, (_match, depth: string) => {
      const n = Number(depth);
      return n % 2 === 0 ? `${"[".repeat(n)}${"]".repeat(n)}` : `${'{"a":'.repeat(n)}1${"}".repeat(n)}`;
    })
    .replace(/"fuzz:raw:([^"]*)"/g, (_match, raw: string) => raw);
}

function json(mutation: string, value: unknown): FuzzBody {
  return { mutation, contentType: AMZ_JSON, body: serialize(value) };
}

/** CBOR nested `depth` arrays deep, around one small integer. */
function deepCbor(depth: number): Uint8Array {
  const bytes = new Uint8Array(depth + 1).fill(0x81);
  bytes[depth] = 0x01;
  return bytes;
}

/** Bodies that are not the input object at all. */
function wholeBody(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<FuzzBody> {
  const raw = (body: string, mutation = `body ${JSON.stringify(body.slice(0, 40))}`): FuzzBody => ({ mutation, contentType: AMZ_JSON, body });
  return fc.oneof(
    fc.constantFrom("[]", "null", '"text"', "123", "true", "{", '{"a":}', "{}x", "\ufeff{}", " ", "{\"a\":1,}", "[{}]").map((body) => raw(body)),
    // Made when drawn, not when the arbitrary is built: it is 10 MiB.
    fc.constant(null).map(() => raw(`{"x":"${"y".repeat(MAX_REQUEST_BYTES + 16)}"}`, "body past the size limit")),
    valid.map((value) => raw(serialize(value).replace(/^\{/, '{"__proto__":{"polluted":true},"constructor":{"prototype":1},'), "prototype keys")),
    valid.map((value) => {
      const text = serialize(value);
      const key = Object.keys(value)[0];
      return raw(key === undefined ? text : text.replace(/^\{/, `{${JSON.stringify(key)}:[1,2],`), "duplicate key with a wrong type first");
    }),
    valid.map((value): FuzzBody => ({ mutation: "valid input as CBOR", contentType: AMZ_CBOR, body: encodeCbor(value) })),
    fc.uint8Array({ maxLength: 64 }).map((body): FuzzBody => ({ mutation: "random bytes as CBOR", contentType: AMZ_CBOR, body })),
    fc.constantFrom(1000, 100_000).map((depth): FuzzBody => ({ mutation: `CBOR nested ${depth} deep`, contentType: AMZ_CBOR, body: deepCbor(depth) })),
    fc.constantFrom(
      Uint8Array.of(0xbf, 0x61, 0x61, 0x9f, 0x01, 0xff, 0xff),
      Uint8Array.of(0xa1, 0x61, 0x61),
      Uint8Array.of(0xa1, 0x01, 0x02),
      Uint8Array.of(0xa1, 0x61, 0x61, 0xc1, 0xfb, 0x7f, 0xf8, 0, 0, 0, 0, 0, 0),
      Uint8Array.of(0x5f, 0x41, 0x00, 0xff),
      Uint8Array.of(0xa1, 0x61, 0x61, 0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
    ).map((body): FuzzBody => ({ mutation: `CBOR oddity ${[...body].map((b) => b.toString(16)).join(" ")}`, contentType: AMZ_CBOR, body })),
  );
}

/**
 * A request body for an operation whose input is `shape`: valid (a third of the time), broken in
 * one place, or not an input at all.
 */
export function fuzzBody(shape: StructureShape, hints: Hints): fc.Arbitrary<FuzzBody> {
  const valid = validStructure(shape, hints);
  const broken = valid.chain((value) => {
    const places = positions(shape, value);
    const unknownMember = fc.constantFrom<unknown>("x", 1, [], { deep: [1, { a: null }] }).map((junk) => json("unknown member", { ...value, NotAMember: junk }));
    if (places.length === 0) return unknownMember;
    return fc.oneof(
      { arbitrary: fc.constantFrom(...places).chain((place) => mutationOf(place, hints).map(({ mutation, value: replacement }) => json(mutation, replaced(value, place.path, replacement)))), weight: 8 },
      { arbitrary: fc.constantFrom(...places).chain((place) => HUGE.map((huge) => json(`huge string at ${place.path.join(".")}`, replaced(value, place.path, huge)))), weight: 1 },
      { arbitrary: unknownMember, weight: 1 },
    );
  });
  return fc.oneof(
    { arbitrary: valid.map((value) => json("valid", value)), weight: 4 },
    { arbitrary: broken, weight: 7 },
    { arbitrary: wholeBody(valid), weight: 1 },
  );
}

/** A short description of a body for failure messages: long ones are cut. */
export function describeBody(body: FuzzBody): string {
  const text = typeof body.body === "string" ? body.body : `CBOR ${[...body.body.subarray(0, 64)].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
  const length = typeof body.body === "string" ? body.body.length : body.body.byteLength;
  return `${body.mutation} (${body.contentType}, ${length} chars): ${text.length > 600 ? `${text.slice(0, 600)}...` : text}`;
}
