/**
 * VARIABLE_COLUMN_LOG_PARSE(text, columns, delimiter [, escape, quote]): splits a string into fields
 * at a delimiter (a character or a longer string), as for CSV or tab-separated values.
 *
 * API (for the engine): compile once per call site, parse per row.
 *   const parser = compileVariableColumnLogParse(columns, delimiter, escape?, quote?)
 *     - columns: a number n (COLUMN1..COLUMNn, VARCHAR(1024)) or a column list
 *       'COL_1 TYPE VARCHAR(16), COL_2 TYPE INTEGER NOT NULL, "when" TYPE TIMESTAMP ''dd/MMM/yyyy:HH:mm:ss'''
 *   parser.columns -> LogColumn[] (names and types of the ROW result)
 *   parser.parse(text) -> values in column order (null for a NULL input)
 *
 * As AWS documents: an escape character before the delimiter keeps it in the field ("a\,b" is one
 * field "a,b"); a quote string of one character both opens and closes a quoted part, of two the
 * first opens and the second closes, and a quoted part keeps its delimiters (the quotes themselves
 * are dropped). Fields beyond the columns are ignored; missing fields are NULL.
 * Deliberate choices AWS leaves open: an escape before any other character keeps that character
 * (and drops the escape); an empty delimiter is refused.
 */
import { AnalyticsFunctionError } from "../errors";
import { convert, defaultColumns, type LogColumn, type LogValue, parseColumnList } from "./columns";

const FUNCTION = "VARIABLE_COLUMN_LOG_PARSE";

export interface VariableColumnParser {
  readonly columns: readonly LogColumn[];
  parse(text: string | null): LogValue[] | null;
}

export function compileVariableColumnLogParse(columns: number | string, delimiter: string, escape = "", quote = ""): VariableColumnParser {
  const list = typeof columns === "number" ? numbered(columns) : parseColumnList(FUNCTION, columns);
  if (delimiter.length === 0) throw new AnalyticsFunctionError(FUNCTION, "delimiter", "the delimiter string must not be empty");
  if (quote.length > 2) throw new AnalyticsFunctionError(FUNCTION, "quote", `the quote string must be one or two characters; got '${quote}'`);
  const open = quote[0] ?? "";
  const close = quote[1] ?? open;
  const escapeChar = escape[0] ?? "";
  return {
    columns: list,
    parse(text) {
      if (text === null) return null;
      const fields = split(text, delimiter, escapeChar, open, close, list.length);
      return list.map((column, i) => convert(FUNCTION, column, fields[i]));
    },
  };
}

function numbered(count: number): LogColumn[] {
  if (!Number.isInteger(count) || count < 1) {
    throw new AnalyticsFunctionError(FUNCTION, "columns", `the number of columns must be a positive integer; got ${String(count)}`);
  }
  return defaultColumns(count);
}

/** Splits text into at most `limit` fields (the rest of the line is dropped). */
export function split(text: string, delimiter: string, escape: string, open: string, close: string, limit: number): string[] {
  const fields: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  while (i < text.length && fields.length < limit) {
    const c = text[i] ?? "";
    if (escape !== "" && c === escape && i + 1 < text.length) {
      if (text.startsWith(delimiter, i + 1)) {
        field += delimiter;
        i += 1 + delimiter.length;
      } else {
        field += text[i + 1] ?? "";
        i += 2;
      }
      continue;
    }
    if (quoted) {
      if (c === close) quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (open !== "" && c === open) {
      quoted = true;
      i++;
      continue;
    }
    if (text.startsWith(delimiter, i)) {
      fields.push(field);
      field = "";
      i += delimiter.length;
      continue;
    }
    field += c;
    i++;
  }
  if (fields.length < limit) fields.push(field);
  return fields;
}
