/**
 * Input validation for AWS JSON 1.1 (and CBOR) services, as AWS's Coral framework does it, driven by
 * the input shapes that scripts/gen-shapes.mjs generates from AWS's own service models.
 *
 * Two passes, like the service:
 *
 * 1. Deserialization, in document order: each known member's value must have its shape's wire type,
 *    or the request fails at once with a SerializationException carrying Coral's Java-flavoured
 *    message ("class java.lang.String can not be converted to an Integer", "Expected list or null",
 *    ...). Unknown members are dropped, JSON nulls count as absent, blobs are decoded (strict base64
 *    for JSON; CBOR byte strings pass through), timestamps become Dates, integers are truncated.
 * 2. Constraints, every violation collected (at most 10) into one ValidationException:
 *    `2 validation errors detected: Value '<v>' at '<path>' failed to satisfy constraint: Member
 *    must ...; ...`.
 *
 * Reporting order. The orders AWS reports in are those of Java hash tables, and are reproduced here:
 * members of a structure come in the iteration order of a Java 7 `HashMap` (16 buckets) keyed by
 * the lowerFirst member names, which fits every multi-error message recorded from real Kinesis in
 * kinesalite's tests; members sharing a bucket follow OBSERVED_BUCKET_ORDER, else newest-first over
 * model order. Enum value sets print in the order of the values' `String.hashCode()` masked to 16
 * buckets (which reproduces the recorded
 * `[AFTER_SEQUENCE_NUMBER, LATEST, AT_TIMESTAMP, AT_SEQUENCE_NUMBER, TRIM_HORIZON]`). Map entries
 * are printed and visited in Java 7 `HashMap` order. Within one member: pattern, minimum length,
 * maximum length, enum; minimum value before maximum value.
 *
 * Lists and maps of scalars are checked as a whole, like AWS: one error at the list's (map's) own
 * path, `Member must satisfy constraint: [<all the member shape's constraints>]` (or `Map keys ...`,
 * `Map value ...`). Lists and maps of structures are walked: `records.1.member.partitionKey`,
 * `tags.<key>.member...`.
 *
 * Input-validity rules AWS applies inside operations (ListShards' NextToken/StreamName exclusivity,
 * GetShardIterator's StartingSequenceNumber/Timestamp requirements, ...) are not model constraints
 * and belong to the operations.
 */
import { SerializationException, ValidationException } from "./errors";

// ---------------------------------------------------------------------------------------------
// Shapes (the generated files are made of these)

interface Bounded {
  /** Length for strings (UTF-16 units) and blobs (bytes), entry count for lists and maps, value for numbers. */
  readonly min?: number;
  readonly max?: number;
}

export interface StringShape extends Bounded {
  readonly type: "string";
  /** The pattern as AWS's model writes it (a Java regex), used in messages. */
  readonly pattern?: string;
  /** `pattern` translated to JavaScript, anchored to match the whole value as Java's `matches()` does. */
  readonly regex?: RegExp;
  /** Allowed values, in model order. */
  readonly enum?: readonly string[];
}

export interface NumberShape extends Bounded {
  readonly type: "integer" | "long" | "float" | "double";
}

export interface BooleanShape {
  readonly type: "boolean";
}

export interface BlobShape extends Bounded {
  readonly type: "blob";
  /** A REST-JSON payload sent as a stream of bytes (GetMedia's), not held whole. */
  readonly streaming?: boolean;
}

export interface TimestampShape {
  readonly type: "timestamp";
}

export interface ListShape extends Bounded {
  readonly type: "list";
  readonly member: Shape;
}

export interface MapShape extends Bounded {
  readonly type: "map";
  readonly key: StringShape;
  readonly value: Shape;
}

export interface MemberShape {
  /** The member name, which is also its JSON key. */
  readonly name: string;
  readonly shape: Shape;
  readonly required?: boolean;
  /**
   * REST-JSON only: where the member travels instead of the JSON body (a path segment, a query
   * parameter, a header, or headers with a common prefix), named `locationName` there. The protocol
   * layer puts such members into the input under their member name before validation.
   */
  readonly location?: "uri" | "querystring" | "header" | "headers";
  readonly locationName?: string;
}

