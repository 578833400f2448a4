/**
 * The parser's view of the tokens: one token of lookahead, and a record of what the grammar tried at
 * the furthest position reached, so a syntax error can say what was expected there (as AWS's parser
 * did: `Was expecting one of: "FROM", ","`).
 */
import type { Identifier } from "./ast";
import { SqlParseError, type SourceSpan } from "./errors";
import type { Token } from "./lexer";

/**
 * Words that cannot be unquoted identifiers because the grammar would not know what they mean there.
 * AWS reserves many more; these are the ones this grammar needs (quote a name to use any of them).
 */
const RESERVED = new Set([
  "ALL", "AND", "AS", "BETWEEN", "BY", "CASE", "CAST", "CREATE", "CROSS", "CURRENT", "CURSOR", "DISTINCT",
  "ELSE", "END", "ESCAPE", "EXCEPT", "FALSE", "FOLLOWING", "FROM", "FULL", "GROUP", "HAVING", "IN", "INNER",
  "INSERT", "INTERSECT", "INTERVAL", "INTO", "IS", "JOIN", "LEFT", "LIKE", "NOT", "NULL", "ON", "OR", "ORDER",
  "OUTER", "OVER", "PARTITION", "PRECEDING", "RANGE", "RIGHT", "ROWS", "SELECT", "SIMILAR", "STREAM", "TABLE",
  "THEN", "TRUE", "UNION", "UNKNOWN", "USING", "VALUES", "WHEN", "WHERE", "WINDOW", "WINDOWED", "WITH",
]);

export function isReserved(word: string): boolean {
  return RESERVED.has(word);
}

export class TokenStream {
  private pos = 0;
  private expected = new Set<string>();
  private expectedAt = -1;

  constructor(private readonly tokens: readonly Token[]) {}

  get current(): Token {
    return this.at(this.pos);
  }

  atEnd(): boolean {
    return this.current.kind === "eof";
  }

  peek(offset = 1): Token {
    return this.at(this.pos + offset);
  }

  private at(index: number): Token {
    const last = this.tokens[this.tokens.length - 1];
    const token = this.tokens[Math.min(index, this.tokens.length - 1)] ?? last;
    if (token === undefined) throw new Error("No tokens");
    return token;
  }

  /** The token before the current one (the last one consumed). */
  get previous(): Token {
    return this.at(Math.max(0, this.pos - 1));
  }

  next(): Token {
    const token = this.current;
    if (token.kind !== "eof") this.pos++;
    return token;
  }

  /** Records that `label` would have been accepted here. */
  note(label: string): void {
    if (this.pos > this.expectedAt) {
      this.expectedAt = this.pos;
      this.expected = new Set();
    }
    if (this.pos === this.expectedAt) this.expected.add(label);
  }

  isKeyword(word: string): boolean {
    this.note(`"${word}"`);
    const t = this.current;
    return t.kind === "ident" && t.value === word;
  }

  acceptKeyword(word: string): Token | undefined {
    return this.isKeyword(word) ? this.next() : undefined;
  }

  expectKeyword(word: string): Token {
    const t = this.acceptKeyword(word);
    if (t === undefined) this.fail();
    return t;
  }

  isSymbol(symbol: string): boolean {
    this.note(`"${symbol}"`);
    const t = this.current;
    return t.kind === "symbol" && t.value === symbol;
  }

  acceptSymbol(symbol: string): Token | undefined {
    return this.isSymbol(symbol) ? this.next() : undefined;
  }

  expectSymbol(symbol: string): Token {
    const t = this.acceptSymbol(symbol);
    if (t === undefined) this.fail();
    return t;
  }

  /** Whether the current token can be an identifier (quoted, or unquoted and not reserved). */
  isIdentifier(): boolean {
    this.note("<IDENTIFIER>");
    return isIdentifierToken(this.current);
  }

  acceptIdentifier(): Identifier | undefined {
    return this.isIdentifier() ? toIdentifier(this.next()) : undefined;
  }

  expectIdentifier(): Identifier {
    const id = this.acceptIdentifier();
    if (id === undefined) this.fail();
    return id;
  }

  /** Throws the syntax error for the current token. */
  fail(): never {
    const t = this.current;
    if (this.expectedAt !== this.pos) this.expected = new Set();
    throw new SqlParseError(t.kind === "eof" ? "<EOF>" : t.text, t.start, [...this.expected].sort(compareLabels));
  }

  /** The span from `start` to the end of the last token consumed. */
  spanFrom(start: Token): SourceSpan {
    return { start: start.start, end: this.previous.end };
  }
}

export function isIdentifierToken(t: Token): boolean {
  return t.kind === "quoted" || (t.kind === "ident" && !RESERVED.has(t.value));
}

export function toIdentifier(t: Token): Identifier {
  return { name: t.value, quoted: t.kind === "quoted", span: { start: t.start, end: t.end } };
}

// Keywords and symbols first (alphabetically), then the <...> categories.
function compareLabels(a: string, b: string): number {
  const ca = a.startsWith("<") ? 1 : 0;
  const cb = b.startsWith("<") ? 1 : 0;
  if (ca !== cb) return ca - cb;
  return a < b ? -1 : a > b ? 1 : 0;
}
