/**
 * The part of jq 1.6 that Firehose's inline parsing (MetadataExtractionQuery with JsonParsingEngine
 * JQ-1.6) is used with: an object whose values are paths into the record, optionally piped through
 * a few functions. AWS's documented examples are of exactly this form:
 *
 *   {customer_id: .customer_id, device: .type.device, year: .event_timestamp | strftime("%Y")}
 *
 * Supported, with jq's own semantics:
 * - object construction; keys are identifiers or string literals, `{customer_id}` is short for
 *   `{customer_id: .customer_id}`; as in jq, a value is a pipe of terms (`//` needs parentheses);
 * - paths: `.`, `.a`, `."a"`, `.a.b`, `.a["b"]`, `.a[0]`, `.a[-1]`, `.[0]` (null in, null out;
 *   indexing a value of the wrong type is an error);
 * - literals: strings (with jq's escapes), numbers, null, true, false; parentheses;
 * - `a | b` and `a // b` (b when a is null or false, or fails);
 * - functions: tostring, tonumber, ascii_downcase, ascii_upcase, floor, strftime(fmt), todate,
 *   fromdate, fromdateiso8601, split(s), join(s), ltrimstr(s), rtrimstr(s).
 *
 * Everything else (generators, `[]`, slices, variables, reduce, regexes, ...) is refused when the
 * stream is configured, with the position of what was not understood: a query is either evaluated
 * as jq would or not accepted at all. Each expression here yields exactly one value.
 */
import { type Json, type JsonObject, isObject, jqType } from "./json";
import { fromIso8601, strftime, unsupportedConversions } from "./strftime";

export class JqError extends Error {}

type Node =
  | { kind: "identity" }
  | { kind: "literal"; value: Json }
  | { kind: "index"; target: Node; key: Node }
  | { kind: "pipe"; left: Node; right: Node }
  | { kind: "alternative"; left: Node; right: Node }
  | { kind: "call"; name: string; args: Node[] }
  | { kind: "object"; entries: { key: string; value: Node }[] };

/** A parsed query: the keys it produces and how to evaluate it against a record. */
export interface JqQuery {
  readonly source: string;
  readonly keys: readonly string[];
  evaluate(input: Json): JsonObject;
}

const FUNCTIONS: Record<string, number> = {
  tostring: 0,
  tonumber: 0,
  ascii_downcase: 0,
  ascii_upcase: 0,
  floor: 0,
  todate: 0,
  fromdate: 0,
  fromdateiso8601: 0,
  strftime: 1,
  split: 1,
  join: 1,
  ltrimstr: 1,
  rtrimstr: 1,
};

// ---------------------------------------------------------------------------------------------
// Lexer

type Token =
  | { type: "field"; name: string; at: number } // .name
  | { type: "ident"; name: string; at: number }
  | { type: "string"; value: string; at: number }
  | { type: "number"; value: number; at: number }
  | { type: "punct"; value: string; at: number }
  | { type: "end"; at: number };

const PUNCTUATION = ["//", "|", ".", "[", "]", "(", ")", "{", "}", ",", ":", ";", "-"];

