/**
 * What the log parsers share: the columns they return and how a piece of text becomes a value of a
 * column's SQL type.
 *
 * Values use the engine's representation (src/analytics/sql/values.ts): every numeric type is a
 * number, CHAR/VARCHAR a string, BOOLEAN a boolean, TIMESTAMP epoch milliseconds (UTC), DATE the
 * milliseconds of its midnight, TIME milliseconds since midnight.
 *
 * The column list of VARIABLE_COLUMN_LOG_PARSE and FIXED_COLUMN_LOG_PARSE (and REGEX_LOG_PARSE's
 * optional one) is parsed here: `<identifier> TYPE <data type> [NOT NULL] [START n [FOR m]]`, where
 * DATE, TIME and TIMESTAMP may carry a java.text.SimpleDateFormat pattern in single quotes
 * (`"name" TYPE TIMESTAMP 'dd/MMM/yyyy:HH:mm:ss'`). Unquoted identifiers fold to upper case, as SQL's do.
 *
 * Gaps: SimpleDateFormat's pattern letters are supported as far as parsing log dates needs (G, w, W,
 * D, F, u, k, K are not); text that does not convert throws AnalyticsFunctionError, which the engine
 * sends to error_stream.
 */
import { AnalyticsFunctionError } from "../errors";

export type LogValue = string | number | boolean | null;

export type LogTypeName =
  | "VARCHAR"
  | "CHAR"
  | "INTEGER"
  | "BIGINT"
  | "SMALLINT"
  | "TINYINT"
  | "DOUBLE"
  | "REAL"
  | "FLOAT"
  | "DECIMAL"
  | "BOOLEAN"
  | "DATE"
  | "TIME"
  | "TIMESTAMP";

export interface LogColumn {
  name: string;
  type: LogTypeName;
  /** VARCHAR/CHAR length; DECIMAL precision. */
  length?: number;
  /** DECIMAL scale. */
  scale?: number;
  /** SimpleDateFormat pattern for DATE, TIME and TIMESTAMP. */
  format?: string;
  notNull: boolean;
  /** FIXED_COLUMN_LOG_PARSE: where the field starts (0-based) and how many characters it has. */
  start?: number;
  width?: number;
}

/** The column type as SQL text, e.g. VARCHAR(1024), for the engine's type parser. */
export function sqlTypeOf(column: LogColumn): string {
  if (column.type === "VARCHAR" || column.type === "CHAR") return `${column.type}(${column.length ?? 1024})`;
  if (column.type === "DECIMAL") return column.length === undefined ? "DECIMAL" : `DECIMAL(${column.length},${column.scale ?? 0})`;
  return column.type;
}

/** COLUMN1 ... COLUMNn, each VARCHAR(1024): the default of REGEX_LOG_PARSE and VARIABLE_COLUMN_LOG_PARSE. */
export function defaultColumns(count: number): LogColumn[] {
  return Array.from({ length: count }, (_, i) => ({ name: `COLUMN${i + 1}`, type: "VARCHAR" as const, length: 1024, notNull: false }));
}

// ---- the column list ------------------------------------------------------------------------------

type Token = { kind: "word" | "quoted" | "string" | "number" | "symbol"; text: string; at: number };

function tokenize(functionName: string, text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? "";
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      // A quoted identifier or a format string; a doubled quote stands for itself.
      let value = "";
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new AnalyticsFunctionError(functionName, "columns", `unterminated ${c} at position ${i} in '${text}'`);
        if (text[j] === c) {
          if (text[j + 1] === c) {
            value += c;
            j += 2;
            continue;
          }
          break;
        }
        value += text[j];
        j++;
      }
      tokens.push({ kind: c === '"' ? "quoted" : "string", text: value, at: i });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const match = /^[0-9]+/.exec(text.slice(i))?.[0] ?? c;
      tokens.push({ kind: "number", text: match, at: i });
      i += match.length;
    } else if (/[A-Za-z_]/.test(c)) {
      const match = /^[A-Za-z_][A-Za-z0-9_$]*/.exec(text.slice(i))?.[0] ?? c;
      tokens.push({ kind: "word", text: match, at: i });
      i += match.length;
    } else {
      tokens.push({ kind: "symbol", text: c, at: i });
      i++;
    }
  }
  return tokens;
}

const TYPE_ALIASES: Record<string, LogTypeName> = {
  VARCHAR: "VARCHAR",
  CHAR: "CHAR",
  CHARACTER: "CHAR",
  INTEGER: "INTEGER",
  INT: "INTEGER",
  BIGINT: "BIGINT",
  SMALLINT: "SMALLINT",
  TINYINT: "TINYINT",
  DOUBLE: "DOUBLE",
  REAL: "REAL",
  FLOAT: "FLOAT",
  DECIMAL: "DECIMAL",
  NUMERIC: "DECIMAL",
  BOOLEAN: "BOOLEAN",
  DATE: "DATE",
  TIME: "TIME",
  TIMESTAMP: "TIMESTAMP",
};