export interface StructureShape {
  readonly type: "structure";
  /** The model's shape name, e.g. `PutRecordsRequestEntry`. */
  readonly name: string;
  /** The Java class AWS prints for a value of this shape, e.g. `com.amazonaws.kinesis.v20131202.PutRecordsRequestEntry`. */
  readonly javaClass: string;
  /** In model order. */
  readonly members: readonly MemberShape[];
  /** REST-JSON only: the member that is the whole HTTP body (the others travel in the path, query or headers). */
  readonly payload?: string;
}

declare const validatedAs: unique symbol;

/**
 * An operation's input structure, tagged with the TypeScript type of the input it validates: the
 * generated files pair each operation's shape with its generated `<Op>Input`, both from the same
 * model, so what validateInput lets through has that type.
 */
export interface InputShape<T> extends StructureShape {
  readonly [validatedAs]?: T;
}

/** What validateInput makes of a body checked against `S`: its generated type, or a plain record for an untagged shape. */
export type Validated<S extends StructureShape> = S extends InputShape<infer T> ? (unknown extends T ? Plain : T) : Plain;

export type ScalarShape = StringShape | NumberShape | BooleanShape | BlobShape | TimestampShape;
export type Shape = ScalarShape | ListShape | MapShape | StructureShape;

export interface ValidateOptions {
  /** JSON 1.1 sends timestamps as epoch seconds, CBOR as epoch milliseconds. */
  timestampUnit: "seconds" | "milliseconds";
}

/**
 * Checks `body` against the operation's input shape and returns the input with unknown members
 * dropped, blobs as `Uint8Array` and timestamps as `Date`: a value of the shape's generated type.
 * Throws SerializationException or ValidationException exactly as AWS answers.
 */
export function validateInput<S extends StructureShape>(shape: S, body: unknown, options: ValidateOptions): Validated<S> {
  if (typeof body !== "object" || body === null) throw new SerializationException();
  const input = isObject(body) ? readStructure(shape, body, { ...options, blobs: new BlobArena() }) : {};
  const errors = new Violations();
  if (!passes(shape, input)) checkStructure(shape, input, "", errors);
  if (errors.messages.length > 0) {
    const count = errors.messages.length;
    throw new ValidationException(
      `${count} validation error${count === 1 ? "" : "s"} detected: ${errors.messages.join("; ")}`,
    );
  }
  // The one place a checked value becomes its type: every member now has its shape's type, every
  // required member is present, every constraint (enums included) holds.
  return input as Validated<S>;
}

// ---------------------------------------------------------------------------------------------
// Pass 1: wire types

type Plain = Record<string, unknown>;

const LIST_START = "Start of list found where not expected";
const OBJECT_START = "Start of structure or map found where not expected.";
const NUMBER_CLASS = "class com.amazon.coral.value.json.numbers.TruncatingBigNumber";

/** A JSON object (or CBOR map): not an array, byte string or date. */
function isObject(value: unknown): value is Plain {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Uint8Array) &&
    !(value instanceof ArrayBuffer) &&
    !(value instanceof Date)
  );
}

/** What pass 1 carries: the options, and where this input's blobs are decoded to. */
interface ReadContext extends ValidateOptions {
  blobs: BlobArena;
}

function readStructure(shape: StructureShape, value: Plain, options: ReadContext): Plain {
  const members = memberIndex(shape);
  const out: Plain = {};
  for (const key of Object.keys(value)) {
    const member = members.get(key);
    const item = value[key];
    if (member === undefined || item === null || item === undefined) continue;
    out[key] = read(member.shape, item, options);
  }
  return out;
}