function lex(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i] ?? "";
    if (/\s/.test(char)) {
      i++;
      continue;
    }
    if (char === "#") throw new JqError(`comments are not supported (at ${i})`);
    const field = /^\.([a-zA-Z_][a-zA-Z0-9_]*)/.exec(source.slice(i));
    if (field?.[1]) {
      tokens.push({ type: "field", name: field[1], at: i });
      i += field[0].length;
      continue;
    }
    const ident = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(source.slice(i));
    if (ident) {
      tokens.push({ type: "ident", name: ident[0], at: i });
      i += ident[0].length;
      continue;
    }
    const number = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(source.slice(i));
    if (number && !(char === "." && !/\d/.test(source[i + 1] ?? ""))) {
      tokens.push({ type: "number", value: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    if (char === '"') {
      const { value, end } = readString(source, i);
      tokens.push({ type: "string", value, at: i });
      i = end;
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (!punct) throw new JqError(`unexpected character '${char}' (at ${i})`);
    tokens.push({ type: "punct", value: punct, at: i });
    i += punct.length;
  }
  tokens.push({ type: "end", at: source.length });
  return tokens;
}

function readString(source: string, start: number): { value: string; end: number } {
  let value = "";
  let i = start + 1;
  while (i < source.length) {
    const char = source[i] ?? "";
    if (char === '"') return { value, end: i + 1 };
    if (char !== "\\") {
      value += char;
      i++;
      continue;
    }
    const escape = source[i + 1];
    const simple: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };
    if (escape !== undefined && simple[escape] !== undefined) {
      value += simple[escape];
      i += 2;
    } else if (escape === "u" && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
      i += 6;
    } else if (escape === "(") {
      throw new JqError(`string interpolation is not supported (at ${i})`);
    } else {
      throw new JqError(`invalid escape '\\${escape ?? ""}' in string (at ${i})`);
    }
  }
  throw new JqError(`unterminated string (at ${start})`);
}

// ---------------------------------------------------------------------------------------------
// Parser

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  private get token(): Token {
    return this.tokens[this.position] ?? { type: "end", at: 0 };
  }

  private isPunct(value: string): boolean {
    return this.token.type === "punct" && this.token.value === value;
  }

  private expect(value: string): void {
    if (!this.isPunct(value)) throw this.unexpected(`'${value}'`);
    this.position++;
  }

  private unexpected(wanted: string): JqError {
    const token = this.token;
    const found =
      token.type === "end" ? "the end of the query"
      : token.type === "field" ? `'.${token.name}'`
      : token.type === "ident" ? `'${token.name}'`
      : token.type === "string" ? `"${token.value}"`
      : token.type === "number" ? `${token.value}`
      : `'${token.value}'`;
    return new JqError(`expected ${wanted} but found ${found} (at ${token.at})`);
  }

  parseQuery(): Node {
    const node = this.pipe(false);
    if (this.token.type !== "end") throw this.unexpected("the end of the query");
    return node;
  }

  /** `a | b | ...`; inside an object value (`restricted`), `//` is not allowed, as in jq's grammar. */
  private pipe(restricted: boolean): Node {
    let node = restricted ? this.postfix() : this.alternative();
    while (this.isPunct("|")) {
      this.position++;
      node = { kind: "pipe", left: node, right: restricted ? this.postfix() : this.alternative() };
    }
    return node;
  }

  private alternative(): Node {
    let node = this.postfix();
    while (this.isPunct("//")) {
      this.position++;
      node = { kind: "alternative", left: node, right: this.postfix() };
    }
    return node;
  }

  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      const token = this.token;
      if (token.type === "field") {
        this.position++;
        node = { kind: "index", target: node, key: { kind: "literal", value: token.name } };
      } else if (this.isPunct(".") && this.tokens[this.position + 1]?.type === "string") {
        this.position++;
        node = { kind: "index", target: node, key: this.primary() };
      } else if (this.isPunct("[")) {
        this.position++;
        if (this.isPunct("]")) throw new JqError(`the iterator '[]' is not supported (at ${token.at})`);
        const key = this.pipe(false);
        if (this.isPunct(":")) throw new JqError(`slices are not supported (at ${this.token.at})`);
        this.expect("]");
        node = { kind: "index", target: node, key };
      } else {
        return node;
      }
    }
  }

  private primary(): Node {
    const token = this.token;
    switch (token.type) {
      case "field":
        this.position++;
        return { kind: "index", target: { kind: "identity" }, key: { kind: "literal", value: token.name } };
      case "string":
        this.position++;
        return { kind: "literal", value: token.value };
      case "number":
        this.position++;
        return { kind: "literal", value: token.value };
      case "ident":
        return this.identifier(token.name, token.at);
      case "punct":
        break;
      case "end":
        throw this.unexpected("an expression");
    }
    if (this.isPunct(".")) {
      this.position++;
      const next = this.token;
      if (next.type === "string") {
        this.position++;
        return { kind: "index", target: { kind: "identity" }, key: { kind: "literal", value: next.value } };
      }
      return { kind: "identity" };
    }
    if (this.isPunct("-")) {
      this.position++;
      const next = this.token;
      if (next.type !== "number") throw new JqError(`arithmetic is not supported (at ${token.at})`);
      this.position++;
      return { kind: "literal", value: -next.value };
    }
    if (this.isPunct("(")) {
      this.position++;
      const node = this.pipe(false);
      this.expect(")");
      return node;
    }
    if (this.isPunct("{")) return this.object();
    if (this.isPunct("[")) throw new JqError(`array construction is not supported (at ${token.at})`);
    throw this.unexpected("an expression");
  }

  private identifier(name: string, at: number): Node {
    this.position++;
    if (name === "null") return { kind: "literal", value: null };
    if (name === "true") return { kind: "literal", value: true };
    if (name === "false") return { kind: "literal", value: false };
    const arity = FUNCTIONS[name];
    if (arity === undefined) throw new JqError(`${name}/0 is not supported (at ${at})`);
    const args: Node[] = [];
    if (this.isPunct("(")) {
      this.position++;
      args.push(this.pipe(false));
      while (this.isPunct(";")) {
        this.position++;
        args.push(this.pipe(false));
      }
      this.expect(")");
    }
    if (args.length !== arity) throw new JqError(`${name}/${args.length} is not supported (at ${at})`);
    if (name === "strftime") checkFormat(args[0]);
    return { kind: "call", name, args };
  }

  private object(): Node {
    this.expect("{");
    const entries: { key: string; value: Node }[] = [];
    if (!this.isPunct("}")) {
      for (;;) {
        const token = this.token;
        let key: string;
        if (token.type === "ident") key = token.name;
        else if (token.type === "string") key = token.value;
        else throw this.unexpected("an object key");
        this.position++;
        let value: Node;
        if (this.isPunct(":")) {
          this.position++;
          value = this.pipe(true);
        } else {
          value = { kind: "index", target: { kind: "identity" }, key: { kind: "literal", value: key } };
        }
        entries.push({ key, value });
        if (!this.isPunct(",")) break;
        this.position++;
      }
    }
    this.expect("}");
    return { kind: "object", entries };
  }
}

