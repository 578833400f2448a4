/**
 * W3C_LOG_PARSE(text, format): a web server log line split by its Apache LogFormat into COLUMN1 ...
 * COLUMNn, one per format specifier, each typed by what the specifier can hold.
 *
 * API (for the engine):
 *   const parser = compileW3cLogParse(format)   // a predefined name or an Apache format string
 *   parser.columns -> LogColumn[] (COLUMN1..n, VARCHAR(1024) or BIGINT)
 *   parser.parse(line) -> values in column order, or null for a NULL line or one that does not fit
 *
 * Predefined formats, as AWS's table names them: COMMON `%h %l %u %t "%r" %>s %b`, COMMON WITH VHOST
 * `%v %h %l %u %t "%r" %>s %b`, NCSA EXTENDED `%h %l %u %t "%r" %>s %b "%[Referer]i" "%[User-agent]i"`,
 * REFERER `%[Referer]i ---> %U`, AGENT `%[User-agent]i`; IIS, which AWS lists without its fields, is
 * Microsoft's IIS log file format (15 comma-separated fields). Specifiers take AWS's `%[name]x`
 * and Apache's `%{name}x` forms, with Apache's status conditions (`%400,501[User-agent]i`) and `<`/`>`.
 *
 * As AWS's example shows, `%t` keeps its brackets (`[24/May/2004:22:01:02 -0700]`) unless the format
 * writes them (`[%t]`); a specifier inside quotes (`"%r"`) takes everything up to the closing quote,
 * skipping Apache's escaped quotes (\"). Types follow AWS's note: %b (bytes, as AWS describes it) and
 * the other counters (%s, %>s, %D, %T, %I, %O, %p, %P) are BIGINT, "-" being NULL; %B and
 * everything else are VARCHAR(1024).
 * Gaps: W3C Extended Log Format files describe their fields in a #Fields: directive, which a single
 * line cannot carry; write the fields as a custom format instead.
 */
import { AnalyticsFunctionError } from "../errors";
import type { LogColumn, LogValue } from "./columns";

const FUNCTION = "W3C_LOG_PARSE";

export const W3C_PREDEFINED_FORMATS: Readonly<Record<string, string>> = {
  COMMON: '%h %l %u %t "%r" %>s %b',
  "COMMON WITH VHOST": '%v %h %l %u %t "%r" %>s %b',
  "NCSA EXTENDED": '%h %l %u %t "%r" %>s %b "%[Referer]i" "%[User-agent]i"',
  REFERER: "%[Referer]i ---> %U",
  AGENT: "%[User-agent]i",
};

const IIS_FIELDS = 15;
const NUMERIC_SPECIFIERS = new Set(["b", "s", "D", "T", "I", "O", "p", "P"]);

type Token = { kind: "literal"; text: string } | { kind: "field"; letter: string; name: string };

export interface W3cParser {
  readonly columns: readonly LogColumn[];
  parse(line: string | null): LogValue[] | null;
}

export function compileW3cLogParse(format: string): W3cParser {
  const name = format.trim().replace(/\s+/g, " ").toUpperCase();
  if (name === "IIS") return iisParser();
  const tokens = tokenize(W3C_PREDEFINED_FORMATS[name] ?? format);
  const fields = tokens.filter((t): t is Extract<Token, { kind: "field" }> => t.kind === "field");
  if (fields.length === 0) {
    throw new AnalyticsFunctionError(FUNCTION, "format", `'${format}' is neither a predefined format (COMMON, COMMON WITH VHOST, NCSA EXTENDED, REFERER, AGENT, IIS) nor a format with % specifiers`);
  }
  const columns: LogColumn[] = fields.map((field, i) =>
    NUMERIC_SPECIFIERS.has(field.letter) && field.name === ""
      ? { name: `COLUMN${i + 1}`, type: "BIGINT", notNull: false }
      : { name: `COLUMN${i + 1}`, type: "VARCHAR", length: 1024, notNull: false },
  );
  return {
    columns,
    parse(line) {
      if (line === null) return null;
      const texts = match(tokens, line);
      if (texts === null) return null;
      return texts.map((text, i) => (columns[i]?.type === "BIGINT" ? toNumber(text) : text.slice(0, 1024)));
    },
  };
}