/**
 * Parses a column list. `allowPosition` accepts START/FOR (FIXED_COLUMN_LOG_PARSE, where START is
 * required); `typeOptional` lets a column name stand alone as VARCHAR(1024) (REGEX_LOG_PARSE).
 */
export function parseColumnList(
  functionName: string,
  text: string,
  options: { allowPosition?: boolean; typeOptional?: boolean } = {},
): LogColumn[] {
  const tokens = tokenize(functionName, text);
  let p = 0;
  const peek = (): Token | undefined => tokens[p];
  const fail = (expected: string): never => {
    const token = peek();
    const where = token === undefined ? "at the end" : `at position ${token.at} ('${token.text}')`;
    throw new AnalyticsFunctionError(functionName, "columns", `expected ${expected} ${where} in column list '${text}'`);
  };
  const keyword = (word: string): boolean => {
    const token = peek();
    if (token?.kind === "word" && token.text.toUpperCase() === word) {
      p++;
      return true;
    }
    return false;
  };
  const number = (): number => {
    const token = peek();
    if (token?.kind !== "number") return fail("a number");
    p++;
    return Number(token.text);
  };
  const symbol = (s: string): boolean => {
    if (peek()?.kind === "symbol" && peek()?.text === s) {
      p++;
      return true;
    }
    return false;
  };
  const columns: LogColumn[] = [];
  for (;;) {
    const nameToken = peek();
    if (nameToken === undefined || (nameToken.kind !== "word" && nameToken.kind !== "quoted")) fail("a column name");
    p++;
    const name = nameToken?.kind === "quoted" ? nameToken.text : (nameToken?.text ?? "").toUpperCase();
    const column: LogColumn = { name, type: "VARCHAR", length: 1024, notNull: false };
    const hasType = keyword("TYPE");
    const typeToken = peek();
    if (hasType || (typeToken?.kind === "word" && TYPE_ALIASES[typeToken.text.toUpperCase()] !== undefined && !options.allowPosition)) {
      if (typeToken?.kind !== "word") fail("a data type");
      const type = TYPE_ALIASES[(typeToken?.text ?? "").toUpperCase()];
      if (type === undefined) return fail("a data type");
      p++;
      column.type = type;
      delete column.length;
      if (type === "DOUBLE") keyword("PRECISION");
      if (type === "CHAR" && keyword("VARYING")) column.type = "VARCHAR";
      if (symbol("(")) {
        column.length = number();
        if (symbol(",")) column.scale = number();
        if (!symbol(")")) fail("')'");
      }
      if (column.type === "VARCHAR") column.length ??= 1024;
      if (column.type === "CHAR") column.length ??= 1;
      if ((type === "DATE" || type === "TIME" || type === "TIMESTAMP") && peek()?.kind === "string") {
        column.format = peek()?.text;
        p++;
      }
    } else if (!options.typeOptional) {
      fail("TYPE");
    }
    if (keyword("NOT")) {
      if (!keyword("NULL")) fail("NULL");
      column.notNull = true;
    }
    if (options.allowPosition) {
      if (!keyword("START")) fail("START");
      column.start = number();
      if (keyword("FOR")) column.width = number();
    }
    columns.push(column);
    if (peek() === undefined) break;
    if (!symbol(",")) fail("',' or the end");
  }
  return columns;
}

// ---- conversion -----------------------------------------------------------------------------------

const INTEGER_RANGES: Partial<Record<LogTypeName, [number, number]>> = {
  TINYINT: [-128, 127],
  SMALLINT: [-32768, 32767],
  INTEGER: [-2147483648, 2147483647],
  BIGINT: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};

/** The text of one field as a value of the column's type; `undefined` (field absent) is NULL. */
export function convert(functionName: string, column: LogColumn, text: string | undefined): LogValue {
  const value = convertValue(functionName, column, text);
  if (value === null && column.notNull) {
    throw new AnalyticsFunctionError(functionName, "input", `column ${column.name} is NOT NULL but the field is empty`);
  }
  return value;
}

