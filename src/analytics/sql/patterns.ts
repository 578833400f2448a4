/**
 * LIKE and SIMILAR TO patterns, translated once into JavaScript regular expressions that must match the
 * whole value. LIKE: % any run, _ one character, everything else itself. SIMILAR TO (SQL's regular
 * expressions): also | * + ? {m,n} ( ) and [...] character classes; other regular-expression characters
 * stand for themselves. An ESCAPE character makes the next one literal.
 */
import { SqlDataError } from "./errors";

const JS_SPECIAL = new Set([".", "^", "$", "\\", "/", "(", ")", "[", "]", "{", "}", "|", "*", "+", "?", "-"]);

function literal(c: string): string {
  return JS_SPECIAL.has(c) ? `\\${c}` : c;
}

function checkEscape(escape: string | undefined): void {
  if (escape !== undefined && [...escape].length !== 1) {
    throw new SqlDataError("Invalid escape", `Invalid escape character '${escape}'; it must be one character`);
  }
}

export function likeToRegExp(pattern: string, escape?: string): RegExp {
  checkEscape(escape);
  let out = "";
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? "";
    if (escape !== undefined && c === escape) {
      const next = chars[++i];
      if (next === undefined) throw new SqlDataError("Invalid escape", `Invalid escape sequence at the end of '${pattern}'`);
      out += literal(next);
    } else if (c === "%") out += "[\\s\\S]*";
    else if (c === "_") out += "[\\s\\S]";
    else out += literal(c);
  }
  return new RegExp(`^${out}$`, "u");
}

export function similarToRegExp(pattern: string, escape?: string): RegExp {
  checkEscape(escape);
  let out = "";
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] ?? "";
    if (escape !== undefined && c === escape) {
      const next = chars[++i];
      if (next === undefined) throw new SqlDataError("Invalid escape", `Invalid escape sequence at the end of '${pattern}'`);
      out += literal(next);
      continue;
    }
    switch (c) {
      case "%":
        out += "[\\s\\S]*";
        break;
      case "_":
        out += "[\\s\\S]";
        break;
      case "|":
      case "*":
      case "+":
      case "?":
      case "(":
      case ")":
        out += c;
        break;
      case "{": {
        const close = chars.indexOf("}", i);
        if (close < 0) throw new SqlDataError("Invalid regular expression", `Unclosed { in SIMILAR TO pattern '${pattern}'`);
        out += chars.slice(i, close + 1).join("");
        i = close;
        break;
      }
      case "[": {
        // The class runs to the first "]" that does not close a [:NAME:] inside it.
        let j = i + 1;
        let body = "";
        while (j < chars.length && chars[j] !== "]") {
          if (chars[j] === "[" && chars[j + 1] === ":") {
            const end = chars.indexOf("]", j);
            if (end < 0) break;
            body += chars.slice(j, end + 1).join("");
            j = end + 1;
            continue;
          }
          body += chars[j] ?? "";
          j++;
        }
        if (j >= chars.length) throw new SqlDataError("Invalid regular expression", `Unclosed [ in SIMILAR TO pattern '${pattern}'`);
        out += `[${characterClass(body)}]`;
        i = j;
        break;
      }
      default:
        out += literal(c);
    }
  }
  try {
    return new RegExp(`^(?:${out})$`, "u");
  } catch {
    throw new SqlDataError("Invalid regular expression", `Invalid SIMILAR TO pattern '${pattern}'`);
  }
}

const CLASSES: Record<string, string> = {
  "[:ALPHA:]": "A-Za-z",
  "[:UPPER:]": "A-Z",
  "[:LOWER:]": "a-z",
  "[:DIGIT:]": "0-9",
  "[:ALNUM:]": "A-Za-z0-9",
  "[:SPACE:]": " \\t\\n\\r\\f\\v",
  "[:WHITESPACE:]": " \\t\\n\\r\\f\\v",
};

function characterClass(body: string): string {
  let out = "";
  const negate = body.startsWith("^");
  const rest = negate ? body.slice(1) : body;
  for (let i = 0; i < rest.length; i++) {
    if (rest.startsWith("[:", i)) {
      const end = rest.indexOf(":]", i);
      const named = CLASSES[rest.slice(i, end + 2).toUpperCase()];
      if (end < 0 || named === undefined) throw new SqlDataError("Invalid regular expression", `Unknown character class in '[${body}]'`);
      out += named;
      i = end + 1;
      continue;
    }
    const c = rest[i] ?? "";
    out += c === "\\" || c === "]" || c === "[" ? `\\${c}` : c;
  }
  return (negate ? "^" : "") + out;
}

/** Compiles patterns lazily and keeps the last few, for patterns that are not constants. */
export class PatternCache {
  private readonly cache = new Map<string, RegExp>();

  constructor(private readonly make: (pattern: string, escape?: string) => RegExp) {}

  get(pattern: string, escape?: string): RegExp {
    const key = escape === undefined ? pattern : `${escape}\u0000${pattern}`;
    let re = this.cache.get(key);
    if (re === undefined) {
      re = this.make(pattern, escape);
      if (this.cache.size >= 64) this.cache.clear();
      this.cache.set(key, re);
    }
    return re;
  }
}