function toNumber(text: string): number | null {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : null;
}

function tokenize(format: string): Token[] {
  const tokens: Token[] = [];
  let literal = "";
  let i = 0;
  while (i < format.length) {
    const c = format[i] ?? "";
    if (c !== "%") {
      literal += c;
      i++;
      continue;
    }
    if (format[i + 1] === "%") {
      literal += "%";
      i += 2;
      continue;
    }
    // %[!][status,...][<|>][[name]|{name}]letter
    const spec = /^%!?[0-9,]*[<>]?(?:\[([^\]]*)\]|\{([^}]*)\})?([A-Za-z])/.exec(format.slice(i));
    if (spec === null) throw new AnalyticsFunctionError(FUNCTION, "format", `unrecognised specifier at position ${i} in '${format}'`);
    if (literal !== "") tokens.push({ kind: "literal", text: literal });
    literal = "";
    tokens.push({ kind: "field", letter: spec[3] ?? "", name: spec[1] ?? spec[2] ?? "" });
    i += spec[0].length;
  }
  if (literal !== "") tokens.push({ kind: "literal", text: literal });
  return tokens;
}

/** Walks the format over the line; null when a literal part is not where the format puts it. */
function match(tokens: Token[], line: string): string[] | null {
  const values: string[] = [];
  let i = 0;
  for (let k = 0; k < tokens.length; k++) {
    const token = tokens[k];
    if (token === undefined) break;
    if (token.kind === "literal") {
      const end = matchLiteral(token.text, line, i);
      if (end < 0) return null;
      i = end;
      continue;
    }
    const previous = tokens[k - 1];
    const following = tokens[k + 1];
    const quoted = previous?.kind === "literal" && previous.text.endsWith('"');
    let end: number;
    if (token.letter === "t" && line[i] === "[" && !(previous?.kind === "literal" && previous.text.endsWith("["))) {
      const close = line.indexOf("]", i);
      end = close < 0 ? line.length : close + 1;
    } else if (following === undefined) {
      end = line.length;
    } else if (following.kind === "literal") {
      end = findLiteral(following.text, line, i, quoted);
      if (end < 0) return null;
    } else {
      // Two specifiers with nothing between them: the first takes up to the next space.
      const space = line.slice(i).search(/\s/);
      end = space < 0 ? line.length : i + space;
    }
    values.push(line.slice(i, end));
    i = end;
  }
  return values;
}

/** Where a literal ends when it starts at i; a space in the format matches any run of spaces. */
function matchLiteral(literal: string, line: string, start: number): number {
  let i = start;
  for (let k = 0; k < literal.length; k++) {
    const c = literal[k] ?? "";
    if (c === " ") {
      if (line[i] !== " " && line[i] !== "\t") return -1;
      while (line[i] === " " || line[i] === "\t") i++;
      while (literal[k + 1] === " ") k++;
    } else {
      if (line[i] !== c) return -1;
      i++;
    }
  }
  return i;
}

/** Where the next occurrence of a literal's first non-space character starts, skipping \" inside quotes. */
function findLiteral(literal: string, line: string, start: number, quoted: boolean): number {
  const first = literal.trimStart() === literal ? literal[0] ?? "" : " ";
  for (let i = start; i < line.length; i++) {
    if (quoted && line[i] === "\\") {
      i++;
      continue;
    }
    const c = line[i] ?? "";
    if (first === " " ? c === " " || c === "\t" : c === first) {
      if (matchLiteral(literal, line, i) >= 0) return i;
    }
  }
  return -1;
}

function iisParser(): W3cParser {
  const columns: LogColumn[] = Array.from({ length: IIS_FIELDS }, (_, i) => ({ name: `COLUMN${i + 1}`, type: "VARCHAR", length: 1024, notNull: false }));
  return {
    columns,
    parse(line) {
      if (line === null) return null;
      const parts = line.split(",").map((part) => part.trim());
      if (parts.length < IIS_FIELDS) return null;
      // The last field (the request's parameters) may itself hold commas.
      return [...parts.slice(0, IIS_FIELDS - 1), parts.slice(IIS_FIELDS - 1).join(",")];
    },
  };
}