function convertValue(functionName: string, column: LogColumn, text: string | undefined): LogValue {
  if (text === undefined) return null;
  const bad = (): never => {
    throw new AnalyticsFunctionError(functionName, "input", `cannot convert '${text}' to ${sqlTypeOf(column)} for column ${column.name}`);
  };
  switch (column.type) {
    case "VARCHAR":
      // VARCHAR(n) silently truncates, as in-application streams do.
      return text.slice(0, column.length ?? 1024);
    case "CHAR":
      return text.slice(0, column.length ?? 1).padEnd(column.length ?? 1, " ");
    case "BOOLEAN": {
      const t = text.trim().toUpperCase();
      if (t === "") return null;
      if (t === "TRUE") return true;
      if (t === "FALSE") return false;
      return bad();
    }
    case "DOUBLE":
    case "REAL":
    case "FLOAT":
    case "DECIMAL": {
      const t = text.trim();
      if (t === "") return null;
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return bad();
      const n = Number(t);
      if (column.type === "DECIMAL" && column.scale !== undefined) return Number(n.toFixed(column.scale));
      return column.type === "REAL" ? Math.fround(n) : n;
    }
    case "DATE":
    case "TIME":
    case "TIMESTAMP": {
      const t = text.trim();
      if (t === "") return null;
      const pattern = column.format ?? (column.type === "DATE" ? "yyyy-MM-dd" : column.type === "TIME" ? "HH:mm:ss" : "yyyy-MM-dd HH:mm:ss");
      const ms = parseDate(t, pattern);
      if (ms === null) return bad();
      if (column.type === "DATE") return Math.floor(ms / 86_400_000) * 86_400_000;
      if (column.type === "TIME") return ((ms % 86_400_000) + 86_400_000) % 86_400_000;
      return ms;
    }
    default: {
      const t = text.trim();
      if (t === "") return null;
      const range = INTEGER_RANGES[column.type] ?? [-Infinity, Infinity];
      if (!/^[+-]?\d+$/.test(t)) return bad();
      const n = Number(t);
      if (n < range[0] || n > range[1]) return bad();
      return n;
    }
  }
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/**
 * Parses text with a java.text.SimpleDateFormat pattern (y M d H h a m s S E z Z X and quoted
 * literals) into epoch milliseconds, UTC unless the text carries a zone offset; null if it does not fit.
 */
export function parseDate(text: string, pattern: string): number | null {
  let year = 1970;
  let month = 0;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  let pm: boolean | null = null;
  let offsetMinutes = 0;
  let i = 0;
  let p = 0;
  const digits = (max: number, exact: boolean): number | null => {
    const match = new RegExp(exact ? `^\\d{${max}}` : `^[+-]?\\d{1,${max}}`).exec(text.slice(i));
    if (match === null) return null;
    i += match[0].length;
    return Number(match[0]);
  };
  while (p < pattern.length) {
    const c = pattern[p] ?? "";
    if (c === "'") {
      // Quoted literal text; '' is a single quote.
      const end = pattern.indexOf("'", p + 1);
      const literal = end === p + 1 ? "'" : pattern.slice(p + 1, end < 0 ? pattern.length : end);
      if (!text.startsWith(literal, i)) return null;
      i += literal.length;
      p = end < 0 ? pattern.length : end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      if (text[i] !== c) return null;
      i++;
      p++;
      continue;
    }
    let run = 1;
    while (pattern[p + run] === c) run++;
    p += run;
    // A numeric field directly followed by another takes exactly its width (yyyyMMdd).
    const next = pattern[p] ?? "";
    const exact = /[A-Za-z]/.test(next) && next !== "'";
    switch (c) {
      case "y": {
        const v = digits(run === 2 ? 2 : exact ? run : 9, exact || run === 2);
        if (v === null) return null;
        year = run === 2 ? 2000 + v : v;
        break;
      }
      case "M": {
        if (run >= 3) {
          const word = /^[A-Za-z]+/.exec(text.slice(i))?.[0] ?? "";
          const index = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
          if (index < 0) return null;
          i += word.length;
          month = index;
        } else {
          const v = digits(exact ? run : 2, exact);
          if (v === null) return null;
          month = v - 1;
        }
        break;
      }
      case "E": {
        const word = /^[A-Za-z]+/.exec(text.slice(i))?.[0] ?? "";
        if (!DAYS.includes(word.slice(0, 3).toLowerCase())) return null;
        i += word.length;
        break;
      }
      case "a": {
        const word = text.slice(i, i + 2).toUpperCase();
        if (word !== "AM" && word !== "PM") return null;
        pm = word === "PM";
        i += 2;
        break;
      }
      case "z":
      case "Z":
      case "X": {
        const zone = /^(Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})/.exec(text.slice(i))?.[0];
        if (zone === undefined) return null;
        i += zone.length;
        const sign = zone.startsWith("-") ? -1 : 1;
        const numbers = zone.replace(/[^0-9]/g, "");
        offsetMinutes = numbers.length === 0 ? 0 : sign * (Number(numbers.slice(0, 2)) * 60 + Number(numbers.slice(2) || "0"));
        break;
      }
      default: {
        const v = digits(exact ? run : c === "S" ? 9 : 2, exact);
        if (v === null) return null;
        if (c === "d") day = v;
        else if (c === "H") hour = v;
        else if (c === "h") hour = v % 12;
        else if (c === "m") minute = v;
        else if (c === "s") second = v;
        else if (c === "S") millis = v;
        else return null;
      }
    }
  }
  if (i !== text.length) return null;
  if (pm === true) hour += 12;
  if (month < 0 || month > 11 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  return Date.UTC(year, month, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}
