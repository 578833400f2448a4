/**
 * FIXED_COLUMN_LOG_PARSE(text, 'name TYPE type [NOT NULL] START n [FOR m], ...'): fixed-width
 * fields, each converted to its SQL type. START is 0-based; without FOR a field runs to the end.
 *
 * API (for the engine):
 *   const parser = compileFixedColumnLogParse(columnList)
 *   parser.columns -> LogColumn[];  parser.parse(text) -> values in column order (null for a NULL input)
 *
 * Deliberate choices AWS leaves open: a field that starts past the end of the text is NULL; a
 * CHAR/VARCHAR field keeps its padding (CAST or TRIM it), while the other types ignore it.
 */
import { convert, type LogColumn, type LogValue, parseColumnList } from "./columns";

const FUNCTION = "FIXED_COLUMN_LOG_PARSE";

export interface FixedColumnParser {
  readonly columns: readonly LogColumn[];
  parse(text: string | null): LogValue[] | null;
}

export function compileFixedColumnLogParse(columnList: string): FixedColumnParser {
  const columns = parseColumnList(FUNCTION, columnList, { allowPosition: true });
  return {
    columns,
    parse(text) {
      if (text === null) return null;
      return columns.map((column) => {
        const start = column.start ?? 0;
        if (start >= text.length) return convert(FUNCTION, column, undefined);
        const end = column.width === undefined ? text.length : start + column.width;
        return convert(FUNCTION, column, text.slice(start, end));
      });
    },
  };
}