function checkFormat(node: Node | undefined): void {
  if (node?.kind !== "literal" || typeof node.value !== "string") return;
  const missing = unsupportedConversions(node.value);
  if (missing.length > 0) throw new JqError(`strftime conversion ${missing.join(", ")} is not supported`);
}

// ---------------------------------------------------------------------------------------------
// Evaluation

function describe(value: Json): string {
  const text = JSON.stringify(value);
  return text.length > 11 ? `${text.slice(0, 10)}...` : text;
}

function index(target: Json, key: Json): Json {
  if (typeof key === "string") {
    if (target === null) return null;
    if (isObject(target)) return Object.hasOwn(target, key) ? (target[key] ?? null) : null;
    throw new JqError(`Cannot index ${jqType(target)} with "${key}"`);
  }
  if (typeof key === "number") {
    if (target === null) return null;
    if (Array.isArray(target)) {
      const at = Math.floor(key) < 0 ? target.length + Math.floor(key) : Math.floor(key);
      return target[at] ?? null;
    }
    throw new JqError(`Cannot index ${jqType(target)} with number`);
  }
  throw new JqError(`Cannot index ${jqType(target)} with ${jqType(key)}`);
}

function toText(value: Json): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function call(name: string, input: Json, args: Json[]): Json {
  const [arg] = args;
  switch (name) {
    case "tostring":
      return toText(input);
    case "tonumber": {
      if (typeof input === "number") return input;
      if (typeof input === "string" && input.trim() !== "" && Number.isFinite(Number(input))) return Number(input);
      throw new JqError(`Cannot parse '${toText(input)}' as JSON`);
    }
    case "ascii_downcase":
    case "ascii_upcase": {
      if (typeof input !== "string") throw new JqError(`${name} input must be a string`);
      return name === "ascii_downcase" ? input.replace(/[A-Z]/g, (c) => c.toLowerCase()) : input.replace(/[a-z]/g, (c) => c.toUpperCase());
    }
    case "floor":
      if (typeof input !== "number") throw new JqError(`${jqType(input)} (${describe(input)}) number required`);
      return Math.floor(input);
    case "strftime":
    case "todate": {
      const format = name === "todate" ? "%Y-%m-%dT%H:%M:%SZ" : arg;
      if (typeof format !== "string") throw new JqError("strftime/1 requires a string format");
      if (typeof input !== "number") throw new JqError("strftime/1 requires parsed datetime inputs");
      try {
        return strftime(format, input);
      } catch (error) {
        throw new JqError(error instanceof Error ? error.message : String(error));
      }
    }
    case "fromdate":
    case "fromdateiso8601": {
      if (typeof input !== "string") throw new JqError("strptime/1 requires string inputs and arguments");
      try {
        return fromIso8601(input);
      } catch (error) {
        throw new JqError(error instanceof Error ? error.message : String(error));
      }
    }
    case "split":
      if (typeof input !== "string" || typeof arg !== "string") throw new JqError("split input and separator must be strings");
      return input === "" ? [] : input.split(arg);
    case "join": {
      if (!Array.isArray(input)) throw new JqError(`Cannot iterate over ${jqType(input)}${input === null ? "" : ` (${describe(input)})`}`);
      if (typeof arg !== "string") throw new JqError(`Cannot join with ${jqType(arg ?? null)}`);
      return input
        .map((item) => {
          if (item === null) return "";
          if (typeof item === "object") throw new JqError(`Cannot join with ${jqType(item)}`);
          return toText(item);
        })
        .join(arg);
    }
    case "ltrimstr":
      return typeof input === "string" && typeof arg === "string" && input.startsWith(arg) ? input.slice(arg.length) : input;
    case "rtrimstr":
      return typeof input === "string" && typeof arg === "string" && input.endsWith(arg) && arg.length > 0 ? input.slice(0, input.length - arg.length) : input;
    default:
      throw new JqError(`${name}/${args.length} is not defined`);
  }
}