function read(shape: Shape, value: unknown, options: ReadContext): unknown {
  switch (shape.type) {
    case "string":
      return typeof value === "string" ? value : mismatch(value, "an String");
    case "integer":
    case "long":
    case "float":
    case "double":
      return readNumber(shape, value);
    case "boolean":
      return readBoolean(value);
    case "blob":
      if (typeof value === "string") return options.blobs.decode(value);
      if (value instanceof Uint8Array) return value;
      if (value instanceof ArrayBuffer) return new Uint8Array(value);
      return mismatch(value, "a Blob");
    case "timestamp":
      if (value instanceof Date) return value;
      if (typeof value === "number" || typeof value === "bigint") {
        const n = Number(value);
        return new Date(options.timestampUnit === "seconds" ? Math.round(n * 1000) : n);
      }
      return mismatch(value, "milliseconds since epoch");
    case "list":
      if (Array.isArray(value)) {
        return value.map((item: unknown) => (item === null || item === undefined ? null : read(shape.member, item, options)));
      }
      throw new SerializationException(isObject(value) ? OBJECT_START : "Expected list or null");
    case "map":
      if (isObject(value)) {
        const out: Plain = {};
        for (const key of Object.keys(value)) {
          const item = value[key];
          setOwn(out, key, item === null || item === undefined ? null : read(shape.value, item, options));
        }
        return out;
      }
      throw new SerializationException(Array.isArray(value) ? LIST_START : "Expected map or null");
    case "structure":
      if (isObject(value)) return readStructure(shape, value, options);
      throw new SerializationException(Array.isArray(value) ? LIST_START : "Expected null");
  }
}

/** The SerializationException for a value of the wrong JSON type; `target` is how Coral names the wanted type. */
function mismatch(value: unknown, target: string): never {
  if (Array.isArray(value)) throw new SerializationException(LIST_START);
  switch (typeof value) {
    case "boolean":
      throw new SerializationException(`class java.lang.Boolean can not be converted to ${target}`);
    case "number":
    case "bigint":
      throw new SerializationException(`${NUMBER_CLASS} can not be converted to ${target}`);
    case "string":
      throw new SerializationException(`class java.lang.String can not be converted to ${target}`);
    default:
      throw new SerializationException(OBJECT_START);
  }
}

const JAVA_NUMBER = { integer: "Integer", long: "Long", float: "Float", double: "Double" } as const;
const INT_MIN = -2147483648;
const INT_MAX = 2147483647;

function readNumber(shape: NumberShape, value: unknown): number {
  if (typeof value !== "number" && typeof value !== "bigint") return mismatch(value, `an ${JAVA_NUMBER[shape.type]}`);
  const n = Number(value);
  if (shape.type === "float" || shape.type === "double") return n;
  // Coral's TruncatingBigNumber: fractions are truncated and ints saturate rather than fail.
  if (Number.isNaN(n)) return 0;
  const whole = Math.trunc(n) + 0; // + 0 turns -0 into 0
  return shape.type === "integer" ? Math.min(INT_MAX, Math.max(INT_MIN, whole)) : whole;
}

function readBoolean(value: unknown): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const upper = value.toUpperCase();
    if (upper === "TRUE" || upper === "YES" || upper === "1") return true;
    if (upper === "FALSE" || upper === "NO" || upper === "0") return false;
    throw new SerializationException(`'${echoed(upper)}' can not be converted to an Boolean`);
  }
  // Integral numbers are refused, but AWS takes fractional ones.
  if (typeof value === "number" && !Number.isInteger(value)) return value !== 0;
  return mismatch(value, "an Boolean");
}

const BASE64_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const PAD = 61; // "="
const INVALID = 0xff;
/** Sextet of every UTF-16 code unit, INVALID for those outside the alphabet. */
const SEXTET = new Uint8Array(0x10000).fill(INVALID);
for (let i = 0; i < BASE64_ALPHABET.length; i++) SEXTET[BASE64_ALPHABET.charCodeAt(i)] = i;

function sextet(text: string, index: number): number {
  return SEXTET[text.charCodeAt(index)] ?? INVALID;
}

const STRICT = { lastChunkHandling: "strict" } as const;
/** The arena's first buffer holds the first blob exactly (most inputs have one); the next ones double from this, up to MAX_ARENA_BYTES. */
const MIN_ARENA_BYTES = 1024;
const MAX_ARENA_BYTES = 1 << 20;

