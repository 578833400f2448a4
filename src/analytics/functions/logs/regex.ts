/**
 * REGEX_LOG_PARSE(text, pattern [, columns]): the capturing groups of a Java regular expression, left
 * to right, as COLUMN1 ... COLUMNn (VARCHAR(1024)), or as the named, typed columns of the optional
 * third argument ('name [type], ...').
 *
 * API (for the engine):
 *   const parser = compileRegexLogParse(pattern, columns?)   // throws AnalyticsFunctionError for a pattern it cannot run
 *   parser.columns -> LogColumn[]
 *   parser.parse(text) -> values in column order, or null (the whole ROW) when the pattern does not match
 *
 * The pattern must match the whole string (java.util.regex's matches()); a group that takes no part
 * in the match is NULL. The pattern is translated once (./java-regex.ts says how and what is refused).
 * Gap: JavaScript's engine backtracks, as Java's does, so a pattern that is slow in Java (nested
 * quantifiers) is slow here too; possessive quantifiers and atomic groups, Java's cure, are kept.
 */
import { AnalyticsFunctionError } from "../errors";
import { convert, defaultColumns, type LogColumn, type LogValue, parseColumnList } from "./columns";
import { translateJavaRegex } from "./java-regex";

const FUNCTION = "REGEX_LOG_PARSE";

export interface RegexParser {
  readonly columns: readonly LogColumn[];
  parse(text: string | null): LogValue[] | null;
}

export function compileRegexLogParse(pattern: string, columns?: string): RegexParser {
  const translated = translateJavaRegex(FUNCTION, pattern);
  let regex: RegExp;
  try {
    // Anchored as lookarounds rather than ^ and $, which (?m) would turn into line anchors.
    regex = new RegExp(`(?<![\\s\\S])(?:${translated.source})(?![\\s\\S])`, translated.flags);
  } catch (error) {
    throw new AnalyticsFunctionError(FUNCTION, "regex-pattern", `'${pattern}' is not a valid pattern: ${error instanceof Error ? error.message : String(error)}`);
  }
  const groups = translated.javaGroups.length - 1;
  const list = columns === undefined ? defaultColumns(groups) : parseColumnList(FUNCTION, columns, { typeOptional: true });
  if (list.length > groups) {
    throw new AnalyticsFunctionError(FUNCTION, "columns", `${list.length} columns are named but the pattern has ${groups} capturing group(s)`);
  }
  return {
    columns: list,
    parse(text) {
      if (text === null) return null;
      const match = regex.exec(text);
      if (match === null) return null;
      return list.map((column, i) => convert(FUNCTION, column, match[translated.javaGroups[i + 1] ?? 0]));
    },
  };
}