function evaluate(node: Node, input: Json): Json {
  switch (node.kind) {
    case "identity":
      return input;
    case "literal":
      return node.value;
    case "index":
      // As in jq, the index expression is evaluated against the same input as the path.
      return index(evaluate(node.target, input), evaluate(node.key, input));
    case "pipe":
      return evaluate(node.right, evaluate(node.left, input));
    case "alternative": {
      let left: Json = null;
      try {
        left = evaluate(node.left, input);
      } catch (error) {
        if (!(error instanceof JqError)) throw error;
      }
      return left === null || left === false ? evaluate(node.right, input) : left;
    }
    case "call":
      return call(node.name, input, node.args.map((arg) => evaluate(arg, input)));
    case "object": {
      const out: JsonObject = {};
      for (const entry of node.entries) out[entry.key] = evaluate(entry.value, input);
      return out;
    }
  }
}

/** Parses a MetadataExtractionQuery; throws JqError for anything this subset does not evaluate. */
export function parseJq(source: string): JqQuery {
  const root = new Parser(lex(source)).parseQuery();
  if (root.kind !== "object") throw new JqError("the query must construct an object of partition keys, like {customer_id: .customer_id}");
  if (root.entries.length === 0) throw new JqError("the query constructs no partition key");
  const keys = root.entries.map((entry) => entry.key);
  const duplicate = keys.find((key, i) => keys.indexOf(key) !== i);
  if (duplicate !== undefined) throw new JqError(`the partition key '${duplicate}' is given twice`);
  return {
    source,
    keys,
    evaluate(input: Json): JsonObject {
      const out = evaluate(root, input);
      if (!isObject(out)) throw new JqError("the query did not produce an object");
      return out;
    },
  };
}