/**
 * Where one input's blobs are decoded: views into a few shared buffers, not a buffer each. A
 * 500-record PutRecords otherwise allocated 500 buffers here, and the Durable Object RPC that
 * carries the records copied and allocated each again (buffers shared by views travel once).
 *
 * Decoding is strict standard base64 (padding required, no whitespace, zero trailing bits), refused
 * as Coral does. The runtime's native decoder does the work (records are up to megabytes); it skips
 * ASCII white space, which Coral refuses. Rather than scanning for it first (a tenth of the
 * validation of a PutRecords), the decoded length tells: white space decodes to nothing, so a text
 * that holds any (and still decodes strictly, which takes it in fours) gives at least 3 bytes fewer
 * than its length promises, while the padding accounts for at most 2.
 */
const NO_BYTES = new Uint8Array(0);

class BlobArena {
  private buffer = NO_BYTES;
  private used = 0;
  private started = false;

  decode(text: string): Uint8Array {
    const length = text.length;
    if (length % 4 === 0) {
      const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
      const size = (length / 4) * 3 - padding;
      const target = this.take(size);
      try {
        const { read, written } = target.setFromBase64(text, STRICT);
        if (read === length && written === size) {
          this.used += size;
          return target;
        }
      } catch {
        // Fall through to say why, in Coral's words.
      }
    }
    return base64Failure(text);
  }

  /** `size` bytes of room, not yet counted as used. */
  private take(size: number): Uint8Array {
    if (this.buffer.length - this.used < size) {
      const next = this.started ? Math.min(MAX_ARENA_BYTES, Math.max(MIN_ARENA_BYTES, this.buffer.length * 2)) : 0;
      this.started = true;
      this.buffer = new Uint8Array(Math.max(size, next));
      this.used = 0;
    }
    return this.buffer.subarray(this.used, this.used + size);
  }
}

/** Why `text` is not strict base64, in Coral's words (spelling included). */
function base64Failure(text: string): never {
  const fail = (reason: string) => new SerializationException(`'${echoed(text)}' can not be converted to a Blob: ${reason}`);
  const length = text.length;
  if (length % 4 !== 0) throw fail(`Base64 encoded length is expected a multiple of 4 bytes but found: ${length}`);
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code === PAD ? i + 1 < length && text.charCodeAt(i + 1) !== PAD : sextet(text, i) === INVALID) {
      throw fail(`Invalid Base64 character: '${text.charAt(i)}'`);
    }
  }
  throw fail("Invalid last non-pad Base64 character dectected");
}

