/**
 * AWS's log parsers (src/analytics/functions/logs/) as the engine's scalar plug-ins, each answering a
 * ROW whose fields the code reaches as `alias.r.COLUMN1`:
 *   W3C_LOG_PARSE(text, 'format')
 *   REGEX_LOG_PARSE(text, 'pattern' [, 'columns'])
 *   VARIABLE_COLUMN_LOG_PARSE(text, columns (a count or 'list'), 'delimiter' [, 'escape' [, 'quote']])
 *   FIXED_COLUMN_LOG_PARSE(text, 'list')
 * Every argument after the text must be a constant: the parser is compiled once, at bind time. A
 * NULL text, or a line that does not fit, gives a NULL row; a field that does not convert to its
 * column's type sends the row to error_stream.
 */
import {
  compileFixedColumnLogParse,
  compileRegexLogParse,
  compileVariableColumnLogParse,
  compileW3cLogParse,
  sqlTypeOf,
  type LogColumn,
  type LogValue,
} from "../functions";
import { parseColumnType, SqlArgumentError, SqlTypes, type ScalarArgument, type ScalarFunction, type SqlValue } from "../sql";
import { binding, perRow } from "./arguments";

interface Parser {
  readonly columns: readonly LogColumn[];
  parse(text: string | null): LogValue[] | null;
}

const PARSE_ERROR = "Log parse error";

function constantText(name: string, parameter: string, arg: ScalarArgument | undefined): string {
  if (arg?.constant !== true || typeof arg.value !== "string") {
    throw new SqlArgumentError(`${name}: ${parameter} must be a constant character string`);
  }
  return arg.value;
}

function optionalText(name: string, parameter: string, arg: ScalarArgument | undefined): string | undefined {
  return arg === undefined ? undefined : constantText(name, parameter, arg);
}

/** A parser plug-in: `compile` reads the constant arguments (after the text) and builds the parser. */
function logParser(name: string, arity: { min: number; max: number }, compile: (args: readonly ScalarArgument[]) => Parser): ScalarFunction {
  return {
    name,
    bind(args) {
      if (args.length < arity.min || args.length > arity.max) {
        throw new SqlArgumentError(`${name} takes ${arity.min === arity.max ? arity.min : `${arity.min} to ${arity.max}`} arguments; got ${args.length}`);
      }
      const parser = binding(() => compile(args));
      const fields = parser.columns.map((column) => ({ name: column.name, type: parseColumnType(sqlTypeOf(column)) }));
      return {
        type: SqlTypes.row(fields),
        evaluate(values): SqlValue {
          const text = values[0];
          if (text === null || text === undefined) return null;
          return perRow(PARSE_ERROR, () => parser.parse(typeof text === "string" ? text : String(text)));
        },
      };
    },
  };
}

export const logParsers: readonly ScalarFunction[] = [
  logParser("W3C_LOG_PARSE", { min: 2, max: 2 }, (args) => compileW3cLogParse(constantText("W3C_LOG_PARSE", "format", args[1]))),
  logParser("REGEX_LOG_PARSE", { min: 2, max: 3 }, (args) =>
    compileRegexLogParse(constantText("REGEX_LOG_PARSE", "regex-pattern", args[1]), optionalText("REGEX_LOG_PARSE", "columns", args[2])),
  ),
  logParser("VARIABLE_COLUMN_LOG_PARSE", { min: 3, max: 5 }, (args) => {
    const name = "VARIABLE_COLUMN_LOG_PARSE";
    const columns = args[1];
    const list = columns?.constant === true && typeof columns.value === "number" ? columns.value : constantText(name, "columns", columns);
    return compileVariableColumnLogParse(
      list,
      constantText(name, "delimiter", args[2]),
      optionalText(name, "escape", args[3]),
      optionalText(name, "quote", args[4]),
    );
  }),
  logParser("FIXED_COLUMN_LOG_PARSE", { min: 2, max: 2 }, (args) =>
    compileFixedColumnLogParse(constantText("FIXED_COLUMN_LOG_PARSE", "columns", args[1])),
  ),
];
