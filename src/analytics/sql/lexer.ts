/**
 * Splits application code into tokens, each with its line and column (both from 1, a tab counting as
 * one column, as AWS's parser counts).
 *
 * Identifiers: unquoted ones fold to upper case (so keywords are recognised by their upper-case text);
 * "quoted" ones keep their case and may hold any character, "" standing for one double quote.
 * Literals: 'strings' ('' for a quote), U&'unicode \0009 escapes', X'hex bytes', numbers (integer,
 * decimal, approximate with E). Comments: -- to the end of the line, and /* ... *\/.
 * Gap: U&'...' UESCAPE (another escape character) is not supported.
 */
import { SqlLexicalError, type SourcePosition } from "./errors";

export type TokenKind = "ident" | "quoted" | "string" | "binary" | "integer" | "decimal" | "approx" | "symbol" | "eof";

export interface Token {
  readonly kind: TokenKind;
  /** Identifiers: the folded name; strings: the unescaped text; numbers and symbols: the text. */
  readonly value: string;
  /** The source text, as shown in error messages. */
  readonly text: string;
  readonly start: SourcePosition;
  readonly end: SourcePosition;
}

const SYMBOLS = ["<>", "!=", "<=", ">=", "||", "(", ")", ",", ".", ";", "+", "-", "*", "/", "%", "=", "<", ">"];

function isIdentStart(c: string): boolean {
  return (c >= "A" && c <= "Z") || (c >= "a" && c <= "z") || c === "_" || c > "\u007f";
}
function isIdentPart(c: string): boolean {
  return isIdentStart(c) || isDigit(c) || c === "$";
}
function isDigit(c: string): boolean {
  return c >= "0" && c <= "9";
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  let column = 1;

  const here = (): SourcePosition => ({ line, column });
  const advance = (n: number): void => {
    for (let k = 0; k < n; k++) {
      if (source[i] === "\n") {
        line++;
        column = 1;
      } else {
        column++;
      }
      i++;
    }
  };
  // The position of the last character consumed, for tokens' end positions.
  let lastLine = 1;
  let lastColumn = 1;
  const take = (n: number): string => {
    const text = source.slice(i, i + n);
    for (let k = 0; k < n; k++) {
      lastLine = line;
      lastColumn = column;
      advance(1);
    }
    return text;
  };
  const push = (kind: TokenKind, value: string, text: string, start: SourcePosition): void => {
    tokens.push({ kind, value, text, start, end: { line: lastLine, column: lastColumn } });
  };

  while (i < source.length) {
    const c = source[i] ?? "";
    const next = source[i + 1] ?? "";
    if (c === " " || c === "\t" || c === "\r" || c === "\n" || c === "\f") {
      advance(1);
      continue;
    }
    if (c === "-" && next === "-") {
      while (i < source.length && source[i] !== "\n") advance(1);
      continue;
    }
    if (c === "/" && next === "*") {
      const start = here();
      advance(2);
      while (i < source.length && !(source[i] === "*" && source[i + 1] === "/")) advance(1);
      if (i >= source.length) throw new SqlLexicalError(start, `Encountered: <EOF> after : "/*" (an unterminated comment)`);
      advance(2);
      continue;
    }
    const start = here();
    if ((c === "U" || c === "u") && next === "&" && source[i + 2] === "'") {
      take(2);
      const { value, text } = readQuoted("'", start);
      push("string", unicodeUnescape(value, start), `U&${text}`, start);
      continue;
    }
    if ((c === "X" || c === "x") && next === "'") {
      take(1);
      const { value, text } = readQuoted("'", start);
      push("binary", [...value].filter((ch) => ch !== " " && ch !== "\n" && ch !== "\t" && ch !== "\r").join(""), `X${text}`, start);
      continue;
    }
    if ((c === "N" || c === "n") && next === "'") {
      // National character literal: the same as a plain string here.
      take(1);
      const { value, text } = readQuoted("'", start);
      push("string", value, `N${text}`, start);
      continue;
    }
    if (c === "'") {
      const { value, text } = readQuoted("'", start);
      push("string", value, text, start);
      continue;
    }
    if (c === '"') {
      const { value, text } = readQuoted('"', start);
      if (value.length === 0) throw new SqlLexicalError(start, "A quoted identifier must not be empty");
      push("quoted", value, text, start);
      continue;
    }
    if (isDigit(c) || (c === "." && isDigit(next))) {
      readNumber(start);
      continue;
    }
    if (isIdentStart(c)) {
      let n = 1;
      while (i + n < source.length && isIdentPart(source[i + n] ?? "")) n++;
      const text = take(n);
      push("ident", text.toUpperCase(), text, start);
      continue;
    }
    const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
    if (symbol !== undefined) {
      const text = take(symbol.length);
      push("symbol", text === "!=" ? "<>" : text, text, start);
      continue;
    }
    throw new SqlLexicalError(start, `Encountered: "${c}" (${c.codePointAt(0) ?? 0}), after : ""`);
  }
  tokens.push({ kind: "eof", value: "<EOF>", text: "<EOF>", start: here(), end: here() });
  return tokens;

  function readQuoted(quote: string, start: SourcePosition): { value: string; text: string } {
    const from = i;
    take(1);
    let value = "";
    for (;;) {
      if (i >= source.length) {
        throw new SqlLexicalError(start, `Encountered: <EOF> after : "${source.slice(from, from + 20)}" (an unterminated ${quote === "'" ? "string" : "quoted identifier"})`);
      }
      const ch = source[i] ?? "";
      if (ch === quote) {
        if (source[i + 1] === quote) {
          value += quote;
          take(2);
          continue;
        }
        take(1);
        break;
      }
      value += ch;
      take(1);
    }
    return { value, text: source.slice(from, i) };
  }

  function readNumber(start: SourcePosition): void {
    let n = 0;
    while (isDigit(source[i + n] ?? "")) n++;
    let kind: TokenKind = "integer";
    if (source[i + n] === "." && isDigit(source[i + n + 1] ?? "")) {
      kind = "decimal";
      n++;
      while (isDigit(source[i + n] ?? "")) n++;
    } else if (source[i + n] === "." && !isIdentStart(source[i + n + 1] ?? "")) {
      // "1." is a decimal literal too.
      kind = "decimal";
      n++;
    }
    const e = source[i + n];
    if (e === "E" || e === "e") {
      let m = n + 1;
      if (source[i + m] === "+" || source[i + m] === "-") m++;
      if (isDigit(source[i + m] ?? "")) {
        while (isDigit(source[i + m] ?? "")) m++;
        n = m;
        kind = "approx";
      }
    }
    const text = take(n);
    push(kind, text, text, start);
  }
}

/** U&'...' escapes: \XXXX or \+XXXXXX code points, \\ for a backslash. */
function unicodeUnescape(value: string, at: SourcePosition): string {
  let out = "";
  for (let k = 0; k < value.length; k++) {
    const ch = value[k] ?? "";
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    if (value[k + 1] === "\\") {
      out += "\\";
      k++;
      continue;
    }
    const long = value[k + 1] === "+";
    const digits = long ? value.slice(k + 2, k + 8) : value.slice(k + 1, k + 5);
    if (![...digits].every(isHexDigit) || digits.length !== (long ? 6 : 4)) {
      throw new SqlLexicalError(at, `Unicode escape "\\${digits}" in a U& literal is not 4 (or + and 6) hexadecimal digits`);
    }
    out += String.fromCodePoint(parseInt(digits, 16));
    k += long ? 7 : 4;
  }
  return out;
}

export function isHexDigit(c: string): boolean {
  return isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F");
}