/** Adds a map entry whatever the key (`__proto__` included) without touching the prototype. */
function setOwn(target: Plain, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/**
 * The longest value an error message repeats whole: longer ones are cut there and end in `...`, so
 * that a 10 MB invalid value does not come back as a 10 MB error. AWS's own rule is not documented;
 * it is known to print 33,000 characters whole (501 PutRecords entries, recorded in kinesalite's
 * tests), which this keeps.
 */
const MAX_ECHOED_CHARS = 65_536;

function echoed(value: string): string {
  return value.length <= MAX_ECHOED_CHARS ? value : `${value.slice(0, MAX_ECHOED_CHARS)}...`;
}

// ---------------------------------------------------------------------------------------------
// Pass 2: constraints

const MAX_REPORTED = 10;

class Violations {
  readonly messages: string[] = [];

  get full(): boolean {
    return this.messages.length >= MAX_REPORTED;
  }

  add(value: string | null, path: string, rule: string): void {
    if (this.full) return;
    const shown = value === null ? "null" : `'${echoed(value)}'`;
    this.messages.push(`Value ${shown} at '${path}' failed to satisfy constraint: ${rule}`);
  }
}

function checkStructure(shape: StructureShape, value: Plain, prefix: string, errors: Violations): void {
  for (const member of reportOrder(shape)) {
    if (errors.full) return;
    checkValue(member.shape, value[member.name], prefix + lowerFirst(member.name), member.required === true, errors);
  }
}

function checkValue(shape: Shape, value: unknown, path: string, required: boolean, errors: Violations): void {
  if (value === null || value === undefined) {
    if (required) errors.add(null, path, "Member must not be null");
    return;
  }
  if (passes(shape, value)) return;
  for (const rule of failedRules(shape, value)) errors.add(valueString(shape, value), path, rule);
  if (shape.type === "structure") {
    if (isObject(value)) checkStructure(shape, value, `${path}.`, errors);
  } else if (shape.type === "list") {
    if (Array.isArray(value)) checkList(shape, value, path, errors);
  } else if (shape.type === "map") {
    if (isObject(value)) checkMap(shape, value, path, errors);
  }
}

function checkList(shape: ListShape, items: readonly unknown[], path: string, errors: Violations): void {
  const member = shape.member;
  if (isScalar(member)) {
    const rules = describeRules(member);
    if (rules.length > 0 && items.some((item) => item !== null && failedRules(member, item).length > 0)) {
      errors.add(valueString(shape, items), path, `Member must satisfy constraint: [${rules.join(", ")}]`);
    }
    items.forEach((item, i) => {
      if (item === null) errors.add(null, `${path}.${i + 1}.member`, "Member must not be null");
    });
    return;
  }
  for (let i = 0; i < items.length && !errors.full; i++) checkValue(member, items[i], `${path}.${i + 1}.member`, true, errors);
}

function checkMap(shape: MapShape, map: Plain, path: string, errors: Violations): void {
  const keys = javaHashMapOrder(Object.keys(map), (key) => key);
  const keyRules = describeRules(shape.key);
  if (keyRules.length > 0 && keys.some((key) => failedRules(shape.key, key).length > 0)) {
    errors.add(valueString(shape, map), path, `Map keys must satisfy constraint: [${keyRules.join(", ")}]`);
  }
  const valueShape = shape.value;
  if (isScalar(valueShape)) {
    const valueRules = describeRules(valueShape);
    if (valueRules.length > 0 && keys.some((key) => map[key] !== null && failedRules(valueShape, map[key]).length > 0)) {
      errors.add(valueString(shape, map), path, `Map value must satisfy constraint: [${valueRules.join(", ")}]`);
    }
    for (const key of keys) if (map[key] === null) errors.add(null, `${path}.${key}.member`, "Member must not be null");
    return;
  }
  for (const key of keys) {
    if (errors.full) return;
    checkValue(valueShape, map[key], `${path}.${key}.member`, true, errors);
  }
}

/**
 * Whether `value` (present) and everything in it satisfy `shape`: exactly when checkValue would
 * report nothing, found without building a path or a message. Most inputs pass, and a 500-record
 * PutRecords would otherwise build thousands of paths (`records.1.member.data`) and rule lists
 * only to throw them away.
 */
function passes(shape: Shape, value: unknown): boolean {
  if (breaksAny(shape, value)) return false;
  switch (shape.type) {
    case "structure":
      if (!isObject(value)) return true;
      for (const member of shape.members) {
        const item = value[member.name];
        if (item === null || item === undefined) {
          if (member.required === true) return false;
        } else if (!passes(member.shape, item)) return false;
      }
      return true;
    case "list":
      if (!Array.isArray(value)) return true;
      for (const item of value) if (item === null || item === undefined || !passes(shape.member, item)) return false;
      return true;
    case "map":
      if (!isObject(value)) return true;
      for (const key of Object.keys(value)) {
        const item = value[key];
        if (breaksAny(shape.key, key) || item === null || item === undefined || !passes(shape.value, item)) return false;
      }
      return true;
    default:
      return true;
  }
}

/** Whether failedRules would find any broken constraint, without listing them. */
function breaksAny(shape: Shape, value: unknown): boolean {
  switch (shape.type) {
    case "string":
      if (typeof value !== "string") return false;
      return (
        (shape.regex !== undefined && shape.pattern !== undefined && !shape.regex.test(value)) ||
        breaksLength(shape, value.length) ||
        (shape.enum !== undefined && !shape.enum.includes(value))
      );
    case "integer":
    case "long":
    case "float":
    case "double":
      return typeof value === "number" && ((shape.min !== undefined && value < shape.min) || (shape.max !== undefined && value > shape.max));
    case "blob":
      return value instanceof Uint8Array && breaksLength(shape, value.byteLength);
    case "list":
      return Array.isArray(value) && breaksLength(shape, value.length);
    case "map":
      return isObject(value) && breaksLength(shape, Object.keys(value).length);
    case "boolean":
    case "timestamp":
    case "structure":
      return false;
  }
}

function breaksLength(shape: Bounded, length: number): boolean {
  return (shape.min !== undefined && length < shape.min) || (shape.max !== undefined && length > shape.max);
}

function isScalar(shape: Shape): shape is ScalarShape {
  return shape.type !== "list" && shape.type !== "map" && shape.type !== "structure";
}

const rule = {
  pattern: (pattern: string) => `Member must satisfy regular expression pattern: ${pattern}`,
  minLength: (min: number) => `Member must have length greater than or equal to ${min}`,
  maxLength: (max: number) => `Member must have length less than or equal to ${max}`,
  minValue: (min: number) => `Member must have value greater than or equal to ${min}`,
  maxValue: (max: number) => `Member must have value less than or equal to ${max}`,
  enum: (shape: StringShape) => `Member must satisfy enum value set: [${enumOrder(shape).join(", ")}]`,
};

/** The constraints of `shape` that `value` (already of the right type) breaks, in AWS's order. */
function failedRules(shape: Shape, value: unknown): string[] {
  const failed: string[] = [];
  switch (shape.type) {
    case "string": {
      if (typeof value !== "string") break;
      // A value longer than its maximum is matched too: AWS reports both violations. That costs at
      // most a scan of the body, as every pattern matches in linear time (scripts/gen-shapes/
      // linear-patterns.mjs; test/unit/patterns/).
      if (shape.regex !== undefined && shape.pattern !== undefined && !shape.regex.test(value)) failed.push(rule.pattern(shape.pattern));
      lengthRules(shape, value.length, failed);
      if (shape.enum !== undefined && !shape.enum.includes(value)) failed.push(rule.enum(shape));
      break;
    }
    case "integer":
    case "long":
    case "float":
    case "double":
      if (typeof value !== "number") break;
      if (shape.min !== undefined && value < shape.min) failed.push(rule.minValue(shape.min));
      if (shape.max !== undefined && value > shape.max) failed.push(rule.maxValue(shape.max));
      break;
    case "blob":
      if (value instanceof Uint8Array) lengthRules(shape, value.byteLength, failed);
      break;
    case "list":
      if (Array.isArray(value)) lengthRules(shape, value.length, failed);
      break;
    case "map":
      if (isObject(value)) lengthRules(shape, Object.keys(value).length, failed);
      break;
    case "boolean":
    case "timestamp":
    case "structure":
      break;
  }
  return failed;
}

function lengthRules(shape: Bounded, length: number, failed: string[]): void {
  if (shape.min !== undefined && length < shape.min) failed.push(rule.minLength(shape.min));
  if (shape.max !== undefined && length > shape.max) failed.push(rule.maxLength(shape.max));
}

/** All of a scalar shape's constraints, as AWS lists them inside `[...]` for list members and map entries. */
function describeRules(shape: ScalarShape): string[] {
  const rules: string[] = [];
  switch (shape.type) {
    case "string":
    case "blob":
      if (shape.max !== undefined) rules.push(rule.maxLength(shape.max));
      if (shape.min !== undefined) rules.push(rule.minLength(shape.min));
      if (shape.type === "string" && shape.pattern !== undefined) rules.push(rule.pattern(shape.pattern));
      if (shape.type === "string" && shape.enum !== undefined) rules.push(rule.enum(shape));
      break;
    case "integer":
    case "long":
    case "float":
    case "double":
      if (shape.max !== undefined) rules.push(rule.maxValue(shape.max));
      if (shape.min !== undefined) rules.push(rule.minValue(shape.min));
      break;
    case "boolean":
    case "timestamp":
      break;
  }
  return rules;
}

// ---------------------------------------------------------------------------------------------
// Values as AWS prints them (Java's toString of the deserialized value)

function valueString(shape: Shape, value: unknown): string {
  if (value === null || value === undefined) return "null";
  switch (shape.type) {
    case "string":
      return String(value);
    case "integer":
    case "long":
      return String(value);
    case "float":
    case "double":
      return typeof value === "number" ? javaDouble(value) : String(value);
    case "boolean":
      return String(value);
    case "blob": {
      const length = value instanceof Uint8Array ? value.byteLength : 0;
      return `java.nio.HeapByteBuffer[pos=0 lim=${length} cap=${length}]`;
    }
    case "timestamp":
      return value instanceof Date ? javaDate(value) : String(value);
    case "list":
      return Array.isArray(value) ? `[${value.map((item: unknown) => valueString(shape.member, item)).join(", ")}]` : String(value);
    case "map": {
      if (!isObject(value)) return String(value);
      const entries = javaHashMapOrder(Object.keys(value), (key) => key).map((key) => `${key}=${valueString(shape.value, value[key])}`);
      return `{${entries.join(", ")}}`;
    }
    case "structure":
      return `${shape.javaClass}@${(javaHash(shape, value) >>> 0).toString(16)}`;
  }
}

/** Java's `Double.toString`. */
function javaDouble(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (!Number.isFinite(n)) return n > 0 ? "Infinity" : "-Infinity";
  if (n === 0) return Object.is(n, -0) ? "-0.0" : "0.0";
  const magnitude = Math.abs(n);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    const text = String(n);
    return text.includes(".") ? text : `${text}.0`;
  }
  const [mantissa = "", exponent = ""] = n.toExponential().split("e");
  return `${mantissa.includes(".") ? mantissa : `${mantissa}.0`}E${exponent.replace("+", "")}`;
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Java's `Date.toString()` in UTC, e.g. `Thu Jan 01 00:00:00 UTC 1970`. */
function javaDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return "null";
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    `${DAYS[date.getUTCDay()] ?? ""} ${MONTHS[date.getUTCMonth()] ?? ""} ${two(date.getUTCDate())} ` +
    `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} UTC ${date.getUTCFullYear()}`
  );
}

/**
 * The `hashCode()` AWS prints after a structure's class name (`...PutRecordsRequestEntry@c965e310`):
 * the class name's hash folded with each member's hash in model order, 31 at a time, as generated
 * Java value classes do. The one recorded value (an entry with empty Data and PartitionKey) implies
 * an empty blob contributes 1923 where `ByteBuffer.hashCode()` gives 1, hence BLOB_HASH_BIAS; how
 * AWS hashes other blobs is not known.
 */
const BLOB_HASH_BIAS = 1922;

function javaHash(shape: Shape, value: unknown): number {
  if (value === null || value === undefined) return 0;
  switch (shape.type) {
    case "string":
      return typeof value === "string" ? javaStringHash(value) : 0;
    case "integer":
      return typeof value === "number" ? value | 0 : 0;
    case "long":
      return typeof value === "number" ? javaLongHash(value) : 0;
    case "float":
    case "double": {
      if (typeof value !== "number") return 0;
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, value);
      return (view.getInt32(0) ^ view.getInt32(4)) | 0;
    }
    case "boolean":
      return value === true ? 1231 : 1237;
    case "blob": {
      if (!(value instanceof Uint8Array)) return 0;
      let h = 1;
      for (let i = value.length - 1; i >= 0; i--) h = (Math.imul(31, h) + (((value[i] ?? 0) << 24) >> 24)) | 0;
      return (h + BLOB_HASH_BIAS) | 0;
    }
    case "timestamp":
      return value instanceof Date ? javaLongHash(value.getTime()) : 0;
    case "list": {
      if (!Array.isArray(value)) return 0;
      let h = 1;
      for (const item of value) h = (Math.imul(31, h) + javaHash(shape.member, item)) | 0;
      return h;
    }
    case "map": {
      if (!isObject(value)) return 0;
      let h = 0;
      for (const key of Object.keys(value)) h = (h + (javaStringHash(key) ^ javaHash(shape.value, value[key]))) | 0;
      return h;
    }
    case "structure": {
      if (!isObject(value)) return 0;
      let h = javaStringHash(shape.javaClass);
      for (const member of shape.members) h = (Math.imul(31, h) + javaHash(member.shape, value[member.name])) | 0;
      return h;
    }
  }
}

function javaLongHash(n: number): number {
  if (!Number.isFinite(n)) return 0;
  const bits = BigInt.asUintN(64, BigInt(Math.trunc(n)));
  return Number(BigInt.asIntN(32, bits ^ (bits >> 32n)));
}

// ---------------------------------------------------------------------------------------------
// Java collection orders

/** `String.hashCode()`. */
function javaStringHash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/** Java 7 `HashMap.hash()`: the supplemental hash spreading the key's `hashCode()`. */
function java7Spread(hashCode: number): number {
  let h = hashCode ^ (hashCode >>> 20) ^ (hashCode >>> 12);
  h = h ^ (h >>> 7) ^ (h >>> 4);
  return h | 0;
}

/**
 * The iteration order of a Java 7 `HashMap` (default capacity 16, load factor 0.75) into which
 * `items` are put in order: buckets by spread hash, each bucket newest first, with Java 7's resize
 * (done when an insert at the threshold lands in an occupied bucket, reversing moved chains).
 */
function javaHashMapOrder<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  type Entry = { hash: number; item: T };
  let table: Entry[][] = Array.from({ length: 16 }, () => []);
  let size = 0;
  for (const item of items) {
    const hash = java7Spread(javaStringHash(keyOf(item)));
    let bucket = table[hash & (table.length - 1)];
    if (size >= table.length * 0.75 && bucket !== undefined && bucket.length > 0) {
      const grown: Entry[][] = Array.from({ length: table.length * 2 }, () => []);
      for (const chain of table) for (const entry of chain) grown[entry.hash & (grown.length - 1)]?.unshift(entry);
      table = grown;
      bucket = table[hash & (table.length - 1)];
    }
    bucket?.unshift({ hash, item });
    size++;
  }
  return table.flat().map((entry) => entry.item);
}

/**
 * Members sharing a hash bucket come out in an order the model does not determine (Coral fills its
 * map in an order of its own); these are the orders recorded from real Kinesis, first member first.
 * Other collisions fall back to Java 7's newest-first over model order.
 */
const OBSERVED_BUCKET_ORDER: readonly (readonly [string, string])[] = [
  ["startingSequenceNumber", "streamName"], // GetShardIterator
  ["sequenceNumberForOrdering", "partitionKey"], // PutRecord
  ["shardToMerge", "adjacentShardToMerge"], // MergeShards
  ["streamName", "shardToSplit"], // SplitShard
];

const orderCache = new WeakMap<StructureShape, readonly MemberShape[]>();

/** The order AWS reports a structure's members in. */
function reportOrder(shape: StructureShape): readonly MemberShape[] {
  let order = orderCache.get(shape);
  if (order === undefined) {
    const sorted = javaHashMapOrder(shape.members, (member) => lowerFirst(member.name));
    for (const [first, second] of OBSERVED_BUCKET_ORDER) {
      const from = sorted.findIndex((member) => lowerFirst(member.name) === first);
      const to = sorted.findIndex((member) => lowerFirst(member.name) === second);
      if (from > to && to >= 0 && bucketOf(first) === bucketOf(second)) {
        const [moved] = sorted.splice(from, 1);
        if (moved !== undefined) sorted.splice(to, 0, moved);
      }
    }
    order = sorted;
    orderCache.set(shape, order);
  }
  return order;
}

function bucketOf(key: string): number {
  return java7Spread(javaStringHash(key)) & 15;
}

const enumCache = new WeakMap<StringShape, readonly string[]>();

/** The order AWS prints an enum's value set in: by `String.hashCode()` bucket (16 buckets, more past 12 values), ties in model order. */
function enumOrder(shape: StringShape): readonly string[] {
  let order = enumCache.get(shape);
  if (order === undefined) {
    const values = shape.enum ?? [];
    let buckets = 16;
    while (values.length > buckets * 0.75) buckets *= 2;
    order = values
      .map((value, index) => ({ value, index, bucket: javaStringHash(value) & (buckets - 1) }))
      .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
      .map((entry) => entry.value);
    enumCache.set(shape, order);
  }
  return order;
}

const memberCache = new WeakMap<StructureShape, ReadonlyMap<string, MemberShape>>();

function memberIndex(shape: StructureShape): ReadonlyMap<string, MemberShape> {
  let index = memberCache.get(shape);
  if (index === undefined) {
    index = new Map(shape.members.map((member) => [member.name, member]));
    memberCache.set(shape, index);
  }
  return index;
}

function lowerFirst(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
